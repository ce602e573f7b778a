"""Queue text extraction whenever a document gets a new file (upload or replace)."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import HubDocument


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


@receiver(post_save, sender=HubDocument)
def queue_extraction(sender, instance: HubDocument, update_fields=None, **kwargs) -> None:
    if _only_analysis(update_fields) or instance.extraction_status != HubDocument.Extraction.PENDING:
        return
    from .tasks import extract_document_text

    extract_document_text.enqueue(instance.pk)
