"""The clusters and what they produced: success stories, findings and archived reports.

Cross-references (a story's clusters, a report's cluster, focus areas) always point at the
canonical Danish object; English pages inherit them through wagtail-localize and
templates show the reader's translation. Listings therefore match on ``translation_key``.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from hub.blocks import BaseStreamBlock
from hub.content_version import cached_for_content
from hub.i18n import in_reader_language
from hub.images import card_image
from hub.listing import FilteredListingMixin
from hub.models import IndexPage, focus_areas_field, image_field, in_default_locale
from hub.security.uploads import ReportPageForm
from hub.visibility import document_is_public, restricted_collection_paths, visible

from .choices import ClusterStatus, Programme, ReportType
from .cluster_content import about_cluster
from .fields import categorisation_panel, clusters_field
from .filters import ClusterFilterSet, FindingFilterSet, ReportFilterSet, StoryFilterSet
from .map import EAST_WITH_BORNHOLM, NORTH, SOUTH, WEST, place

# Clusters ----------------------------------------------------------------------------


class ClusterIndexPage(FilteredListingMixin, IndexPage):
    subpage_types = ["cases.ClusterPage"]
    max_count_per_parent = 1
    page_size = 30

    class Meta:
        verbose_name = _("cluster index")

    filterset_class = ClusterFilterSet

    def listing_queryset(self):
        return (
            visible(ClusterPage.objects.child_of(self))
            .prefetch_related(card_image("image"))
            .order_by("title")
        )

    def report_counts(self) -> dict:
        """How many reports each cluster's page offers (``ClusterPage.reports()``), by the
        cluster's translation key: one query for the whole index, kept until content changes."""

        def compute():
            candidates = (
                visible(ReportPage.objects.all())
                .filter(cluster__isnull=False, document__isnull=False)
                .select_related("document__collection", "locale", "cluster")
                .order_by("pk")
            )
            counts: dict = {}
            for report in public_reports(candidates, self.locale):
                key = report.cluster.translation_key
                counts[key] = counts.get(key, 0) + 1
            return counts

        return cached_for_content(f"cluster-report-counts:{self.locale_id}", compute)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_counts"] = self.report_counts()
        return context


class ClusterPage(Page):
    """One village cluster (landsbyklynge)."""

    Programme = Programme
    Status = ClusterStatus

    municipality = models.CharField(_("municipality"), max_length=80)
    villages = models.TextField(_("villages"), blank=True, help_text=_("The named villages, one per line."))
    village_count = models.PositiveSmallIntegerField(
        _("number of villages"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count the named villages."),
    )
    programme = models.CharField(_("programme"), max_length=16, choices=Programme.choices)
    year_established = models.PositiveSmallIntegerField(_("year established"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ClusterStatus.choices, default=ClusterStatus.ACTIVE
    )
    year_dissolved = models.PositiveSmallIntegerField(_("year dissolved"), null=True, blank=True)
    residents = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    website = models.URLField(_("own website"), blank=True)
    # Where the cluster is drawn on the map of Denmark (cases/map.py); no location, no point.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(str(SOUTH))), MaxValueValidator(Decimal(str(NORTH)))],
        help_text=_(
            "Degrees north, e.g. 56.23, roughly the middle of the cluster's villages. Leave latitude "
            "and longitude empty to list the cluster without placing it on the map."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(str(WEST))),
            MaxValueValidator(Decimal(str(EAST_WITH_BORNHOLM))),
        ],
        help_text=_("Degrees east, e.g. 10.55 (Bornholm about 14.9)."),
    )
    image = image_field(_("image"))
    description = RichTextField(_("description"), blank=True)

    override_translatable_fields = [SynchronizedField("municipality"), SynchronizedField("villages")]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("municipality"), FieldPanel("programme")]),
                FieldPanel("villages"),
                FieldRowPanel([FieldPanel("village_count"), FieldPanel("residents")]),
                FieldRowPanel(
                    [FieldPanel("year_established"), FieldPanel("status"), FieldPanel("year_dissolved")]
                ),
                FieldPanel("website"),
                FieldRowPanel(
                    [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location on the map")
                ),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("image"),
        FieldPanel("description"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("villages"),
        index.SearchField("municipality"),
        index.FilterField("municipality"),
        index.FilterField("programme"),
        index.FilterField("status"),
    ]

    parent_page_types = ["cases.ClusterIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("cluster")

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})

    @property
    def map_position(self) -> tuple[float, float] | None:
        """Where the cluster's point goes on the map (SVG units), or None: not placed."""
        return place(self.latitude, self.longitude)

    @property
    def village_names(self) -> list[str]:
        return [line.strip() for line in self.villages.splitlines() if line.strip()]

    @property
    def number_of_villages(self) -> int | None:
        return self.village_count or len(self.village_names) or None

    def stories(self):
        return (
            visible(
                SuccessStoryPage.objects.filter(
                    locale=self.locale, clusters__translation_key=self.translation_key
                )
            )
            .distinct()
            .prefetch_related(card_image())
            .order_by("-date")
        )

    def reports(self) -> list[ReportPage]:
        """Reports readers may see (hub/visibility.py) of the cluster, in the cluster page's
        language, whose PDF is public.

        A report not yet translated is still offered in its original language, so a reader
        never misses a report because of the language they browse in.
        """
        candidates = with_original_document(
            visible(ReportPage.objects.all())
            .filter(cluster__translation_key=self.translation_key, document__isnull=False)
            .select_related("document__collection", "document__thumbnail", "locale")
            .prefetch_related("document__thumbnail__renditions")
            .order_by("year", "report_type", "pk")
        )
        return public_reports(candidates, self.locale)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["about_cluster"] = about_cluster(self)
        return context


# Success stories --------------------------------------------------------------------


class StoryTheme(TaggedItemBase):
    content_object = ParentalKey(
        "cases.SuccessStoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryIndexPage(FilteredListingMixin, IndexPage):
    subpage_types = ["cases.SuccessStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("success story index")

    filterset_class = StoryFilterSet

    def listing_queryset(self):
        return (
            visible(SuccessStoryPage.objects.child_of(self))
            .prefetch_related(card_image(), "clusters", "focus_areas")
            .order_by("-date", "-pk")
        )


class SuccessStoryPage(Page):
    date = models.DateField(_("date"))
    lead_image = image_field(_("lead image"))
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    clusters = clusters_field()
    focus_areas = focus_areas_field("success_stories")
    themes = ClusterTaggableManager(through=StoryTheme, blank=True, verbose_name=_("themes"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        categorisation_panel("themes"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["cases.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("success story")


# Findings ---------------------------------------------------------------------------


class FindingIndexPage(FilteredListingMixin, IndexPage):
    subpage_types = ["cases.FindingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("finding index")

    filterset_class = FindingFilterSet

    def listing_queryset(self):
        return (
            visible(FindingPage.objects.child_of(self))
            .prefetch_related("focus_areas")
            .order_by("number", "pk")
        )


class FindingPage(Page):
    number = models.PositiveSmallIntegerField(_("number"))
    summary = models.TextField(_("summary"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    focus_areas = focus_areas_field("findings")
    source_report = models.ForeignKey(
        "cases.ReportPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        limit_choices_to=in_default_locale,
        verbose_name=_("from the report"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("source_report"),
        FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("number"),
    ]

    parent_page_types = ["cases.FindingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("finding")
        ordering = ["number"]


# Archived reports -------------------------------------------------------------------


class ReportIndexPage(FilteredListingMixin, IndexPage):
    subpage_types = ["cases.ReportPage"]
    max_count_per_parent = 1
    page_size = 20

    class Meta:
        verbose_name = _("report archive")

    filterset_class = ReportFilterSet

    def listing_queryset(self):
        return with_original_document(
            visible(ReportPage.objects.child_of(self))
            .select_related("cluster", "document__thumbnail", "locale")
            .prefetch_related("document__thumbnail__renditions")
            .order_by("-year", "title")
        )


class ReportPage(Page):
    """An archived PDF report: a cluster's own, or a national one when no cluster is set."""

    ReportType = ReportType

    report_type = models.CharField(_("report type"), max_length=32, choices=ReportType.choices)
    cluster = models.ForeignKey(
        ClusterPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_archived",
        limit_choices_to=in_default_locale,
        verbose_name=_("cluster"),
        help_text=_("Leave empty for a national report."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    page_count = models.PositiveSmallIntegerField(
        _("pages"), null=True, blank=True, help_text=_("Taken from the PDF when left empty.")
    )
    summary = RichTextField(_("summary"), features=["bold", "italic", "link", "ul", "ol"])
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("PDF"),
    )
    focus_areas = focus_areas_field("reports")

    override_translatable_fields = [SynchronizedField("authors"), SynchronizedField("publisher")]

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("report_type"), FieldPanel("year")]),
                FieldPanel("cluster"),
                FieldRowPanel([FieldPanel("authors"), FieldPanel("publisher")]),
                FieldPanel("page_count"),
            ],
            heading=_("About the report"),
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.SearchField("cluster_name"),
        index.SearchField("document_text"),
        index.FilterField("report_type"),
        index.FilterField("year"),
    ]

    parent_page_types = ["cases.ReportIndexPage"]
    subpage_types: list[str] = []
    # Refuses a document that is not a PDF by content (hub/security/uploads.py).
    base_form_class = ReportPageForm

    class Meta:
        verbose_name = _("archived report")

    @property
    def pages(self) -> int | None:
        return self.page_count or (self.document.page_count if self.document else None)

    @property
    def download_url(self) -> str | None:
        return self.document.url if self.document else None

    @property
    def pdf_language(self) -> str:
        """The language the PDF is written in: a translation that kept the original's PDF
        (as most do) offers a PDF in the original's language, so the page can say so.
        Listings annotate ``original_document_id`` (``with_original_document``)."""
        default = settings.LANGUAGE_CODE
        if self.locale.language_code == default or not self.document_id:
            return self.locale.language_code
        original = getattr(self, "original_document_id", None)
        if not hasattr(self, "original_document_id"):
            original = (
                ReportPage.objects.filter(translation_key=self.translation_key, locale__language_code=default)
                .values_list("document_id", flat=True)
                .first()
            )
        return default if original == self.document_id else self.locale.language_code

    @property
    def is_national(self) -> bool:
        return self.cluster_id is None

    def cluster_name(self) -> str:
        """For the search index: nothing of a cluster readers may not see."""
        if self.cluster_id is None or not visible(ClusterPage.objects.filter(pk=self.cluster_id)).exists():
            return ""
        return self.cluster.title

    def document_text(self, restricted_paths: list[str] | None = None) -> str:
        """The PDF's extracted text, so a report is found by words only its PDF holds;
        nothing from a PDF in a private collection (cases/signals.py reindexes).
        ``restricted_paths`` as for ``document_is_public`` (search snippets pass it)."""
        if not self.document or not document_is_public(self.document, restricted_paths):
            return ""
        return self.document.extracted_text


def with_original_document(reports: models.QuerySet) -> models.QuerySet:
    """Reports with the PDF of their original (default-language) page, for ``pdf_language``."""
    originals = ReportPage.objects.filter(
        translation_key=models.OuterRef("translation_key"), locale__language_code=settings.LANGUAGE_CODE
    )
    return reports.annotate(original_document_id=models.Subquery(originals.values("document_id")[:1]))


def public_reports(candidates, locale) -> list[ReportPage]:
    """One report per translation in ``locale`` (else the original), whose PDF is public."""
    restricted = restricted_collection_paths()
    return [
        report
        for report in in_reader_language(candidates, locale)
        if document_is_public(report.document, restricted)
    ]


def clusters_established_per_year(locale) -> dict[int, int]:
    """For the timelines (``hub.timeline``): visible clusters of ``locale`` by year established."""

    def compute():
        # Counted on the original (default-language) pages: the same figures in every language.
        years = visible(
            ClusterPage.objects.filter(year_established__isnull=False).filter(in_default_locale())
        )
        rows = years.values("year_established").annotate(n=models.Count("pk")).order_by()
        return {row["year_established"]: row["n"] for row in rows}

    return cached_for_content(f"clusters-per-year:{locale.pk}", compute)


def latest_stories(locale) -> models.QuerySet:
    """The home page's "latest success stories" (``hub.home``), newest first."""
    return (
        SuccessStoryPage.objects.filter(locale=locale).prefetch_related(card_image()).order_by("-date", "-pk")
    )
