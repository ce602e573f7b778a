from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Production hardening: headers, login throttling, two-factor sign-in, upload checks."""

    name = "hub.security"
    label = "hubsecurity"
    verbose_name = _("Security")
