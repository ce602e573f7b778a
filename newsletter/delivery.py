"""What a send is made of: one ``Send`` per edition and one ``Delivery`` per recipient.

The delivery rows are the send's memory. A row is claimed (``sending``) in its own
committed UPDATE before the SMTP call and marked after it, so a worker killed at any
instant leaves at most the rows it was talking to the server about in ``sending``; those
become ``unknown`` for an editor to decide, and are never re-sent on their own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Send(models.Model):
    """Sending one edition (in all its languages) to the recipients frozen when it started.

    Unique per edition's ``translation_key``: pressing "Send" on the Danish and on the
    English page, or twice, is the same send.
    """

    edition = models.ForeignKey(
        "newsletter.NewsletterEditionPage",
        on_delete=models.PROTECT,
        related_name="sends",
        verbose_name=_("edition"),
    )
    translation_key = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter send")
        verbose_name_plural = _("newsletter sends")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.edition)


class Delivery(models.Model):
    """One recipient of one send. The status is the whole story of that e-mail."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Unknown: needs a decision")
        SKIPPED = "skipped", _("Skipped")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletter.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    # The translation this recipient gets (their language, or the edition's own).
    page = models.ForeignKey("newsletter.NewsletterEditionPage", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"], name="one_delivery_per_send_and_subscriber"
            ),
        ]
        indexes = [models.Index(fields=["send", "status"], name="delivery_send_status")]

    def __str__(self) -> str:
        return f"{self.send_id}/{self.subscriber_id}: {self.status}"


def forget_erased_subscriber(sender, subscriber, **kwargs) -> None:
    """An SMTP reply can quote the address; an erased subscriber's deliveries keep their
    outcome but lose it."""
    Delivery.objects.filter(subscriber=subscriber).exclude(reason="").update(reason="")
