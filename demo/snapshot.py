"""Everything the demo loader built, as canonical JSON: ``manage.py demo_snapshot``.

Two databases loaded from the same content give the same snapshot, byte for byte, so a
change to the loader or the data files can be shown to change nothing (or exactly what it
means to). Database ids and random translation keys are replaced by stable names (a
page's url path, an image's or document's title, a focus area's slug); times set while
loading (revision and publication times) read ``<load time>``.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)

from hub.models import FocusArea, HubDocument, HubImage, SiteSettings, TagName
from search.models import PageFacet

VOLATILE = {"latest_revision", "live_revision", "latest_revision_created_at", "locked_at", "locked_by"}
SEGMENTS = (StringSegment, TemplateSegment, OverridableSegment, RelatedObjectSegment)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Names:
    """Stable names for what the database knows by id."""

    def __init__(self) -> None:
        self.now = timezone.now()
        self.pages = dict(Page.objects.values_list("pk", "url_path"))
        self.images = dict(HubImage.objects.values_list("pk", "title"))
        self.documents = dict(HubDocument.objects.values_list("pk", "title"))
        # A translation key by its Danish object (else the first one found).
        self.keys: dict[str, str] = {}
        rows = [
            (key, language, f"page:{path}")
            for key, language, path in Page.objects.values_list(
                "translation_key", "locale__language_code", "url_path"
            )
        ] + [
            (key, language, f"focus-area:{slug}")
            for key, language, slug in FocusArea.objects.values_list(
                "translation_key", "locale__language_code", "slug"
            )
        ]
        for key, language, name in rows:
            if language == "da" or str(key) not in self.keys:
                self.keys[str(key)] = name

    def text(self, value: str) -> str:
        """A text, with ids in rich-text links and embeds named; a bare translation key named."""
        value = re.sub(
            r'(linktype="page"[^>]*id=")(\d+)"', lambda m: f'{m[1]}{self.pages.get(int(m[2]), m[2])}"', value
        )
        value = re.sub(
            r'(embedtype="image"[^>]*id=")(\d+)"',
            lambda m: f'{m[1]}{self.images.get(int(m[2]), m[2])}"',
            value,
        )
        return self.keys.get(value, value)

    def stream(self, data):
        """Raw StreamField data with image, document and page ids named."""
        if isinstance(data, list):
            return [self.stream(item) for item in data]
        if isinstance(data, dict):
            named = {
                "image": ("image", self.images),
                "document": ("document", self.documents),
                "page": ("page", self.pages),
            }
            out = {}
            for name, value in data.items():
                if name in named and isinstance(value, int):
                    prefix, table = named[name]
                    out[name] = f"{prefix}:{table.get(value, value)}"
                else:
                    out[name] = self.stream(value)
            return out
        return self.text(data) if isinstance(data, str) else data

    def related(self, obj) -> str | None:
        if obj is None:
            return None
        if isinstance(obj, Page):
            return f"page:{obj.url_path}"
        label = obj._meta.label
        by_label = {
            "hub.HubImage": lambda: f"image:{obj.title}",
            "hub.HubDocument": lambda: f"document:{obj.title}",
            "wagtailcore.Locale": lambda: obj.language_code,
            "contenttypes.ContentType": lambda: f"{obj.app_label}.{obj.model}",
            "wagtailcore.Collection": lambda: f"collection:{obj.name}",
            "auth.User": lambda: f"user:{obj.username}",
            "hub.FocusArea": lambda: f"focus-area:{obj.slug}@{obj.locale.language_code}",
            "wagtailcore.Site": lambda: f"site:{obj.hostname}:{obj.port}",
        }
        return by_label.get(label, lambda: f"{label}:{obj}")()

    def overridable(self, source: TranslationSource, path: str, data_json: str):
        """A synchronised field's value; a foreign key by the name of what it points at."""
        try:
            field = source.specific_content_type.model_class()._meta.get_field(path)
        except Exception:  # a path into a StreamField or a child object
            field = None
        if isinstance(field, models.ForeignKey):
            value = json.loads(data_json)
            target = field.related_model._default_manager.filter(pk=value).first() if value else None
            return self.related(target.specific if isinstance(target, Page) else target)
        return self.text(data_json)

    def scalar(self, value):
        if isinstance(value, datetime):
            return "<load time>" if abs(value - self.now) < timedelta(days=2) else value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str):
            return self.text(value)
        return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def file_summary(field_file) -> dict | None:
    if not field_file:
        return None
    with field_file.open("rb") as handle:
        return {"name": field_file.name, "sha256": sha256(handle.read())}


def fields_of(obj, names: Names, skip=()) -> dict:
    """Every field value of ``obj`` (many-to-many targets too), ids named."""
    out = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in VOLATILE or field.name in skip:
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        value = getattr(obj, field.name)
        if isinstance(field, StreamField):
            out[field.name] = names.stream(
                json.loads(json.dumps(list(value.raw_data), cls=DjangoJSONEncoder))
            )
        elif isinstance(field, models.ForeignKey):
            out[field.name] = names.related(value)
        elif isinstance(field, models.FileField):
            out[field.name] = file_summary(value)
        elif field.name == "translation_key":
            out[field.name] = names.keys.get(str(value), "?")
        elif isinstance(field, RichTextField):
            out[field.name] = names.text(value or "")
        else:
            out[field.name] = names.scalar(value)
    for field in obj._meta.many_to_many:
        manager = getattr(obj, field.name)
        if hasattr(manager, "names"):  # tags
            out[field.name] = sorted(manager.names())
        else:
            out[field.name] = sorted(str(names.related(item)) for item in manager.all())
    return out


def translation_source(source: TranslationSource, names: Names) -> dict:
    segments = []
    for model in SEGMENTS:
        for segment in model.objects.filter(source=source).order_by("order"):
            row = {"kind": model.__name__, "order": segment.order, "context": segment.context.path}
            if model is StringSegment:
                row["string"], row["attrs"] = segment.string.data, segment.attrs
            elif model is OverridableSegment:
                row["data"] = names.overridable(source, segment.context.path, segment.data_json)
            elif model is TemplateSegment:
                row["template"] = segment.template.template
            segments.append(row)
    segments.sort(key=lambda row: (row["order"], row["kind"]))
    translations = {}
    for translation in Translation.objects.filter(source=source):
        strings = StringTranslation.objects.filter(
            context__object_id=source.object_id, locale=translation.target_locale
        ).select_related("context", "translation_of")
        translations[translation.target_locale.language_code] = {
            "enabled": translation.enabled,
            "strings": [
                list(row) for row in sorted((s.context.path, s.translation_of.data, s.data) for s in strings)
            ],
        }
    content_type = source.specific_content_type
    return {
        "model": f"{content_type.app_label}.{content_type.model}",
        "segments": segments,
        "translations": translations,
    }


def snapshot() -> dict:
    names = Names()
    pages = {}
    for page in Page.objects.order_by("path").specific():
        data = fields_of(page, names)
        data["type"] = page._meta.label
        data["revisions"] = Revision.page_revisions.filter(object_id=str(page.pk)).count()
        pages[f"{page.locale.language_code}:{page.url_path}"] = data
    documents = {}
    for document in HubDocument.objects.order_by("title"):
        documents[document.title] = fields_of(document, names, skip={"extracted_text"})
        documents[document.title]["extracted_text_sha256"] = sha256((document.extracted_text or "").encode())
    sources = {
        f"{names.keys.get(str(source.object_id), '?')}@{source.locale.language_code}": translation_source(
            source, names
        )
        for source in TranslationSource.objects.all()
    }
    return {
        "pages": pages,
        "images": {image.title: fields_of(image, names) for image in HubImage.objects.order_by("title")},
        "documents": documents,
        "focus_areas": {
            f"{area.locale.language_code}:{area.slug}": fields_of(area, names)
            for area in FocusArea.objects.order_by("locale__language_code", "slug")
        },
        "site_settings": [fields_of(settings, names) for settings in SiteSettings.objects.order_by("pk")],
        "redirects": sorted(
            (fields_of(redirect, names) for redirect in Redirect.objects.all()),
            key=lambda row: json.dumps(row, sort_keys=True),
        ),
        "translation_sources": dict(sorted(sources.items())),
        "tags": sorted(Tag.objects.values_list("name", "slug")),
        "tag_names": sorted(TagName.objects.values_list("tag__name", "locale__language_code", "name")),
        "facets": sorted(
            [names.pages.get(f.page_id), f.facet, names.text(f.value)] for f in PageFacet.objects.all()
        ),
    }


def dumps(data: dict) -> str:
    """The canonical form: sorted keys, one value a line, UTF-8 as is."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
