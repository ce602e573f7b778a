"""Sending through an e-mail service provider (django-anymail, Postmark) and its tracking
webhook, end to end: the pipeline posts each message to a Postmark API stand-in on
loopback, then Postmark's documented bounce and complaint webhooks are posted to the
mounted /anymail/postmark/tracking/ URL with the basic auth of ANYMAIL_WEBHOOK_SECRET.

The URLconf is built once per process, and the webhook is only mounted when ANYMAIL_ESP is
set, so the ``postmark`` fixture reloads newsletter.webhook_urls (and hub.urls, which
includes it) under the overridden settings, and again without them afterwards.
"""

from __future__ import annotations

import base64
import importlib
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

import hub.urls
import newsletter.webhook_urls
from hub.settings.email_provider import anymail_settings
from newsletter import sending
from newsletter.delivery import Delivery
from newsletter.models import Subscriber
from tests.factories import subscribers

WEBHOOK = "/anymail/postmark/tracking/"
SECRET = "postmark-hook:5b1f0d2e9a"


def reload_urls() -> None:
    clear_url_caches()
    importlib.reload(newsletter.webhook_urls)
    importlib.reload(hub.urls)


class FakePostmark(BaseHTTPRequestHandler):
    """Postmark's /email API: accepts every message except to addresses in ``inactive``,
    which it answers as Postmark does (422, ErrorCode 406)."""

    received: list[dict] = []
    inactive: set[str] = set()

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append(payload)
        if payload["To"] in self.inactive:
            status, answer = (
                422,
                {
                    "ErrorCode": 406,
                    "Message": "You tried to send to recipient(s) that have been marked as inactive.\n"
                    f"Found inactive addresses: {payload['To']}.\n"
                    "Inactive recipients are ones that have generated a hard bounce or a spam complaint.",
                },
            )
        else:
            status, answer = (
                200,
                {
                    "To": payload["To"],
                    "SubmittedAt": "2022-12-01T10:00:00.0000000Z",
                    "MessageID": str(uuid.uuid4()),
                    "ErrorCode": 0,
                    "Message": "OK",
                },
            )
        body = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def postmark(db):
    """Settings as ANYMAIL_ESP=postmark gives them, the API on loopback, the webhook mounted."""
    FakePostmark.received, FakePostmark.inactive = [], set()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePostmark)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    esp, options = anymail_settings(
        {
            "ANYMAIL_ESP": "postmark",
            "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token",
            "ANYMAIL_POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/",
            "ANYMAIL_WEBHOOK_SECRET": SECRET,
        }
    )
    try:
        with override_settings(
            ANYMAIL_ESP=esp,
            ANYMAIL=options,
            EMAIL_BACKEND="anymail.backends.postmark.EmailBackend",
            NEWSLETTER_RATE_PER_MINUTE=0,
        ):
            reload_urls()
            yield FakePostmark
    finally:
        server.shutdown()
        server.server_close()
        reload_urls()


def post_webhook(client, payload: dict, secret: str = SECRET):
    auth = base64.b64encode(secret.encode()).decode()
    return client.post(
        WEBHOOK, data=json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=f"Basic {auth}"
    )


def bounce(email: str, metadata: dict, kind: str = "HardBounce") -> dict:
    """Postmark's bounce webhook, as documented (postmarkapp.com/developer/webhooks)."""
    soft = kind == "SoftBounce"
    return {
        "RecordType": "Bounce",
        "MessageStream": "broadcast",
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": 4096 if soft else 1,
        "Name": "Soft bounce" if soft else "Hard bounce",
        "Tag": "",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": metadata,
        "ServerID": 23,
        "Description": "The server could not temporarily deliver your message."
        if soft
        else "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
        "Details": "452 4.2.2 Mailbox full" if soft else "smtp;550 5.1.1 The email account does not exist.",
        "Email": email,
        "From": "nyhedsbrev@localhost",
        "BouncedAt": "2022-12-01T10:01:00.0000000Z",
        "DumpAvailable": False,
        "Inactive": not soft,
        "CanActivate": True,
        "Subject": "Det sidste nyhedsbrev",
    }


def complaint(email: str, metadata: dict) -> dict:
    return {
        **bounce(email, metadata),
        "RecordType": "SpamComplaint",
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
        "Description": "The subscriber explicitly marked this message as spam.",
        "Details": "Test spam complaint details",
    }


def sent_through_postmark(edition, count: int):
    people = subscribers(count)
    send, _created = sending.start_send(edition)
    summary = sending.run_send(send)
    assert summary.sent == count, summary
    rows = {row.subscriber.email: row for row in send.deliveries.select_related("subscriber")}
    return people, send, rows


def test_webhook_bounces_and_complaints_suppress_and_mark_the_delivery(postmark, edition, client):
    (hard, soft, complainer, fine), send, rows = sent_through_postmark(edition, 4)

    # What the pipeline gave Postmark: the edition, and the metadata naming the row.
    by_address = {payload["To"]: payload for payload in postmark.received}
    assert set(by_address) == {hard.email, soft.email, complainer.email, fine.email}
    assert by_address[hard.email]["Metadata"] == {"newsletter_delivery": str(rows[hard.email].pk)}
    assert "List-Unsubscribe" in {header["Name"] for header in by_address[hard.email]["Headers"]}

    for payload in (
        bounce(hard.email, by_address[hard.email]["Metadata"]),
        bounce(soft.email, by_address[soft.email]["Metadata"], kind="SoftBounce"),
        complaint(complainer.email, by_address[complainer.email]["Metadata"]),
    ):
        response = post_webhook(client, payload)
        assert response.status_code == 200, response.content

    status = dict(Subscriber.objects.values_list("email", "status"))
    assert status[hard.email] == Subscriber.Status.SUPPRESSED
    assert status[complainer.email] == Subscriber.Status.SUPPRESSED
    assert status[soft.email] == Subscriber.Status.CONFIRMED  # a full mailbox may empty
    assert status[fine.email] == Subscriber.Status.CONFIRMED
    hard.refresh_from_db()
    assert hard.suppression_reason == "bounced"
    assert "5.1.1" in hard.suppression_detail

    delivery = {row.subscriber.email: row for row in send.deliveries.select_related("subscriber")}
    assert delivery[hard.email].status == Delivery.Status.FAILED
    assert "5.1.1" in delivery[hard.email].reason
    assert delivery[complainer.email].status == Delivery.Status.SENT  # it arrived
    assert delivery[complainer.email].reason.startswith("Complaint")
    assert delivery[soft.email].status == Delivery.Status.SENT
    assert delivery[fine.email].status == Delivery.Status.SENT


def test_webhook_refuses_wrong_or_missing_credentials(postmark, edition, client):
    (person,), _send, rows = sent_through_postmark(edition, 1)
    payload = bounce(person.email, {"newsletter_delivery": str(rows[person.email].pk)})
    assert post_webhook(client, payload, secret="postmark-hook:guess").status_code == 400
    assert client.post(WEBHOOK, data=json.dumps(payload), content_type="application/json").status_code == 400
    person.refresh_from_db()
    assert person.status == Subscriber.Status.CONFIRMED
    assert rows[person.email].__class__.objects.get(pk=rows[person.email].pk).status == Delivery.Status.SENT


def test_webhook_ignores_another_rows_id_and_odd_payloads(postmark, edition, client):
    (first, second), send, rows = sent_through_postmark(edition, 2)
    # An event about the first address carrying the second's row id marks no row.
    response = post_webhook(client, bounce(first.email, {"newsletter_delivery": str(rows[second.email].pk)}))
    assert response.status_code == 200
    assert set(send.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    first.refresh_from_db()
    assert first.status == Subscriber.Status.SUPPRESSED
    # Not JSON: anymail answers 400, never 500.
    response = client.post(
        WEBHOOK,
        data="not json",
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(SECRET.encode()).decode(),
    )
    assert response.status_code < 500


def test_provider_refusing_an_inactive_address_fails_and_suppresses(postmark, edition):
    gone, fine = subscribers(2)
    postmark.inactive = {gone.email}
    send, _created = sending.start_send(edition)
    summary = sending.run_send(send)
    assert (summary.sent, summary.failed, summary.unknown) == (1, 1, 0)
    row = send.deliveries.get(subscriber=gone)
    assert row.status == Delivery.Status.FAILED
    assert "refused by the provider" in row.reason
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.SUPPRESSED


def test_no_webhook_without_a_provider(db):
    """Unconfigured (the default), nothing is mounted at /anymail/: no open webhook."""
    reload_urls()
    with pytest.raises(Resolver404):
        resolve(WEBHOOK)
    with pytest.raises(Resolver404):
        resolve("/anymail/mailgun/tracking/")


def test_settings_from_the_environment():
    assert anymail_settings({}) == ("", {})
    esp, options = anymail_settings(
        {
            "ANYMAIL_ESP": "Mailgun",
            "ANYMAIL_MAILGUN_API_KEY": "key",
            "ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY": "signing",
            "ANYMAIL_POSTMARK_SERVER_TOKEN": "not for mailgun",
            "ANYMAIL_WEBHOOK_SECRET": "user:pass",
        }
    )
    assert esp == "mailgun"
    assert options == {
        "MAILGUN_API_KEY": "key",
        "MAILGUN_WEBHOOK_SIGNING_KEY": "signing",
        "WEBHOOK_SECRET": "user:pass",
    }
    with pytest.raises(ImproperlyConfigured, match="ANYMAIL_WEBHOOK_SECRET"):
        anymail_settings({"ANYMAIL_ESP": "postmark"})
    for wrong in ("nosuchesp", "test", "../postmark"):
        with pytest.raises(ImproperlyConfigured, match="ANYMAIL_ESP"):
            anymail_settings({"ANYMAIL_ESP": wrong, "ANYMAIL_WEBHOOK_SECRET": "user:pass"})


def provider_errors(environ: dict) -> list[str]:
    from newsletter.esp import check_provider

    esp, options = anymail_settings({"ANYMAIL_WEBHOOK_SECRET": SECRET, **environ})
    with override_settings(
        ANYMAIL_ESP=esp, ANYMAIL=options, EMAIL_BACKEND=f"anymail.backends.{esp}.EmailBackend"
    ):
        return [f"{error.id}: {error.msg}" for error in check_provider()]


def test_check_names_a_provider_key_that_is_missing():
    """Mailgun without its API key (and so without a webhook signing key) is reported by
    `manage.py check`, instead of failing each send and answering the webhook with a 500."""
    errors = provider_errors({"ANYMAIL_ESP": "mailgun"})
    assert [error.split(":")[0] for error in errors] == ["newsletter.E001", "newsletter.E002"]
    assert "MAILGUN_API_KEY" in errors[0] and "MAILGUN_WEBHOOK_SIGNING_KEY" in errors[1]
    # An API key alone serves both: anymail signs Mailgun's webhooks with it by default.
    assert provider_errors({"ANYMAIL_ESP": "mailgun", "ANYMAIL_MAILGUN_API_KEY": "key-123"}) == []
    assert provider_errors({"ANYMAIL_ESP": "postmark", "ANYMAIL_POSTMARK_SERVER_TOKEN": "token"}) == []


def test_check_runs_with_the_system_checks(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    esp, options = anymail_settings({"ANYMAIL_ESP": "mailgun", "ANYMAIL_WEBHOOK_SECRET": SECRET})
    settings.ANYMAIL_ESP, settings.ANYMAIL = esp, options
    with pytest.raises(SystemCheckError, match="newsletter.E001"):
        call_command("check")
