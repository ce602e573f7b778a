"""Template tags shared by the edition's web page and its e-mail."""

from __future__ import annotations

from types import SimpleNamespace

from django import template

from newsletter.rendering import featured, featured_text

register = template.Library()


@register.simple_tag
def featured_page(value):
    """A featured page in the reader's language with its kind and text, or None if gone."""
    page = featured(value["page"])
    if page is None:
        return None
    return SimpleNamespace(
        page=page, kind=page._meta.verbose_name.capitalize(), text=featured_text(value, page)
    )
