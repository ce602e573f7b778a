"""List the installed packages' interface strings that have no Danish translation."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from hub import package_catalogues


class Command(BaseCommand):
    help = "List the msgids of Wagtail, wagtail-localize, Django and django-otp without Danish."

    def handle(self, *args, **options):
        for domain in package_catalogues.DOMAINS:
            found = package_catalogues.gaps(domain)
            for gap in found:
                self.stdout.write(f"{domain}\t{gap.package}\t{gap.msgid!r}")
            self.stderr.write(f"{domain}: {len(found)} strings without Danish")
