"""What other apps show on a cluster's page: the blog lists its posts about the cluster.

An app whose pages point at clusters names them from its own ``AppConfig.ready()`` with
``show_on_cluster_pages``; the cluster page's context holds each under its name in
``about_cluster``, so the cases app never names the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from hub.visibility import visible

_sections: dict[str, Callable[..., QuerySet]] = {}


def show_on_cluster_pages(name: str, pages_about: Callable[..., QuerySet]) -> None:
    """``pages_about(cluster)``: the pages to list on that cluster's page, as ``name``
    (only those a reader may see are shown)."""
    _sections[name] = pages_about


def about_cluster(cluster) -> dict[str, QuerySet]:
    return {name: visible(pages_about(cluster)) for name, pages_about in _sections.items()}
