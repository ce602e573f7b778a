from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from . import two_factor, views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="hub_two_factor"),
        path("two-factor/verify/", views.verify, name="hub_two_factor_verify"),
        path("two-factor/recovery-codes/", views.recovery_codes, name="hub_two_factor_recovery_codes"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    if two_factor.is_enabled(request.user):
        left = two_factor.recovery_codes_left(request.user)
        help_text = ngettext(
            "On: sign-in asks for a code from your phone. %(count)s recovery code left.",
            "On: sign-in asks for a code from your phone. %(count)s recovery codes left.",
            left,
        ) % {"count": left}
    else:
        help_text = _("Off: turn it on so a stolen password is not enough to sign in.")
    return {"url": reverse("hub_two_factor"), "label": _("Two-factor authentication"), "help_text": help_text}
