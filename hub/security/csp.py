"""Content Security Policy: a strict policy for the public site, a relaxed one for the admin.

The public templates load scripts and styles only from our own static files (no inline
script, no ``on*`` attributes, no inline styles), so ``CONTENT_SECURITY_POLICY`` allows
``'self'`` and nothing else. The Wagtail admin (and Django's) still relies on inline
scripts and styles in places (Wagtail's own templates, widgets, previews, the
newsletter send screen's reload) and on ``data:``/``blob:`` images, so paths under
``HUB_ADMIN_PATH_PREFIXES`` get ``HUB_ADMIN_CONTENT_SECURITY_POLICY`` instead. Only
signed-in editors reach those paths, and they are additionally protected by the
session, CSRF and two-factor sign-in.

The admin policy has no ``'unsafe-eval'``: Wagtail 8's admin (page editor, StreamField,
Draftail, choosers, previews) and wagtail-localize's editor run without it
(tests/hub/security/test_admin_csp_browser.py drives them in Chromium and asserts no
violation).

Wagtail renders a preview by running a made-up request for the page's public URL
through the middleware (``request.is_dummy``), so it gets the public policy, whose
``frame-ancestors 'none'`` would keep it out of the editor's preview panel: previews may
be framed by the admin (``'self'``) and are otherwise held to the public policy.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from ..conf import setting


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(setting("HUB_ADMIN_PATH_PREFIXES")))


class HubCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy for admin paths."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin_policy = setting("HUB_ADMIN_CONTENT_SECURITY_POLICY")
        if not report_only and parts.config is None and admin_policy and is_admin_path(request.path_info):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``Permissions-Policy``: the hub uses no camera, microphone, location etc."""

    def __init__(self, get_response):
        self.get_response = get_response
        features = setting("HUB_PERMISSIONS_POLICY")
        self.header = ", ".join(f"{name}=({' '.join(allow)})" for name, allow in features.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
