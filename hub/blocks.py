"""StreamField blocks shared by every page type with a rich body.

No ``ImageBlock`` or optional ``EmbedBlock``: wagtail-localize 1.14 can crash translating
them when empty, so images go through a StructBlock whose chooser is required.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(label=_("Heading"), required=True)
    size = blocks.ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")],
        default="h2",
        label=_("Level"),
        help_text=_("Keep headings in order: h3 only below an h2."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"

    def get_searchable_content(self, value):
        return [value["heading_text"]]  # not the level ("h2")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(required=True)
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribute_name = blocks.CharBlock(required=False, label=_("Said by"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(required=True)
    label = blocks.CharBlock(required=False, help_text=_("Defaults to the document title."))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class FactBlock(blocks.StructBlock):
    """A highlighted figure, e.g. '24 villages' or '20.000 answers'."""

    figure = blocks.CharBlock(label=_("Figure"))
    text = blocks.CharBlock(label=_("Text"))

    class Meta:
        icon = "pick"
        template = "blocks/fact_block.html"


class PeriodBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Name"))
    start = blocks.IntegerBlock(label=_("From year"), min_value=1900, max_value=2100)
    end = blocks.IntegerBlock(label=_("To year"), min_value=1900, max_value=2100, required=False)
    text = blocks.CharBlock(label=_("Text"), required=False)


class MilestoneBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(label=_("Year"), min_value=1900, max_value=2100)
    label = blocks.CharBlock(label=_("What happened"))


class TimelineBlock(blocks.StructBlock):
    """Periods and milestones on a row of years, with the clusters established each year
    (``hub.timeline``); drawn in HTML, readable without colour and by screen readers."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    periods = blocks.ListBlock(PeriodBlock(), label=_("Periods"))
    milestones = blocks.ListBlock(MilestoneBlock(), label=_("Milestones"), required=False)
    show_yearly_count = blocks.BooleanBlock(
        label=_("Show the clusters established each year"), required=False, default=True
    )

    class Meta:
        icon = "date"
        template = "blocks/timeline_block.html"

    def get_context(self, value, parent_context=None):
        from .timeline import yearly_count

        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        counted = yearly_count() if value.get("show_yearly_count") else None
        counts = counted.count(page.locale) if counted and page is not None else {}
        # A draft may hold a period or milestone without its year: it is left out, never a 500.
        periods = [period for period in value["periods"] if period["start"] is not None and period["label"]]
        milestones = [milestone for milestone in value["milestones"] if milestone["year"] is not None]
        years = [p["start"] for p in periods] + [p["end"] or p["start"] for p in periods]
        years += [m["year"] for m in milestones] + list(counts)
        first, last = (min(years), max(years)) if years else (0, -1)
        last = min(last, first + 11)  # the stylesheet draws at most twelve years

        def column(year):
            return max(1, min(year, last) - first + 1)

        context["timeline"] = {
            "years": [(year, column(year), counts.get(year, 0)) for year in range(first, last + 1)],
            "columns": last - first + 1,
            "periods": [
                {
                    **period,
                    "column": column(period["start"]),
                    "span": column(period["end"] or period["start"]) - column(period["start"]) + 1,
                }
                for period in value["periods"]
            ],
            "milestones": [
                {**milestone, "column": column(milestone["year"])} for milestone in value["milestones"]
            ],
            "milestone_years": {milestone["year"] for milestone in milestones},
            "count_label": counted.label if counted else "",
            "most": max(counts.values(), default=0),
        }
        return context


class BaseStreamBlock(blocks.StreamBlock):
    heading_block = HeadingBlock()
    paragraph_block = blocks.RichTextBlock(
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image_block = CaptionedImageBlock()
    quote_block = QuoteBlock()
    document_block = DocumentLinkBlock()
    fact_block = FactBlock()

    def render_basic(self, value, context=None):
        """As Wagtail's (each block in a ``block-<type>`` div), with consecutive facts side by
        side in one row of key figures."""
        html, figures = [], []
        for child in value:
            rendered = format_html(
                '<div class="block-{}">{}</div>', child.block_type, child.render(context=context)
            )
            if child.block_type == "fact_block":
                figures.append(rendered)
                continue
            if figures:
                html.append(format_html('<div class="key-figures">{}</div>', mark_safe("".join(figures))))  # noqa: S308 - joined parts are escaped
                figures = []
            html.append(rendered)
        if figures:
            html.append(format_html('<div class="key-figures">{}</div>', mark_safe("".join(figures))))  # noqa: S308 - joined parts are escaped
        return mark_safe("\n".join(html))  # noqa: S308 - each part built by format_html


class SitePageStreamBlock(BaseStreamBlock):
    """The home page's and plain pages' body: the shared blocks and the timeline."""

    timeline_block = TimelineBlock()
