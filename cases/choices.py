"""The fixed choices of the cases models, which the listing filters offer too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    PILOT = "pilot", _("Pilot project (2015-2017)")
    CAMPAIGN = "campaign", _("Campaign (2016-2019)")


class ClusterStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    DISSOLVED = "dissolved", _("Dissolved")


class ReportType(models.TextChoices):
    MAPPING = "kortlaegningsrapport", _("Mapping report")
    STRATEGY = "strategiplan", _("Strategy plan")
    DEVELOPMENT = "udviklingsplan", _("Development plan")
    EVALUATION = "evaluering", _("Evaluation")
    PRESTUDY = "forundersoegelse", _("Preliminary study")
    GUIDE = "vejledning", _("Guide")
