"""The cases app's own URLs, inside the language prefix, before Wagtail's page URLs."""

from django.urls import re_path

from .views import cluster_reports_zip

urlpatterns = [
    # Wagtail's page URLs allow no dot in a segment: the cluster zip needs its own pattern.
    re_path(
        r"^(?P<cluster_path>(?:[\w\-]+/)+)rapporter\.zip$", cluster_reports_zip, name="cluster_reports_zip"
    ),
]
