"""Where a request comes from, by one rule for every limit that counts per address
(newsletter sign-up, password reset, admin sign-in throttling)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address

from .conf import setting


def client_ip(request) -> str | None:
    """The client's IP address: REMOTE_ADDR, or the proxy header named in
    ``NEWSLETTER_CLIENT_IP_HEADER`` (of a list such as X-Forwarded-For, the last entry:
    the one our proxy added; earlier ones come from the client and can be forged)."""
    header = setting("NEWSLETTER_CLIENT_IP_HEADER")
    value = request.META.get(header, "") if header else ""
    value = (value.split(",")[-1] if value else request.META.get("REMOTE_ADDR", "")).strip()
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return value
