from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        from cases.cluster_content import show_on_cluster_pages
        from hub.home import show_latest_on_home

        from .models import latest_posts, posts_about

        show_latest_on_home("posts", latest_posts)
        show_on_cluster_pages("blog_posts", posts_about)
