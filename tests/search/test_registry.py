"""The search takes part only through its registry (``search.registry``): a registered page
type is found, counted and filtered, an unregistered one is not; a registered facet
provider's values are stored, counted, offered as a filter and narrow the results."""

from __future__ import annotations

from collections import Counter

import pytest

from hub.models import StandardPage
from search.facets import rebuild_all_facets
from search.forms import SearchForm
from search.registry import Facet, FacetProvider, ResultType, by_count, register_temporarily
from search.services import Filters, run_search
from tests import factories as f

WORD = "vandmøllen"  # nowhere in the demo tree


@pytest.fixture
def standard_page(hub_tree):
    return f.StandardPageFactory(
        parent=hub_tree.da.home, title="Vandmøllen ved åen", slug="vandmoellen", intro=f"Om {WORD} i byen."
    )


def found(query, locale, filters=None) -> list[int]:
    outcome = run_search(query, locale, filters, page_size=100, use_cache=False)
    return [result.page.pk for result in outcome.results]


def test_only_registered_page_types_are_searched(standard_page, da_locale):
    assert found(WORD, da_locale) == [], "standard pages are not a search result type"
    page_type = ResultType("page", StandardPage, date="last_published_at", order=70)
    with register_temporarily(page_type):
        standard_page.save()  # a saved page of a registered type stores its facet values
        outcome = run_search(WORD, da_locale, use_cache=False)
        assert [result.page.pk for result in outcome.results] == [standard_page.pk]
        assert outcome.results[0].result_type.slug == "page"
        assert outcome.results[0].date == standard_page.last_published_at
        assert [(facet.value, facet.count) for facet in outcome.facets["type"]] == [("page", 1)]
        assert found(WORD, da_locale, Filters(type="page")) == [standard_page.pk]
        assert found(WORD, da_locale, Filters(type="story")) == []
        assert "page" in dict(SearchForm({}, locale=da_locale).fields["type"].choices)
    assert found(WORD, da_locale) == []
    assert "page" not in dict(SearchForm({}, locale=da_locale).fields["type"].choices)


class InitialFacets(FacetProvider):
    """A facet of the title's first letter, for every type."""

    facets = (Facet("initial", "Initial", order=45),)

    def stored_values(self, page, result_type):
        return {("initial", page.title[0].lower())}

    def narrow(self, queryset, result_type, name, value, context):
        return queryset.filter(title__istartswith=value)

    def choices(self, name, locale):
        return [(letter, letter.upper()) for letter in "abcdefghijklmnopqrstuvwxyzæøå"]

    def labelled(self, name, counter, context):
        return by_count(counter, str.upper)


def test_a_registered_facet_is_stored_counted_and_filtered(hub_tree, da_locale, client):
    with register_temporarily(InitialFacets()):
        rebuild_all_facets()
        outcome = run_search("landsbyklynger", da_locale, page_size=100, use_cache=False)
        assert list(outcome.facets) == ["type", "focus_area", "cluster", "municipality", "initial", "year"]
        expected = Counter(result.page.title[0].lower() for result in outcome.results)
        assert len(expected) > 1, "the demo titles begin with several letters"
        shown = {facet.value: (facet.label, facet.count) for facet in outcome.facets["initial"]}
        assert shown == {letter: (letter.upper(), count) for letter, count in expected.items()}

        letter, count = expected.most_common(1)[0]
        narrowed = run_search("landsbyklynger", da_locale, Filters(initial=letter), use_cache=False)
        assert narrowed.total == count
        assert {result.page.title[0].lower() for result in narrowed.results} == {letter}

        response = client.get("/da/search/", {"q": "landsbyklynger", "initial": letter})
        assert response.context["ignored"] == []
        assert response.context["outcome"].total == count
        assert 'name="initial" id="id_initial"' in response.content.decode(), "a filter of the page's form"
    with pytest.raises(ValueError, match="initial"):
        run_search("landsbyklynger", da_locale, Filters(initial=letter), use_cache=False)
    assert "initial" not in run_search("landsbyklynger", da_locale, use_cache=False).facets
