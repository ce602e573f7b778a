"""Erase sign-ups nobody confirmed: run daily (cron or a scheduled task)."""

from django.core.management.base import BaseCommand

from newsletter.conf import setting
from newsletter.subscriptions import purge_unconfirmed


class Command(BaseCommand):
    help = "Erase newsletter sign-ups that were never confirmed, once their link has long expired."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=setting("NEWSLETTER_CONFIRM_MAX_AGE") // 86400 + 23,
            help="erase requests older than this many days (default: the link's lifetime plus 23 days)",
        )

    def handle(self, *args, days, **options):
        count = purge_unconfirmed(days)
        self.stdout.write(f"Erased {count} unconfirmed sign-ups older than {days} days.")
