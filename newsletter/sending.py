"""Sending an edition: freeze the recipients, follow the send, decide its unknown rows.

The admin view, ``manage.py send_newsletter`` and the background task all call these
functions; ``run_send`` has the rows delivered by ``newsletter.worker``. The rules that
make a send safe to interrupt:

- ``start_send`` writes one delivery row per (send, subscriber) in one transaction; the
  send is unique per edition and the rows per subscriber, so a second press, or a
  second worker, finds the same rows instead of making new ones.
- The worker claims a row (``queued`` -> ``sending``, an UPDATE that only one worker can
  win) and commits that before talking to the mail server; the outcome is written after.
- A row left in ``sending`` by a worker that died becomes ``unknown`` (``recover_stale``)
  and waits for an editor (``resolve``): it may have been delivered, so it is never
  retried on its own.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Locale

from hub.visibility import visible

from . import transport as smtp
from .conf import setting
from .delivery import Delivery, Send
from .editions import NewsletterEditionPage
from .models import Subscriber
from .rendering import message_bytes, render_edition, sample_recipient
from .worker import RunSummary, Worker

Status = Delivery.Status


# Starting ------------------------------------------------------------------------------


class SendRefused(Exception):
    """The edition cannot be sent (not live, too large); nothing was written."""


def canonical_edition(page: NewsletterEditionPage) -> NewsletterEditionPage:
    """The edition in the default language, whichever translation the editor pressed."""
    source = page.get_translation_or_none(Locale.get_default())
    return (source or page).specific


def edition_pages(edition: NewsletterEditionPage) -> dict[str, NewsletterEditionPage]:
    """Language code -> the translation of the edition that language's readers get: only
    one they may see (hub/visibility.py), so a private or expired edition is never sent."""
    translations = visible(NewsletterEditionPage.objects.filter(translation_key=edition.translation_key))
    return {page.locale.language_code: page for page in translations.select_related("locale")}


def start_send(page: NewsletterEditionPage, user=None) -> tuple[Send, bool]:
    """Freeze the recipient list of ``page``'s edition; (send, created).

    Pressing it again returns the existing send unchanged: subscribers who confirmed
    since are not added, so the list an editor started is the list that is sent.
    """
    edition = canonical_edition(page)
    pages = edition_pages(edition)
    if not pages:
        raise SendRefused("The edition is not published, or readers may not see it (private or expired).")
    for translation in pages.values():
        try:
            render_edition(translation)
        except ValueError as error:
            raise SendRefused(f"{translation.locale.language_code}: {error}") from error
    default_page = pages.get(edition.locale.language_code) or next(iter(pages.values()))
    with transaction.atomic():
        send, created = Send.objects.get_or_create(
            translation_key=edition.translation_key, defaults={"edition": edition, "created_by": user}
        )
        if created:
            recipients = Subscriber.objects.sendable().order_by("pk").values_list("pk", "language")
            Delivery.objects.bulk_create(
                (
                    Delivery(send=send, subscriber_id=pk, page=pages.get(language, default_page))
                    for pk, language in recipients.iterator(chunk_size=2000)
                ),
                batch_size=1000,
                ignore_conflicts=True,
            )
    if created and connection.vendor == "postgresql":
        # Claims are planned from the tables' statistics: without fresh ones, thousands of
        # new rows look like none and each claim's plan scans instead of looking up.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Delivery._meta.db_table}, {Subscriber._meta.db_table}")
    return send, created


def send_for(page: NewsletterEditionPage) -> Send | None:
    return Send.objects.filter(translation_key=page.translation_key).first()


# Progress ------------------------------------------------------------------------------


def counts(send: Send) -> dict[str, int]:
    found = dict(send.deliveries.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: found.get(status, 0) for status in Status.values}


def is_finished(send: Send) -> bool:
    return not send.deliveries.filter(status__in=[Status.QUEUED, Status.SENDING]).exists()


def recover_stale(send: Send, *, everything: bool = False) -> int:
    """Rows a dead worker left in ``sending`` become ``unknown``, for an editor to decide.

    A live worker holds a row in ``sending`` only for one SMTP exchange, far shorter than
    NEWSLETTER_CLAIM_TIMEOUT. ``everything`` (``send_newsletter --resume``) is the
    operator saying no other worker is running.
    """
    stale = send.deliveries.filter(status=Status.SENDING)
    if not everything:
        timeout = timedelta(seconds=setting("NEWSLETTER_CLAIM_TIMEOUT"))
        stale = stale.filter(claimed_at__lt=timezone.now() - timeout)
    return stale.update(
        status=Status.UNKNOWN,
        reason="The worker stopped while sending this e-mail: it may or may not have been delivered.",
    )


def resolve(send: Send, delivery_ids, action: str, user=None) -> int:
    """An editor's decision on unknown rows: 'sent' (it arrived) or 'requeue' (send it)."""
    rows = send.deliveries.filter(pk__in=list(delivery_ids), status=Status.UNKNOWN)
    if action == "sent":
        return rows.update(status=Status.SENT, reason="Marked as sent by an editor.", resolved_by=user)
    if action == "requeue":
        updated = rows.update(
            status=Status.QUEUED, next_attempt_at=None, reason="Queued again by an editor.", resolved_by=user
        )
        if updated:
            Send.objects.filter(pk=send.pk).update(finished_at=None)
        return updated
    raise ValueError(f"Unknown action {action!r}")


# Delivering ----------------------------------------------------------------------------


def run_send(send: Send, *, resume: bool = False, **options) -> RunSummary:
    """Deliver every queued row of ``send`` (``options``: the ``Worker``'s); ``resume``
    first turns all 'sending' rows (a killed run's) into 'unknown'."""
    recovered = recover_stale(send, everything=resume)
    summary = Worker(send, **options).run()
    summary.recovered = recovered
    summary.finished = is_finished(send)
    if summary.finished:
        Send.objects.filter(pk=send.pk, finished_at__isnull=True).update(finished_at=timezone.now())
    summary.counts = counts(send)
    return summary


# Testing -------------------------------------------------------------------------------


def send_test(page: NewsletterEditionPage, email: str) -> smtp.Outcome:
    """The edition as a subscriber gets it, to an editor's own address only."""
    message = render_edition(page).message(sample_recipient(page, email))
    message.subject = f"[TEST] {message.subject}"
    transport = smtp.get_transport()
    try:
        if isinstance(transport, smtp.SmtpTransport):
            return transport.deliver(message.from_email, email, message_bytes(message))
        return transport.deliver_message(message)
    finally:
        transport.close()


def latest_send_state() -> dict | None:
    """The newest send for the dashboard: its edition, its counts, whether it is still
    running and how many rows wait for an editor's decision (``unknown``)."""
    send = Send.objects.select_related("edition").order_by("-created_at").first()
    if send is None:
        return None
    found = counts(send)
    return {
        "send": send,
        "counts": found,
        "total": sum(found.values()),
        "running": bool(found[Status.QUEUED] or found[Status.SENDING]),
        "undecided": found[Status.UNKNOWN],
        "failed": found[Status.FAILED],
    }
