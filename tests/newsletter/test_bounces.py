"""process_bounces: hard bounces and complaints from mbox and Maildir suppress addresses;
soft bounces and unrelated mail do not."""

from __future__ import annotations

import io
import mailbox
from email.message import EmailMessage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from django.core.management import call_command

from newsletter import bounces
from newsletter.models import Subscriber
from tests.factories import subscribers


def _status_part(recipient: str, action: str, status: str, diagnostic: str) -> MIMEMessage:
    per_message = EmailMessage()
    per_message["Reporting-MTA"] = "dns; mx.example.org"
    per_recipient = EmailMessage()
    per_recipient["Final-Recipient"] = f"rfc822; {recipient}"
    per_recipient["Action"] = action
    per_recipient["Status"] = status
    per_recipient["Diagnostic-Code"] = f"smtp; {diagnostic}"
    part = MIMEMessage(per_message, "delivery-status")
    part.set_payload([per_message, per_recipient])
    return part


def dsn(
    recipient: str,
    action="failed",
    status="5.1.1",
    diagnostic="550 5.1.1 User unknown",
    returned_headers: str | None = None,
) -> MIMEMultipart:
    """A delivery status notification; with ``returned_headers``, quoting them in a
    text/rfc822-headers part as Postfix and Exim do."""
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "MAILER-DAEMON@mx.example.org"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report.attach(MIMEText("The message could not be delivered.", "plain"))
    report.attach(_status_part(recipient, action, status, diagnostic))
    if returned_headers is not None:
        headers = MIMEText(returned_headers, "plain")
        headers.set_type("text/rfc822-headers")
        report.attach(headers)
    return report


def arf(recipient: str) -> MIMEMultipart:
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = "feedback@isp.example"
    report.attach(MIMEText("This is an abuse report.", "plain"))
    feedback = MIMEText("", "plain")
    feedback.set_type("message/feedback-report")
    feedback.set_payload("Feedback-Type: abuse\nUser-Agent: ISP/1.0\nVersion: 1\n")
    report.attach(feedback)
    original = EmailMessage()
    original["To"] = recipient
    original["Subject"] = "Det sidste nyhedsbrev"
    original.set_content("...")
    report.attach(MIMEMessage(original))
    return report


def plain_reply() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "someone@example.org"
    message["Subject"] = "Tak for nyhedsbrevet"
    message.set_content("Tak!")
    return message


@pytest.mark.django_db
def test_mbox_hard_bounces_and_complaints_suppress(tmp_path):
    hard, soft, complainer, untouched = subscribers(4)
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    box.add(dsn(hard.email))
    box.add(dsn(soft.email, action="delayed", status="4.2.2", diagnostic="452 4.2.2 Mailbox full"))
    box.add(arf(complainer.email))
    box.add(plain_reply())
    box.add(dsn("stranger@example.net"))
    box.close()

    out = io.StringIO()
    call_command("process_bounces", mbox=str(path), stdout=out)

    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses[hard.email] == Subscriber.Status.SUPPRESSED
    assert statuses[complainer.email] == Subscriber.Status.SUPPRESSED
    assert statuses[soft.email] == Subscriber.Status.CONFIRMED
    assert statuses[untouched.email] == Subscriber.Status.CONFIRMED
    hard.refresh_from_db()
    complainer.refresh_from_db()
    assert hard.suppression_reason == "bounced" and "5.1.1" in hard.suppression_detail
    assert complainer.suppression_reason == "complained"
    assert (
        "5 messages read, 3 bounces or complaints, 2 subscribers suppressed, 0 deliveries marked, 0 unsubscribed"
        in out.getvalue()
    )


@pytest.mark.django_db
def test_maildir_is_read_too(tmp_path):
    gone = subscribers(1)[0]
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(dsn(gone.email.upper()))
    call_command("process_bounces", maildir=str(tmp_path / "Maildir"), stdout=io.StringIO())
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.SUPPRESSED


def test_reports_are_parsed_from_raw_bytes():
    import email

    raw = dsn("a@example.org").as_bytes()
    findings = bounces.parse_report(email.message_from_bytes(raw))
    assert [(f.email, f.reason) for f in findings] == [("a@example.org", "bounced")]
    raw = arf("b@example.org").as_bytes()
    findings = bounces.parse_report(email.message_from_bytes(raw))
    assert [(f.email, f.reason) for f in findings] == [("b@example.org", "complained")]
    assert bounces.parse_report(plain_reply()) == []


@pytest.mark.django_db
def test_anymail_tracking_events_suppress():
    from types import SimpleNamespace

    gone, complainer, fine = subscribers(3)
    event = SimpleNamespace(
        recipient=gone.email, event_type="bounced", reject_reason="bounced", description=""
    )
    bounces.on_anymail_tracking(None, event=event, esp_name="Postmark")
    event = SimpleNamespace(
        recipient=complainer.email, event_type="complained", reject_reason=None, description=""
    )
    bounces.on_anymail_tracking(None, event=event, esp_name="Postmark")
    event = SimpleNamespace(recipient=fine.email, event_type="delivered", reject_reason=None, description="")
    bounces.on_anymail_tracking(None, event=event, esp_name="Postmark")
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        gone.email: Subscriber.Status.SUPPRESSED,
        complainer.email: Subscriber.Status.SUPPRESSED,
        fine.email: Subscriber.Status.CONFIRMED,
    }


def test_a_missing_mailbox_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("process_bounces", mbox=str(tmp_path / "missing.mbox"), stdout=io.StringIO())


class TinyImapServer:
    """Just enough IMAP4rev1 on loopback for imaplib: LOGIN, SELECT, SEARCH, FETCH."""

    def __init__(self, messages: list[bytes], user="bounces", password="hemmeligt", ssl_context=None):
        import socketserver
        import threading

        server_self = self
        self.messages, self.user, self.password = messages, user, password
        self.logins: list[str] = []

        class Handler(socketserver.StreamRequestHandler):
            def setup(self):
                if ssl_context is not None:  # implicit TLS, as on port 993
                    self.request = ssl_context.wrap_socket(self.request, server_side=True)
                super().setup()

            def handle(self):
                self.wfile.write(b"* OK [CAPABILITY IMAP4rev1] ready\r\n")
                for line in self.rfile:
                    tag, _sep, rest = line.decode().strip().partition(" ")
                    command, _sep, args = rest.partition(" ")
                    command = command.upper()
                    if command == "CAPABILITY":
                        self.wfile.write(b"* CAPABILITY IMAP4rev1\r\n")
                    elif command == "LOGIN":
                        args = args.replace('"', "")
                        server_self.logins.append(args)
                        if args.split() != [server_self.user, server_self.password]:
                            self.wfile.write(f"{tag} NO bad login\r\n".encode())
                            continue
                    elif command == "SELECT":
                        self.wfile.write(f"* {len(server_self.messages)} EXISTS\r\n".encode())
                    elif command == "SEARCH":
                        numbers = " ".join(str(n) for n in range(1, len(server_self.messages) + 1))
                        self.wfile.write(f"* SEARCH {numbers}\r\n".encode())
                    elif command == "FETCH":
                        number = int(args.split()[0])
                        raw = server_self.messages[number - 1]
                        self.wfile.write(
                            f"* {number} FETCH (RFC822 {{{len(raw)}}}\r\n".encode() + raw + b")\r\n"
                        )
                    elif command == "LOGOUT":
                        self.wfile.write(b"* BYE\r\n")
                        self.wfile.write(f"{tag} OK LOGOUT completed\r\n".encode())
                        return
                    self.wfile.write(f"{tag} OK {command} completed\r\n".encode())

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.django_db
def test_imap_folder_on_loopback(monkeypatch):
    monkeypatch.setenv("BOUNCES_IMAP_PASSWORD", "hemmeligt")
    gone, fine = subscribers(2)
    server = TinyImapServer([dsn(gone.email).as_bytes(), plain_reply().as_bytes()])
    try:
        out = io.StringIO()
        call_command(
            "process_bounces",
            imap_host="127.0.0.1",
            imap_port=server.port,
            imap_user="bounces",
            imap_no_ssl=True,
            stdout=out,
        )
    finally:
        server.stop()
    assert server.logins == ["bounces hemmeligt"]
    assert "2 messages read, 1 bounces or complaints, 1 subscribers suppressed" in out.getvalue()
    assert dict(Subscriber.objects.values_list("email", "status")) == {
        gone.email: Subscriber.Status.SUPPRESSED,
        fine.email: Subscriber.Status.CONFIRMED,
    }


@pytest.mark.django_db
def test_mailto_unsubscribes_in_the_mailbox_are_honoured(tmp_path):
    from newsletter.subscriber_links import unsubscribe_mailto

    leaving, staying = subscribers(2)
    request = EmailMessage()
    request["From"] = leaving.email
    request["Subject"] = unsubscribe_mailto(leaving).split("subject=")[1]
    request.set_content("")
    forged = EmailMessage()
    forged["From"] = staying.email
    forged["Subject"] = "unsubscribe-not-a-real-token"
    forged.set_content("")
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path)
    box.add(request)
    box.add(forged)
    box.close()
    out = io.StringIO()
    call_command("process_bounces", mbox=str(path), stdout=out)
    assert "1 unsubscribed by e-mail" in out.getvalue()
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        leaving.email: Subscriber.Status.UNSUBSCRIBED,
        staying.email: Subscriber.Status.CONFIRMED,
    }


@pytest.mark.django_db
def test_bounces_quoting_the_message_id_mark_the_delivery(tmp_path, smtp_server, edition):
    """A send over SMTP on loopback; the reports quote the headers of what was received,
    and the Message-ID leads process_bounces to each delivery row, as the webhooks'
    metadata does: a bounce fails the row, a complaint keeps it sent."""
    from newsletter import sending
    from newsletter.delivery import Delivery

    hard, complainer, soft, fine = subscribers(4)
    send, _created = sending.start_send(edition)
    assert sending.run_send(send).sent == 4
    received = {address: message for message in smtp_server.messages for address in message.envelope_to}

    def headers(person) -> str:
        message = received[person.email]
        return "".join(f"{name}: {value}\n" for name, value in message.items())

    complaint = arf(complainer.email)
    complaint.get_payload()[-1].get_payload()[0]["Message-ID"] = received[complainer.email]["Message-ID"]
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path)
    box.add(dsn(hard.email, returned_headers=headers(hard)))
    box.add(complaint)
    box.add(dsn(soft.email, action="delayed", status="4.2.2", returned_headers=headers(soft)))
    # Someone else's Message-ID quoted in a bounce for this address marks nothing.
    box.add(dsn(fine.email, returned_headers=headers(hard)))
    box.close()

    out = io.StringIO()
    call_command("process_bounces", mbox=str(path), stdout=out)

    rows = {row.subscriber.email: row for row in send.deliveries.select_related("subscriber")}
    assert rows[hard.email].status == Delivery.Status.FAILED
    assert rows[hard.email].reason.startswith("Bounced after sending: 5.1.1")
    assert rows[complainer.email].status == Delivery.Status.SENT
    assert rows[complainer.email].reason == "Complaint: feedback report: abuse"
    assert rows[soft.email].status == Delivery.Status.SENT and rows[soft.email].reason == ""
    assert rows[fine.email].status == Delivery.Status.SENT and rows[fine.email].reason == ""
    assert "3 subscribers suppressed, 2 deliveries marked" in out.getvalue()


def test_only_this_sites_message_ids_name_a_delivery(settings):
    from newsletter.rendering import message_id, parse_message_id

    settings.NEWSLETTER_MESSAGE_ID_DOMAIN = "landsbyklynger.dk"
    assert parse_message_id(message_id(12, 345)) == (12, 345)
    assert parse_message_id(f"  {message_id(12, 345)}  ") == (12, 345)
    assert parse_message_id("<edition-12.sub-345@elsewhere.example>") is None
    assert parse_message_id("<edition-x.sub-345@landsbyklynger.dk>") is None
    assert parse_message_id("") is None
