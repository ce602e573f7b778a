"""Listing pages filter, paginate, stay in their language and survive odd query strings."""

from urllib.parse import urlencode

import pytest

from tests.utils import hrefs, parse


def listed(client, page, query: str = ""):
    """The pages a listing shows (all of its pagination page) for ``query``."""
    response = client.get(page.url + (f"?{query}" if query else ""))
    assert response.status_code == 200, f"{page.url}?{query}: {response.status_code}"
    items = response.context["items"]
    return response, [item.pk for item in items.object_list]


def pks(*pages):
    return [page.pk for page in pages]


def same(*pages):
    return sorted(pks(*pages))


# Filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["national_evaluation", "midtfyn_evaluation", "mols_strategy", "mols_mapping"]),
        ("report_type=evaluering", ["national_evaluation", "midtfyn_evaluation"]),
        ("report_type=strategiplan", ["mols_strategy"]),
        ("report_type=vejledning", []),
        ("cluster=mols-i-udvikling", ["mols_strategy", "mols_mapping"]),
        ("cluster=klyngen-ved-lemvig", []),
        ("municipality=Faaborg-Midtfyn", ["midtfyn_evaluation"]),
        ("year=2017", ["mols_strategy"]),
        ("year=2019", ["national_evaluation"]),
        ("year=2017&report_type=evaluering", []),
        ("cluster=mols-i-udvikling&year=2016", ["mols_mapping"]),
        ("focus_area=kommunikation", ["mols_strategy"]),
        ("focus_area=organisering", ["mols_mapping"]),
        ("focus_area=involvering", []),
    ],
)
def test_report_filters(client, hub_tree, query, expected):
    _, shown = listed(client, hub_tree.da.report_index, query)
    # newest first
    assert shown == [getattr(hub_tree.da, name).pk for name in expected]


def test_english_report_filter_by_english_cluster_slug(client, hub_tree):
    en = hub_tree.en
    _, shown = listed(client, en.report_index, "cluster=mols-i-udvikling")
    assert shown == pks(en.mols_mapping)
    _, shown = listed(client, en.report_index, "report_type=evaluering")
    assert shown == pks(en.national_evaluation)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["story3", "story2", "story1"]),
        ("focus_area=organisering", ["story1"]),
        ("focus_area=involvering", ["story3"]),
        ("cluster=landet-paa-midtfyn", ["story3", "story2"]),
        ("cluster=mols-i-udvikling", ["story3", "story1"]),
        ("municipality=Syddjurs", ["story3", "story1"]),
        ("theme=turisme", ["story3", "story1"]),
        ("theme=bos%C3%A6tning", ["story2"]),
        ("theme=turisme&focus_area=organisering", ["story1"]),
        ("cluster=klyngen-ved-lemvig", []),
    ],
)
def test_story_filters(client, hub_tree, query, expected):
    _, shown = listed(client, hub_tree.da.story_index, query)
    assert shown == [getattr(hub_tree.da, name).pk for name in expected]


def test_story_theme_filter_uses_the_tag_slug(client, hub_tree):
    """Themes are tags; the filter value is the tag's slug (bosætning -> bosaetning)."""
    from taggit.models import Tag

    slug = Tag.objects.get(name="bosætning").slug
    _, shown = listed(client, hub_tree.da.story_index, urlencode({"theme": slug}))
    assert shown == pks(hub_tree.da.story2)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["finding1", "finding2", "finding3"]),
        ("focus_area=organisering", ["finding1", "finding3"]),
        ("focus_area=kommunikation", ["finding2"]),
        ("focus_area=involvering", ["finding3"]),
    ],
)
def test_finding_filters(client, hub_tree, query, expected):
    """Findings are listed by number."""
    _, shown = listed(client, hub_tree.da.finding_index, query)
    assert shown == [getattr(hub_tree.da, name).pk for name in expected]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["post3", "post2", "post1"]),
        ("tag=evaluering", ["post1"]),
        ("tag=kommunikation", ["post2"]),
        ("focus_area=kommunikation", ["post2"]),
        ("cluster=mols-i-udvikling", ["post1"]),
        ("cluster=landet-paa-midtfyn&tag=evaluering", []),
    ],
)
def test_blog_filters(client, hub_tree, query, expected):
    _, shown = listed(client, hub_tree.da.blog_index, query)
    assert shown == [getattr(hub_tree.da, name).pk for name in expected]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["lemvig", "midtfyn", "mols"]),  # by title
        ("municipality=Lemvig", ["lemvig"]),
        ("programme=campaign", ["lemvig"]),
        ("programme=pilot", ["midtfyn", "mols"]),
        ("status=paused", ["lemvig"]),
        ("status=dissolved", []),
    ],
)
def test_cluster_filters(client, hub_tree, query, expected):
    _, shown = listed(client, hub_tree.da.cluster_index, query)
    assert shown == [getattr(hub_tree.da, name).pk for name in expected]


def test_filtered_listing_links_only_the_matching_pages(client, hub_tree):
    da = hub_tree.da
    response, _ = listed(client, da.report_index, "report_type=evaluering")
    found = hrefs(response)
    assert da.national_evaluation.url in found and da.midtfyn_evaluation.url in found
    assert da.mols_mapping.url not in found and da.mols_strategy.url not in found


@pytest.mark.parametrize("name", ["story_index", "finding_index", "blog_index"])
def test_english_focus_area_filter(client, hub_tree, name):
    """The English listing offers the English focus-area names and filters by the same slug."""
    en = hub_tree.en
    response, shown = listed(client, getattr(en, name), "focus_area=organisering")
    expected = {
        "story_index": {en.story1.pk},
        "finding_index": {en.finding1.pk, en.finding3.pk},
        "blog_index": {en.post1.pk},
    }[name]
    assert set(shown) == expected
    options = [o.get("value") for o in parse(response).tags.get("option", [])]
    assert "organisering" in options
    assert "Organisation" in response.content.decode()


# Languages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["cluster_index", "story_index", "finding_index", "report_index", "blog_index"]
)
def test_english_listings_show_english_pages_only(client, hub_tree, name):
    index = getattr(hub_tree.en, name)
    response, shown = listed(client, index)
    items = response.context["items"].object_list
    assert items, f"{index.url} lists nothing"
    assert {item.locale.language_code for item in items} == {"en"}
    found = hrefs(response)
    for page in vars(hub_tree.da).values():
        if page.depth > 3:  # Danish content pages
            assert page.url not in found, f"{index.url} links the Danish page {page.url}"


def test_english_listings_leave_out_untranslated_pages(client, hub_tree):
    en = hub_tree.en
    _, stories = listed(client, en.story_index)
    assert stories == pks(en.story2, en.story1)
    _, posts = listed(client, en.blog_index)
    assert posts == pks(en.post2, en.post1)
    _, reports = listed(client, en.report_index)
    assert reports == pks(en.national_evaluation, en.mols_mapping)


def test_danish_listing_choices_name_danish_clusters_only(client, hub_tree):
    response, _ = listed(client, hub_tree.da.story_index)
    choices = dict(response.context["filter"].filters["cluster"].extra["choices"])
    assert set(choices) == {"mols-i-udvikling", "landet-paa-midtfyn", "klyngen-ved-lemvig"}


# Pagination -----------------------------------------------------------------------


@pytest.fixture
def two_per_page(settings):
    settings.HUB_LISTING_PAGE_SIZE = 2


@pytest.mark.parametrize("name", ["story_index", "finding_index", "blog_index"])
def test_pagination_splits_the_listing(client, hub_tree, two_per_page, name):
    index = getattr(hub_tree.da, name)
    response, first = listed(client, index)
    _, second = listed(client, index, "page=2")
    assert len(first) == 2 and len(second) == 1
    assert response.context["items"].paginator.num_pages == 2
    children = set(
        type(index.specific).objects.get(pk=index.pk).get_children().live().values_list("pk", flat=True)
    )
    assert set(first) | set(second) == children
    assert "page=2" in response.content.decode()


def test_pagination_keeps_the_filters(client, hub_tree, settings):
    settings.HUB_LISTING_PAGE_SIZE = 1
    response, first = listed(client, hub_tree.da.story_index, "theme=turisme")
    assert first == pks(hub_tree.da.story3)
    next_links = [a["href"] for a in parse(response).tags.get("a", []) if "page=2" in a.get("href", "")]
    assert next_links, "no link to page 2"
    assert all("theme=turisme" in href for href in next_links), next_links
    _, second = listed(client, hub_tree.da.story_index, next_links[0].lstrip("?").split("?")[-1])
    assert second == pks(hub_tree.da.story1)


@pytest.mark.parametrize(
    "page,expected_number",
    [("abc", 1), ("", 1), ("1.5", 1), ("%00", 1), ("99999", 2), ("-1", 2), ("0", 2), ("2", 2)],
)
def test_odd_page_numbers_give_a_real_page(client, hub_tree, two_per_page, page, expected_number):
    response, shown = listed(client, hub_tree.da.blog_index, f"page={page}")
    assert response.context["items"].number == expected_number
    assert shown, "an odd page number gave an empty page"


# Hostile and odd query strings -----------------------------------------------------

LONG = "x" * 5000

# Each of these is ignored: the listing shows what it shows without it.
IGNORED = [
    "year=abc",
    "year=%00",
    "year=99999999999999999999999",
    "year=-2017",
    "cluster=does-not-exist",
    "cluster=%00",
    "focus_area=%00",
    "focus_area=does-not-exist",
    "focus_area=%FF%FE",
    "municipality=" + LONG,
    "municipality=%00",
    "report_type=%3Cscript%3Ealert(1)%3C/script%3E",
    "programme=" + LONG,
    "status=%00",
    "theme=%00",
    "tag=%00",
    "cluster=" + LONG,
    "focus_area[]=organisering",
    "unknown=1",
    "page=abc",
    "page=-1",
    "page=" + "9" * 400,
]

# These must simply give a clean page.
ODD = [
    *IGNORED,
    "theme=" + LONG,
    "tag=" + LONG,
    "year=2016&year=abc",
    "cluster=mols-i-udvikling&cluster=does-not-exist",
    "page=1&page=2&page=abc",
    "focus_area=organisering&focus_area=%00",
    "q=%27%22%3C%3E%3B--",
    "%00=%00",
]

INDEXES = ["cluster_index", "story_index", "finding_index", "report_index", "blog_index"]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", INDEXES)
def test_odd_query_strings_give_a_clean_page(client, hub_tree, name, language):
    index = getattr(getattr(hub_tree, language), name)
    _, everything = listed(client, index)
    problems = []
    for query in ODD:
        response = client.get(f"{index.url}?{query}")
        label = f"{index.url}?{query[:60]}"
        if response.status_code != 200:
            problems.append(f"{label}: {response.status_code}")
            continue
        html = response.content.decode()
        if "<main" not in html or "Traceback" in html:
            problems.append(f"{label}: not a clean page")
        if query in IGNORED:
            shown = [item.pk for item in response.context["items"].object_list]
            if shown != everything:
                problems.append(f"{label}: shows {shown}, expected the unfiltered {everything}")
    assert not problems, "\n".join(problems)


def test_unknown_filter_value_is_reported(client, hub_tree):
    response, _ = listed(client, hub_tree.da.report_index, "cluster=does-not-exist&year=2017")
    form = response.context["filter"].form
    assert "cluster" in form.errors
    # the valid filter still applies
    assert [item.pk for item in response.context["items"].object_list] == pks(hub_tree.da.mols_strategy)


def test_filter_values_are_escaped(client, hub_tree):
    response = client.get(hub_tree.da.story_index.url + "?theme=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
