"""``manage.py process_bounces``: suppress hard bounces and complaints from a mailbox."""

import ipaddress
import os
import ssl as ssl_module

from django.core.management.base import BaseCommand, CommandError

from newsletter import bounces

PASSWORD_ENV = "BOUNCES_IMAP_PASSWORD"  # noqa: S105 (the name of the variable, not a password)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def imap_password(options) -> str:
    """The mailbox password from a file (--imap-password-file) or the environment, never
    from the command line, where ps and cron logs show it."""
    if options["imap_password"]:
        raise CommandError(
            f"--imap-password is refused: a password on the command line shows in ps and cron logs. "
            f"Put it in the {PASSWORD_ENV} environment variable or in a file read with --imap-password-file."
        )
    if options["imap_password_file"]:
        try:
            with open(options["imap_password_file"], encoding="utf-8") as handle:
                return handle.read().rstrip("\r\n")
        except OSError as error:
            raise CommandError(f"Cannot read the IMAP password file: {error}") from error
    return os.environ.get(PASSWORD_ENV, "")


class Command(BaseCommand):
    help = (
        "Read delivery status notifications and feedback (complaint) reports from an mbox file, "
        "a Maildir or an IMAP folder, and suppress hard-bounced and complaining addresses; "
        "unsubscribe requests sent to the List-Unsubscribe mailto: address are honoured too. "
        f"The IMAP password is read from {PASSWORD_ENV} or --imap-password-file; the server's "
        "certificate is verified (EMAIL_SSL_CAFILE names a private CA bundle)."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--mbox", help="path of an mbox file")
        source.add_argument("--maildir", help="path of a Maildir")
        source.add_argument("--imap-host", help="IMAP server")
        parser.add_argument("--imap-port", type=int, default=None)
        parser.add_argument("--imap-user", default="")
        parser.add_argument(
            "--imap-password-file",
            default="",
            help=f"a file holding the IMAP password (else ${PASSWORD_ENV})",
        )
        # Kept only to refuse it with a clear message (see imap_password()).
        parser.add_argument("--imap-password", default="", help="refused: use --imap-password-file")
        parser.add_argument("--imap-folder", default="INBOX")
        parser.add_argument("--imap-no-ssl", action="store_true", help="plain IMAP, on loopback only")
        parser.add_argument("--imap-delete", action="store_true", help="delete messages once read")

    def handle(self, *args, **options):
        try:
            if options["mbox"]:
                messages = bounces.read_mbox(options["mbox"])
            elif options["maildir"]:
                messages = bounces.read_maildir(options["maildir"])
            else:
                password = imap_password(options)
                ssl = not options["imap_no_ssl"]
                if not ssl and not is_loopback(options["imap_host"]):
                    raise CommandError(
                        "--imap-no-ssl is allowed only on loopback (127.0.0.1, ::1, localhost): "
                        "elsewhere the password would cross the network in clear text."
                    )
                messages = bounces.read_imap(
                    options["imap_host"],
                    options["imap_port"] or (993 if ssl else 143),
                    options["imap_user"],
                    password,
                    options["imap_folder"],
                    ssl=ssl,
                    delete=options["imap_delete"],
                )
            result = bounces.process(messages)
        except ssl_module.SSLCertVerificationError as error:
            raise CommandError(
                f"The IMAP server's certificate is not trusted ({error.verify_message}); nothing was sent to it. "
                "If it is signed by a private CA, name its PEM bundle in EMAIL_SSL_CAFILE."
            ) from error
        except (OSError, bounces.mailbox.Error, bounces.imaplib.IMAP4.error) as error:
            raise CommandError(str(error)) from error
        for finding in result.applied:
            self.stdout.write(f"suppressed {finding.email}: {finding.reason} ({finding.detail})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.read} messages read, {len(result.findings)} bounces or complaints, "
                f"{len(result.applied)} subscribers suppressed, {result.deliveries_marked} deliveries marked, "
                f"{result.unsubscribed} unsubscribed by e-mail."
            )
        )
