from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        from search.registry import ResultType, register_result_type

        from .models import BlogPostPage

        # Blog posts in the public search, like stories.
        register_result_type(
            ResultType(
                "blog",
                BlogPostPage,
                paths={"focus_area": "focus_areas", "cluster": "clusters", "year": "date__year"},
                date="date",
                order=40,
            )
        )
