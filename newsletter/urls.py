"""Public newsletter URLs, in the reader's language (/da/nyhedsbrev/..., /en/newsletter/...)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "newsletter"

urlpatterns = [
    path(pgettext_lazy("URL", "newsletter/subscribe/"), views.subscribe, name="subscribe"),
    path(
        pgettext_lazy("URL", "newsletter/subscribe/thanks/"), views.subscribe_thanks, name="subscribe_thanks"
    ),
    path(pgettext_lazy("URL", "newsletter/confirm/<str:signed>/"), views.confirm, name="confirm"),
    path(pgettext_lazy("URL", "newsletter/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(pgettext_lazy("URL", "newsletter/my-data/"), views.my_data_request, name="my_data_request"),
    path(pgettext_lazy("URL", "newsletter/my-data/<str:signed>/"), views.my_data, name="my_data"),
]
