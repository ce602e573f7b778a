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


def test_an_editor_is_never_served_a_cached_page(client, admin_user, home, page_cache):
    client.get(home.url)
    client.get(home.url)  # stored for anonymous readers
    client.force_login(admin_user)
    _, queries = page_queries(client, home.url)
    assert queries, "a logged-in editor's page is never taken from the shared cache"


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


def test_an_evicted_content_version_never_comes_back_to_an_old_number(client, home, page_cache):
    """The database cache culls keys in order, the counter's among them: entries stored
    under the numbers it had reached must not be served again."""
    from django.core.cache import cache

    from hub.content_version import KEY, bump_content_version, content_version

    for _ in range(3):
        bump_content_version()
    reached = content_version()
    client.get(home.url)  # stored under ``reached``
    cache.delete(KEY)
    assert content_version() > reached
    cache.delete(KEY)
    bump_content_version()
    assert content_version() > reached


def is_cached(client, url) -> bool:
    """Whether a third view of ``url`` came from the page cache (no page queries).

    (The site's first view creates the site settings and consent rows, a content change.)
    """
    client.get(url)
    client.get(url)
    _, queries = page_queries(client, url)
    return not queries


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def test_a_cached_page_is_answered_early_with_its_security_headers(client, home, page_cache):
    first = client.get(home.url)
    client.get(home.url)
    with CaptureQueriesContext(connection) as captured:
        cached = client.get(home.url)
    assert captured.captured_queries == [], "a hit runs no query at all (no session, no routing)"
    assert cached.content == first.content
    for header in SECURITY_HEADERS:
        assert cached[header] == first[header], header
    assert cached["Content-Type"] == first["Content-Type"]
    assert cached["Content-Language"] == "da"


def test_a_page_that_uses_a_csp_nonce_is_never_cached(client, home, page_cache):
    from wagtail import hooks

    def use_nonce(page, request, serve_args, serve_kwargs):
        str(request.csp_nonce)  # as a template with an inline <script nonce=...> would

    with hooks.register_temporarily("before_serve_page", use_nonce):
        client.get(home.url)
        client.get(home.url)
        _, queries = page_queries(client, home.url)
    # The public policy names no nonce source today; a page whose HTML carries one must
    # still never be replayed to another reader, whose header would not match it.
    assert queries, "a page that asked for a nonce is rendered afresh"


@pytest.fixture
def two_page_reports(hub_tree, monkeypatch):
    from cases.models import ReportIndexPage

    monkeypatch.setattr(ReportIndexPage, "page_size", 2)
    return hub_tree.da.report_index


@pytest.mark.parametrize(
    "query, stored",
    [
        ("?page=2", True),
        ("?page=1", True),
        ("?report_type=strategiplan", True),
        ("?year=2017&report_type=strategiplan", True),
        ("?page=99", False),  # shown as the last page: another address for the same page
        ("?page=abc", False),
        ("?page=2&page=2", False),
        ("?utm_source=nyhedsbrev", False),
        ("?page=2&x=1", False),
        ("?report_type=findes-ikke", False),
        ("?report_type=", False),
        ("?report_type=vejledning", False),  # a valid filter that lists nothing
    ],
)
def test_a_listing_is_stored_only_under_a_query_it_uses(client, two_page_reports, page_cache, query, stored):
    assert is_cached(client, two_page_reports.url + query) is stored


def test_a_detail_page_is_stored_only_without_a_query(client, hub_tree, page_cache):
    page = hub_tree.da.mols_mapping
    assert is_cached(client, page.url)
    assert not is_cached(client, page.url + "?page=1")
    assert not is_cached(client, page.url + "?q=x")


def test_random_query_strings_do_not_fill_the_cache(client, hub_tree, page_cache):
    from django.core.cache import cache

    def stored_pages() -> int:
        return sum(":hub:page:" in key for key in cache._cache)  # LocMemCache: every stored key

    urls = (hub_tree.da.report_index.url, hub_tree.da.mols.url)
    for url in urls:
        assert is_cached(client, url)
    stored = stored_pages()
    for n in range(30):
        assert client.get(f"{urls[0]}?page={n + 3}&r={n}").status_code == 200
        assert client.get(f"{urls[1]}?{n}={n}").status_code == 200
    assert stored_pages() == stored


def test_another_spelling_of_a_stored_query_is_the_same_entry(client, two_page_reports, page_cache):
    from django.core.cache import cache

    url = two_page_reports.url
    assert is_cached(client, f"{url}?report_type=strategiplan&year=2017")
    stored = sum(":hub:page:" in key for key in cache._cache)
    for variant in ("?year=2017&report_type=strategiplan", "?report%5Ftype=strategipl%61n&year=2017"):
        _, queries = page_queries(client, url + variant)
        assert not queries, variant
    assert sum(":hub:page:" in key for key in cache._cache) == stored


def test_a_version_bumped_by_another_worker_is_seen_at_once(client, home, page_cache):
    """Each process remembers the version it saw last, but checks it on every request."""
    from django.core.cache import cache
    from wagtail.models import Page

    from hub.content_version import KEY

    page = f.StandardPageFactory(parent=home, title="Gammel titel", slug="titel")
    assert is_cached(client, page.url)
    # Another worker publishes: the row changes and the shared version moves on; no
    # signal reaches this process.
    Page.objects.filter(pk=page.pk).update(title="Ny titel")
    cache.incr(KEY)
    response, queries = page_queries(client, page.url)
    assert queries
    assert "Ny titel" in response.content.decode()


def test_a_page_made_private_leaves_the_cache(client, home, page_cache):
    from wagtail.models import PageViewRestriction

    page = f.StandardPageFactory(parent=home, title="Snart intern", slug="snart-intern")
    assert is_cached(client, page.url)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302, "a login-only page sends the reader to sign in"


def test_an_editors_view_is_never_stored(client, admin_user, home, page_cache):
    client.force_login(admin_user)
    client.get(home.url)
    client.get(home.url)
    client.logout()
    client.cookies.clear()
    assert client.get(home.url).templates, "the editor's page was not stored: readers' first view renders"
    _, queries = page_queries(client, home.url)
    assert not queries
    assert not client.get(home.url).templates


# Redis, as production uses it ----------------------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except Exception:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_available():
        pytest.skip("no Redis on 127.0.0.1:6379")
    import secrets

    import redis

    prefix = f"hub-test-{secrets.token_hex(4)}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.HUB_PAGE_CACHE_SECONDS = 300
    yield
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def test_the_page_cache_on_redis(client, home, redis_cache):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    page = f.StandardPageFactory(parent=home, title="Om hubben", slug="om-redis")
    assert is_cached(client, page.url)
    page.title = "Om landsbyklyngehubben"
    page.save_revision().publish()
    response, queries = page_queries(client, page.url)
    assert queries and "Om landsbyklyngehubben" in response.content.decode()
    assert is_cached(client, page.url)


# Production settings --------------------------------------------------------------


def production_caches(**env) -> str:
    import os
    import subprocess
    import sys

    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "hub.example.org",
        "CACHE_URL": "",
        "REDIS_URL": "",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env=environment,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def test_production_cache_is_redis_when_a_url_is_given():
    assert production_caches(CACHE_URL=REDIS_URL) == "hub.cache.ResilientRedisCache"
    assert production_caches(REDIS_URL=REDIS_URL) == "hub.cache.ResilientRedisCache"
    assert production_caches() == "django.core.cache.backends.db.DatabaseCache"
    message = production_caches(CACHE_URL="memcached://127.0.0.1:11211")
    assert "CACHE_URL must be a redis://" in message
