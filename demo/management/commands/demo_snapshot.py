"""Write what the demo loader built as canonical JSON: ``manage.py demo_snapshot out.json``.

Load the demo into two fresh databases (before and after a change) and compare the two
files: identical means the change left the demo as it was.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from demo.snapshot import dumps, snapshot


class Command(BaseCommand):
    help = "Write every demo page, image, document, focus area, setting, redirect and translation as canonical JSON."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="the JSON file to write (default: standard output)")

    def handle(self, *args, output, **options):
        data = snapshot()
        text = dumps(data)
        if not output:
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")
        self.stderr.write(
            f"{len(data['pages'])} pages, {len(data['images'])} images, {len(data['documents'])} documents, "
            f"{len(data['translation_sources'])} translation sources -> {output}"
        )
