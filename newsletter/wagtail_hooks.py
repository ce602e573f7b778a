from django.urls import path
from wagtail import hooks

from .admin_views import NewsletterSubscribersGroup, SubscriberImportView
from .archive import wagtail_hooks as archive_hooks  # noqa: F401 - the archive export screen


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


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    from .dashboard import ArchiveExportPanel, NewsletterSendPanel

    if request.user.has_perm("newsletter.run_archive_export"):
        panels.append(ArchiveExportPanel())
    panels.append(NewsletterSendPanel())
