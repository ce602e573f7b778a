"""Production's headers on public pages and in the admin, and no inline script anywhere
on the public site (so the Content Security Policy needs no 'unsafe-inline')."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.utils import parse

HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def public_urls(tree) -> list[str]:
    da, en = tree.da, tree.en
    pages = [
        da.home,
        en.home,
        da.cluster_index,
        da.mols,
        en.mols,
        da.story_index,
        da.story1,
        da.finding_index,
        da.finding1,
        da.report_index,
        da.mols_mapping,
        da.blog_index,
        da.post1,
        en.post1,
        da.about,
    ]
    urls = [page.url for page in pages]
    for language in ("da", "en"):
        with translation.override(language):
            urls += [
                reverse("search") + "?q=klynge",
                reverse("newsletter:subscribe"),
                reverse("newsletter:my_data_request"),
            ]
    return urls


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.django_db
def test_public_pages_send_the_production_headers(client, hub_tree, production_like):
    for url in public_urls(hub_tree):
        response = client.get(url, **HTTPS)
        assert response.status_code == 200, url
        csp = directives(response["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["base-uri"] == ["'self'"]
        assert "upgrade-insecure-requests" in csp
        assert not any("unsafe" in value for values in csp.values() for value in values), url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, hub_tree, production_like):
    response = client.get(hub_tree.da.home.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in response  # only ever sent over HTTPS


@pytest.mark.django_db
def test_cookies_are_https_only(client, hub_tree, production_like):
    response = client.get(reverse("wagtailadmin_login"), **HTTPS)
    assert response.status_code == 200
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"]
    client.post(reverse("set_language"), {"language": "en", "next": "/en/"}, **HTTPS)
    language = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert language["secure"] and language["httponly"]


@pytest.mark.django_db
def test_admin_session_cookie_is_https_only(client, editor, production_like):
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "redaktoer", "password": "rigtig-kode-123"},
        **HTTPS,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"]


@pytest.mark.django_db
def test_admin_has_its_own_relaxed_policy(client, editor, production_like):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"), **HTTPS)
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert (
        "'unsafe-eval'" not in csp["script-src"]
    )  # Wagtail 8's admin needs no eval (test_admin_csp_browser)
    assert csp["frame-ancestors"] == ["'self'"]  # Wagtail frames its own previews
    assert csp["object-src"] == ["'none'"]
    # The login page too, before anyone is signed in.
    client.logout()
    response = client.get(reverse("wagtailadmin_login"), **HTTPS)
    assert "'unsafe-inline'" in directives(response["Content-Security-Policy"])["script-src"]


@pytest.mark.django_db
def test_previews_get_the_public_policy_but_may_be_framed_by_the_admin(hub_tree):
    """Wagtail renders a preview through the middleware with a made-up request for the
    page's public URL; frame-ancestors 'none' would keep it out of the preview panel."""
    response = hub_tree.da.about.make_preview_request()
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]


def assert_no_inline_script(html: str, url: str) -> None:
    tags = parse(html).tags
    for script in tags.get("script", []):
        kind = script.get("type", "").lower()
        assert script.get("src") or kind in {"application/json", "application/ld+json"}, (url, script)
    for name, occurrences in tags.items():
        for attrs in occurrences:
            handlers = [attr for attr in attrs if attr.startswith("on")]
            assert not handlers, (url, name, handlers)
            assert "style" not in attrs, (url, name, attrs)
            for attr in ("href", "src", "action", "formaction"):
                assert not attrs.get(attr, "").strip().lower().startswith("javascript:"), (url, name, attrs)


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_handler_or_style(client, hub_tree):
    for url in public_urls(hub_tree):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_inline_script(response.content.decode(), url)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


def public_templates() -> list[Path]:
    root = Path(settings.BASE_DIR) / "templates"
    return [
        path
        for path in root.rglob("*.html")
        # E-mails are not web pages (and need inline styles); admin screens have their own policy;
        # The offline archive (newsletter/archive) is static files, served without these headers.
        if not {"email", "admin", "security", "archive"} & set(path.relative_to(root).parts)
    ]


def test_templates_have_no_inline_script_handler_or_style():
    templates = public_templates()
    assert len(templates) > 20
    for path in templates:
        text = path.read_text()
        assert not INLINE_SCRIPT.search(text), f"inline <script> in {path}"
        assert not HANDLER.search(text), f"on* handler in {path}"
        assert not STYLE_ATTRIBUTE.search(text), f"style attribute in {path}"
