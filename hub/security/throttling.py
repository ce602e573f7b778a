"""Admin sign-in throttling with django-axes: where a request comes from, a second limit
per address, and what a locked-out editor sees.

Axes locks one username from one address after ``AXES_FAILURE_LIMIT`` wrong passwords.
That alone lets one address try a common password against every username (password
spraying), and axes has one failure limit for all its lockout parameters, so
``HubAxesHandler`` adds a separate, higher limit: ``HUB_AXES_IP_FAILURE_LIMIT`` failures
from one address within the cool-off, whatever the usernames, lock the address. A good
sign-in forgets only that user's failures, so a sprayer with one working account cannot
wipe the address's count.
"""

from __future__ import annotations

import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from hub.client import client_ip  # noqa: F401 - AXES_CLIENT_IP_CALLABLE: the sign-up limit's rule


def address_failures(request) -> int:
    """Wrong passwords from the request's address within the cool-off, for any username."""
    return (
        AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )


def address_locked(request) -> bool:
    limit = settings.HUB_AXES_IP_FAILURE_LIMIT
    return bool(limit) and address_failures(request) >= limit


class HubAxesHandler(AxesDatabaseHandler):
    """Axes' database handler; an address over its own limit counts as locked for everyone."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_locked(request):
            return max(failures, get_failure_limit(request, credentials))
        return failures


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page's look with a clear message, HTTP 429."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "security/lockout.html",
        {
            "minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "whole_address": address_locked(request),
        },
        status=429,
    )
