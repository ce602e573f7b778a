from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import two_factor, views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.manage, name="hub_two_factor"),
        path("two-factor/verify/", views.verify, name="hub_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    enabled = two_factor.is_enabled(request.user)
    return {
        "url": reverse("hub_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": _("On: sign-in asks for a code from your phone.")
        if enabled
        else _("Off: turn it on so a stolen password is not enough to sign in."),
    }
