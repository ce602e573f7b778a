"""The sending pipeline against a real SMTP server on loopback (aiosmtpd).

Delivery, headers and size; a second press and a second worker send nothing twice;
temporary refusals are retried, permanent ones fail and suppress; someone who
unsubscribes mid-send gets nothing; a connection lost mid-message is 'unknown'.
"""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from newsletter import sending
from newsletter.delivery import Delivery, Send
from newsletter.models import Subscriber
from newsletter.rendering import MAX_MESSAGE_BYTES
from newsletter.worker import Worker
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory, subscribers

Status = Delivery.Status


def start_and_run(edition, **options):
    send, _created = sending.start_send(edition)
    return send, sending.run_send(send, **options)


def statuses(send: Send) -> dict[str, int]:
    return {status: n for status, n in sending.counts(send).items() if n}


@pytest.mark.django_db
def test_every_recipient_gets_one_personal_message(smtp_server, edition):
    people = subscribers(3)
    subscribers(1, status="pending")
    subscribers(1, status="unsubscribed")
    send, summary = start_and_run(edition)

    assert statuses(send) == {"sent": 3}
    assert summary.finished and Send.objects.get(pk=send.pk).finished_at
    assert smtp_server.received() == {person.email: 1 for person in people}
    message = next(m for m in smtp_server.messages if people[0].email in m.envelope_to)
    assert message["Subject"] == "Det sidste nyhedsbrev"
    assert message["Message-ID"] == f"<edition-{edition.pk}.sub-{people[0].pk}@localhost>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = people[0].token
    assert re.search(rf"<https?://[^>]+/{re.escape(token)}/>", message["List-Unsubscribe"])
    assert f"unsubscribe-{token}" in message["List-Unsubscribe"]
    assert len(message.raw) < MAX_MESSAGE_BYTES

    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Landsbyer står stærkere" in text and "mere (https://www.dgi.dk)" in text
    assert f"/{token}/" in text and f"/{token}/" in html  # the personal unsubscribe link
    with translation.override("da"):
        my_data = reverse("newsletter:my_data", args=["x"]).removesuffix("x/")
    assert my_data in text and my_data in html  # the "my data" link
    assert "<style" not in html and 'style="' in html  # CSS inlined
    assert "Landsbyer står stærkere</h2>" in html
    # No tracking: links go where the editor pointed them, no pixels.
    assert 'href="https://www.dgi.dk"' in html
    assert "<img" not in html


@pytest.mark.django_db
def test_message_id_is_stable_per_edition_and_subscriber(smtp_server, edition):
    person = subscribers(1)[0]
    send, _ = start_and_run(edition)
    first = smtp_server.messages[0]["Message-ID"]
    # Resolving an 'unknown' by sending again yields the same Message-ID.
    Delivery.objects.filter(send=send).update(status=Status.UNKNOWN)
    sending.resolve(send, send.deliveries.values_list("pk", flat=True), "requeue")
    sending.run_send(send)
    assert [m["Message-ID"] for m in smtp_server.messages] == [first, first]
    assert first == f"<edition-{edition.pk}.sub-{person.pk}@localhost>"


@pytest.mark.django_db
def test_pressing_send_twice_sends_once(smtp_server, edition):
    people = subscribers(4)
    first, created = sending.start_send(edition)
    again, created_again = sending.start_send(edition)
    assert created and not created_again and first == again
    subscribers(2)  # confirmed after the list was frozen: not added
    sending.start_send(edition)
    assert first.deliveries.count() == 4
    sending.run_send(first)
    sending.run_send(again)
    sending.start_send(edition)
    sending.run_send(first)
    assert smtp_server.received() == {person.email: 1 for person in people}
    assert Send.objects.count() == 1


@pytest.mark.django_db
def test_the_english_translation_is_the_same_send(smtp_server, edition):
    from tests.factories import translate

    subscribers(1, language="da")
    english = subscribers(1, language="en")[0]
    translate(edition.get_parent().get_parent().specific, title="Village clusters")
    translate(edition.get_parent().specific, title="Newsletter", slug="newsletter")
    en_edition = translate(edition, title="The last newsletter", slug="the-last")
    send, created = sending.start_send(en_edition)
    assert created and send.edition_id == edition.pk
    assert sending.start_send(edition) == (send, False)
    sending.run_send(send)
    subjects = {m.envelope_to[0]: m["Subject"] for m in smtp_server.messages}
    assert subjects[english.email] == "The last newsletter"
    assert sorted(subjects.values()) == ["Det sidste nyhedsbrev", "The last newsletter"]


@pytest.mark.django_db
def test_temporary_refusals_are_retried_then_delivered(smtp_server, edition):
    person = subscribers(1)[0]
    smtp_server.refuse[person.email] = ["451 4.3.0 Try again later", "421 4.7.0 Busy"]
    send, summary = start_and_run(edition)
    row = send.deliveries.get()
    assert row.status == Status.SENT and row.attempts == 3
    assert smtp_server.attempts[person.email] == 3 and smtp_server.received() == {person.email: 1}
    assert summary.retried == 2


@pytest.mark.django_db
def test_temporary_refusals_give_up_after_the_attempts(smtp_server, edition, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    person = subscribers(1)[0]
    smtp_server.refuse[person.email] = "452 4.2.2 Mailbox full"
    send, _ = start_and_run(edition)
    row = send.deliveries.get()
    assert row.status == Status.FAILED and row.attempts == 3
    assert "Gave up after 3 attempts" in row.reason and "452" in row.reason
    person.refresh_from_db()
    assert person.status == Subscriber.Status.CONFIRMED  # a full mailbox is not a bounce


@pytest.mark.django_db
def test_permanent_refusal_fails_and_suppresses(smtp_server, edition):
    gone, fine = subscribers(2)
    smtp_server.refuse[gone.email] = "550 5.1.1 No such user"
    send, summary = start_and_run(edition)
    failed = send.deliveries.get(subscriber=gone)
    assert failed.status == Status.FAILED and "550 5.1.1 No such user" in failed.reason
    assert failed.attempts == 1 and smtp_server.attempts[gone.email] == 1
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.SUPPRESSED
    assert smtp_server.received() == {fine.email: 1}
    assert statuses(send) == {"sent": 1, "failed": 1}


@pytest.mark.django_db
def test_who_unsubscribes_during_the_send_gets_nothing(smtp_server, edition, settings):
    settings.NEWSLETTER_CLAIM_SIZE = 2  # rows are checked when claimed, two at a time here
    people = subscribers(6)
    leaving = people[4]
    send, _ = sending.start_send(edition)

    def unsubscribe_when_first_arrives(status):
        if status == "sent":
            Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    sending.run_send(send, on_progress=unsubscribe_when_first_arrives)
    row = send.deliveries.get(subscriber=leaving)
    assert row.status == Status.SKIPPED
    assert leaving.email not in smtp_server.received()
    assert sum(smtp_server.received().values()) == 5


@pytest.mark.django_db
def test_a_connection_lost_during_data_is_unknown_and_not_retried(smtp_server, edition):
    lost, fine = subscribers(2)
    smtp_server.drop_data.add(lost.email)
    send, summary = start_and_run(edition)
    row = send.deliveries.get(subscriber=lost)
    assert row.status == Status.UNKNOWN and "DATA" in row.reason
    assert smtp_server.received()[lost.email] == 1  # it did arrive; the worker cannot know
    assert send.deliveries.get(subscriber=fine).status == Status.SENT
    sending.run_send(send)
    assert smtp_server.received()[lost.email] == 1


@pytest.mark.django_db
def test_one_connection_per_batch(smtp_server, edition, settings):
    settings.NEWSLETTER_BATCH_SIZE = 5
    subscribers(12)
    start_and_run(edition)
    assert len(smtp_server.messages) == 12
    assert smtp_server.connections == 3


@pytest.mark.django_db
def test_rate_limit_spaces_messages(smtp_server, edition):
    subscribers(4)
    send, summary = start_and_run(edition, rate_per_minute=600)  # one every 0.1 s
    assert summary.sent == 4
    assert summary.seconds >= 0.3


@pytest.mark.django_db
def test_stale_sending_rows_become_unknown_and_wait_for_an_editor(smtp_server, edition, django_user_model):
    people = subscribers(3)
    send, _ = sending.start_send(edition)
    rows = list(send.deliveries.order_by("pk"))
    # A worker died after claiming the first row.
    Delivery.objects.filter(pk=rows[0].pk).update(status=Status.SENDING, worker="dead:1", attempts=1)
    summary = sending.run_send(send, resume=True)
    assert summary.recovered == 1
    assert send.deliveries.get(pk=rows[0].pk).status == Status.UNKNOWN
    assert people[0].email not in smtp_server.received()
    editor = django_user_model.objects.create(username="redaktor")
    assert sending.resolve(send, [rows[0].pk], "requeue", editor) == 1
    sending.run_send(send)
    assert smtp_server.received() == {person.email: 1 for person in people}
    assert sending.resolve(send, [rows[0].pk], "sent") == 0  # only unknown rows are resolved


@pytest.mark.django_db
def test_a_fresh_claim_is_left_to_its_worker(smtp_server, edition):
    subscribers(1)
    send, _ = sending.start_send(edition)
    from django.utils import timezone

    send.deliveries.update(status=Status.SENDING, claimed_at=timezone.now(), worker="alive:1")
    summary = sending.run_send(send)
    assert summary.recovered == 0 and not summary.finished
    assert send.deliveries.get().status == Status.SENDING
    assert not smtp_server.messages


@pytest.mark.django_db
def test_too_large_editions_are_refused(smtp_server, edition):
    from wagtail.rich_text import RichText

    subscribers(1)
    huge = "".join(f"<p>Afsnit {n}: {'landsbyklynger ' * 40}</p>" for n in range(400))
    edition.body = [("paragraph_block", RichText(huge))]
    edition.save_revision().publish()
    with pytest.raises(sending.SendRefused, match="KB"):
        sending.start_send(edition)
    assert not Send.objects.exists()


@pytest.mark.django_db
def test_the_task_runs_a_send(smtp_server, edition):
    from newsletter.tasks import deliver_send

    person = subscribers(1)[0]
    send, _ = sending.start_send(edition)
    result = deliver_send.enqueue(send.pk)
    assert result.return_value["sent"] == 1
    assert smtp_server.received() == {person.email: 1}


@pytest.mark.django_db
def test_send_test_goes_to_the_editor_only(smtp_server, edition):
    subscribers(2)
    outcome = sending.send_test(edition, "redaktor@example.org")
    assert outcome.kind == "sent"
    assert smtp_server.received() == {"redaktor@example.org": 1}
    assert smtp_server.messages[0]["Subject"].startswith("[TEST]")
    assert not Send.objects.exists()


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent workers need PostgreSQL's row locking"
)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_workers_send_once(smtp_server, home):
    from django.db import connections

    index = NewsletterIndexPageFactory(parent=home)
    edition = NewsletterEditionPageFactory(parent=index)
    people = subscribers(120)
    send, _ = sending.start_send(edition)
    summaries, errors = [], []

    def work():
        try:
            summaries.append(sending.run_send(send, batch_size=7))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert smtp_server.received() == {person.email: 1 for person in people}
    assert sum(s.sent for s in summaries) == 120
    assert all(s.sent for s in summaries), "every worker got a share"
    assert statuses(send) == {"sent": 120}


@pytest.mark.django_db
def test_send_newsletter_command_starts_resumes_and_reports(smtp_server, edition):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    people = subscribers(3)
    with pytest.raises(CommandError, match="no send to resume"):
        call_command("send_newsletter", str(edition.pk), "--resume", stdout=io.StringIO())
    out = io.StringIO()
    call_command("send_newsletter", edition.slug, stdout=out)
    text = out.getvalue()
    assert "3 recipients frozen" in text and "3/3" in text and "3 sent" in text and "Send finished" in text
    send = Send.objects.get()
    send.deliveries.filter(subscriber=people[0]).update(status=Status.SENDING)
    out = io.StringIO()
    call_command("send_newsletter", str(edition.pk), "--resume", stdout=out)
    assert "1 rows were left 'sending'" in out.getvalue() and "1 unknown" in out.getvalue()
    assert smtp_server.received() == {person.email: 1 for person in people}


def test_lines_starting_with_a_dot_arrive_intact(smtp_server):
    from newsletter.transport import SmtpTransport

    data = b"Subject: prikker\r\nTo: a@example.org\r\n\r\n.begynder med punktum\r\nmidt.i\r\n.\r\nslut\r\n"
    transport = SmtpTransport()
    try:
        assert transport.deliver("afsender@example.org", "a@example.org", data).kind == "sent"
    finally:
        transport.close()
    body = smtp_server.wait_for(1)[0].raw.replace(b"\r\n", b"\n")
    assert body.endswith(b"\n.begynder med punktum\nmidt.i\n.\nslut\n")


@pytest.mark.django_db
def test_an_interrupted_worker_puts_back_what_it_never_sent(smtp_server, edition, settings, monkeypatch):
    settings.NEWSLETTER_CLAIM_SIZE = 4
    people = subscribers(10)
    send, _ = sending.start_send(edition)
    prepare = Worker._prepare
    calls = []

    def interrupted(self, row):
        calls.append(row.pk)
        if len(calls) == 6:  # Ctrl-C while building the second group
            raise KeyboardInterrupt
        return prepare(self, row)

    monkeypatch.setattr(Worker, "_prepare", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sending.run_send(send)
    assert statuses(send) == {"sent": 4, "queued": 6}  # nothing left 'sending' or 'unknown'
    assert set(send.deliveries.filter(status=Status.QUEUED).values_list("attempts", flat=True)) == {0}
    monkeypatch.setattr(Worker, "_prepare", prepare)
    sending.run_send(send)
    assert smtp_server.received() == {person.email: 1 for person in people}


@pytest.mark.django_db
def test_erasing_a_subscriber_clears_smtp_replies_quoting_them(smtp_server, edition):
    from newsletter.subscriptions import erase

    person = subscribers(1)[0]
    smtp_server.refuse[person.email] = f"550 5.1.1 <{person.email}>: user unknown"
    send, _summary = start_and_run(edition)
    delivery = Delivery.objects.get(send=send, subscriber=person)
    assert delivery.status == Status.FAILED and person.email in delivery.reason
    erase(Subscriber.objects.get(pk=person.pk))
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert delivery.reason == ""


@pytest.mark.django_db
def test_personal_links_equal_the_link_functions(settings, monkeypatch):
    """The pipeline's templated links are exactly what the link functions build, in
    every language; an unusual token takes the functions themselves."""
    from django.core import signing

    from newsletter.subscriber_links import (
        PersonalLinks,
        list_unsubscribe_headers,
        my_data_url,
        unsubscribe_url,
    )

    monkeypatch.setattr(signing.time, "time", lambda: 1_700_000_000.0)  # one signing timestamp
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "afmeld@example.org"
    people = [*subscribers(2), *subscribers(2, language="en"), *subscribers(1, language="")]
    odd = subscribers(1)[0]
    odd.token = "with space+plus:colon"  # never made by new_token(); must still be right
    links = PersonalLinks()
    for person in [*people, odd]:
        assert links.links(person) == (
            unsubscribe_url(person),
            my_data_url(person),
            list_unsubscribe_headers(person),
        )
    assert "/en/" in links.links(people[2])[0] and "/da/" in links.links(people[0])[0]
