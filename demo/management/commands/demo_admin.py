"""Create or update the demo superuser ``admin`` and print how to log in."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

ADMIN_URL = "http://127.0.0.1:8000/admin/"  # where `make demo` serves by default


class Command(BaseCommand):
    help = "Create or update the superuser 'admin' (password from --password, DEMO_ADMIN_PASSWORD or random)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", help="Defaults to $DEMO_ADMIN_PASSWORD, else a random password.")
        parser.add_argument("--email", default="admin@example.com")
        parser.add_argument("--url", default=ADMIN_URL, help="The admin URL to print.")

    def handle(self, *args, username, password, email, url, **options):
        password = password or os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.email = user.email or email
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(f"{'Created' if created else 'Updated'} superuser {username!r}.")
        )
        self.stdout.write(f"URL:      {url}")
        self.stdout.write(f"User:     {username}")
        self.stdout.write(f"Password: {password}")
