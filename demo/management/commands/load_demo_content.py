"""Load the demo hub: ``manage.py load_demo_content`` (safe to run again)."""

from collections.abc import Iterable

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from wagtail.models import Page

from demo.loader import load_demo_content
from demo.reader import DemoDataError


def page_counts() -> Iterable[tuple[str, str, int]]:
    """(page type, language, count) for every page type in the tree, for the summary."""
    rows = (
        Page.objects.filter(depth__gt=1)
        .values("content_type__model", "locale__language_code")
        .annotate(n=Count("pk"))
        .order_by("content_type__model", "locale__language_code")
    )
    for row in rows:
        yield row["content_type__model"], row["locale__language_code"], row["n"]


class Command(BaseCommand):
    help = "Create or update the two-language demo content (pages, reports with PDFs, images, settings)."

    def handle(self, *args, **options):
        try:
            report = load_demo_content(log=lambda line: self.stdout.write(line))
        except DemoDataError as error:  # a data file's mistake, named: no traceback
            raise CommandError(f"The demo content was not loaded: {error}") from None
        created = ", ".join(f"{n} {kind}" for kind, n in sorted(report.created.items())) or "nothing"
        updated = ", ".join(f"{n} {kind}" for kind, n in sorted(report.updated.items())) or "nothing"
        self.stdout.write(f"Created: {created}")
        self.stdout.write(f"Updated: {updated}")
        if options["verbosity"] > 1:
            self.stdout.write("Pages by type and language:")
            for model, language, count in page_counts():
                self.stdout.write(f"  {model:<20} {language}  {count}")
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded in {report.seconds:.1f} s."))
