"""Bounces and complaints: whoever cannot or will not receive the newsletter is suppressed.

Reads delivery status notifications (RFC 3464 ``multipart/report; report-type=
delivery-status``) and abuse feedback reports (RFC 5965 ARF, ``report-type=
feedback-report``) from an mbox file, a Maildir or an IMAP folder. Only hard bounces
(status 5.x.x, action failed) suppress: a full mailbox today may be empty tomorrow.
The same mailbox may receive the mailto: unsubscribes; those are honoured too. With
django-anymail, the provider's tracking webhooks suppress through its signal.
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import mailbox
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses

from hub.security.tls import client_context

from .delivery import Delivery
from .models import Subscriber
from .rendering import parse_message_id
from .subscriptions import suppress, unsubscribe_by_mailto

# Why an address is suppressed (as Subscriber.SuppressionReason).
BOUNCED, COMPLAINED = "bounced", "complained"

# The anymail metadata that names a message's delivery row: the worker sets it on every
# message sent through an ESP, and the ESP echoes it in its tracking webhooks, so a bounce
# or complaint finds the row it is about.
DELIVERY_METADATA = "newsletter_delivery"


@dataclass(frozen=True)
class Finding:
    """One address to suppress, and why."""

    email: str
    reason: str  # BOUNCED or COMPLAINED
    detail: str
    message_id: str = ""  # the returned message's Message-ID, when the report quotes it


def _address(value: str | None) -> str:
    """'rfc822; someone@example.org' -> 'someone@example.org'."""
    if not value:
        return ""
    _type, _sep, address = str(value).partition(";")
    address = (address or _type).strip().strip("<>").strip()
    return address if "@" in address else ""


def _field_blocks(part: Message) -> list[Message]:
    """The header blocks of a message/delivery-status or feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    text = payload if isinstance(payload, str) else part.get_payload(decode=True).decode("utf-8", "replace")
    return [
        email.message_from_string(chunk + "\n") for chunk in text.replace("\r\n", "\n").split("\n\n") if chunk
    ]


def parse_report(message: Message) -> list[Finding]:
    """What one incoming message says about the addresses we send to."""
    if message.get_content_type() != "multipart/report":
        return []
    report_type = (message.get_param("report-type") or "").lower()
    original = _original_headers(message)
    message_id = " ".join(str(original.get("Message-ID", "")).split()) if original is not None else ""
    findings: list[Finding] = []
    for part in message.walk():
        content_type = part.get_content_type()
        if report_type == "delivery-status" and content_type == "message/delivery-status":
            for block in _field_blocks(part)[1:] or _field_blocks(part):
                recipient = _address(block.get("Final-Recipient") or block.get("Original-Recipient"))
                status = (block.get("Status") or "").strip()
                action = (block.get("Action") or "").strip().lower()
                if recipient and action == "failed" and status.startswith("5"):
                    diagnostic = " ".join((block.get("Diagnostic-Code") or "").split())
                    findings.append(Finding(recipient, BOUNCED, f"{status} {diagnostic}".strip(), message_id))
        elif report_type == "feedback-report" and content_type == "message/feedback-report":
            fields = _field_blocks(part)
            feedback = fields[0] if fields else Message()
            recipient = _address(feedback.get("Original-Rcpt-To"))
            if not recipient and original is not None:
                recipient = next((address for _name, address in getaddresses(original.get_all("To", []))), "")
            if recipient:
                kind = (feedback.get("Feedback-Type") or "abuse").strip()
                findings.append(Finding(recipient, COMPLAINED, f"feedback report: {kind}", message_id))
    return findings


def _original_headers(report: Message) -> Message | None:
    """The returned message (or just its headers) that a report carries, if any."""
    for part in report.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            if isinstance(payload, list):
                return payload[0] if payload else None
            text = payload if isinstance(payload, str) else ""
            return email.message_from_string(text.lstrip("\r\n"))
    return None


# Sources -------------------------------------------------------------------------------


def read_mbox(path: str) -> Iterator[Message]:
    box = mailbox.mbox(path, create=False)
    try:
        yield from box
    finally:
        box.close()


def read_maildir(path: str) -> Iterator[Message]:
    yield from mailbox.Maildir(path, factory=None, create=False)


def read_imap(
    host: str,
    port: int,
    username: str,
    password: str,
    folder: str = "INBOX",
    ssl: bool = True,
    delete: bool = False,
) -> Iterator[Message]:
    """Every message in the folder; with ``delete``, processed ones are removed.

    Over TLS the server's certificate and name are verified (``EMAIL_SSL_CAFILE`` or the
    system's CAs; hub/security/tls.py) before the password is sent."""
    if ssl:
        connection = imaplib.IMAP4_SSL(host, port, ssl_context=client_context())
    else:
        connection = imaplib.IMAP4(host, port)
    with connection:
        connection.login(username, password)
        connection.select(folder)
        _status, data = connection.search(None, "ALL")
        for number in data[0].split():
            _status, parts = connection.fetch(number, "(RFC822)")
            raw = next((part[1] for part in parts if isinstance(part, tuple)), None)
            if raw is None:
                continue
            yield email.message_from_bytes(raw)
            if delete:
                connection.store(number, "+FLAGS", "\\Deleted")
        if delete:
            connection.expunge()


def apply(findings: Iterable[Finding]) -> list[Finding]:
    """Suppress each address; returns those that matched a subscriber."""
    applied = []
    for finding in findings:
        if suppress(finding.email, finding.reason, finding.detail) is not None:
            applied.append(finding)
    return applied


@dataclass
class Processed:
    read: int = 0
    findings: list[Finding] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    unsubscribed: int = 0
    deliveries_marked: int = 0


def process(messages: Iterable[Message]) -> Processed:
    """Suppress what the reports say; a plain message sent through the mailto: half of
    List-Unsubscribe (subject ``unsubscribe-<token>``) unsubscribes its sender's token."""
    result = Processed()
    for message in messages:
        result.read += 1
        findings = parse_report(message)
        if findings:
            result.findings.extend(findings)
        elif message.get_content_type() != "multipart/report" and unsubscribe_by_mailto(message):
            result.unsubscribed += 1
    result.applied = apply(result.findings)
    result.deliveries_marked = sum(mark_delivery(finding) for finding in result.findings)
    return result


def mark_delivery(finding: Finding) -> int:
    """Mark the delivery row of the message a report returned, found from its Message-ID
    (``rendering.message_id``: edition and subscriber), as the webhooks do from metadata."""
    parsed = parse_message_id(finding.message_id)
    if parsed is None:
        return 0
    edition_id, subscriber_id = parsed
    rows = Delivery.objects.filter(send__edition_id=edition_id, subscriber_id=subscriber_id)
    return sum(record_returned(pk, finding) for pk in rows.values_list("pk", flat=True))


def record_returned(delivery_id, finding: Finding) -> int:
    """A report that a message sent (or of unknown fate) bounced, was rejected or drew a
    complaint. A bounce fails the row: it never arrived. A complaint means it did, so the
    row stays sent and keeps the complaint as its reason. Only the row of that address
    counts, so a stray id marks nothing."""
    try:
        pk = int(delivery_id)
    except (TypeError, ValueError):
        return 0
    rows = Delivery.objects.filter(
        pk=pk,
        subscriber__in=Subscriber.objects.by_email(finding.email),
        status__in=[Delivery.Status.SENT, Delivery.Status.UNKNOWN],
    )
    if finding.reason == COMPLAINED:
        return rows.update(reason=f"Complaint: {finding.detail}")
    return rows.update(status=Delivery.Status.FAILED, reason=f"Bounced after sending: {finding.detail}")


# django-anymail ----------------------------------------------------------------------------


# What ESPs call a soft bounce inside the events anymail reports as "bounced": Postmark's
# Type, Brevo's and Mandrill's event, MailerSend's activity type, Mailjet's hard_bounce.
SOFT_BOUNCE_MARKERS = {"SoftBounce", "Transient", "DnsError", "soft_bounce", "soft_bounced"}


def is_soft_bounce(event) -> bool:
    """A "bounced" event that is not a permanent failure: a full mailbox today may be
    empty tomorrow, so it must not suppress (like a 4.x.x status in process_bounces)."""
    raw = event.esp_event if isinstance(getattr(event, "esp_event", None), dict) else {}
    data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
    kinds = {raw.get("Type"), raw.get("event"), raw.get("type"), data.get("type")}
    if kinds & SOFT_BOUNCE_MARKERS or raw.get("hard_bounce") is False:
        return True
    reply = (getattr(event, "mta_response", None) or "").lstrip()
    return reply[:1] == "4" and reply[:3].isdigit()


def tracking_finding(event, esp_name: str) -> Finding | None:
    """What an ESP's tracking event means for the address: hard bounces and rejections
    (bounced), complaints (complained); nothing for everything else."""
    if not event.recipient:
        return None
    if event.event_type in ("bounced", "rejected"):
        if event.event_type == "bounced" and is_soft_bounce(event):
            return None
        reason = BOUNCED
    elif event.event_type == "complained":
        reason = COMPLAINED
    else:
        return None
    detail = " ".join(
        f"{esp_name}: {event.event_type} {event.reject_reason or ''} {event.description or ''} "
        f"{getattr(event, 'mta_response', None) or ''}".split()
    )
    return Finding(event.recipient, reason, detail)


def on_anymail_tracking(sender, event, esp_name, **kwargs) -> None:
    """An ESP's tracking webhook (django-anymail's ``tracking`` signal): suppress the
    address as process_bounces would, and mark the delivery the event is about."""
    finding = tracking_finding(event, esp_name)
    if finding is None:
        return
    apply([finding])
    delivery_id = (getattr(event, "metadata", None) or {}).get(DELIVERY_METADATA)
    if delivery_id:
        record_returned(delivery_id, finding)


def connect_anymail() -> None:
    from anymail.signals import tracking

    tracking.connect(on_anymail_tracking, dispatch_uid="newsletter-suppress-on-tracking")
