"""Site-wide models: the home page, plain pages, the media models and shared taxonomy."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import SitePageStreamBlock
from .home import latest_on_home
from .visibility import visible


class HubImage(AbstractImage):
    """Images with required alt text (WCAG) and a credit line."""

    description = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")


class HubRendition(AbstractRendition):
    image = models.ForeignKey(HubImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HubDocument(AbstractDocument):
    """Documents whose extracted text, page count and checksum travel with them.

    Report PDFs are searched by their text and archived by their checksum, so both are
    stored here rather than recomputed from the file each time.
    """

    class Extraction(models.TextChoices):
        PENDING = "pending", _("Waiting for text extraction")
        DONE = "done", _("Text extracted")
        FAILED = "failed", _("Text could not be extracted")
        NOT_PDF = "not-pdf", _("Not a PDF")

    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=16,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        editable=False,
    )
    extraction_message = models.CharField(max_length=255, blank=True, editable=False)
    # A picture of the first page of a public PDF (hub/thumbnails.py), made with its analysis.
    thumbnail = models.ForeignKey(
        "hub.HubImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
        verbose_name=_("thumbnail"),
    )

    admin_form_fields = Document.admin_form_fields

    search_fields = AbstractDocument.search_fields + [index.SearchField("extracted_text")]

    def save(self, *args, **kwargs):
        """The thumbnail is the analysis's to set (hub/thumbnails.py): an editor's save of a
        copy loaded before it ran keeps the stored one, never a stale or deleted image."""
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "thumbnail" in update_fields):
            stored = type(self).objects.filter(pk=self.pk).values_list("thumbnail_id", flat=True).first()
            if stored != self.thumbnail_id and update_fields is None:
                self.thumbnail_id = stored
        super().save(*args, **kwargs)


def in_default_locale() -> models.Q:
    """Editors attach the canonical (Danish) object; templates show ``.localized``."""
    return models.Q(locale__language_code=settings.LANGUAGE_CODE)


class FocusArea(TranslatableMixin, models.Model):
    """One of the six focus areas every cluster worked with."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_focus_area_slug_per_locale"),
        ]

    def __str__(self) -> str:
        return self.name


class TagName(models.Model):
    """A tag's name in another language: what English pages show for "foreningsliv".

    Tags stay one shared vocabulary (taggit's, by slug) in every language, so a theme
    links the same stories in Danish and English and its filter address is the same in
    both; only the name readers see is per language. A tag without a name in the reader's
    language shows its own.
    """

    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, related_name="names", verbose_name=_("tag")
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("language")
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("tag"), FieldPanel("locale"), FieldPanel("name")]

    class Meta:
        ordering = ["tag__name", "locale__language_code"]
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")
        constraints = [models.UniqueConstraint(fields=["tag", "locale"], name="unique_tag_name_per_locale")]

    def __str__(self) -> str:
        return f"{self.tag.name} → {self.name}"


def focus_areas_field(related_name: str) -> ParentalManyToManyField:
    return ParentalManyToManyField(
        FocusArea,
        blank=True,
        related_name=related_name,
        limit_choices_to=in_default_locale,
        verbose_name=_("focus areas"),
    )


def image_field(verbose_name):
    return models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    # The "archived" switch (hub/archived.py): a banner on every page pointing to the
    # final archive, and newsletter sign-up closed. The export records these three
    # fields in bag-info, and its static copy shows the banner as every page does.
    archived = models.BooleanField(
        _("the hub is archived"),
        default=False,
        help_text=_(
            "Shows a notice on every page that the hub is no longer updated, pointing to the archive, "
            "and closes newsletter sign-up. Confirming, unsubscribing and seeing one's data keep working."
        ),
    )
    archive_location = models.CharField(
        _("where the archive lives"),
        max_length=500,
        blank=True,
        help_text=_("A web address (https://…) or a short description, e.g. the library that keeps it."),
    )
    archive_note = models.TextField(
        _("note for readers"), blank=True, help_text=_("Optional, shown under the notice on every page.")
    )

    # Who made the final archive and on what terms: the export writes them into the bag's
    # bag-info.txt and the Dublin Core and PREMIS metadata (newsletter.archive).
    archive_organisation = models.CharField(
        _("organisation"),
        max_length=300,
        blank=True,
        default="Landsbyklynger: DGI, Realdania, Lokale og Anlægsfonden",
        help_text=_("Who made and hands over the archive (the bag's Source-Organization)."),
    )
    archive_contact_name = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("Whom an archivist can ask about the archive."),
    )
    archive_contact_email = models.EmailField(
        _("contact e-mail for the archive"),
        blank=True,
        help_text=_("Left empty, the contact e-mail above is used."),
    )
    archive_rights = models.TextField(
        _("rights statement"),
        blank=True,
        help_text=_(
            "Who holds the rights to the content and what others may do with it, e.g. "
            "“© the clusters and the secretariat; may be used with attribution (CC BY 4.0)”. "
            "Written into the archive's metadata; the export warns while it is empty."
        ),
    )
    archive_rights_url = models.URLField(
        _("licence or rights address"),
        blank=True,
        help_text=_(
            "Optional: the address of the licence or rights statement, e.g. a Creative Commons licence."
        ),
    )

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("facebook_url"),
        MultiFieldPanel(
            [
                FieldPanel("archived"),
                FieldPanel("archive_location"),
                FieldPanel("archive_note"),
                FieldPanel("archive_organisation"),
                FieldPanel("archive_contact_name"),
                FieldPanel("archive_contact_email"),
                FieldPanel("archive_rights"),
                FieldPanel("archive_rights_url"),
            ],
            heading=_("Archive"),
        ),
    ]

    @property
    def archive_contact(self) -> str:
        """The archive's contact e-mail: its own, else the site's."""
        return self.archive_contact_email or self.contact_email

    @property
    def archive_location_is_url(self) -> bool:
        return self.archive_location.startswith(("https://", "http://"))

    class Meta:
        verbose_name = _("site settings")


class HomePage(Page):
    """The hub's front door: its purpose, the latest stories and posts, entry points."""

    hero_image = image_field(_("hero image"))
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(SitePageStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("hero_image"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cases.ClusterIndexPage",
        "cases.StoryIndexPage",
        "cases.FindingIndexPage",
        "cases.ReportIndexPage",
        "blog.BlogIndexPage",
        "newsletter.NewsletterIndexPage",
        "hub.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest"] = latest_on_home(self.locale)
        return context

    def entry_points(self):
        """The sections below the home page, in menu order."""
        return visible(self.get_children()).in_menu().specific()


class IndexPage(Page):
    """Shared shape of the section pages: a title, an introduction and a listing."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["hub.HomePage"]

    class Meta:
        abstract = True


class StandardPage(Page):
    """About, contact and other plain pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(SitePageStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = ["hub.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
