"""Unsubscribe in one click (RFC 8058), signed links, and "my data"."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import translation

from newsletter import subscriber_links as links
from newsletter import subscriptions
from newsletter.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db


def confirmed(email="gitte@example.dk", language="da") -> Subscriber:
    subscriptions.subscribe(email, language, source_url="http://testserver/da/", ip="10.0.0.7")
    subscriber = Subscriber.objects.by_email(email).get()
    subscriptions.confirm(subscriber, subscriber.consent_records.get())
    return subscriber


def path_of(url: str) -> str:
    assert url.startswith("http://testserver/")
    return url.removeprefix("http://testserver")


def test_list_unsubscribe_headers(smtp_server, settings):
    settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "afmeld@landsbyklynger.dk"
    subscriber = confirmed()
    headers = links.list_unsubscribe_headers(subscriber)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = (part.strip().strip("<>") for part in headers["List-Unsubscribe"].split(","))
    assert https == f"http://testserver/da/nyhedsbrev/afmeld/{subscriber.token}/"
    assert mailto == f"mailto:afmeld@landsbyklynger.dk?subject=unsubscribe-{subscriber.token}"
    assert links.token_from_unsubscribe_subject(f"Re: unsubscribe-{subscriber.token}") == subscriber.token
    en = confirmed("hans@example.org", "en")
    assert "/en/newsletter/unsubscribe/" in links.unsubscribe_url(en)


def test_one_click_post_without_cookies_or_csrf_token(smtp_server):
    subscriber = confirmed()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path_of(links.unsubscribe_url(subscriber)),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not response.cookies.get("csrftoken")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert not Subscriber.objects.sendable().exists()
    withdrawn = subscriber.consent_records.get(action=ConsentRecord.Action.WITHDRAWN)
    assert withdrawn.source == "one-click (RFC 8058)"
    assert withdrawn.source_url == "http://testserver/da/nyhedsbrev/afmeld/"
    # A second POST is harmless.
    assert client.post(path_of(links.unsubscribe_url(subscriber))).status_code == 200
    assert subscriber.consent_records.filter(action=ConsentRecord.Action.WITHDRAWN).count() == 1


def test_get_never_unsubscribes(client, smtp_server):
    subscriber = confirmed()
    for _ in range(3):
        response = client.get(path_of(links.unsubscribe_url(subscriber)))
        assert response.status_code == 200
        assert 'method="post"' in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert client.head(path_of(links.unsubscribe_url(subscriber))).status_code in (200, 405)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_unknown_or_tampered_tokens_are_a_friendly_404(client):
    for path in ("/da/nyhedsbrev/afmeld/nope/", "/en/newsletter/unsubscribe/" + "x" * 200 + "/"):
        response = client.post(path)
        assert response.status_code == 404
        assert (
            "Linket virker ikke" in response.content.decode() or "does not work" in response.content.decode()
        )


def test_confirmation_link_tampering_and_expiry(client, smtp_server, settings):
    subscriptions.subscribe("ida@example.dk", "da")
    subscriber = Subscriber.objects.get()
    url = links.confirm_url(subscriber, subscriber.consent_records.get())
    path = path_of(url)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert client.post(tampered).status_code == 404
    # Another subscriber's token in a payload signed with a different salt does not work.
    forged = links.my_data_url(subscriber).replace("/mine-data/", "/bekraeft/")
    assert client.post(path_of(forged)).status_code == 404
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    response = client.post(path)
    assert response.status_code == 410
    assert "Linket er udløbet" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_my_data_shows_everything_stored_and_deletes_it(client, smtp_server, settings):
    settings.NEWSLETTER_RESEND_INTERVAL = 0
    subscriber = confirmed()
    url = links.my_data_url(subscriber)
    response = Client(enforce_csrf_checks=True).get(path_of(url))
    assert response.status_code == 200
    page = response.content.decode()
    assert "gitte@example.dk" in page
    assert "10.0.0.7" in page
    assert "http://testserver/da/" in page
    wording = subscriber.consent_records.first().consent_text
    assert "version 1" in page and wording.text in page
    assert "tilmeldingsformular" in page and "bekræftelseslink" in page

    # Without ticking the box nothing is deleted.
    assert Client(enforce_csrf_checks=True).post(path_of(url)).status_code == 400
    assert Subscriber.objects.sendable().count() == 1

    response = Client(enforce_csrf_checks=True).post(path_of(url), {"confirm": "yes"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ERASED
    assert subscriber.email is None
    assert not ConsentRecord.objects.exists()
    assert not Subscriber.objects.sendable().exists()
    assert not Subscriber.objects.by_email("gitte@example.dk").exists()
    # Old links die with the data.
    assert client.get(path_of(url)).status_code == 404
    # The address may sign up again later as a new subscriber.
    subscriptions.subscribe("gitte@example.dk", "da")
    assert Subscriber.objects.by_email("gitte@example.dk").get().status == Subscriber.Status.PENDING


def test_my_data_link_in_english_and_expiry(client, smtp_server, settings):
    subscriber = confirmed("jens@example.org", "en")
    url = links.my_data_url(subscriber)
    assert "/en/newsletter/my-data/" in url
    page = client.get(path_of(url)).content.decode()
    assert "Your data" in page and "jens@example.org" in page
    settings.NEWSLETTER_DATA_LINK_MAX_AGE = -1
    assert client.get(path_of(url)).status_code == 410


def test_my_data_request_sends_a_link_only_to_known_addresses_and_says_the_same(client, smtp_server):
    subscriber = confirmed()
    smtp_server.clear()
    known = client.post("/da/nyhedsbrev/mine-data/", {"email": "gitte@example.dk"})
    unknown = client.post("/da/nyhedsbrev/mine-data/", {"email": "nobody@example.dk"})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    [message] = smtp_server.messages
    assert message.envelope_to == ["gitte@example.dk"]
    assert "/da/nyhedsbrev/mine-data/" in message.get_body(preferencelist=("plain",)).get_content()
    assert subscriber.email in message["To"]


def test_suppress_stops_sending(smtp_server):
    subscriber = confirmed()
    assert subscriptions.suppress("GITTE@example.dk", "bounced", "550 5.1.1 user unknown") == subscriber
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUPPRESSED
    assert subscriber.suppression_reason == "bounced"
    assert not Subscriber.objects.sendable().exists()
    assert subscriptions.suppress("unknown@example.dk", "complained") is None
    with pytest.raises(ValueError):
        subscriptions.suppress("gitte@example.dk", "because")


def test_unsubscribe_by_mailto(smtp_server):
    from email.message import EmailMessage

    subscriber = confirmed()
    message = EmailMessage()
    message["Subject"] = "unsubscribe-not-a-real-token-at-all-xx"
    assert not subscriptions.unsubscribe_by_mailto(message)
    del message["Subject"]
    message["Subject"] = f"unsubscribe-{subscriber.token}"
    assert subscriptions.unsubscribe_by_mailto(message)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.consent_records.get(action=ConsentRecord.Action.WITHDRAWN).source == "mailto"


def test_unconfirmed_sign_ups_are_erased_after_a_while(smtp_server, settings):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    settings.NEWSLETTER_RESEND_INTERVAL = 0
    subscriptions.subscribe("old@example.dk", "da", ip="10.9.9.9")
    subscriptions.subscribe("fresh@example.dk", "da")
    keeper = confirmed("kept@example.dk")
    long_ago = timezone.now() - datetime.timedelta(days=60)
    ConsentRecord.objects.filter(subscriber__email__in=["old@example.dk", "kept@example.dk"]).update(
        created_at=long_ago
    )
    out = io.StringIO()
    call_command("purge_unconfirmed_subscribers", stdout=out)
    assert "Erased 1 " in out.getvalue()
    assert not Subscriber.objects.by_email("old@example.dk").exists()
    assert not ConsentRecord.objects.filter(ip_address="10.9.9.9").exists()
    assert Subscriber.objects.by_email("fresh@example.dk").get().status == Subscriber.Status.PENDING
    keeper.refresh_from_db()
    assert keeper.status == Subscriber.Status.CONFIRMED


def test_an_editor_can_unsubscribe_someone_but_not_subscribe_anyone(admin_client, smtp_server):
    subscriber = confirmed()
    response = admin_client.post(
        f"/admin/newsletter_subscribers/edit/{subscriber.pk}/", {"language": "en", "unsubscribe": "on"}
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.language == "en"
    withdrawn = subscriber.consent_records.get(action=ConsentRecord.Action.WITHDRAWN)
    assert withdrawn.source == "editor: admin"
    with translation.override("en"):
        assert withdrawn.get_source_display() == "an editor (admin)"
    with translation.override("da"):
        assert withdrawn.get_source_display() == "en redaktør (admin)"
    form = admin_client.get(f"/admin/newsletter_subscribers/edit/{subscriber.pk}/").content.decode()
    assert 'name="status"' not in form and 'name="email"' not in form
