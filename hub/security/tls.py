"""Verified TLS for every connection the hub opens to another server (SMTP, IMAP).

``ssl.create_default_context()`` checks the server's certificate and name against the
system's trust store, or against ``EMAIL_SSL_CAFILE`` (a PEM bundle, from the environment)
when the mail server's certificate comes from a private CA. Django's
``EMAIL_SSL_CERTFILE`` / ``EMAIL_SSL_KEYFILE`` are a client certificate presented to the
server. Django's own SMTP backend builds a context that trusts nothing when a client
certificate is set (``PROTOCOL_TLS_CLIENT`` with no CA loaded) and cannot take a CA
bundle, so ``EmailBackend`` below replaces its context with this one.
"""

from __future__ import annotations

import ssl

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend as DjangoSmtpBackend
from django.utils.functional import cached_property


def client_context(cafile: str | None = None, certfile: str | None = None, keyfile: str | None = None):
    """A client context that verifies the server: the CA bundle given or configured
    (``EMAIL_SSL_CAFILE``), else the system's; with the client certificate configured."""
    cafile = cafile or getattr(settings, "EMAIL_SSL_CAFILE", None) or None
    certfile = certfile or getattr(settings, "EMAIL_SSL_CERTFILE", None) or None
    keyfile = keyfile or getattr(settings, "EMAIL_SSL_KEYFILE", None) or None
    context = ssl.create_default_context(cafile=cafile)
    if certfile:
        context.load_cert_chain(certfile, keyfile)
    return context


class EmailBackend(DjangoSmtpBackend):
    """Django's SMTP backend (password resets, sign-up confirmations, error mail) with
    the verified context, over SMTPS and STARTTLS alike."""

    @cached_property
    def ssl_context(self):
        return client_context(certfile=self.ssl_certfile, keyfile=self.ssl_keyfile)
