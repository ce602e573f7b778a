"""The secretariat's blog: an index with filters and feeds, and the posts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cases.fields import categorisation_panel, clusters_field
from hub.blocks import BaseStreamBlock
from hub.images import card_image
from hub.listing import FilteredListingMixin
from hub.models import IndexPage, focus_areas_field, image_field
from hub.visibility import visible

from .feeds import BlogAtomFeed, BlogRssFeed
from .filters import BlogFilterSet


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPostPage", related_name="tagged_items", on_delete=models.CASCADE)


class BlogIndexPage(RoutablePageMixin, FilteredListingMixin, IndexPage):
    subpage_types = ["blog.BlogPostPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog index")

    filterset_class = BlogFilterSet

    def listing_queryset(self):
        return (
            visible(BlogPostPage.objects.child_of(self))
            .prefetch_related(card_image(), "tags", "focus_areas")
            .order_by("-date", "-pk")
        )

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/", name="rss")
    def rss_feed(self, request):
        return BlogRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return BlogAtomFeed(self)(request)


class BlogPostPage(Page):
    date = models.DateField(_("date"))
    author = models.CharField(_("author"), max_length=255, blank=True)
    lead_image = image_field(_("lead image"))
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True, verbose_name=_("tags"))
    focus_areas = focus_areas_field("blog_posts")
    clusters = clusters_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("lead_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
        categorisation_panel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("blog post")


def latest_posts(locale) -> models.QuerySet:
    """The home page's "latest from the blog" (``hub.home``), newest first."""
    return BlogPostPage.objects.filter(locale=locale).prefetch_related(card_image()).order_by("-date", "-pk")


def posts_about(cluster) -> models.QuerySet:
    """The blog posts shown on a cluster's page (``cases.cluster_content``), in its language."""
    return (
        visible(
            BlogPostPage.objects.filter(
                locale=cluster.locale, clusters__translation_key=cluster.translation_key
            )
        )
        .distinct()
        .prefetch_related(card_image())
        .order_by("-date")
    )
