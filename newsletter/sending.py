"""Sending an edition: freeze the recipients, then deliver each at most once.

The admin view, ``manage.py send_newsletter`` and the background task all call these
functions. The rules that make a send safe to interrupt:

- ``start_send`` writes one delivery row per (send, subscriber) in one transaction; the
  send is unique per edition and the rows per subscriber, so a second press, or a
  second worker, finds the same rows instead of making new ones.
- ``run_send`` claims a row (``queued`` -> ``sending``, an UPDATE that only one worker can
  win) and commits that before talking to the mail server; the outcome is written after.
- A row left in ``sending`` by a worker that died becomes ``unknown`` (``recover_stale``)
  and waits for an editor (``resolve``): it may have been delivered, so it is never
  retried on its own.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from . import transport as smtp
from .delivery import Delivery, Send
from .editions import NewsletterEditionPage
from .models import Subscriber
from .rendering import (
    MAX_MESSAGE_BYTES,
    MessageTooLarge,
    Recipient,
    RenderedEdition,
    from_email,
    message_bytes,
    message_id,
    message_id_domain,
    render_edition,
)
from .subscriptions import PersonalLinks

logger = logging.getLogger(__name__)
Status = Delivery.Status


def setting(name: str, default):
    return getattr(settings, name, default)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


# Starting ------------------------------------------------------------------------------


class SendRefused(Exception):
    """The edition cannot be sent (not live, too large); nothing was written."""


def canonical_edition(page: NewsletterEditionPage) -> NewsletterEditionPage:
    """The edition in the default language, whichever translation the editor pressed."""
    from wagtail.models import Locale

    source = page.get_translation_or_none(Locale.get_default())
    return (source or page).specific


def edition_pages(edition: NewsletterEditionPage) -> dict[str, NewsletterEditionPage]:
    """Language code -> the translation of the edition that language's readers get: only
    one they may see (hub/visibility.py), so a private or expired edition is never sent."""
    from hub.visibility import visible

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
        timeout = timedelta(seconds=setting("NEWSLETTER_CLAIM_TIMEOUT", 600))
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


# What a provider reports afterwards -----------------------------------------------------

# The anymail metadata that names a message's delivery row; ESPs echo it in their
# tracking webhooks, so a bounce or complaint finds the row it is about.
DELIVERY_METADATA = "newsletter_delivery"


def record_returned(delivery_id, finding) -> int:
    """A provider reported that a message sent (or of unknown fate) bounced, was rejected
    or drew a complaint (``bounces.Finding``). A bounce fails the row: it never arrived.
    A complaint means it did, so the row stays sent and keeps the complaint as its reason.
    Only the row of that address counts, so a stray id marks nothing."""
    from .bounces import COMPLAINED

    try:
        pk = int(delivery_id)
    except (TypeError, ValueError):
        return 0
    rows = Delivery.objects.filter(
        pk=pk,
        subscriber__in=Subscriber.objects.by_email(finding.email),
        status__in=[Status.SENT, Status.UNKNOWN],
    )
    if finding.reason == COMPLAINED:
        return rows.update(reason=f"Complaint: {finding.detail}")
    return rows.update(status=Status.FAILED, reason=f"Bounced after sending: {finding.detail}")


# Delivering ----------------------------------------------------------------------------


@dataclass
class RunSummary:
    worker: str
    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0
    unknown: int = 0
    recovered: int = 0
    finished: bool = False
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return dict(vars(self))


class RateLimiter:
    """At most ``per_minute`` messages a minute, spread evenly (0: no limit)."""

    def __init__(self, per_minute: int):
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def backoff(attempt: int) -> timedelta:
    """Exponential: NEWSLETTER_RETRY_DELAY, then twice that, four times, ..."""
    return timedelta(seconds=setting("NEWSLETTER_RETRY_DELAY", 60) * 2 ** max(attempt - 1, 0))


class Worker:
    """Delivers one send's queued rows, batch by batch over one SMTP connection each.

    Rows are claimed a group at a time (NEWSLETTER_CLAIM_SIZE per commit) and a group's
    outcomes are written in the transaction that claims a later group, so a message
    costs a fraction of a commit. The price: a worker killed mid-send leaves up to two
    groups 'unknown' (the one being sent or just sent, and the next one, claimed) instead
    of one row.
    """

    def __init__(
        self,
        send: Send,
        *,
        worker: str | None = None,
        rate_per_minute: int | None = None,
        batch_size: int | None = None,
        claim_size: int | None = None,
        max_attempts: int | None = None,
        on_progress: Callable[[str], None] | None = None,
    ):
        self.send = send
        self.worker = worker or worker_id()
        self.limiter = RateLimiter(
            setting("NEWSLETTER_RATE_PER_MINUTE", 600) if rate_per_minute is None else rate_per_minute
        )
        self.batch_size = batch_size or setting("NEWSLETTER_BATCH_SIZE", 100)
        self.claim_size = claim_size or setting("NEWSLETTER_CLAIM_SIZE", 20)
        self.max_attempts = max_attempts or setting("NEWSLETTER_MAX_ATTEMPTS", 5)
        self.on_progress = on_progress or (lambda status: None)
        self.rendered: dict[int, RenderedEdition] = {}
        self.links = PersonalLinks()
        self.message_id_domain = message_id_domain()
        self.summary = RunSummary(worker=self.worker)
        self.transport = smtp.get_transport()
        # Outcomes not yet written: they go into the transaction of the next claim. Lost
        # if the process dies; then their rows stay 'sending' and become 'unknown',
        # which is the truth about them.
        self.pending: list[tuple[int, str, str, dict]] = []
        self.in_flight: tuple[list[Delivery], Future] | None = None
        self.unsent: list[Delivery] = []

    # Database steps --------------------------------------------------------------------

    def _write_pending(self) -> None:
        mine = Delivery.objects.filter(status=Status.SENDING, worker=self.worker)
        sent = [pk for pk, status, _reason, _extra in self.pending if status == Status.SENT]
        if sent:
            mine.filter(pk__in=sent).update(status=Status.SENT, reason="", sent_at=timezone.now())
        for pk, status, reason, extra in self.pending:
            if status != Status.SENT:
                mine.filter(pk=pk).update(status=status, reason=reason, **extra)
        written, self.pending = self.pending, []
        for _pk, status, _reason, _extra in written:
            self.on_progress(status)

    def _claim(self, rows: list[Delivery]) -> list[Delivery]:
        """queued -> sending for the rows still queued whose subscriber is still sendable
        (an UPDATE only one worker can win per row), committed before any is sent."""
        ids = [row.pk for row in rows]
        # Sendable now, checked in the same statement; by primary keys on both sides, so
        # the plan stays a few index lookups even when the statistics predate the send
        # (a join planned from stale statistics took seconds per claim).
        sendable = Q(
            subscriber__in=Subscriber.objects.sendable().filter(pk__in={row.subscriber_id for row in rows})
        )
        now = timezone.now()
        with transaction.atomic():
            self._write_pending()
            count = Delivery.objects.filter(sendable, pk__in=ids, status=Status.QUEUED).update(
                status=Status.SENDING, claimed_at=now, worker=self.worker, attempts=F("attempts") + 1
            )
            claimed = set(ids)
            if count < len(ids):  # another worker or an unsubscribe got some: which did we get?
                claimed = set(
                    Delivery.objects.filter(
                        pk__in=ids, status=Status.SENDING, worker=self.worker, claimed_at=now
                    ).values_list("pk", flat=True)
                )
            skipped = 0
            if len(claimed) < len(ids):
                skipped = (
                    Delivery.objects.filter(pk__in=ids, status=Status.QUEUED)
                    .exclude(sendable)
                    .update(status=Status.SKIPPED, reason="No longer subscribed when its turn came.")
                )
        for _ in range(skipped):
            self.summary.skipped += 1
            self.on_progress(Status.SKIPPED)
        return [row for row in rows if row.pk in claimed]

    def _record(self, row: Delivery, outcome: smtp.Outcome) -> None:
        now = timezone.now()
        attempts = row.attempts + 1
        if outcome.kind == smtp.SENT:
            self.pending.append((row.pk, Status.SENT, "", {}))
            self.summary.sent += 1
        elif outcome.kind == smtp.TEMPORARY and attempts < self.max_attempts:
            retry = {"next_attempt_at": now + backoff(attempts)}
            self.pending.append((row.pk, Status.QUEUED, f"Attempt {attempts}: {outcome.reason}", retry))
            self.summary.retried += 1
        elif outcome.kind == smtp.UNKNOWN:
            self.pending.append((row.pk, Status.UNKNOWN, outcome.reason, {}))
            self.summary.unknown += 1
        else:
            reason = outcome.reason
            if outcome.kind == smtp.TEMPORARY:
                reason = f"Gave up after {attempts} attempts: {reason}"
            self.pending.append((row.pk, Status.FAILED, reason, {}))
            self.summary.failed += 1
            if outcome.kind == smtp.PERMANENT and row.subscriber.email:
                from .subscriptions import suppress

                suppress(row.subscriber.email, Subscriber.SuppressionReason.BOUNCED, outcome.reason)

    def _next_batch(self) -> list[Delivery]:
        due = self.send.deliveries.filter(status=Status.QUEUED).exclude(next_attempt_at__gt=timezone.now())
        return list(due.select_related("subscriber").order_by("pk")[: self.batch_size])

    # Messages ----------------------------------------------------------------------------

    def recipient(self, row: Delivery) -> tuple[RenderedEdition, Recipient]:
        """The rendered edition for the row's language and the recipient's own parts."""
        rendered = self.rendered.get(row.page_id)
        if rendered is None:
            rendered = self.rendered[row.page_id] = render_edition(row.page)
        subscriber = row.subscriber
        unsubscribe, my_data, headers = self.links.links(subscriber)
        recipient = Recipient(
            email=subscriber.email,
            unsubscribe_url=unsubscribe,
            my_data_url=my_data,
            headers=headers,
            message_id=message_id(self.send.edition_id, subscriber.pk, self.message_id_domain),
        )
        return rendered, recipient

    def message_for(self, row: Delivery):
        rendered, recipient = self.recipient(row)
        return rendered.message(recipient)

    def _prepare(self, row: Delivery):
        """What the SMTP thread needs to send ``row``: a callable and its arguments."""
        rendered, recipient = self.recipient(row)
        if isinstance(self.transport, smtp.SmtpTransport):
            data = rendered.message_bytes(recipient)
            if len(data) >= MAX_MESSAGE_BYTES:
                raise MessageTooLarge(f"{len(data)} bytes")
            return (self.transport.deliver, from_email(), recipient.email, data)
        message = rendered.message(recipient)
        message.metadata = {DELIVERY_METADATA: str(row.pk)}  # django-anymail sends it to the ESP
        return (self.transport.deliver_message, message)

    def _send_group(self, jobs: list) -> list[smtp.Outcome]:
        """In the SMTP thread: one group's messages in order, at the configured rate."""
        outcomes = []
        for function, *args in jobs:
            self.limiter.wait()
            try:
                outcomes.append(function(*args))
            except Exception as error:  # noqa: BLE001 - the transport does not raise; if it did, nobody knows
                outcomes.append(smtp.Outcome(smtp.UNKNOWN, f"{error.__class__.__name__}: {error}"))
        return outcomes

    def _finish_in_flight(self) -> None:
        if self.in_flight is None:
            return
        rows, future = self.in_flight
        self.in_flight = None
        for row, outcome in zip(rows, future.result(), strict=True):
            self._record(row, outcome)

    # The loop ------------------------------------------------------------------------------

    def run(self, *, wait_for_retries: bool = True, limit: int | None = None) -> RunSummary:
        """Deliver until nothing is queued (or about ``limit`` rows were handled).

        Database work stays on this thread; the SMTP exchanges of one claimed group run
        in a second thread while this one records the group before and claims and
        builds the next, so the database and the mail server work at the same time.
        """
        started = time.monotonic()
        handled = 0
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsletter-smtp")
        try:
            while limit is None or handled < limit:
                batch = self._next_batch()
                if limit is not None:
                    batch = batch[: limit - handled]
                handled += len(batch)
                if not batch:
                    self._flush()
                    delay = self._retry_delay()
                    if delay is None or not wait_for_retries:
                        break
                    time.sleep(delay)
                    continue
                try:
                    for start in range(0, len(batch), self.claim_size):
                        rows, jobs = [], []
                        self.unsent = self._claim(batch[start : start + self.claim_size])
                        for row in self.unsent:
                            try:
                                jobs.append(self._prepare(row))
                                rows.append(row)
                            except Exception as error:  # noqa: BLE001 - recorded on the row, not retried
                                logger.exception("Could not build the e-mail for delivery %s", row.pk)
                                self._record(row, smtp.Outcome(smtp.NOT_SENT, f"Not sent: {error}"))
                        self._finish_in_flight()
                        self.in_flight = (rows, pool.submit(self._send_group, jobs))
                        self.unsent = []
                    self._finish_in_flight()
                finally:
                    self._finish_in_flight()
                    pool.submit(self.transport.close).result()
        finally:
            pool.shutdown()
            self._flush()
            self._release_unsent()
        self.summary.finished = is_finished(self.send)
        if self.summary.finished:
            Send.objects.filter(pk=self.send.pk, finished_at__isnull=True).update(finished_at=timezone.now())
        self.summary.seconds = time.monotonic() - started
        self.summary.counts = counts(self.send)
        return self.summary

    def _release_unsent(self) -> None:
        """Stopped by an exception (Ctrl-C, a database error): rows claimed but never
        handed to the SMTP thread go back to the queue. Only a kill leaves them claimed."""
        if self.unsent:
            ids = [row.pk for row in self.unsent if not any(pk == row.pk for pk, *_rest in self.pending)]
            Delivery.objects.filter(pk__in=ids, status=Status.SENDING, worker=self.worker).update(
                status=Status.QUEUED, attempts=F("attempts") - 1
            )
            self.unsent = []

    def _flush(self) -> None:
        with transaction.atomic():
            self._write_pending()

    def _retry_delay(self) -> float | None:
        """Seconds until the earliest queued retry, or None when nothing is queued."""
        queued = self.send.deliveries.filter(status=Status.QUEUED)
        earliest = queued.aggregate(at=Min("next_attempt_at"))["at"]
        if earliest is None:
            return 0.0 if queued.exists() else None
        return max((earliest - timezone.now()).total_seconds(), 0.0)


def run_send(send: Send, *, resume: bool = False, **options) -> RunSummary:
    """Deliver every queued row of ``send``; ``resume`` first turns all 'sending' rows
    (a killed run's) into 'unknown'."""
    recovered = recover_stale(send, everything=resume)
    worker = Worker(send, **options)
    worker.summary.recovered = recovered
    return worker.run()


def send_test(page: NewsletterEditionPage, email: str) -> smtp.Outcome:
    """The edition as a subscriber gets it, to an editor's own address only."""
    from .rendering import sample_recipient

    message = render_edition(page).message(sample_recipient(page, email))
    message.subject = f"[TEST] {message.subject}"
    transport = smtp.get_transport()
    try:
        if isinstance(transport, smtp.SmtpTransport):
            return transport.deliver(message.from_email, email, message_bytes(message))
        return transport.deliver_message(message)
    finally:
        transport.close()
