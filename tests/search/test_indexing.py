"""The hub's backend analyses every model's plain search fields as it indexes them
(``search.backends.indexing``): models declare Wagtail's own ``SearchField``s, and an
image is found as Danish as a page is, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from wagtail.images import get_image_model
from wagtail.models import Page

from search.analysis import analyse
from search.backends.indexing import AnalysedSearchField, analysed_fields
from tests import factories as f


def test_page_models_declare_plain_search_fields(hub_tree):
    story = hub_tree.da.story1.specific
    assert {type(field).__name__ for field in story.search_fields} <= {
        "SearchField",
        "AutocompleteField",
        "FilterField",
        "RelatedFields",
    }
    analysed = analysed_fields(type(story), analyse)
    titles = [field for field in analysed if field.field_name == "title"]
    assert any(isinstance(field, AnalysedSearchField) for field in titles)
    assert type(story).get_search_fields()[0] in Page.search_fields, "the model's own fields are unchanged"


def test_an_image_is_found_by_the_folded_spelling(db):
    image = f.ImageFactory(title="Forsamlingshuset i Aarsballe", description="Mødestederne om vinteren.")
    images = get_image_model().objects.all()
    assert [found.pk for found in images.search("Årsballe")] == [image.pk]
    assert [found.pk for found in images.search("mødested")] == [image.pk]
    assert list(images.search("vindmølle")) == []
