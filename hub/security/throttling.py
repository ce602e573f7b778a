"""Admin sign-in throttling with django-axes: where a request comes from, and what a
locked-out editor sees."""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render

from newsletter.subscriptions import client_ip as _client_ip


def client_ip(request) -> str | None:
    """The client address axes counts failures by: behind a proxy, the header named in
    ``NEWSLETTER_CLIENT_IP_HEADER`` (the same rule as the sign-up rate limit)."""
    return _client_ip(request)


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page's look with a clear message, HTTP 429."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "security/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
