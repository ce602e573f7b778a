"""Upload checks: a file is what it claims to be, judged by its content, not its name.

Every document upload in the admin (single, multiple, chooser) goes through
``hub.security.document_forms.CheckedDocumentForm`` (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): a file named ``.pdf`` or
starting like a PDF must open as one (encrypted or scanned PDFs pass: the text
extraction flags them, see ``hub/documents.py``), office files and zips must be zip
containers, and CSV files text. Wagtail's own ``WAGTAILDOCS_MAX_UPLOAD_SIZE`` caps the
size. A report page only accepts a document that is a PDF by content
(``ReportPageForm``).
"""

from __future__ import annotations

import io
import logging
from typing import IO

from django import forms
from django.utils.translation import gettext as _
from pypdf import PdfReader
from wagtail.admin.forms import WagtailAdminPageForm

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ZIP_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"}
HEAD_BYTES = 1024


class NotAPdf(ValueError):
    """The file is not a PDF a reader can open; the message says why, for an editor."""


def _read_head(handle: IO[bytes], size: int = HEAD_BYTES) -> bytes:
    handle.seek(0)
    head = handle.read(size)
    handle.seek(0)
    return head


def looks_like_pdf(head: bytes) -> bool:
    """PDF readers accept the ``%PDF-`` header anywhere in the first kilobyte."""
    return PDF_MAGIC in head[:HEAD_BYTES]


def check_pdf(handle: IO[bytes]) -> None:
    """Raise ``NotAPdf`` unless the content is a PDF that pypdf can open.

    An encrypted PDF passes (its structure opens; its pages need the password) and is
    flagged by the text extraction, as is a scanned one without a text layer.
    """
    if not looks_like_pdf(_read_head(handle)):
        raise NotAPdf(_("The file is not a PDF: its content does not start like one."))
    try:
        data = handle.read()
        reader = PdfReader(io.BytesIO(data))
        if not reader.is_encrypted and len(reader.pages) < 1:
            raise NotAPdf(_("The PDF has no pages."))
    except NotAPdf:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        logger.info("Refused a damaged PDF upload: %s", exc)
        raise NotAPdf(_("The PDF is damaged and cannot be opened (%(reason)s).") % {"reason": exc}) from exc
    finally:
        handle.seek(0)


def is_pdf_file(file) -> bool:
    """Whether a stored or uploaded file is a PDF by content."""
    try:
        file.open("rb")
        try:
            check_pdf(file)
        finally:
            file.close()
    except (NotAPdf, OSError, ValueError):
        return False
    return True


def check_upload(uploaded) -> None:
    """Raise ``forms.ValidationError`` if the file is not what its name says."""
    name = (uploaded.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    head = _read_head(uploaded)
    if extension == "pdf" or looks_like_pdf(head):
        if extension != "pdf":
            raise forms.ValidationError(
                _("The file is a PDF but its name does not end in .pdf. Rename it and upload it again."),
                code="pdf_extension",
            )
        try:
            check_pdf(uploaded)
        except NotAPdf as exc:
            raise forms.ValidationError(
                _("%(reason)s Only real PDF files can be uploaded as .pdf.") % {"reason": exc},
                code="not_pdf",
            ) from exc
    elif extension in ZIP_EXTENSIONS and not head.startswith(ZIP_MAGICS):
        raise forms.ValidationError(
            _("The file is not a valid .%(extension)s file: its content does not match its name.")
            % {"extension": extension},
            code="bad_container",
        )
    elif extension == "csv" and b"\x00" in head:
        raise forms.ValidationError(_("The file is not a text CSV file."), code="bad_csv")


class ReportPageForm(WagtailAdminPageForm):
    """A report's document must be a PDF by content, not just by name."""

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        if document is not None and "document" in self.changed_data and not is_pdf_file(document.file):
            self.add_error(
                "document",
                _("“%(title)s” is not a readable PDF. A report needs a PDF file: choose or upload another.")
                % {"title": document.title},
            )
        return cleaned
