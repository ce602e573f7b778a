"""Whole-page cache for anonymous readers (hub/page_cache.py): served without queries
to the page tree, fresh again as soon as content is published or settings change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.models import SiteSettings
from tests import factories as f


@pytest.fixture
def page_cache(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 300


def page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries if "wagtailcore_page" in q["sql"]]


def test_anonymous_pages_are_cached_until_a_publish(client, home, page_cache):
    page = f.StandardPageFactory(parent=home, title="Om hubben", slug="om")
    client.get(page.url)  # the first view creates the site settings and consent rows
    client.get(page.url)
    response, queries = page_queries(client, page.url)
    assert "Om hubben" in response.content.decode()
    assert queries == [], "a cached page needs no page queries"

    page.title = "Om landsbyklyngehubben"
    page.save_revision().publish()
    response, queries = page_queries(client, page.url)
    assert "Om landsbyklyngehubben" in response.content.decode()
    assert queries


def test_site_settings_change_every_page(client, home, page_cache):
    client.get(home.url)
    client.get(home.url)
    settings_ = SiteSettings.for_site(home.get_site())
    settings_.contact_email = "sekretariat@example.org"
    settings_.save()
    assert "sekretariat@example.org" in client.get(home.url).content.decode()


def test_editors_and_other_views_are_not_cached(client, admin_user, home, page_cache):
    client.force_login(admin_user)
    client.get(home.url)
    _, queries = page_queries(client, home.url)
    assert queries, "a logged-in editor's page is never taken from the shared cache"
    client.logout()
    client.get("/da/search/?q=klynge")
    with CaptureQueriesContext(connection) as captured:
        client.get("/da/search/?q=klynge")
    assert captured.captured_queries, "only Wagtail pages are cached whole"


def test_off_by_default_outside_production(client, home):
    client.get(home.url)
    _, queries = page_queries(client, home.url)
    assert queries


def test_restricted_pages_are_never_shared(client, home, page_cache):
    from wagtail.models import PageViewRestriction

    page = f.StandardPageFactory(parent=home, title="Kun for klynger", slug="kun-for-klynger")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="landsby"
    )
    client.get(home.url)  # the first view creates the site settings and consent rows
    client.get(page.url)
    _, queries = page_queries(client, page.url)
    assert queries, "a password-protected page (its form holds the reader's token) is not cached"


def test_a_documents_first_view_keeps_the_cache(client, home, page_cache):
    from hub.content_version import content_version

    document = type(f.DocumentFactory()).objects.get()  # as a download view loads it
    before = content_version()
    document.get_file_size()  # Wagtail stores the size lazily on first use
    assert document.file_size
    assert content_version() == before
    document.title = "Ny titel"
    document.save()
    assert content_version() > before
