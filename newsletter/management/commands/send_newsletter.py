"""``manage.py send_newsletter <edition> [--resume]``: run or resume a send from the shell."""

from django.core.management.base import BaseCommand, CommandError

from hub.progress import Progress
from newsletter.delivery import Delivery, Send
from newsletter.editions import NewsletterEditionPage
from newsletter.sending import SendRefused, counts, run_send, send_for, start_send


def find_edition(value: str) -> NewsletterEditionPage:
    editions = NewsletterEditionPage.objects.all()
    found = editions.filter(pk=int(value)).first() if value.isdigit() else None
    found = found or editions.filter(slug=value).order_by("locale__language_code").first()
    if found is None:
        raise CommandError(f"No newsletter edition with id or slug {value!r}.")
    return found


class Command(BaseCommand):
    help = (
        "Send an edition to its frozen recipient list, or resume a send that stopped. "
        "Rows a killed run left in 'sending' become 'unknown' and wait for an editor."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="the edition's page id or slug")
        parser.add_argument(
            "--resume",
            action="store_true",
            help="continue an existing send; every row still 'sending' is marked 'unknown' (no other worker runs)",
        )
        parser.add_argument("--rate", type=int, default=None, help="messages per minute (0: no limit)")
        parser.add_argument("--batch-size", type=int, default=None, help="messages per SMTP connection")
        parser.add_argument("--claim-size", type=int, default=None, help="rows claimed per database commit")

    def handle(self, *args, edition, resume, rate, batch_size, claim_size, **options):
        page = find_edition(edition)
        send = send_for(page)
        if resume and send is None:
            raise CommandError("This edition has no send to resume; run without --resume to start it.")
        if send is None:
            try:
                send, _created = start_send(page)
            except SendRefused as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Started: {send.deliveries.count()} recipients frozen.")
        elif not resume:
            self.stdout.write("This edition was already started; continuing its queued recipients.")
        to_do = send.deliveries.filter(status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]).count()
        progress = Progress(to_do, f"Sending {page.title[:30]}", stream=self.stdout)
        summary = run_send(
            send,
            resume=resume,
            rate_per_minute=rate,
            batch_size=batch_size,
            claim_size=claim_size,
            on_progress=lambda status: progress.advance(detail=status) if status != "queued" else None,
        )
        self.report(send, summary)

    def report(self, send: Send, summary) -> None:
        if summary.recovered:
            self.stdout.write(
                self.style.WARNING(
                    f"{summary.recovered} rows were left 'sending' by a stopped run: now 'unknown'."
                )
            )
        line = ", ".join(f"{n} {status}" for status, n in counts(send).items() if n)
        self.stdout.write(f"Deliveries: {line or 'none'}")
        if summary.finished:
            self.stdout.write(self.style.SUCCESS(f"Send finished in {summary.seconds:.1f} s."))
        else:
            self.stdout.write(self.style.WARNING("Send not finished: queued rows remain."))
