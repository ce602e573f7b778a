"""Verified TLS to the mail servers (hub/security/tls.py): real servers on loopback with a
certificate made for the test by ``openssl``. Without trust the hub refuses the server
before it sends anything (a password, a message); with the CA configured in
``EMAIL_SSL_CAFILE`` it goes through. IMAP (the bounce mailbox), SMTP over SSL and
STARTTLS, the newsletter's own SMTP pipeline and Django's backend; a client certificate
(``EMAIL_SSL_CERTFILE`` / ``EMAIL_SSL_KEYFILE``) is presented when a server asks for one.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.core.mail import get_connection, send_mail
from django.core.management import call_command
from django.core.management.base import CommandError

from newsletter import transport
from newsletter.models import Subscriber
from tests.factories import subscribers
from tests.newsletter.smtp_server import ScriptedHandler, _free_port
from tests.newsletter.test_bounces import TinyImapServer, dsn

pytestmark = pytest.mark.skipif(
    shutil.which("openssl") is None, reason="the openssl command makes the certificates"
)


def _self_signed(directory: Path, name: str, san: str) -> tuple[Path, Path]:
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    subprocess.run(
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName={san}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    """A server certificate for 127.0.0.1 (its own CA) and a client certificate."""
    directory = tmp_path_factory.mktemp("certs")
    server = _self_signed(directory, "mail-server", "IP:127.0.0.1")
    client = _self_signed(directory, "hub-client", "DNS:hub.invalid")
    return {"server": server, "client": client}


def server_context(certs, require_client_cert=False) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certs["server"])
    if require_client_cert:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(certs["client"][0])
    return context


@pytest.fixture
def trusted(settings, certs):
    settings.EMAIL_SSL_CAFILE = str(certs["server"][0])


# IMAP: the bounce mailbox --------------------------------------------------------------


@pytest.fixture
def imaps(certs):
    gone, fine = subscribers(2)
    server = TinyImapServer([dsn(gone.email).as_bytes()], ssl_context=server_context(certs))
    server.gone = gone
    yield server
    server.stop()


def _process_imap(port, **options):
    out = io.StringIO()
    call_command(
        "process_bounces", imap_host="127.0.0.1", imap_port=port, imap_user="bounces", stdout=out, **options
    )
    return out.getvalue()


@pytest.mark.django_db
def test_imap_server_not_trusted_is_refused_before_the_password(imaps, settings, monkeypatch):
    settings.EMAIL_SSL_CAFILE = None
    monkeypatch.setenv("BOUNCES_IMAP_PASSWORD", "hemmeligt")
    monkeypatch.setenv("SSL_CERT_FILE", os.devnull)  # the system's CAs do not know it either
    with pytest.raises(CommandError, match="certificate is not trusted.*EMAIL_SSL_CAFILE"):
        _process_imap(imaps.port)
    assert imaps.logins == []
    assert Subscriber.objects.get(pk=imaps.gone.pk).status == Subscriber.Status.CONFIRMED


@pytest.mark.django_db
def test_imap_server_accepted_with_the_ca_and_the_password_from_a_file(imaps, trusted, tmp_path):
    password_file = tmp_path / "imap-password"
    password_file.write_text("hemmeligt\n")
    out = _process_imap(imaps.port, imap_password_file=str(password_file))
    assert imaps.logins == ["bounces hemmeligt"]
    assert "1 messages read, 1 bounces or complaints, 1 subscribers suppressed" in out
    assert Subscriber.objects.get(pk=imaps.gone.pk).status == Subscriber.Status.SUPPRESSED


@pytest.mark.django_db
def test_imap_password_from_the_environment(imaps, trusted, monkeypatch):
    monkeypatch.setenv("BOUNCES_IMAP_PASSWORD", "hemmeligt")
    _process_imap(imaps.port)
    assert imaps.logins == ["bounces hemmeligt"]


@pytest.mark.django_db
def test_imap_password_on_the_command_line_is_refused(imaps, trusted):
    with pytest.raises(CommandError, match="--imap-password is refused.*BOUNCES_IMAP_PASSWORD"):
        _process_imap(imaps.port, imap_password="hemmeligt")
    assert imaps.logins == []
    # From the shell too: the same clear message, exit status 1, no traceback.
    result = subprocess.run(
        [sys.executable, "manage.py", "process_bounces", "--imap-host", "127.0.0.1", "--imap-password", "x"],
        cwd=django_settings.BASE_DIR, capture_output=True, text=True, timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.test"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "--imap-password is refused" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.django_db
def test_plain_imap_only_on_loopback():
    with pytest.raises(CommandError, match="only on loopback"):
        call_command("process_bounces", imap_host="imap.example.org", imap_no_ssl=True, stdout=io.StringIO())


def test_missing_password_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the IMAP password file"):
        call_command(
            "process_bounces",
            imap_host="127.0.0.1",
            imap_password_file=str(tmp_path / "missing"),
            stdout=io.StringIO(),
        )


# SMTP: implicit TLS (SMTPS) and STARTTLS -----------------------------------------------


def _smtp_server(certs, mode: str, require_client_cert=False):
    handler = ScriptedHandler()
    context = server_context(certs, require_client_cert)
    if mode == "ssl":
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), ssl_context=context)
    else:
        controller = Controller(
            handler, hostname="127.0.0.1", port=_free_port(), tls_context=context, require_starttls=True
        )
    controller.start()
    controller.handler_ = handler
    return controller


@pytest.fixture(params=["ssl", "starttls"])
def smtps(request, certs, settings):
    controller = _smtp_server(certs, request.param)
    settings.EMAIL_BACKEND = "hub.security.tls.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_SSL = request.param == "ssl"
    settings.EMAIL_USE_TLS = request.param == "starttls"
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    settings.EMAIL_SSL_CAFILE = settings.EMAIL_SSL_CERTFILE = settings.EMAIL_SSL_KEYFILE = None
    yield controller
    controller.stop()


MESSAGE = b"From: nyhedsbrev@localhost\r\nTo: a@example.org\r\nSubject: Hej\r\n\r\nHej.\r\n"


def test_newsletter_smtp_refuses_an_untrusted_server(smtps, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", os.devnull)
    pipe = transport.get_transport()
    assert isinstance(pipe, transport.SmtpTransport)
    outcome = pipe.deliver("nyhedsbrev@localhost", "a@example.org", MESSAGE)
    pipe.close()
    assert outcome.kind == transport.TEMPORARY  # nothing transmitted: tried again later
    assert "CERTIFICATE_VERIFY_FAILED" in outcome.reason
    assert smtps.handler_.messages == []


def test_newsletter_smtp_accepts_the_server_with_the_ca(smtps, settings, certs):
    settings.EMAIL_SSL_CAFILE = str(certs["server"][0])
    pipe = transport.get_transport()
    outcome = pipe.deliver("nyhedsbrev@localhost", "a@example.org", MESSAGE)
    pipe.close()
    assert outcome == transport.Outcome(transport.SENT)
    assert smtps.handler_.received() == {"a@example.org": 1}


def test_django_mail_refuses_an_untrusted_server(smtps, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", os.devnull)
    with pytest.raises(ssl.SSLCertVerificationError):
        send_mail("Nulstil adgangskode", "...", "webmaster@localhost", ["a@example.org"])
    assert smtps.handler_.messages == []


def test_django_mail_accepts_the_server_with_the_ca(smtps, settings, certs):
    settings.EMAIL_SSL_CAFILE = str(certs["server"][0])
    assert send_mail("Nulstil adgangskode", "...", "webmaster@localhost", ["a@example.org"]) == 1
    smtps.handler_.wait_for(1)
    assert smtps.handler_.received() == {"a@example.org": 1}


@pytest.mark.parametrize("mode", ["ssl", "starttls"])
def test_the_client_certificate_is_presented(certs, settings, mode):
    """A server that asks for a client certificate gets EMAIL_SSL_CERTFILE/KEYFILE, and
    the server is still verified (Django's own backend would trust no CA then)."""
    controller = _smtp_server(certs, mode, require_client_cert=True)
    try:
        settings.EMAIL_SSL_CAFILE = str(certs["server"][0])
        common = {"host": "127.0.0.1", "port": controller.port, "username": "", "password": "", "timeout": 10}
        common.update(use_ssl=mode == "ssl", use_tls=mode == "starttls")
        without = transport.SmtpTransport(**common)
        assert without.deliver("nyhedsbrev@localhost", "a@example.org", MESSAGE).kind != transport.SENT
        without.close()
        settings.EMAIL_SSL_CERTFILE, settings.EMAIL_SSL_KEYFILE = map(str, certs["client"])
        with_cert = transport.SmtpTransport(**common)
        assert with_cert.deliver("nyhedsbrev@localhost", "a@example.org", MESSAGE) == transport.Outcome(
            transport.SENT
        )
        with_cert.close()
        backend = get_connection("hub.security.tls.EmailBackend", **{
            "host": "127.0.0.1", "port": controller.port, "use_ssl": mode == "ssl", "use_tls": mode == "starttls",
            "ssl_certfile": str(certs["client"][0]), "ssl_keyfile": str(certs["client"][1]), "timeout": 10,
        })  # fmt: skip
        assert send_mail("Hej", "...", "webmaster@localhost", ["b@example.org"], connection=backend) == 1
        controller.handler_.wait_for(2)
        assert controller.handler_.received() == {"a@example.org": 1, "b@example.org": 1}
    finally:
        controller.stop()


# Settings from the environment -----------------------------------------------------------


def _production_settings(tmp_path, **environ) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ['EMAIL_BACKEND', 'EMAIL_USE_SSL', 'EMAIL_USE_TLS', "
        "'EMAIL_SSL_CERTFILE', 'EMAIL_SSL_KEYFILE', 'EMAIL_SSL_CAFILE']}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "ANYMAIL_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        HUB_VAR_DIR=str(tmp_path),
        **environ,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    return result.returncode, result.stdout, result.stderr


def test_production_reads_the_tls_settings_from_the_environment(tmp_path):
    code, out, err = _production_settings(
        tmp_path, EMAIL_USE_SSL="true", EMAIL_SSL_CERTFILE="/etc/hub/client.pem",
        EMAIL_SSL_KEYFILE="/etc/hub/client.key", EMAIL_SSL_CAFILE="/etc/hub/mail-ca.pem",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == {
        "EMAIL_BACKEND": "hub.security.tls.EmailBackend",
        "EMAIL_USE_SSL": True,
        "EMAIL_USE_TLS": False,
        "EMAIL_SSL_CERTFILE": "/etc/hub/client.pem",
        "EMAIL_SSL_KEYFILE": "/etc/hub/client.key",
        "EMAIL_SSL_CAFILE": "/etc/hub/mail-ca.pem",
    }
    code, out, err = _production_settings(tmp_path, EMAIL_USE_SSL="true", EMAIL_USE_TLS="true")
    assert code != 0 and "EMAIL_USE_SSL and EMAIL_USE_TLS are exclusive" in err
