"""Newsletter benchmark: messages per minute through the whole pipeline against a bare
smtplib loop sending the same messages, to one local SMTP server in the same run.

The SMTP server (aiosmtpd's Sink) runs in its own process on 127.0.0.1 so it does not
compete with the sender for the interpreter. The pipeline figure includes everything a
real send does per message (claim and mark in the database, personal links, MIME
encoding, the SMTP exchange); no rate limit. Compare the ratio, not figures across
machines.
"""

from __future__ import annotations

import datetime
import json
import smtplib
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from wagtail.models import Locale, Site

from bench.server import free_port, start_smtp_sink, stop
from hub.progress import Progress
from newsletter import sending
from newsletter.delivery import Delivery, Send
from newsletter.editions import NewsletterEditionPage, NewsletterIndexPage
from newsletter.models import Subscriber
from newsletter.rendering import from_email

BENCH_DOMAIN = "bench.invalid"
BENCH_SLUG = "benchmark-edition"


def bench_edition() -> NewsletterEditionPage:
    """An edition as long as the real one (the seed's text), under a newsletter archive."""
    from demo.loader import DemoLoader
    from demo.reader import read_content

    home = Site.objects.get(is_default_site=True).root_page.specific
    index = NewsletterIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=NewsletterIndexPage(title="Nyhedsbrev", slug="nyhedsbrev", locale=home.locale)
        )
    edition = NewsletterEditionPage.objects.child_of(index).filter(slug=BENCH_SLUG).first()
    if edition is None:
        data = read_content().editions[0]
        body = DemoLoader(log=lambda line: None).stream_data(data)
        edition = NewsletterEditionPage(
            title="Benchmark: " + data.title.da,
            slug=BENCH_SLUG,
            date=datetime.date(2022, 12, 1),
            intro="",
            body=json.dumps(body),
            locale=Locale.get_default(),
        )
        index.add_child(instance=edition)
        edition.save_revision().publish()
    return edition


class Command(BaseCommand):
    help = "Messages per minute: the newsletter pipeline against a bare smtplib loop, to a local SMTP server."

    def add_arguments(self, parser):
        parser.add_argument("--recipients", type=int, default=10_000)
        parser.add_argument("--batch-size", type=int, default=None, help="messages per SMTP connection")
        parser.add_argument("--claim-size", type=int, default=None, help="rows claimed per commit")
        parser.add_argument("--rounds", type=int, default=10, help="alternations of pipeline and bare loop")

    def handle(self, *args, recipients, batch_size, claim_size, rounds, **options):
        edition = bench_edition()
        with transaction.atomic():
            Delivery.objects.filter(send__edition=edition).delete()
            Send.objects.filter(edition=edition).delete()
            Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
            Subscriber.objects.bulk_create(
                (
                    Subscriber(email=f"modtager{n}@{BENCH_DOMAIN}", status="confirmed", language="da")
                    for n in range(recipients)
                ),
                batch_size=2000,
            )
        port = free_port()
        sink = start_smtp_sink(port)
        try:
            with override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=port,
                EMAIL_HOST_USER="",
                EMAIL_HOST_PASSWORD="",
                EMAIL_USE_TLS=False,
                EMAIL_USE_SSL=False,
            ):
                self.run(edition, recipients, batch_size, claim_size, rounds)
        finally:
            stop(sink)

    def run(
        self, edition, recipients: int, batch_size: int | None, claim_size: int | None, rounds: int
    ) -> None:
        started = time.perf_counter()
        send, _created = sending.start_send(edition)
        freeze = time.perf_counter() - started
        if sending.counts(send)[Delivery.Status.QUEUED] < recipients:
            raise CommandError(
                "Not every bench recipient was frozen: are other subscribers' addresses in the way?"
            )

        # Alternate rounds of the pipeline and of the bare loop, so a busy machine slows
        # both alike; the bare loop sends the very messages the pipeline just sent.
        worker = sending.Worker(send, rate_per_minute=0, batch_size=batch_size, claim_size=claim_size)
        sender = from_email()
        pipeline_seconds = bare_seconds = 0.0
        sizes: list[int] = []
        progress = Progress(recipients, "pipeline and bare loop", self.stdout)
        round_size = max(recipients // rounds, 1)
        done, last_pk = 0, 0
        round_ratios: list[float] = []
        while done < recipients:
            started = time.perf_counter()
            worker.run(wait_for_retries=False, limit=round_size)
            pipeline_round = time.perf_counter() - started
            pipeline_seconds += pipeline_round
            rows = list(
                send.deliveries.filter(pk__gt=last_pk, status=Delivery.Status.SENT)
                .select_related("subscriber", "page")
                .order_by("pk")
            )
            if not rows:
                raise CommandError(f"The pipeline stopped: {sending.counts(send)}")
            messages = []
            for row in rows:
                rendered, recipient = worker.recipient(row)
                messages.append((recipient.email, rendered.message_bytes(recipient)))
            started = time.perf_counter()
            connection = smtplib.SMTP("127.0.0.1", worker.transport.port)
            for address, data in messages:
                connection.sendmail(sender, [address], data)
            connection.quit()
            bare_round = time.perf_counter() - started
            bare_seconds += bare_round
            round_ratios.append(bare_round / pipeline_round)  # same messages: time ratio = rate ratio
            sizes += [len(data) for _address, data in messages]
            done, last_pk = done + len(rows), rows[-1].pk
            progress.advance(len(rows))
        if sending.counts(send)[Delivery.Status.SENT] != recipients:
            raise CommandError(f"Not everything was sent: {sending.counts(send)}")
        size = sum(sizes) / len(sizes)

        pipeline_rate = 60 * recipients / pipeline_seconds
        bare_rate = 60 * recipients / bare_seconds
        self.stdout.write("")
        self.stdout.write(f"recipients            {recipients}")
        self.stdout.write(f"message size          {size / 1024:.1f} KB on average")
        self.stdout.write(f"freezing the list     {freeze:.2f} s")
        self.stdout.write(
            f"pipeline              {pipeline_seconds:.1f} s = {pipeline_rate:,.0f} messages/min"
        )
        self.stdout.write(f"bare smtplib loop     {bare_seconds:.1f} s = {bare_rate:,.0f} messages/min")
        self.stdout.write(
            self.style.SUCCESS(
                f"ratio pipeline/bare   {pipeline_rate / bare_rate:.2f} (goal >= 0.70, >= 3,000/min)"
            )
        )
        # A shared machine's noise shows in how much the rounds disagree.
        ratios = sorted(round_ratios)
        self.stdout.write(
            f"ratio per round       min {ratios[0]:.2f}, median {statistics.median(ratios):.2f}, "
            f"max {ratios[-1]:.2f} ({len(ratios)} rounds)"
        )
