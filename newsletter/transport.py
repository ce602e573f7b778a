"""Handing one message to the mail server, and knowing what its answer means.

The pipeline speaks SMTP itself (MAIL, RCPT, DATA) instead of ``sendmail()`` so it can tell
the three outcomes apart that matter for "at most once": the server refused before the
message was transmitted (safe to retry, or permanent), it accepted it, or the connection
broke while the message was on its way (its fate is unknown and it is never retried).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection

from hub.security.tls import client_context

# What became of one message. NOT_SENT: refused for a reason that is not the recipient's
# (our sender address, a rendering error), so it fails without suppressing them.
SENT, TEMPORARY, PERMANENT, NOT_SENT, UNKNOWN = "sent", "temporary", "permanent", "not-sent", "unknown"


@dataclass(frozen=True)
class Outcome:
    kind: str
    reason: str = ""


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"


def _refusal(code: int, message, when: str) -> Outcome:
    kind = TEMPORARY if 400 <= code < 500 else PERMANENT
    return Outcome(kind, f"{when}: {_reply(code, message)}")


class SmtpTransport:
    """One SMTP connection, opened on first use and reused until ``close()``."""

    def __init__(
        self, host=None, port=None, username=None, password=None, use_tls=None, use_ssl=None, timeout=None
    ):
        self.host = host or settings.EMAIL_HOST
        self.port = port or settings.EMAIL_PORT
        self.username = settings.EMAIL_HOST_USER if username is None else username
        self.password = settings.EMAIL_HOST_PASSWORD if password is None else password
        self.use_tls = settings.EMAIL_USE_TLS if use_tls is None else use_tls
        self.use_ssl = settings.EMAIL_USE_SSL if use_ssl is None else use_ssl
        self.timeout = timeout or getattr(settings, "EMAIL_TIMEOUT", None) or 60
        self.connection: smtplib.SMTP | None = None

    def open(self) -> None:
        if self.connection is not None:
            return
        # The server's certificate is verified (EMAIL_SSL_CAFILE or the system's CAs), and
        # EMAIL_SSL_CERTFILE / EMAIL_SSL_KEYFILE are presented: hub/security/tls.py.
        if self.use_ssl:
            connection = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=client_context()
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            connection.ehlo()
            if self.use_tls and not self.use_ssl:
                connection.starttls(context=client_context())
                connection.ehlo()
            if self.username:
                connection.login(self.username, self.password)
        except BaseException:
            connection.close()
            raise
        self.connection = connection

    def close(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.quit()
        except (smtplib.SMTPException, OSError):
            self.connection.close()
        self.connection = None

    def _drop(self) -> None:
        if self.connection is not None:
            self.connection.close()
        self.connection = None

    def _reset(self) -> None:
        try:
            self.connection.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _data(self, data: bytes) -> None:
        """smtplib's ``data()`` without its regular expressions when the message already
        has CRLF line ends (ours do): dot-stuffing is a plain replace. Same replies."""
        if data.count(b"\n") != data.count(b"\r\n"):
            self.connection.data(data)
            return
        code, reply = self.connection.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if data.startswith(b"."):
            data = b"." + data
        data = data.replace(b"\r\n.", b"\r\n..")
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        self.connection.send(data + b".\r\n")
        code, reply = self.connection.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)

    def deliver(self, sender: str, recipient: str, data: bytes) -> Outcome:
        """Send one message; never raises for what the server or the network does."""
        try:
            self.open()
            code, reply = self.connection.mail(sender)
            if code != 250:
                self._reset()
                outcome = _refusal(code, reply, "MAIL FROM")
                return outcome if outcome.kind == TEMPORARY else Outcome(NOT_SENT, outcome.reason)
            code, reply = self.connection.rcpt(recipient)
            if code not in (250, 251):
                self._reset()
                return _refusal(code, reply, "RCPT TO")
        except (smtplib.SMTPException, OSError) as error:
            # Nothing was transmitted yet: safe to try again later.
            self._drop()
            return Outcome(TEMPORARY, f"connection: {error.__class__.__name__}: {error}")
        try:
            self._data(data)
        except smtplib.SMTPDataError as error:
            # The server answered: it did not take the message.
            self._reset()
            return _refusal(error.smtp_code, error.smtp_error, "DATA")
        except (smtplib.SMTPException, OSError) as error:
            # The message may have reached the server before the connection broke.
            self._drop()
            return Outcome(UNKNOWN, f"connection lost during DATA: {error.__class__.__name__}: {error}")
        return Outcome(SENT)


class BackendTransport:
    """Any Django e-mail backend (console in development, an ESP through django-anymail).

    A backend only says "sent" or raises, so an error is an unknown fate, never a retry.
    """

    def __init__(self) -> None:
        self.connection = get_connection(fail_silently=False)

    def open(self) -> None:
        self.connection.open()

    def close(self) -> None:
        self.connection.close()

    def deliver_message(self, message) -> Outcome:
        try:
            message.connection = self.connection
            sent = message.send()
        except Exception as error:
            if _refused_by_provider(error):
                return Outcome(PERMANENT, f"refused by the provider: {error}")
            return Outcome(UNKNOWN, f"{error.__class__.__name__}: {error}")
        return Outcome(SENT) if sent else Outcome(UNKNOWN, "the e-mail backend reported nothing sent")


def _refused_by_provider(error: Exception) -> bool:
    """django-anymail's "the provider refused every recipient" (rejected or invalid, e.g.
    on its suppression list): nothing was sent, and the address should not be tried again."""
    try:
        from anymail.exceptions import AnymailRecipientsRefused
    except ImportError:
        return False
    return isinstance(error, AnymailRecipientsRefused)


# Django's SMTP backend and the project's verified-TLS one (hub/security/tls.py).
SMTP_BACKENDS = {"django.core.mail.backends.smtp.EmailBackend", "hub.security.tls.EmailBackend"}


def get_transport():
    """SMTP spoken directly when Django is configured for SMTP; otherwise its backend."""
    if settings.EMAIL_BACKEND in SMTP_BACKENDS:
        return SmtpTransport()
    return BackendTransport()
