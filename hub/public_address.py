"""The site's public address: the one base that e-mails, the final archive and its README use.

It comes from the Wagtail site (Settings → Sites: host name and port); https when the port
is 443, when production redirects to https (``SECURE_SSL_REDIRECT``) or when
``WAGTAILADMIN_BASE_URL`` names the same host over https. ``non_public_reason`` says why a
host name cannot be the public address (``localhost``, a private or loopback IP address,
a name without a dot or under a reserved top-level domain), so the final archive never
records a development address by accident.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import Site

# Top-level names that never reach the public internet (RFC 2606, RFC 6761, RFC 6762,
# RFC 8375 and the ICANN-reserved ``internal``).
_RESERVED_SUFFIXES = (
    ".localhost",
    ".local",
    ".test",
    ".example",
    ".invalid",
    ".internal",
    ".home.arpa",
    ".lan",
)


def site_origin(site: Site) -> tuple[str, str, bool]:
    """``(origin, host header, secure)`` of the site's public address."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL or "")
    secure = (
        site.port == 443
        or bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        or (base.hostname == site.hostname and base.scheme == "https")
    )
    default_port = 443 if secure else 80
    host = site.hostname if site.port in (default_port, 80, 443) else f"{site.hostname}:{site.port}"
    return f"{'https' if secure else 'http'}://{host}", host, secure


def public_base_url(site: Site | None = None) -> str:
    """The site's public origin without a trailing slash, e.g. ``https://landsbyklynger.dk``."""
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return (settings.WAGTAILADMIN_BASE_URL or "").rstrip("/")
    return site_origin(site)[0]


def non_public_reason(hostname: str) -> str:
    """Why ``hostname`` cannot be a public address, or ``""`` when it can."""
    name = (hostname or "").strip().rstrip(".").lower()
    if not name:
        return _("it is empty")
    try:
        address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        address = None
    if address is not None:
        return "" if address.is_global else _("it is a local or private IP address")
    if name == "localhost" or name.endswith(_RESERVED_SUFFIXES):
        return _("it is a local name that is not reachable from the internet")
    if "." not in name:
        return _("it has no domain (a name without a dot is only known on one network)")
    return ""


def public_url(page) -> str:
    """A page's address on the public site (``page.full_url`` on the public base)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    site_id, _root, path = parts
    site = Site.objects.filter(pk=site_id).first() if site_id else None
    return public_base_url(site) + path
