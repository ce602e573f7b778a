"""manage.py verify_archive PATH: check an archive folder or zip; non-zero exit on any problem."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsletter.archive.progress import StageProgress
from newsletter.archive.verify import verify_archive


class Command(BaseCommand):
    help = "Check an archive made by export_archive: checksums, the WARC and every link of the static copy."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive folder or its zip file")

    def handle(self, *args, path: Path, **options):
        result = verify_archive(path, progress=StageProgress(self.stdout))
        summary = result.description()
        for problem in result.problems:
            self.stderr.write(f"Problem: {problem}")
        if result.problems:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(f"OK. {summary}"))
