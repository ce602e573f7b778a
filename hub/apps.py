from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Hub")

    def ready(self) -> None:
        from . import content_version, signals  # noqa: F401 - signals connects its handlers

        content_version.connect()
