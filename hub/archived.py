"""The "archived" switch: when the secretariat closes, the live site says so.

Editors turn it on under Settings → Site settings (``SiteSettings.archived``, with
``archive_location`` and ``archive_note``). Then every page carries a notice pointing to
the final archive (``templates/includes/archived_notice.html``), and newsletter sign-up
is closed (``signup_closed``); confirming, unsubscribing and "my data" keep working.
The export's static copy is rendered by the same templates, so it carries the notice too.
"""

from __future__ import annotations

from wagtail.models import Site

from .models import SiteSettings


def site_settings(request=None) -> SiteSettings | None:
    """The settings of the request's site (or the default site), cached per request."""
    try:
        if request is not None:
            return SiteSettings.for_request(request)
        return SiteSettings.for_site(Site.objects.filter(is_default_site=True).first())
    except SiteSettings.DoesNotExist:  # no site at all
        return None


def is_archived(request=None) -> bool:
    settings = site_settings(request)
    return bool(settings and settings.archived)


def signup_closed(request=None) -> bool:
    """Newsletter sign-up closes when the hub is archived: nobody new is added to a list
    that will never be sent again."""
    return is_archived(request)
