"""A subscriber's links and the credentials in them: confirm, unsubscribe, "my data".

Every link is absolute (e-mail has no base URL: NEWSLETTER_BASE_URL) and in the
subscriber's language. The unsubscribe link and the mailto: subject carry the
subscriber's token; the confirmation and "my data" links are signed values that expire
(NEWSLETTER_CONFIRM_MAX_AGE, NEWSLETTER_DATA_LINK_MAX_AGE). Reading a link back gives the
live subscriber it names, or ``InvalidLink``/``ExpiredLink``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.core import signing
from django.urls import reverse
from django.utils import translation

from .conf import base_url, setting, unsubscribe_address
from .models import ConsentRecord, Subscriber, language_or_default

CONFIRM_SALT = "newsletter.confirm"
MY_DATA_SALT = "newsletter.my-data"
UNSUBSCRIBE_SUBJECT = re.compile(r"\bunsubscribe-([A-Za-z0-9_\-]{20,64})\b")
TOKEN_RE = re.compile(r"[A-Za-z0-9_\-]+")


class InvalidLink(Exception):
    """A link that was tampered with, belongs to nobody, or no longer applies."""


class ExpiredLink(InvalidLink):
    """A correctly signed link older than its maximum age."""


def absolute_url(path: str) -> str:
    """A path of this site as a link that works from an e-mail (NEWSLETTER_BASE_URL)."""
    return f"{base_url()}{path}"


def _reverse_in(language: str, name: str, *args) -> str:
    with translation.override(language_or_default(language)):
        return absolute_url(reverse(name, args=args))


def confirm_url(subscriber: Subscriber, record: ConsentRecord) -> str:
    """The signed link confirming this request (and only this one), valid for
    NEWSLETTER_CONFIRM_MAX_AGE seconds."""
    value = signing.dumps({"t": subscriber.token, "r": record.pk}, salt=CONFIRM_SALT)
    return _reverse_in(subscriber.language, "newsletter:confirm", value)


def unsubscribe_url(subscriber: Subscriber) -> str:
    """The one-click unsubscribe link; the subscriber's token is the credential."""
    return _reverse_in(subscriber.language, "newsletter:unsubscribe", subscriber.token)


def my_data_url(subscriber: Subscriber) -> str:
    """A signed link to the subscriber's data, valid for NEWSLETTER_DATA_LINK_MAX_AGE."""
    return _reverse_in(subscriber.language, "newsletter:my_data", _my_data_value(subscriber))


def _my_data_value(subscriber: Subscriber) -> str:
    return signing.dumps({"t": subscriber.token}, salt=MY_DATA_SALT)


def unsubscribe_mailto(subscriber: Subscriber) -> str:
    """The mailto: half of List-Unsubscribe; the token travels in the subject."""
    return f"mailto:{unsubscribe_address()}?subject={quote(f'unsubscribe-{subscriber.token}')}"


def list_unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058 headers for an e-mail to this subscriber."""
    return _list_unsubscribe_headers(unsubscribe_url(subscriber), unsubscribe_mailto(subscriber))


def _list_unsubscribe_headers(url: str, mailto: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{url}>, <{mailto}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


class PersonalLinks:
    """The functions above for many subscribers at once (the sending pipeline): each
    link is reversed once per language around a placeholder, then a subscriber's costs a
    string replacement (reversing and translation switching were most of the cost of a
    message). Same results, held to them by a test; anything unusual takes the functions."""

    PLACEHOLDER = "PersonalLinkPlaceholder0"
    # What reverse() and quote() leave as it is: a token, a signed value.
    _TOKEN, _SIGNED = re.compile(r"[A-Za-z0-9_\-]+\Z"), re.compile(r"[A-Za-z0-9_\-:]+\Z")

    def __init__(self) -> None:
        self._templates: dict[str, tuple[str, str, str] | None] = {}

    def _for(self, language: str) -> tuple[str, str, str] | None:
        if language not in self._templates:
            stand_in = Subscriber(token=self.PLACEHOLDER, language=language)
            templates = (
                unsubscribe_url(stand_in),
                _reverse_in(language, "newsletter:my_data", self.PLACEHOLDER),
                unsubscribe_mailto(stand_in),
            )
            self._templates[language] = (
                templates if all(t.count(self.PLACEHOLDER) == 1 for t in templates) else None
            )
        return self._templates[language]

    def links(self, subscriber: Subscriber) -> tuple[str, str, dict[str, str]]:
        """(unsubscribe_url, my_data_url, list_unsubscribe_headers) of ``subscriber``."""
        token, signed = subscriber.token, _my_data_value(subscriber)
        templates = self._for(subscriber.language)
        if templates is None or not (self._TOKEN.match(token) and self._SIGNED.match(signed)):
            return unsubscribe_url(subscriber), my_data_url(subscriber), list_unsubscribe_headers(subscriber)
        unsubscribe, my_data, mailto = templates
        unsubscribe = unsubscribe.replace(self.PLACEHOLDER, token)
        return (
            unsubscribe,
            my_data.replace(self.PLACEHOLDER, signed),
            _list_unsubscribe_headers(unsubscribe, mailto.replace(self.PLACEHOLDER, token)),
        )


def token_from_unsubscribe_subject(subject: str) -> str | None:
    """The token in the subject of a mail sent through the mailto: unsubscribe link."""
    match = UNSUBSCRIBE_SUBJECT.search(subject or "")
    return match.group(1) if match else None


def subscriber_for_token(token: str) -> Subscriber | None:
    """The subscriber (not erased) whose token this is, else None."""
    # Tokens are URL-safe base64 (secrets.token_urlsafe); anything else, such as a NUL
    # byte PostgreSQL would refuse, names nobody.
    if not token or len(token) > 64 or not TOKEN_RE.fullmatch(token):
        return None
    return Subscriber.objects.filter(token=token).exclude(status=Subscriber.Status.ERASED).first()


def _read_signed_link(value: str, salt: str, max_age: int) -> tuple[Subscriber, dict]:
    """The live subscriber a signed link names, and the link's data."""
    try:
        data = signing.loads(value, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except signing.BadSignature:
        raise InvalidLink from None
    subscriber = subscriber_for_token(str(data.get("t", ""))) if isinstance(data, dict) else None
    if subscriber is None:
        raise InvalidLink
    return subscriber, data


def read_confirm_link(value: str) -> tuple[Subscriber, ConsentRecord]:
    """The subscriber and the request a confirmation link belongs to."""
    subscriber, data = _read_signed_link(value, CONFIRM_SALT, setting("NEWSLETTER_CONFIRM_MAX_AGE"))
    record = subscriber.consent_records.filter(
        pk=data.get("r"), action=ConsentRecord.Action.REQUESTED
    ).first()
    if record is None:
        raise InvalidLink
    return subscriber, record


def read_my_data_link(value: str) -> Subscriber:
    return _read_signed_link(value, MY_DATA_SALT, setting("NEWSLETTER_DATA_LINK_MAX_AGE"))[0]
