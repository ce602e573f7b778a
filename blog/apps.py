from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        from cases.cluster_content import show_on_cluster_pages
        from hub.home import show_latest_on_home
        from search.registry import ResultType, register_result_type

        from .models import BlogPostPage, latest_posts, posts_about

        show_latest_on_home("posts", latest_posts)
        show_on_cluster_pages("blog_posts", posts_about)
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
