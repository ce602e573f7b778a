"""Random and hostile input to every public form and query parameter: never a 500, and
always a sane content type.

Hypothesis runs derandomised (the same examples every run) with a small, fixed number of
examples per target, so the test is repeatable and fits CI; the hostile samples below
are always tried first.
"""

from __future__ import annotations

import pytest
from django.core.signing import Signer
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "'",
    '"',
    "' OR 1=1 --",
    '"; DROP TABLE wagtailcore_page; --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://127.0.0.1/a}",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "\u202egnp.exe",
    "\ufeff\u200b",
    "😀" * 50,
    "æøå ÆØÅ aa",
    "x" * 10_000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e400",
    "NaN",
    "[]",
    "{}",
    "null",
    "klynge*",
    'AND OR NOT "',
    "\\",
    "title:klynge",
]

# Printable and control characters, but no lone surrogates (they cannot be URL-encoded).
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
VALUES = st.one_of(st.sampled_from(HOSTILE), TEXT, st.integers(-(10**20), 10**20).map(str))
FUZZ = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HTML = "text/html"


def params_strategy(names: list[str]):
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names))


def assert_sane(response, expected_type: str, what) -> None:
    assert response.status_code < 500, (what, response.status_code)
    if response.status_code in (301, 302):
        return
    content_type = response.get("Content-Type", "")
    assert content_type.startswith(expected_type), (what, content_type)


def listing_pages(tree):
    da, en = tree.da, tree.en
    return [
        da.cluster_index,
        da.story_index,
        da.finding_index,
        da.report_index,
        da.blog_index,
        en.report_index,
    ]


def test_listing_filters_and_pages(client, hub_tree):
    targets = []
    for page in listing_pages(hub_tree):
        names = list(page.specific.filterset_class.base_filters) + ["page", "sort", "order", "q"]
        targets.append((page.url, names))

    @FUZZ
    @given(index=st.integers(0, len(targets) - 1), data=st.data())
    def check(index, data):
        url, names = targets[index]
        params = data.draw(params_strategy(names))
        assert_sane(client.get(url, params), HTML, (url, params))

    check()


def test_listing_filters_hostile_values(client, hub_tree):
    for page in (hub_tree.da.cluster_index, hub_tree.da.report_index, hub_tree.da.blog_index):
        names = list(page.specific.filterset_class.base_filters) + ["page"]
        for value in HOSTILE:
            params = dict.fromkeys(names, value)
            assert_sane(client.get(page.url, params), HTML, (page.url, value[:40]))


SEARCH_NAMES = ["q", "type", "focus_area", "cluster", "municipality", "year", "order", "page", "sort"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_search_and_suggestions(client, hub_tree, language):
    with translation.override(language):
        search_url, suggest_url = reverse("search"), reverse("search_autocomplete")

    @FUZZ
    @given(params=params_strategy(SEARCH_NAMES))
    @example(params=dict.fromkeys(SEARCH_NAMES, "x" * 10_000))
    @example(params={"q": "\x00klynge", "page": "99999999999999999999", "year": "1e400"})
    @example(params={"q": "klynge", "page": "-1", "cluster": "<script>"})
    def check(params):
        assert_sane(client.get(search_url, params), HTML, params)
        assert_sane(client.get(suggest_url, {"q": params.get("q", "")}), "application/json", params)

    check()


def test_query_parameter_lists_and_odd_encodings(client, hub_tree):
    """Repeated parameters, raw bytes that are not UTF-8, and an unknown parameter flood."""
    with translation.override("da"):
        search_url = reverse("search")
    for url in [search_url, hub_tree.da.report_index.url, hub_tree.da.blog_index.url]:
        assert_sane(client.get(url + "?q=a&q=b&page=1&page=2&year=2019&year=x"), HTML, url)
        assert_sane(client.get(url + "?q=%ff%fe%00&page=%c3%28"), HTML, url)
        assert_sane(client.get(url, {f"p{i}": "x" for i in range(500)}), HTML, url)


FORM_FIELDS = ["email", "website", "consent_version", "source", "language", "csrfmiddlewaretoken"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_newsletter_forms(client, hub_tree, language, settings):
    settings.NEWSLETTER_SIGNUP_LIMIT = 10_000  # reach the form's own checks every time
    with translation.override(language):
        signup, my_data = reverse("newsletter:subscribe"), reverse("newsletter:my_data_request")

    @FUZZ
    @given(data=params_strategy(FORM_FIELDS), ip=st.sampled_from(["203.0.113.5", "2001:db8::1", "bogus"]))
    @example(data={"email": "a@b.dk\r\nBcc: x@y.dk"}, ip="203.0.113.5")
    @example(data={"email": "x" * 10_000 + "@example.org", "source": "//evil.example"}, ip="203.0.113.5")
    @example(data={"email": "ok@example.org", "consent_version": "99999999999999999999"}, ip="bogus")
    def check(data, ip):
        for url in (signup, my_data):
            response = client.post(url, data, REMOTE_ADDR=ip)
            assert_sane(response, HTML, (url, data))
            assert_sane(client.get(url, data), HTML, (url, data))

    check()


@pytest.mark.parametrize("name", ["newsletter:confirm", "newsletter:unsubscribe", "newsletter:my_data"])
def test_signed_link_views(client, hub_tree, name):
    argument = "signed" if name != "newsletter:unsubscribe" else "token"
    forged = Signer(salt="not-ours").sign("1")

    @FUZZ
    @given(
        token=st.one_of(
            st.sampled_from(HOSTILE + [forged]), st.from_regex(r"[A-Za-z0-9:_\-.]{1,120}", fullmatch=True)
        )
    )
    def check(token):
        try:
            url = reverse(name, kwargs={argument: token})
        except Exception:  # a value the URL pattern cannot hold never reaches the view
            return
        assert_sane(client.get(url), HTML, (name, token))
        assert_sane(client.post(url, {"action": "confirm"}), HTML, (name, token))

    check()
