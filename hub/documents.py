"""Document analysis: checksum, page count, text and first-page thumbnail of an uploaded file.

Report PDFs are searched by their text and archived by their checksum. Both are
computed once, from the stored file, and kept on the document; this function is what the
admin, the background task and the demo loader all call.
"""

from __future__ import annotations

import hashlib
import io
import logging

from django.dispatch import Signal
from pypdf import PdfReader

from .thumbnails import remove_thumbnail, update_thumbnail

logger = logging.getLogger(__name__)

# Sent (with ``document``) when a document's text has been extracted anew, so that the
# pages whose search entries hold that text can reindex (apps connect from ready()).
document_analysed = Signal()

# PostgreSQL's tsvector fails on very long texts; a report never needs more than this.
MAX_EXTRACTED_CHARS = 500_000

ANALYSIS_FIELDS = ["sha256", "page_count", "extracted_text", "extraction_status", "extraction_message"]


def _is_pdf(name: str, data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF") or name.lower().endswith(".pdf")


def extract_pdf(data: bytes) -> tuple[int, str]:
    """Page count and plain text of a PDF; raises whatever pypdf raises."""
    reader = PdfReader(io.BytesIO(data))
    parts: list[str] = []
    length = 0
    for page in reader.pages:
        if length >= MAX_EXTRACTED_CHARS:
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text) + 1
    text = "\n".join(parts).replace("\x00", "")[:MAX_EXTRACTED_CHARS]
    return len(reader.pages), text


def analyse_document(document, *, save: bool = True):
    """Fill sha256, page_count, extracted_text and the extraction status from the file.

    Never raises: an unreadable file is recorded as failed with a message, so one bad
    upload cannot stop a batch or an editor's save.
    """
    from hub.models import HubDocument

    status = HubDocument.Extraction
    document.extraction_message = ""
    try:
        with document.open_file() as handle:
            data = handle.read()
    except Exception as exc:  # any storage error is recorded, not raised
        logger.warning("Cannot read document %s: %s", document.pk, exc)
        document.extraction_status = status.FAILED
        document.extraction_message = f"Cannot read the file: {exc}"[:255]
        return _save(document, save)

    document.sha256 = hashlib.sha256(data).hexdigest()
    if not _is_pdf(document.file.name or "", data):
        remove_thumbnail(document, save=save)
        document.extraction_status = status.NOT_PDF
        document.page_count = None
        document.extracted_text = ""
        return _save(document, save)

    update_thumbnail(document, data, save=save)
    try:
        document.page_count, document.extracted_text = extract_pdf(data)
        if document.extracted_text.strip():
            document.extraction_status = status.DONE
        else:
            document.extraction_status = status.FAILED
            document.extraction_message = (
                "The PDF has no text layer (a scanned image?): search cannot read it."
            )
    except Exception as exc:  # pypdf raises many kinds of errors on bad files
        logger.warning("Cannot extract text from document %s: %s", document.pk, exc)
        document.page_count = None
        document.extracted_text = ""
        document.extraction_status = status.FAILED
        document.extraction_message = f"The PDF could not be read: {exc}"[:255]
    return _save(document, save)


def _save(document, save: bool):
    if save and document.pk:
        try:
            document.save(update_fields=ANALYSIS_FIELDS)
        except Exception:  # analysis must never break the caller
            logger.exception("Cannot save the analysis of document %s", document.pk)
    return document


def refresh_document(document):
    """Analyse the document afresh and announce it (``document_analysed``), so the pages
    that index its text reindex: what the background task and the command both do."""
    analyse_document(document)
    document_analysed.send(sender=type(document), document=document)
    return document
