"""Delivering a send's rows: the worker that claims them, hands each to the mail server
and records what became of it.

``sending.run_send`` runs one (from ``manage.py send_newsletter`` and the background
task); several may deliver the same send at once, since a row is claimed (``queued`` ->
``sending``) by an UPDATE only one of them can win, committed before the SMTP call
(newsletter/sending.py has the rules).
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

from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from . import transport as smtp
from .bounces import DELIVERY_METADATA
from .conf import from_email, message_id_domain, setting
from .delivery import Delivery, Send
from .models import Subscriber
from .rendering import (
    MAX_MESSAGE_BYTES,
    MessageTooLarge,
    Recipient,
    RenderedEdition,
    message_id,
    render_edition,
)
from .subscriber_links import PersonalLinks
from .subscriptions import suppress

logger = logging.getLogger(__name__)
Status = Delivery.Status


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class RunSummary:
    """What one run did; ``recovered``, ``finished`` and ``counts`` tell the send's state
    around it (filled in by ``sending.run_send``)."""

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
    return timedelta(seconds=setting("NEWSLETTER_RETRY_DELAY") * 2 ** max(attempt - 1, 0))


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
            setting("NEWSLETTER_RATE_PER_MINUTE") if rate_per_minute is None else rate_per_minute
        )
        self.batch_size = batch_size or setting("NEWSLETTER_BATCH_SIZE")
        self.claim_size = claim_size or setting("NEWSLETTER_CLAIM_SIZE")
        self.max_attempts = max_attempts or setting("NEWSLETTER_MAX_ATTEMPTS")
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
            except Exception as error:
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
                            except Exception as error:
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
        self.summary.seconds = time.monotonic() - started
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
