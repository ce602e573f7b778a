"""Newsletter editions as pages, so every edition sent also stands in a public archive."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.models import IndexPage
from hub.visibility import visible

FEATURABLE_PAGE_TYPES = [
    "cases.SuccessStoryPage",
    "cases.FindingPage",
    "cases.ReportPage",
    "blog.BlogPostPage",
]


class FeaturedPageBlock(blocks.StructBlock):
    """A story, finding, report or blog post featured by reference, so it never goes stale."""

    page = blocks.PageChooserBlock(page_type=FEATURABLE_PAGE_TYPES, label=_("Page"))
    text = blocks.TextBlock(
        required=False,
        label=_("Text"),
        help_text=_("Defaults to the page's introduction or summary."),
    )

    class Meta:
        icon = "link"
        label = _("Featured page")
        template = "newsletter/blocks/featured_page_block.html"

    def clean(self, value):
        """Refuse, on publishing, a page readers may not see: it would be left out of the
        e-mail and the web page. A draft may still hold one that is yet to go live."""
        value = super().clean(value)
        page = value.get("page")
        if (
            page is not None
            and not self.is_deferred_validation
            and not visible(type(page).objects.filter(pk=page.pk)).exists()
        ):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _(
                            "“%(title)s” is not public: it is private, unpublished or expired, "
                            "so readers would not see it. Choose another page or remove this block."
                        )
                        % {"title": page.title}
                    )
                }
            )
        return value


class EditionStreamBlock(BaseStreamBlock):
    featured_page = FeaturedPageBlock()


class NewsletterIndexPage(IndexPage):
    """The public archive of past editions, newest first."""

    subpage_types = ["newsletter.NewsletterEditionPage"]
    max_count_per_parent = 1
    page_size = 20

    class Meta:
        verbose_name = _("newsletter archive")

    def editions(self):
        return visible(NewsletterEditionPage.objects.child_of(self)).order_by("-date", "-pk").specific()

    def listing_queryset(self):
        """What the listing paginates (hub.sitemap lists every page of it)."""
        return self.editions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = Paginator(self.listing_queryset(), self.page_size).get_page(
            request.GET.get("page")
        )
        return context


class NewsletterEditionPage(Page):
    """One edition: what the web archive shows and what every subscriber receives."""

    date = models.DateField(_("date"))
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown in the archive and the e-mail.")
    )
    body = StreamField(EditionStreamBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("newsletter edition")

    # Editors preview the web page, and the e-mail as one recipient would see it.
    @property
    def preview_modes(self):
        return [("", _("Web page")), ("email", _("E-mail (HTML)")), ("text", _("E-mail (plain text)"))]

    def serve_preview(self, request, mode_name):
        if mode_name in {"email", "text"}:
            from django.http import HttpResponse

            from .rendering import preview_message

            message = preview_message(self, request.user)
            if mode_name == "text":
                return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
            return HttpResponse(message.alternatives[0][0], content_type="text/html; charset=utf-8")
        return super().serve_preview(request, mode_name)
