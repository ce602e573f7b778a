"""Subscribing, confirming, unsubscribing, suppressing and erasing subscribers.

Every way in (the sign-up form, the links in e-mails, the admin import, bounce
processing) calls these functions, so the rules live in one place: nothing is sent
before a confirmation, every step of consent is recorded with the wording shown, and
an unsubscribed, suppressed or erased address is never sendable. The links in the
e-mails, and the credentials in them, are ``newsletter.subscriber_links``.
"""

from __future__ import annotations

import datetime
import hashlib
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import emails
from .conf import setting
from .models import ConsentRecord, ConsentText, Subscriber, language_or_default, new_token
from .subscriber_links import subscriber_for_token, token_from_unsubscribe_subject

#: Sent with ``subscriber=`` just before a subscriber's personal data is erased, so other
#: parts of the newsletter (deliveries) can forget the address too.
subscriber_erased = Signal()

MAX_EMAIL_LENGTH = 254
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")

# The wording used when no editor has written one yet for a language.
DEFAULT_CONSENT_TEXTS = {
    "da": (
        "Ja tak, send mig Landsbyklyngers nyhedsbrev på e-mail. Jeg kan til enhver tid "
        "afmelde mig med et klik i bunden af hvert nyhedsbrev og se eller slette de "
        "oplysninger, der er gemt om mig. Min e-mailadresse bruges kun til nyhedsbrevet."
    ),
    "en": (
        "Yes, please send me the Village clusters newsletter by e-mail. I can unsubscribe "
        "at any time with one click at the bottom of every newsletter, and see or delete "
        "the data stored about me. My e-mail address is used for the newsletter only."
    ),
}

_email_validator = EmailValidator(allowlist=[])


# --- Addresses ---------------------------------------------------------------------------


def clean_email(raw: str) -> str:
    """The address to store, or a ValidationError that says what is wrong with it.

    Line breaks and other control characters are refused outright (header injection),
    before any whitespace is stripped."""
    raw = raw or ""
    if CONTROL_CHARACTERS.search(raw):
        raise ValidationError(
            _("An e-mail address cannot contain line breaks or control characters."), code="control"
        )
    email = raw.strip()
    if not email:
        raise ValidationError(_("Enter your e-mail address."), code="required")
    if len(email) > MAX_EMAIL_LENGTH:
        raise ValidationError(_("That e-mail address is too long."), code="too_long")
    try:
        _email_validator(email)
    except ValidationError:
        raise ValidationError(
            _("Enter a valid e-mail address, like name@example.dk."), code="invalid"
        ) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


# --- Consent wording ---------------------------------------------------------------------


def current_consent_text(language: str) -> ConsentText:
    """The newest wording for a language; the built-in default becomes version 1."""
    language = language_or_default(language)
    text = ConsentText.objects.filter(language=language).order_by("-version").first()
    if text is None:
        try:
            with transaction.atomic():
                text = ConsentText.objects.create(
                    language=language, version=1, text=DEFAULT_CONSENT_TEXTS[language]
                )
        except IntegrityError:
            text = ConsentText.objects.filter(language=language).order_by("-version").first()
    return text


def consent_text_shown(language: str, version: int | None) -> ConsentText:
    """The wording the form showed (its version travels with the form), else the current."""
    if version:
        shown = ConsentText.objects.filter(language=language_or_default(language), version=version).first()
        if shown is not None:
            return shown
    return current_consent_text(language)


# --- Requests ----------------------------------------------------------------------------


def rate_limited(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt; True once more than ``limit`` came within ``window`` seconds.

    Uses Django's cache: configure a shared cache when several processes serve the site."""
    cache_key = f"newsletter:rate:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count > limit


def _may_mail(email: str, purpose: str = "signup") -> bool:
    """At most one sign-up e-mail per address per NEWSLETTER_RESEND_INTERVAL, so the
    form cannot be used to flood someone's inbox."""
    key = f"newsletter:mailed:{purpose}:{hashlib.sha256(email.lower().encode()).hexdigest()}"
    return cache.add(key, 1, timeout=setting("NEWSLETTER_RESEND_INTERVAL"))


# --- Changes of state --------------------------------------------------------------------


def _record(subscriber, action, *, source="", source_url="", ip=None, consent_text=None) -> ConsentRecord:
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        action=action,
        source=source[:500],
        source_url=(source_url or "")[:500],
        ip_address=ip,
        consent_text=consent_text,
    )


def subscribe(
    email: str,
    language: str,
    *,
    source_url: str = "",
    ip: str | None = None,
    consent_text: ConsentText | None = None,
    source: str = "sign-up form",
) -> None:
    """Ask an address to confirm. Returns nothing, on purpose: the caller must answer the
    same whether the address was new, pending, confirmed or had unsubscribed.

    New, pending, unsubscribed and suppressed addresses get a confirmation e-mail (a
    fresh consent request); a confirmed address gets a harmless "already subscribed"
    notice. At most one e-mail per address per NEWSLETTER_RESEND_INTERVAL."""
    email = clean_email(email)
    language = language_or_default(language)
    if not _may_mail(email):
        return
    consent_text = consent_text or current_consent_text(language)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().by_email(email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, language=language)
            except IntegrityError:  # the same address signed up at the same instant
                subscriber = Subscriber.objects.select_for_update().by_email(email).get()
        if subscriber.status == Subscriber.Status.CONFIRMED:
            notice = True
        else:
            notice = False
            subscriber.status = Subscriber.Status.PENDING
            subscriber.language = language
            subscriber.save(update_fields=["status", "language"])
            record = _record(
                subscriber,
                ConsentRecord.Action.REQUESTED,
                source=source,
                source_url=source_url,
                ip=ip,
                consent_text=consent_text,
            )
    if notice:
        emails.send_already_subscribed.enqueue(subscriber.pk)
    else:
        emails.send_confirmation.enqueue(subscriber.pk, record.pk)


def confirm(subscriber: Subscriber, request_record: ConsentRecord, *, ip=None, source_url="") -> bool:
    """Confirm a pending subscription from the link for its latest request.

    A link from an older request, or one clicked after unsubscribing, confirms nothing."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        latest = locked.consent_records.filter(action=ConsentRecord.Action.REQUESTED).order_by("-pk").first()
        if locked.status != Subscriber.Status.PENDING or latest is None or latest.pk != request_record.pk:
            return False
        locked.status = Subscriber.Status.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.unsubscribed_at = None
        locked.suppressed_at = None
        locked.suppression_reason = ""
        locked.suppression_detail = ""
        locked.save()
        _record(
            locked,
            ConsentRecord.Action.CONFIRMED,
            source="confirmation link",
            source_url=source_url,
            ip=ip,
            consent_text=request_record.consent_text,
        )
    subscriber.refresh_from_db()
    return True


def unsubscribe(subscriber: Subscriber, source: str, *, ip=None, source_url="") -> bool:
    """Withdraw consent: nothing more is sent. True if this changed anything."""
    changed = Subscriber.objects.filter(
        pk=subscriber.pk,
        status__in=[Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED, Subscriber.Status.SUPPRESSED],
    ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    if changed:
        _record(subscriber, ConsentRecord.Action.WITHDRAWN, source=source, source_url=source_url, ip=ip)
    subscriber.refresh_from_db()
    return bool(changed)


def unsubscribe_by_token(token: str, source: str, **kwargs) -> bool:
    """Unsubscribe whoever holds this token (mailto: unsubscribes, one-click POSTs)."""
    subscriber = subscriber_for_token(token)
    return unsubscribe(subscriber, source, **kwargs) if subscriber else False


def unsubscribe_by_mailto(message) -> bool:
    """Act on an e-mail sent through the mailto: half of List-Unsubscribe (an
    ``email.message.Message``); the token in its subject is the credential."""
    token = token_from_unsubscribe_subject(str(message.get("Subject", "")))
    return unsubscribe_by_token(token, "mailto") if token else False


def suppress(email: str, reason: str, detail: str = "") -> Subscriber | None:
    """Stop sending to an address that bounced or complained. Unknown addresses are
    ignored (returns None); a complaint also records a withdrawal of consent."""
    if reason not in Subscriber.SuppressionReason.values:
        raise ValueError(f"Unknown suppression reason: {reason!r}")
    subscriber = Subscriber.objects.by_email(email or "").first()
    if subscriber is None or subscriber.status == Subscriber.Status.ERASED:
        return None
    was_active = subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.CONFIRMED)
    Subscriber.objects.filter(pk=subscriber.pk).exclude(status=Subscriber.Status.ERASED).update(
        status=Subscriber.Status.SUPPRESSED,
        suppressed_at=timezone.now(),
        suppression_reason=reason,
        suppression_detail=(detail or "")[:500],
    )
    if reason == Subscriber.SuppressionReason.COMPLAINED and was_active:
        _record(subscriber, ConsentRecord.Action.WITHDRAWN, source="complaint")
    subscriber.refresh_from_db()
    return subscriber


def erase(subscriber: Subscriber) -> None:
    """Delete a subscriber's personal data: the address, consent records and anything
    else that could identify them. The row stays, marked erased, so deliveries pointing
    at it stay valid and it can never be sent to; its token changes, so old links die."""
    subscriber_erased.send(sender=Subscriber, subscriber=subscriber)
    with transaction.atomic():
        subscriber.consent_records.all().delete()
        subscriber.email = None
        subscriber.status = Subscriber.Status.ERASED
        subscriber.token = new_token()
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = None
        subscriber.suppressed_at = None
        subscriber.suppression_reason = ""
        subscriber.suppression_detail = ""
        subscriber.erased_at = timezone.now()
        subscriber.save()


def purge_unconfirmed(older_than_days: int) -> int:
    """Erase requests nobody confirmed within ``older_than_days`` (their address and IP
    address are kept for no purpose after that); returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    stale = Subscriber.objects.filter(status=Subscriber.Status.PENDING, confirmed_at__isnull=True).exclude(
        consent_records__created_at__gte=cutoff
    )
    count = 0
    for subscriber in stale.iterator():
        erase(subscriber)
        count += 1
    return count


def send_my_data_link(email: str) -> None:
    """E-mail a fresh "my data" link to an address on the list; silently nothing for an
    unknown address, so the answer never tells whether it is on the list."""
    try:
        email = clean_email(email)
    except ValidationError:
        return
    if not _may_mail(email, "my-data"):
        return
    subscriber = Subscriber.objects.by_email(email).exclude(status=Subscriber.Status.ERASED).first()
    if subscriber is not None:
        emails.send_my_data_link.enqueue(subscriber.pk)
