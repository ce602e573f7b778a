"""``manage.py reset_two_factor USERNAME``: for an editor who lost both phone and recovery codes."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hub.security import two_factor


class Command(BaseCommand):
    help = (
        "Delete a user's two-factor authenticator and recovery codes, so they can sign in "
        "with their password and set it up again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user's username, as they type it to sign in")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user is called {username!r}: nothing was changed.") from None
        had_it = two_factor.is_enabled(user) or two_factor.recovery_device_for(user) is not None
        two_factor.disable(user)
        if not had_it:
            self.stdout.write(f"{username!r} had no two-factor authentication: nothing to reset.")
            return
        then = (
            "This site requires it, so they set it up again at their next sign-in."
            if settings.HUB_2FA_REQUIRED
            else "They sign in with their password alone until they turn it on again."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-factor authentication for {username!r} is reset: their authenticator and "
                f"recovery codes no longer work. {then}"
            )
        )
