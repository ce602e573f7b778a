"""Factories for the hub's own models: media, focus areas, plain pages, and the page base.

Pages are created under an explicit ``parent`` (wagtail-factories' convention) and are live.
``translate()`` makes and publishes the English copy the way an editor would.
"""

from __future__ import annotations

import datetime
import functools

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.text import slugify
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page
from wagtail.rich_text import RichText

from hub.models import FocusArea, HubImage, StandardPage


@functools.lru_cache(maxsize=64)
def make_pdf(text: str, pages: int = 1) -> bytes:
    """A small, real PDF whose pages carry ``text`` (Latin-1 core font, so æøå work)."""
    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    pdf.set_font("Helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"{text}\nSide {number} af {pages}")
    return bytes(pdf.output())


def root_collection() -> Collection:
    return Collection.get_first_root_node()


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def body(text: str) -> list:
    return [("paragraph_block", RichText(f"<p>{text}</p>"))]


class CollectionFactory(wagtail_factories.CollectionFactory):
    """A child of the root collection (wagtail-factories would add a second root)."""

    name = factory.Sequence(lambda n: f"Samling {n}")
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("parent", None)
        return root_collection().add_child(instance=model_class(**kwargs))


class DocumentFactory(factory.django.DjangoModelFactory):
    """A HubDocument holding a real PDF."""

    class Meta:
        model = get_document_model()

    class Params:
        text = factory.LazyAttribute(lambda o: f"{o.title}. Rapport om landsbyklynger og samarbejde.")
        pages = 2

    title = factory.Sequence(lambda n: f"Rapport {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(
        lambda o: ContentFile(make_pdf(o.text, o.pages), name=f"{slugify(o.title) or 'rapport'}.pdf")
    )


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = HubImage

    title = factory.Sequence(lambda n: f"Billede {n}")
    description = factory.LazyAttribute(lambda o: f"Beskrivelse af {o.title}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=40, height=30, color="green")


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        django_get_or_create = ("slug", "locale")

    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    slug = factory.Sequence(lambda n: f"fokus-{n}")
    locale = factory.LazyFunction(lambda: locale("da"))
    sort_order = factory.Sequence(int)


class HubPageFactory(wagtail_factories.PageFactory):
    """Base for the hub's pages: many-to-many values and tags are set after creation."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        related = {name: kwargs.pop(name) for name in cls._related_fields if name in kwargs}
        instance = super()._create(model_class, *args, **kwargs)
        if related:
            for name, values in related.items():
                manager = getattr(instance, name)
                if name in cls._tag_fields:
                    manager.add(*values)
                else:
                    manager.set(values)
            instance.save()
        return instance

    _related_fields: tuple[str, ...] = ()
    _tag_fields: tuple[str, ...] = ()


class StandardPageFactory(HubPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Side {n}")
    intro = "En almindelig side."
    body = factory.LazyAttribute(lambda o: body(f"Indhold på {o.title}."))


def translate(page: Page, language: str = "en", **changes) -> Page:
    """Copy ``page`` into ``language`` under its translated parent, edit and publish it."""
    translated = page.copy_for_translation(locale(language)).specific
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
