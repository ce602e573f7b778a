"""Queue text extraction whenever a document gets a new file (upload or replace), and keep
each PDF's thumbnail (hub/thumbnails.py) exactly as public as the PDF: a collection made
private loses its documents' thumbnails at once; made public again, or a document moved
into a public collection, they are made anew by the same background analysis."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import CollectionViewRestriction

from .models import HubDocument
from .thumbnails import remove_thumbnail
from .visibility import document_is_public


def _only_analysis(update_fields) -> bool:
    """A save that cannot have changed the file (the analysis itself, a lazy size or hash)."""
    return bool(update_fields) and "file" not in update_fields


@receiver(pre_save, sender=HubDocument)
def mark_new_file(sender, instance: HubDocument, update_fields=None, **kwargs) -> None:
    if _only_analysis(update_fields):
        return
    previous = (
        sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first() if instance.pk else None
    )
    if previous != instance.file.name:
        instance.extraction_status = HubDocument.Extraction.PENDING
        instance.extraction_message = ""


def _queue(document_ids) -> None:
    from .tasks import extract_document_text

    for document_id in document_ids:
        extract_document_text.enqueue(document_id)


@receiver(post_save, sender=HubDocument)
def queue_extraction(sender, instance: HubDocument, update_fields=None, **kwargs) -> None:
    if _only_analysis(update_fields):
        return
    if instance.extraction_status == HubDocument.Extraction.PENDING:
        _queue([instance.pk])
    elif instance.thumbnail_id and not document_is_public(instance):
        remove_thumbnail(instance)  # moved into a private collection
    elif (
        instance.thumbnail_id is None
        and instance.extraction_status == HubDocument.Extraction.DONE
        and document_is_public(instance)
    ):
        _queue([instance.pk])  # moved into a public collection


@receiver(post_delete, sender=HubDocument)
def delete_thumbnail(sender, instance: HubDocument, **kwargs) -> None:
    if instance.thumbnail_id:
        remove_thumbnail(instance, save=False)


def _documents_under(restriction: CollectionViewRestriction):
    return HubDocument.objects.filter(collection__path__startswith=restriction.collection.path)


@receiver(post_save, sender=CollectionViewRestriction)
def hide_thumbnails(sender, instance: CollectionViewRestriction, **kwargs) -> None:
    for document in _documents_under(instance).exclude(thumbnail=None).select_related("thumbnail"):
        remove_thumbnail(document)


@receiver(post_delete, sender=CollectionViewRestriction)
def restore_thumbnails(sender, instance: CollectionViewRestriction, **kwargs) -> None:
    documents = _documents_under(instance).filter(
        thumbnail=None, extraction_status=HubDocument.Extraction.DONE
    )
    _queue([document.pk for document in documents if document_is_public(document)])
