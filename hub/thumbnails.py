"""A picture of a PDF's first page, for report cards and report pages.

Made once, when the document's file is analysed (``hub.documents.analyse_document``),
and kept as a Wagtail image in the document's collection, so templates show it as an
ordinary rendition. Image files are served to anyone who has their address, so a
thumbnail exists only while its document is public (``hub.visibility.document_is_public``):
a PDF in a private collection gets none, and making a collection private removes its
documents' thumbnails at once (``hub/signals.py``); making it public again makes them anew.
"""

from __future__ import annotations

import io
import logging

from django.core.files.images import ImageFile
from django.db import transaction

from .visibility import document_is_public

logger = logging.getLogger(__name__)

# The rendered page's width in pixels: enough for a 2x rendition of the largest use (160 px).
WIDTH = 400


def render_first_page(data: bytes, width: int = WIDTH) -> bytes:
    """The PDF's first page as PNG bytes, ``width`` pixels wide; raises on a bad PDF."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[0]
        scale = width / page.get_width()
        bitmap = page.render(scale=scale)
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        pdf.close()


def remove_thumbnail(document, *, save: bool = True) -> None:
    """Delete the document's thumbnail image, its renditions and their files."""
    from wagtail.images import get_image_model

    image = (
        get_image_model().objects.filter(pk=document.thumbnail_id).first() if document.thumbnail_id else None
    )
    if image is None:
        document.thumbnail = None
        return
    document.thumbnail = None
    if save and document.pk:
        type(document).objects.filter(pk=document.pk).update(thumbnail=None)
    files = [image.file, *(rendition.file for rendition in image.renditions.all())]
    image.delete()
    transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])


def update_thumbnail(document, data: bytes, *, save: bool = True):
    """Make the thumbnail of a public PDF (replacing any older one), or remove it when the
    document is not public or not a readable PDF. Never raises: a page that cannot be drawn
    leaves the document without a thumbnail. Returns the image, or None."""
    from wagtail.images import get_image_model

    remove_thumbnail(document, save=save)
    if not document_is_public(document):
        return None
    try:
        png = render_first_page(data)
    except Exception as exc:  # pdfium raises its own errors on damaged or encrypted files
        logger.info("No thumbnail for document %s: %s", document.pk, exc)
        return None
    image = get_image_model()(
        title=f"PDF: {document.title}"[:255],
        description=document.title[:255],
        collection=document.collection,
        file=ImageFile(io.BytesIO(png), name=f"pdf-{document.pk or 'new'}-1.png"),
    )
    image._set_image_file_metadata()
    image.save()
    document.thumbnail = image
    if save and document.pk:
        type(document).objects.filter(pk=document.pk).update(thumbnail=image)
    return image
