"""Privacy changes take effect at once in cached and indexed public content.

Making a page or a collection private (or public again) changes what search, the
navigation and filter choices may show: it moves on the content version those caches
are keyed on (``hub/content_version.py``). Reports index the text of their PDF only while the
PDF's collection is public (``ReportPage.document_text``), so a collection's privacy
change reindexes the reports whose PDFs lie in it.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import CollectionViewRestriction
from wagtail.search import index


@receiver(post_save, sender=CollectionViewRestriction, dispatch_uid="security-collection-privacy-saved")
@receiver(post_delete, sender=CollectionViewRestriction, dispatch_uid="security-collection-privacy-deleted")
def collection_privacy_changed(sender, instance, **kwargs) -> None:
    from cases.models import ReportPage

    collection = instance.collection
    reports = ReportPage.objects.filter(
        document__collection__path__startswith=collection.path
    ).select_related("document", "document__collection")
    for report in reports:
        index.insert_or_update_object(report)
