"""Answering one archived URL as the live site would, without a server.

Pages go through Django's full stack in-process with the site's real host name
(``django.test.Client``: no socket, no subprocess); static files and media are read from
their storage with the headers a web server would send.
"""

from __future__ import annotations

import copy
import mimetypes
from http.cookies import SimpleCookie
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import Client
from django.test.client import ClientHandler
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry

from . import offline
from .scope import Scope
from .site_urls import site_origin

Fetched = tuple[int, list[tuple[str, str]], bytes]  # status, headers, body


class ExportHandler(ClientHandler):
    """The test client's handler, with what every request of the export shares known up
    front: the site, its settings and, for a page's own URL, the page. Wagtail caches each
    on the request (``_wagtail_site``, ``_wagtail_route_for_request``, the setting's cache
    attribute); answering them once per export saves queries on every page and changes no
    byte of the answer."""

    def __init__(self, scope: Scope):
        super().__init__(enforce_csrf_checks=False)
        self.scope = scope
        self.site_settings = [
            (model.get_cache_attr_name(), model.for_site(scope.site))
            for model in settings_registry
            if issubclass(model, BaseSiteSetting)
        ]

    def get_response(self, request):
        request._wagtail_site = self.scope.site
        for name, values in self.site_settings:
            values = copy.copy(values)
            values._request = request
            setattr(request, name, values)
        known = self.scope.page_by_path.get(request.path_info)
        if known is not None:
            # A fresh instance with every field (the scope's defer their StreamFields):
            # one query instead of one per path segment, locale and specific lookup.
            page = type(known).objects.filter(pk=known.pk).first()
            try:
                if page is not None:
                    request._wagtail_route_for_request = page.route(request, [])
            except Http404:
                pass
        return super().get_response(request)


def is_stored(key: str) -> bool:
    """A static file or a rendition: read from storage, no page is rendered."""
    return key.startswith((settings.STATIC_URL, settings.MEDIA_URL))


class Fetcher:
    """``fetch(key)``: the status, headers and body the live site gives a URL."""

    def __init__(self, scope: Scope):
        _origin, self.host, self.secure = site_origin(scope)
        self.client = Client(HTTP_HOST=self.host, raise_request_exception=False)
        self.client.handler = ExportHandler(scope)

    def get(self, key: str):
        """The site's response to a visitor without cookies."""
        self.client.cookies = SimpleCookie()
        return self.client.get(key, secure=self.secure)

    def fetch(self, key: str) -> Fetched:
        path = key.split("?", 1)[0]
        if is_stored(path):
            return _from_storage(path)
        response = self.get(key)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        # No response.close() here: the test client already closed it with Django's
        # close_old_connections unhooked; a second close would drop the DB connection.
        headers = []
        for name, value in response.items():
            value = offline.normalise_header(name, value)
            if value is not None:
                headers.append((name, value))
        if not any(name.lower() == "content-length" for name, _value in headers):
            headers.append(("Content-Length", str(len(body))))
        return response.status_code, headers, body


def _from_storage(path: str) -> Fetched:
    if path.startswith(settings.STATIC_URL):
        name = unquote(path[len(settings.STATIC_URL) :])
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                data = handle.read()
        else:
            found = finders.find(name)
            if not found:
                return 404, [], b""
            with open(found, "rb") as handle:
                data = handle.read()
    else:
        name = unquote(path[len(settings.MEDIA_URL) :])
        if not default_storage.exists(name):
            return 404, [], b""
        with default_storage.open(name) as handle:
            data = handle.read()
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type.endswith("javascript"):
        content_type += "; charset=utf-8"
    return 200, [("Content-Type", content_type), ("Content-Length", str(len(data)))], data
