"""The per-cluster report zip at ``…/<cluster>/rapporter.zip``.

Wagtail's catch-all URL pattern only accepts letters, digits, ``_`` and ``-`` in a path
segment, so a URL ending in ``rapporter.zip`` never reaches the cluster page's routable
``reports_zip`` view. This view, mounted before Wagtail's URLs, finds the cluster page and
serves that routable view through the same hooks as ``wagtail.views.serve`` (request
method, privacy), so a private cluster page keeps its zip private.
"""

from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.models import Page
from wagtail.views import serve_chain

from .models import ClusterPage


def cluster_reports_zip(request, cluster_path: str):
    route = Page.route_for_request(request, cluster_path)
    page = route[0] if route else None
    if not isinstance(page, ClusterPage):
        raise Http404
    args = (page.reports_zip, (), {})  # RoutablePageMixin.serve(request, view, args, kwargs)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, {})
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, {})
