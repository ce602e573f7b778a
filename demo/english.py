"""The demo's English pages: real wagtail-localize translations, filled from the English
side of the data's texts, so editors can keep working on them in the admin.

Every text of a translated page is collected while loading; each segment of a page's
PO file is then looked up by its Danish text (unescaped, whitespace collapsed).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from wagtail.models import Locale, Page

from . import links
from .data import Text


def normalise(text: str) -> str:
    """The key a Danish text is looked up by: unescaped, whitespace collapsed."""
    return " ".join(html.unescape(text).split())


class English:
    """The English texts known so far, and the translations made from them."""

    def __init__(self, locale: Locale, report) -> None:
        self.locale = locale
        self.report = report  # counts segments, translations saved and texts without English
        self.texts: dict[str, str] = {}

    def add(self, texts: Iterable[Text]) -> None:
        """Each text's English as its segment's translation holds it (escaped, links as
        ``<a id="aN">``), by its Danish segment."""
        self.texts.update(
            {
                normalise(links.segment(text.da)): links.segment(text.en)
                for text in texts
                if text.en is not None
            }
        )

    def translate(self, instance, force: bool) -> None:
        """Fill wagtail-localize's PO for ``instance`` from the English texts and save it."""
        from wagtail_localize.models import Translation, TranslationSource

        source, _ = TranslationSource.update_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=self.locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        changed = False
        for entry in po:
            if entry.obsolete:
                continue
            self.report.segments += 1
            english = self.texts.get(normalise(entry.msgid))
            if english is None:
                self.report.missing_segments.append(entry.msgid)
                continue
            msgstr = english
            if entry.msgstr != msgstr:
                entry.msgstr = msgstr
                changed = True
        if changed:
            translation.import_po(po)
        exists = instance.get_translation_or_none(self.locale) is not None
        if changed or force or not exists:
            self.save_translation(translation, instance)
            self.report.translated += 1

    def save_translation(self, translation, instance) -> None:
        """Like ``Translation.save_target(publish=True)``, but publish at once.

        wagtail-localize defers publishing a page translation to ``on_commit`` with the
        page object as it was then; published after its children were added (one outer
        transaction, or a test's captured callbacks), it saves a stale ``numchild`` and
        the English children disappear from the tree. So save a draft and publish a
        fresh copy of it now.
        """
        if not isinstance(instance, Page):
            translation.save_target(publish=True)
            return
        translation.source.create_or_update_translation(
            self.locale, publish=False, copy_parent_pages=True, fallback=True
        )
        target = Page.objects.get(pk=instance.get_translation(self.locale).pk).specific
        revision = target.get_latest_revision()
        if revision is not None and (not target.live or target.has_unpublished_changes):
            revision.publish()
