"""Whole public pages cached for anonymous readers until public content changes.

Wagtail pages are the same for every reader without a session: no CSRF token (the
newsletter form is exempt), no per-user content, no CSP nonce. The key carries the
content version (``hub/content_version.py``), so publishing, unpublishing, moving or
deleting a page, changing a document, a focus area, the site settings or the consent
wording serves fresh pages at once, in every worker that shares the cache.

Only responses served by Wagtail's page serving are stored (flagged by the
``before_serve_page`` hook in ``hub/wagtail_hooks.py``), and only 200s without cookies.
``HUB_PAGE_CACHE_SECONDS = 0`` (the default outside production) turns it off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .content_version import bump_content_version, content_version

FLAG = "_hub_page_cacheable"


def mark_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """``before_serve_page`` hook: this response is a public Wagtail page.

    Runs before Wagtail's own view-restriction hook, so a restricted page (its password
    form carries the reader's CSRF token) is never marked: only open pages are shared.
    """
    if not page.get_view_restrictions().exists():
        setattr(request, FLAG, True)


def _seconds() -> int:
    return int(getattr(settings, "HUB_PAGE_CACHE_SECONDS", 0) or 0)


def _cache_key(request) -> str | None:
    if request.method not in ("GET", "HEAD") or _seconds() <= 0:
        return None
    # A session (an editor, a password-protected page) or pending messages: not shared.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"hub:page:{content_version()}:{address}"


class PageCacheMiddleware:
    """Last in MIDDLEWARE, so security headers are still added to cached responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _cache_key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if (
            key is not None
            and getattr(request, FLAG, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
            and "private" not in response.get("Cache-Control", "")
        ):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, _seconds())
        return response


@receiver(post_save, dispatch_uid="hub-page-cache-settings-save")
@receiver(post_delete, dispatch_uid="hub-page-cache-settings-delete")
def bump_on_shared_parts(sender, **kwargs) -> None:
    """Every page shows the site settings (footer, archive banner) and the consent wording."""
    from newsletter.models import ConsentText

    from .models import SiteSettings

    if sender in (SiteSettings, ConsentText):
        bump_content_version()
