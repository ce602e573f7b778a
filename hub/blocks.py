"""StreamField blocks shared by every page type with a rich body.

No ``ImageBlock`` or optional ``EmbedBlock``: wagtail-localize 1.14 can crash translating
them when empty, so images go through a StructBlock whose chooser is required.
"""

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
