"""The hub's own settings and their defaults: the one place the hub's modules read them.

The project's settings (hub/settings/base.py) set them, most from the environment; a
setting left out takes its default here. Read at each call, so ``override_settings``
applies.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Whole pages cached for anonymous readers (hub.page_cache); 0: off.
    "HUB_PAGE_CACHE_SECONDS": 0,
    # Paths of the admin: never cached, their own Content Security Policy (hub.security.csp).
    "HUB_ADMIN_PATH_PREFIXES": ("/admin/", "/django-admin/"),
    "HUB_ADMIN_CONTENT_SECURITY_POLICY": None,  # None: the public policy
    "HUB_PERMISSIONS_POLICY": {},
    # Behind a reverse proxy, the header with the client's address (hub.client); empty:
    # REMOTE_ADDR. Named for the newsletter's sign-up limit, where it was first needed.
    "NEWSLETTER_CLIENT_IP_HEADER": "",
}


def setting(name: str) -> Any:
    """The project's value of one of the settings above, else its default."""
    return getattr(settings, name, DEFAULTS[name])
