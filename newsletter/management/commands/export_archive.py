"""manage.py export_archive OUTPUT_DIR [--zip]: the hub's final archive as one BagIt bag."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsletter.archive.export import ArchiveError, export_archive
from newsletter.archive.progress import StageProgress


class Command(BaseCommand):
    help = "Write the final archive of the hub (static site, WARC, cluster packages, editions, metadata) as a BagIt bag."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="a new or empty folder to write the archive to")
        parser.add_argument("--zip", action="store_true", help="also write OUTPUT.zip beside it")
        parser.add_argument(
            "--allow-local-host",
            action="store_true",
            help="export even though the site's host name (Settings → Sites) is not a public one, "
            "e.g. localhost in the demo or a test; the archive then records that address",
        )

    def handle(self, *args, output: Path, zip: bool, allow_local_host: bool, **options):
        try:
            summary = export_archive(
                output, make_zip=zip, progress=StageProgress(self.stdout), allow_local_host=allow_local_host
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.description())
        if summary.zip_path:
            self.stdout.write(f"Zip file: {summary.zip_path}")
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        self.stdout.write(
            self.style.SUCCESS("Done. Check it any time with: manage.py verify_archive " + str(summary.path))
        )
