"""Double opt-in: signing up, the confirmation e-mail over real SMTP, confirming, and the
consent records with the exact wording shown."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from newsletter import subscriptions
from newsletter.models import ConsentRecord, ConsentText, Subscriber

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def text_part(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def links(message) -> list[str]:
    return LINK.findall(text_part(message))


def sign_up(client, email, language="da", **extra):
    data = {"email": email, "website": "", "source": f"/{language}/", **extra}
    return client.post(
        f"/{language}/nyhedsbrev/tilmeld/" if language == "da" else "/en/newsletter/subscribe/", data
    )


def test_sign_up_sends_a_confirmation_and_nothing_is_sendable_until_confirmed(client, smtp_server):
    response = sign_up(client, "Anna@Example.DK")
    assert response.status_code == 302
    assert response["Location"] == "/da/nyhedsbrev/tilmeld/tak/"

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Anna@example.dk"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "da"
    assert not Subscriber.objects.sendable().exists()

    [message] = smtp_server.messages
    assert message.envelope_to == ["Anna@example.dk"]
    assert "Bekræft" in message["Subject"]
    assert message.get_body(preferencelist=("plain",)) is not None
    assert "<a href=" in html_part(message)
    [confirm_link] = [link for link in links(message) if "/bekraeft/" in link]
    assert confirm_link.startswith("http://testserver/da/nyhedsbrev/bekraeft/")

    # GET shows a button and confirms nothing (mail scanners follow links).
    path = confirm_link.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    done = Client(enforce_csrf_checks=True).post(path)
    assert done.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert list(Subscriber.objects.sendable()) == [subscriber]


def test_consent_records_keep_the_exact_wording_shown(client, smtp_server):
    first = subscriptions.current_consent_text("en")
    newer = ConsentText.objects.create(language="en", version=first.version + 1, text="Wording two.")
    # The form was shown with version 1; the wording changed before it was sent.
    sign_up(client, "bo@example.org", "en", consent_version=str(first.version), source="/en/blog/")
    subscriber = Subscriber.objects.get()
    [requested] = subscriber.consent_records.all()
    assert requested.action == ConsentRecord.Action.REQUESTED
    assert requested.consent_text == first
    assert requested.source_url == "http://testserver/en/blog/"
    assert requested.ip_address == "127.0.0.1"
    [message] = smtp_server.messages
    assert first.text in " ".join(text_part(message).split())
    assert "Confirm" in message["Subject"]

    [confirm_link] = [link for link in links(message) if "/confirm/" in link]
    client.post(confirm_link.removeprefix("http://testserver"))
    confirmed = subscriber.consent_records.get(action=ConsentRecord.Action.CONFIRMED)
    assert confirmed.consent_text == first
    assert confirmed.ip_address == "127.0.0.1"
    # Records keep where the step happened, never the link's credential.
    assert confirmed.source_url == "http://testserver/en/newsletter/confirm/"

    # A new sign-up form shows the newest wording.
    assert f'value="{newer.version}"' in client.get("/en/newsletter/subscribe/").content.decode()
    assert "Wording two." in client.get("/en/newsletter/subscribe/").content.decode()


def test_footer_form_on_every_page_in_both_languages(client, hub_tree):
    da = client.get(hub_tree.da.about.url).content.decode()
    assert 'action="/da/nyhedsbrev/tilmeld/"' in da
    assert "Nyhedsbrev" in da
    en = client.get("/en/search/").content.decode()
    assert 'action="/en/newsletter/subscribe/"' in en
    assert "Yes, please send me" in en


def test_footer_sign_up_records_the_page_it_came_from(client, smtp_server):
    sign_up(client, "cecilie@example.dk", source="/da/blog/kommunikation-i-klyngen/")
    record = ConsentRecord.objects.get()
    assert record.source_url == "http://testserver/da/blog/kommunikation-i-klyngen/"


def test_a_link_from_an_older_request_confirms_nothing(client, smtp_server, settings):
    settings.NEWSLETTER_RESEND_INTERVAL = 0
    subscriptions.subscribe("dorte@example.dk", "da")
    subscriptions.subscribe("dorte@example.dk", "da")
    first, second = smtp_server.messages
    old_link = next(link for link in links(first) if "/bekraeft/" in link)
    new_link = next(link for link in links(second) if "/bekraeft/" in link)
    assert old_link != new_link
    response = client.post(old_link.removeprefix("http://testserver"))
    assert response.status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    client.post(new_link.removeprefix("http://testserver"))
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_confirming_after_unsubscribing_does_nothing(client, smtp_server):
    subscriptions.subscribe("erik@example.dk", "da")
    link = next(link for link in links(smtp_server.messages[0]) if "/bekraeft/" in link)
    subscriber = Subscriber.objects.get()
    subscriptions.unsubscribe(subscriber, "test")
    assert client.post(link.removeprefix("http://testserver")).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_an_unsubscribed_address_can_subscribe_again_with_a_new_consent(client, smtp_server, settings):
    settings.NEWSLETTER_RESEND_INTERVAL = 0
    subscriptions.subscribe("frida@example.dk", "da")
    subscriber = Subscriber.objects.get()
    record = subscriber.consent_records.get()
    subscriptions.confirm(subscriber, record)
    subscriptions.unsubscribe(subscriber, "test")
    assert not Subscriber.objects.sendable().exists()

    sign_up(client, "FRIDA@example.dk", "en")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "en"
    actions = list(subscriber.consent_records.values_list("action", flat=True))
    assert actions == ["requested", "confirmed", "withdrawn", "requested"]
    link = next(link for link in links(smtp_server.messages[-1]) if "/confirm/" in link)
    client.post(link.removeprefix("http://testserver"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert Subscriber.objects.count() == 1


def test_sign_up_pages_in_both_languages(client):
    da = client.get("/da/nyhedsbrev/tilmeld/")
    en = client.get("/en/newsletter/subscribe/")
    assert da.status_code == en.status_code == 200
    assert "Tilmeld dig nyhedsbrevet" in da.content.decode()
    assert "Subscribe to the newsletter" in en.content.decode()
    # The language switcher leads to the same page in the other language.
    assert 'href="/en/newsletter/subscribe/"' in da.content.decode()
    assert 'href="/da/nyhedsbrev/tilmeld/"' in en.content.decode()
    # The page has one sign-up form, not a second one in the footer.
    assert da.content.decode().count('name="email"') == 1
    thanks = client.get("/en/newsletter/subscribe/thanks/")
    assert "Check your inbox" in thanks.content.decode()


def test_english_confirmation_e_mail(client, smtp_server):
    sign_up(client, "lars@example.org", "en")
    [message] = smtp_server.messages
    assert message["Subject"] == "Confirm your subscription to the Landsbyklynger newsletter"
    assert "Confirm your subscription" in html_part(message)
    assert "/en/newsletter/my-data/" in text_part(message)
    assert Subscriber.objects.get().language == "en"


def test_plain_text_lines_are_wrapped_but_links_whole(client, smtp_server):
    sign_up(client, "mette@example.dk")
    text = text_part(smtp_server.messages[0])
    for line in text.splitlines():
        assert len(line) <= 76 or line.startswith("http"), line
    assert any("/bekraeft/" in link for link in links(smtp_server.messages[0]))
