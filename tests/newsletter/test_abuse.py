"""Sign-up abuse: no enumeration, rate limits, header injection, malformed addresses,
the honeypot. Nothing here may answer with a 500."""

from __future__ import annotations

import pytest

from newsletter import subscriptions
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

URL = "/da/nyhedsbrev/tilmeld/"


def post(client, email, **extra):
    return client.post(URL, {"email": email, "website": "", "source": "/da/", **extra})


def test_new_and_existing_addresses_get_identical_answers(client, smtp_server, settings):
    settings.NEWSLETTER_RESEND_INTERVAL = 0
    subscriptions.subscribe("kim@example.dk", "da")
    kim = Subscriber.objects.get()
    subscriptions.confirm(kim, kim.consent_records.get())
    subscriptions.subscribe("lone@example.dk", "da")
    mads = Subscriber.objects.create(email="mads@example.dk", status=Subscriber.Status.UNSUBSCRIBED)
    smtp_server.clear()

    answers = [
        post(client, email) for email in ("new@example.dk", "kim@example.dk", "lone@example.dk", mads.email)
    ]
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {
        (302, "/da/nyhedsbrev/tilmeld/tak/")
    }
    pages = {client.get(answer["Location"]).content for answer in answers}
    assert len(pages) == 1

    # Everyone got exactly one e-mail; the confirmed subscriber a harmless notice.
    assert sorted(m.envelope_to[0] for m in smtp_server.messages) == sorted(
        ["new@example.dk", "kim@example.dk", "lone@example.dk", "mads@example.dk"]
    )
    notice = next(m for m in smtp_server.messages if m.envelope_to == ["kim@example.dk"])
    assert "allerede" in notice["Subject"]
    assert "/bekraeft/" not in notice.get_body(preferencelist=("plain",)).get_content()
    kim.refresh_from_db()
    assert kim.status == Subscriber.Status.CONFIRMED


def test_one_address_is_not_flooded(client, smtp_server):
    for _ in range(3):
        assert post(client, "nina@example.dk").status_code == 302
    assert len(smtp_server.messages) == 1
    assert Subscriber.objects.get().consent_records.count() == 1


def test_rate_limit_per_ip_is_a_normal_page_with_429(client, smtp_server, settings):
    settings.NEWSLETTER_SIGNUP_LIMIT = 5
    for number in range(5):
        assert post(client, f"person{number}@example.dk").status_code == 302
    response = post(client, "person6@example.dk")
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.NEWSLETTER_SIGNUP_WINDOW)
    page = response.content.decode()
    assert "For mange tilmeldinger" in page or "for mange tilmeldinger" in page
    assert "<footer" in page
    assert not Subscriber.objects.by_email("person6@example.dk").exists()
    # Another address (IP) is not affected.
    assert client.post(URL, {"email": "other@example.dk"}, REMOTE_ADDR="10.1.1.1").status_code == 302


@pytest.mark.parametrize(
    "email",
    [
        "victim@example.dk\nBcc: everyone@example.dk",
        "victim@example.dk\r\nSubject: spam",
        "victim@example.dk\n",
        "victim@exa\x00mple.dk",
    ],
)
def test_header_injection_is_refused_with_a_clear_message(client, smtp_server, email):
    response = post(client, email)
    assert response.status_code == 400
    assert "linjeskift" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not smtp_server.messages


@pytest.mark.parametrize(
    "email",
    ["not-an-address", "a@b", "@example.dk", "person@localhost", "a" * 250 + "@example.dk", " ", "x@-.dk"],
)
def test_malformed_addresses_are_refused_with_a_clear_message(client, email):
    response = post(client, email)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert any(text in page for text in ("gyldig e-mailadresse", "for lang", "Skriv din e-mailadresse"))
    assert not Subscriber.objects.exists()


def test_english_errors(client):
    response = client.post("/en/newsletter/subscribe/", {"email": "nope"})
    assert response.status_code == 400
    assert "Enter a valid e-mail address" in response.content.decode()


def test_honeypot_looks_like_success_and_does_nothing(client, smtp_server):
    response = post(client, "bot@example.dk", website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not smtp_server.messages


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": ["a@example.dk", "b@example.dk"]},
        {"email": "a@example.dk", "consent_version": "abc"},
        {"email": "a@example.dk", "consent_version": "999999999999999999999"},
        {"email": "a@example.dk", "source": "//evil.example/"},
        {"email": "a@example.dk", "source": "/da/\nx"},
        {"email": "a@example.dk", "source": "x" * 5000},
        {"email": "ø" * 10 + "@æøå.dk"},
    ],
)
def test_odd_input_never_500s(client, smtp_server, data):
    response = client.post(URL, data)
    assert response.status_code in (302, 400)
    for record in Subscriber.objects.all():
        for consent in record.consent_records.all():
            assert consent.source_url.startswith("http://testserver/da/")


def test_smtp_failure_is_not_a_500(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens
    settings.EMAIL_TIMEOUT = 2
    assert post(client, "olga@example.dk").status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
