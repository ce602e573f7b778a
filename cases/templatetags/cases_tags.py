"""Template helpers of the cases pages."""

from __future__ import annotations

from django import template

from hub.i18n import in_reader_language
from hub.visibility import visible

from ..models import FindingPage

register = template.Library()


@register.simple_tag
def report_findings(report) -> list:
    """Findings drawn from ``report``, in the report page's language where translated.

    Findings point at the canonical (Danish) report, so they are matched on the report's
    translation key; a finding not yet translated is shown in its original language.
    """
    candidates = (
        visible(FindingPage.objects.filter(source_report__translation_key=report.translation_key))
        .select_related("locale")
        .order_by("number", "pk")
    )
    return in_reader_language(candidates, report.locale)
