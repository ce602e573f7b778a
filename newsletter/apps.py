from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        from hub.content_version import track_content
        from search.registry import ResultType, register_result_type

        from . import send_admin  # noqa: F401 - registers the send screen's admin hooks
        from .delivery import forget_erased_subscriber
        from .subscriptions import subscriber_erased

        subscriber_erased.connect(forget_erased_subscriber, dispatch_uid="newsletter-forget-deliveries")
        from .models import ConsentText

        # Every page's sign-up form shows the consent wording: a new wording shows at once.
        track_content(ConsentText)
        from .editions import NewsletterEditionPage

        # Past editions are part of the public search, like stories and posts.
        register_result_type(
            ResultType("edition", NewsletterEditionPage, paths={"year": "date__year"}, date="date", order=60)
        )
        if apps.is_installed("anymail"):
            from django.core import checks

            from . import bounces
            from .esp import check_provider

            checks.register(check_provider)

            bounces.connect_anymail()
