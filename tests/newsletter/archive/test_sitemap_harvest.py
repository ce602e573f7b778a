"""Harvest readiness: sitemap.xml names every live public page in both languages, every
page of every paginated listing and the report PDFs, and robots.txt names the sitemap.
A harvester that only reads the sitemap gets the whole public site and nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.paginator import Paginator
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from cases.models import ReportPage
from hub.sitemap import listing_page_count
from hub.visibility import document_is_public
from tests import factories as f

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def relative(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def live_public_pages() -> list[Page]:
    site = Site.objects.get(is_default_site=True)
    pages = []
    for root in site.root_page.get_translations(inclusive=True):
        pages += list(Page.objects.descendant_of(root, inclusive=True).live().public().specific())
    return pages


@pytest.fixture
def small_listings(settings, monkeypatch):
    """Listings of two items a page, so the test tree's sections have several pages."""
    settings.HUB_LISTING_PAGE_SIZE = 2
    for model in get_page_models():
        if hasattr(model, "listing_queryset") and getattr(model, "page_size", None):
            monkeypatch.setattr(model, "page_size", 2)


def test_every_live_public_page_in_both_languages(client, hub_tree):
    locations = sitemap_locations(client)
    assert len(locations) == len(set(locations)), "no URL twice"
    paths = {relative(url) for url in locations}
    expected = live_public_pages()
    assert {page.locale.language_code for page in expected} == {"da", "en"}
    for page in expected:
        assert page.url in paths, f"{page.url} missing"
    assert all(url.startswith("http://") or url.startswith("https://") for url in locations)


def test_every_page_of_every_listing(client, hub_tree, small_listings):
    paths = {relative(url) for url in sitemap_locations(client)}
    listings = [page for page in live_public_pages() if hasattr(page, "listing_queryset")]
    assert {type(page).__name__ for page in listings} >= {
        "ClusterIndexPage",
        "StoryIndexPage",
        "FindingIndexPage",
        "ReportIndexPage",
        "BlogIndexPage",
    }
    several = 0
    for listing in listings:
        count = Paginator(listing.listing_queryset(), 2).num_pages
        assert listing_page_count(listing) == count
        several += count > 1
        for number in range(2, count + 1):
            assert f"{listing.url}?page={number}" in paths, f"{listing.url}?page={number} missing"
        assert f"{listing.url}?page={count + 1}" not in paths
        assert f"{listing.url}?page=1" not in paths  # the listing's own URL is page 1
    assert several >= 4


def test_the_report_pdfs_and_no_private_or_unpublished_ones(client, hub_tree, private_collection):
    da = hub_tree.da
    hidden = f.ReportPageFactory(
        parent=da.report_index,
        title="Intern rapport",
        document=f.DocumentFactory(title="Intern rapport", collection=private_collection),
    )
    withdrawn = f.ReportPageFactory(parent=da.report_index, title="Trukket rapport")
    withdrawn.unpublish()
    loose = f.DocumentFactory(title="Løst dokument")  # used by no report

    paths = {relative(url) for url in sitemap_locations(client)}
    reports = ReportPage.objects.live().public().select_related("document")
    expected = {report.document.url for report in reports if document_is_public(report.document)}
    assert len(expected) >= 4
    assert expected <= paths
    for document in (hidden.document, withdrawn.document, loose):
        assert document.url not in paths


def test_private_and_unpublished_pages_stay_out(client, hub_tree):
    PageViewRestriction.objects.create(page=hub_tree.da.story1, restriction_type=PageViewRestriction.LOGIN)
    Page.objects.get(pk=hub_tree.en.post2.pk).specific.unpublish()
    paths = {relative(url) for url in sitemap_locations(client)}
    assert hub_tree.da.story1.url not in paths
    assert hub_tree.en.post2.url not in paths
    assert hub_tree.da.story2.url in paths


def test_everything_the_sitemap_names_is_there(client, hub_tree, small_listings):
    """Harvested one by one, as a harvester would: every URL answers 200, HTML or PDF,
    and each listing page past the first shows other items than the first."""
    seen_pages: dict[str, set[str]] = {}
    for url in sitemap_locations(client):
        response = client.get(relative(url))
        assert response.status_code == 200, url
        kind = response["Content-Type"]
        assert kind.startswith(("text/html", "application/pdf")), (url, kind)
        if "?page=" in url:
            body = response.content.decode()
            seen_pages.setdefault(urlsplit(url).path, set()).add(body)
    assert seen_pages
    for path, bodies in seen_pages.items():
        first = client.get(path).content.decode()
        assert first not in bodies, path


def test_robots_txt_names_the_sitemap(client, hub_tree):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
