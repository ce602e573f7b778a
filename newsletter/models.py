"""The newsletter's models.

Subscribers and consent live here; editions (editions.py), sends and deliveries
(delivery.py) and the archive export (archive/models.py) live in their own modules,
imported below so Django finds every model through ``newsletter.models``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------------------
# Subscribers and consent
# ---------------------------------------------------------------------------------------

LANGUAGE_CHOICES = [("da", "Dansk"), ("en", "English")]


def language_or_default(language: str | None) -> str:
    """A language of the site for ``language`` ("en-gb" -> "en"), else the default one."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").split("-")[0].lower()
    return language if language in codes else settings.LANGUAGE_CODE


def new_token() -> str:
    """A random credential for a subscriber's links (unsubscribe, my data, mailto)."""
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def sendable(self):
        """Subscribers an edition may be sent to: confirmed, and neither unsubscribed,
        suppressed nor erased (those have another status)."""
        return self.filter(status=Subscriber.Status.CONFIRMED, email__isnull=False)

    def by_email(self, email: str):
        """The same address whatever its case, through the same LOWER() as the unique
        constraint (so PostgreSQL uses its index)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())


class Subscriber(models.Model):
    """One e-mail address and where it stands. Personal data is the address, language and
    the consent records; erasing a subscriber blanks all of it but keeps the row, so
    deliveries that point at it stay consistent and nothing can be sent to it again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        SUPPRESSED = "suppressed", _("Suppressed")
        ERASED = "erased", _("Erased")

    class SuppressionReason(models.TextChoices):
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        MANUAL = "manual", _("Suppressed by an editor")

    email = models.EmailField(_("e-mail address"), max_length=254, null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="da")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    suppressed_at = models.DateTimeField(_("suppressed"), null=True, blank=True)
    suppression_reason = models.CharField(
        _("suppression reason"), max_length=16, choices=SuppressionReason.choices, blank=True
    )
    suppression_detail = models.CharField(_("suppression detail"), max_length=500, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.email or gettext("(erased subscriber %(pk)s)") % {"pk": self.pk}

    @property
    def is_sendable(self) -> bool:
        return self.status == self.Status.CONFIRMED and bool(self.email)


class ConsentText(models.Model):
    """The wording a subscriber agrees to, versioned per language. Never edited once
    someone agreed to it: a change of wording is a new version."""

    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["language", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "version"], name="newsletter_consenttext_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} v{self.version}"


class ConsentRecord(models.Model):
    """One step of a subscriber's consent: requested, confirmed or withdrawn; when, from
    where, and the exact wording shown."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consent_records", verbose_name=_("subscriber")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.CharField(_("page"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("consent text"),
    )

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def get_source_display(self) -> str:
        """The source in the reader's language when it is one the hub writes itself."""
        if self.source.startswith("editor: "):
            return _("an editor (%(name)s)") % {"name": self.source.removeprefix("editor: ")}
        return str(SOURCE_LABELS.get(self.source, self.source))


# What the hub itself writes in ConsentRecord.source, for display.
SOURCE_LABELS = {
    "sign-up form": _("sign-up form"),
    "confirmation link": _("confirmation link"),
    "one-click (RFC 8058)": _("one-click unsubscribe from the e-mail program"),
    "unsubscribe page": _("unsubscribe page"),
    "mailto": _("unsubscribe by e-mail"),
    "complaint": _("spam complaint"),
}


# ---------------------------------------------------------------------------------------
# Editions, sending and the archive export: model modules of their own, imported here so
# Django finds every model of the app (none of them imports this module).
# ---------------------------------------------------------------------------------------

from .archive.models import ArchiveExport  # noqa: E402, F401
from .delivery import Delivery, Send  # noqa: E402, F401
from .editions import NewsletterEditionPage, NewsletterIndexPage  # noqa: E402, F401
