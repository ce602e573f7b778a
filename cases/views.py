"""The per-cluster report zip at ``…/<cluster>/rapporter.zip``.

Wagtail's catch-all URL pattern only accepts letters, digits, ``_`` and ``-`` in a path
segment, so a URL ending in ``rapporter.zip`` never reaches Wagtail's page serving. This
view, mounted before Wagtail's URLs, finds the cluster page and answers through the same
hooks as ``wagtail.views.serve`` (expiry, the page cache's marking, view restrictions),
so a private cluster page keeps its zip private and a public one's zip is cached.
"""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from .models import ClusterPage
from .services import cluster_zip_filename, write_cluster_zip


def _zip_response(page: ClusterPage, request, args, kwargs) -> FileResponse:
    reports = page.reports()
    if not reports:
        raise Http404(_("This cluster has no reports to download."))
    return FileResponse(
        write_cluster_zip(page, reports),
        as_attachment=True,
        filename=cluster_zip_filename(page),
        content_type="application/zip",
    )


def cluster_reports_zip(request, cluster_path: str):
    route = Page.route_for_request(request, cluster_path)
    page = route[0] if route else None
    if not isinstance(page, ClusterPage):
        raise Http404
    on_serve_chain = _zip_response
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, (), {})
