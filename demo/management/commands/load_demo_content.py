"""Load the demo hub: ``manage.py load_demo_content`` (safe to run again)."""

from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo_content, page_counts
from demo.reader import DemoDataError


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
