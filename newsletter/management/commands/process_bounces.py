"""``manage.py process_bounces``: suppress hard bounces and complaints from a mailbox."""

from django.core.management.base import BaseCommand, CommandError

from newsletter import bounces


class Command(BaseCommand):
    help = (
        "Read delivery status notifications and feedback (complaint) reports from an mbox file, "
        "a Maildir or an IMAP folder, and suppress hard-bounced and complaining addresses; "
        "unsubscribe requests sent to the List-Unsubscribe mailto: address are honoured too."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--mbox", help="path of an mbox file")
        source.add_argument("--maildir", help="path of a Maildir")
        source.add_argument("--imap-host", help="IMAP server")
        parser.add_argument("--imap-port", type=int, default=None)
        parser.add_argument("--imap-user", default="")
        parser.add_argument("--imap-password", default="")
        parser.add_argument("--imap-folder", default="INBOX")
        parser.add_argument("--imap-no-ssl", action="store_true", help="plain IMAP (e.g. on loopback)")
        parser.add_argument("--imap-delete", action="store_true", help="delete messages once read")

    def handle(self, *args, **options):
        try:
            if options["mbox"]:
                messages = bounces.read_mbox(options["mbox"])
            elif options["maildir"]:
                messages = bounces.read_maildir(options["maildir"])
            else:
                ssl = not options["imap_no_ssl"]
                messages = bounces.read_imap(
                    options["imap_host"],
                    options["imap_port"] or (993 if ssl else 143),
                    options["imap_user"],
                    options["imap_password"],
                    options["imap_folder"],
                    ssl=ssl,
                    delete=options["imap_delete"],
                )
            result = bounces.process(messages)
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
