"""Extract text, page count and checksum for existing documents, with a progress bar."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from hub.documents import refresh_document
from hub.progress import Progress


class Command(BaseCommand):
    help = "Extract the text of documents (pending and failed ones, or all with --all) and reindex their reports."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Re-extract every document, not only pending and failed ones."
        )
        parser.add_argument("ids", nargs="*", type=int, help="Only these document ids.")

    def handle(self, *args, all=False, ids=(), **options):
        Document = get_document_model()
        documents = Document.objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
        elif not all:
            documents = documents.exclude(extraction_status=Document.Extraction.DONE)
        documents = list(documents)
        progress = Progress(len(documents), "Extracting", self.stdout)
        counts: dict[str, int] = {}
        for document in documents:
            refresh_document(document)
            counts[document.extraction_status] = counts.get(document.extraction_status, 0) + 1
            progress.advance(detail=document.title[:40])
        summary = (
            ", ".join(f"{count} {status}" for status, count in sorted(counts.items())) or "nothing to do"
        )
        self.stdout.write(
            self.style.SUCCESS(f"{len(documents)} documents in {progress.elapsed():.1f}s: {summary}")
        )
        failed = [d for d in documents if d.extraction_status == Document.Extraction.FAILED]
        for document in failed:
            self.stdout.write(
                self.style.WARNING(f"  #{document.pk} {document.title}: {document.extraction_message}")
            )
