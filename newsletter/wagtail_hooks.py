from django.urls import path
from wagtail import hooks

from .admin_views import NewsletterSubscribersGroup, SubscriberImportView


@hooks.register("register_admin_viewset")
def register_newsletter_subscribers():
    return NewsletterSubscribersGroup()


@hooks.register("register_admin_urls")
def register_subscriber_import_url():
    return [
        path(
            "newsletter/subscribers/import/",
            SubscriberImportView.as_view(),
            name="newsletter_subscriber_import",
        ),
    ]


from . import export_admin  # noqa: E402, F401 - the archive export screen (Settings menu)
