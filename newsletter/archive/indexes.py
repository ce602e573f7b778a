"""The archive's own pages: the plain A–Z indexes (per language, per cluster), the landing
page at ``site/index.html``, the offline search page's content and ``serve.py``.

They need no JavaScript and no server: the way into the archive when everything else fails.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from cases.models import ClusterPage

from .inventory import ArchiveFile
from .offline_search import SCRIPT_NAME, SEARCH_DIR, index_name
from .paths import relative_link
from .payload import Payload

A_Z_DIR = "a-z"
# Danish alphabetical order puts æ, ø, å after z.
_DANISH_ORDER = str.maketrans(
    {"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003", "ä": "z\u0001", "ö": "z\u0002"}
)


@dataclass(frozen=True)
class Entry:
    title: str
    href: str
    kind: str
    date: str


def sort_key(title: str) -> str:
    return title.casefold().translate(_DANISH_ORDER)


def first_letter(title: str) -> str:
    letter = title[:1].upper()
    return letter if letter.isalpha() else "#"


def page_date(page: Page) -> str:
    for name in ("date", "year"):
        value = getattr(page, name, None)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, int):
            return str(value)
    return page.first_published_at.date().isoformat() if page.first_published_at else ""


class ClusterMap:
    """Which clusters a page belongs to, named by the cluster's slug in the page's language.

    Built once per export with a few queries (a report's cluster by id, the stories' and
    posts' clusters prefetched per model), not two per page."""

    def __init__(self, pages: list[Page]):
        self.slugs: dict[tuple, str] = {}
        self.titles: dict[tuple, str] = {}
        for page in pages:
            if isinstance(page, ClusterPage):
                self.slugs[(page.translation_key, page.locale_id)] = page.slug
                self.titles[(page.translation_key, page.locale_id)] = page.title
        self.fallback = {key: slug for (key, _locale), slug in sorted(self.slugs.items(), key=str)}
        self._cluster_keys = dict(ClusterPage.objects.values_list("pk", "translation_key"))
        by_model: dict[type, list[Page]] = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        for model, model_pages in by_model.items():
            if any(field.name == "clusters" for field in model._meta.many_to_many):
                prefetch_related_objects(
                    model_pages, Prefetch("clusters", ClusterPage.objects.only("translation_key"))
                )
        self._slugs_of: dict[int, list[str]] = {}

    def keys_of(self, page: Page) -> list:
        if isinstance(page, ClusterPage):
            return [page.translation_key]
        keys = []
        cluster_id = getattr(page, "cluster_id", None)
        if cluster_id is not None and cluster_id in self._cluster_keys:
            keys.append(self._cluster_keys[cluster_id])
        related = getattr(page, "clusters", None)
        if related is not None and hasattr(related, "all"):
            keys += [c.translation_key for c in related.all()]
        return sorted(set(keys), key=str)

    def slugs_of(self, page: Page) -> list[str]:
        if page.pk not in self._slugs_of:
            self._slugs_of[page.pk] = sorted(
                {
                    self.slugs.get((key, page.locale_id)) or self.fallback.get(key, "")
                    for key in self.keys_of(page)
                }
                - {""}
            )
        return self._slugs_of[page.pk]


def _entries(pages: list[tuple[Page, str]], source: str) -> list[tuple[str, list[Entry]]]:
    entries = [
        Entry(
            title=page.title,
            href=relative_link(source, f"site/{local}"),
            kind=str(page.specific_class._meta.verbose_name),
            date=page_date(page),
        )
        for page, local in pages
    ]
    entries.sort(key=lambda entry: (sort_key(entry.title), entry.href))
    return [(letter, list(group)) for letter, group in groupby(entries, key=lambda e: first_letter(e.title))]


def write_indexes(payload: Payload, pages: list[tuple[Page, str]], clusters: ClusterMap) -> list[str]:
    """A–Z per language and per cluster, and the landing page. ``pages`` pairs each
    archived page with its file under ``site/``."""
    written = []
    by_language: dict[str, list[tuple[Page, str]]] = defaultdict(list)
    for page, local in pages:
        by_language[page.locale.language_code].append((page, local))
    languages = [(code, name) for code, name in settings.LANGUAGES if code in by_language]
    homes = {}
    for code, _name in languages:
        home = min(by_language[code], key=lambda item: item[0].depth)
        homes[code] = home[1]

    for code, name in languages:
        with translation.override(code):
            per_cluster: dict[str, list[tuple[Page, str]]] = defaultdict(list)
            cluster_titles: dict[str, str] = {}
            for page, local in by_language[code]:
                for slug in clusters.slugs_of(page):
                    per_cluster[slug].append((page, local))
                if isinstance(page, ClusterPage):
                    cluster_titles[page.slug] = page.title
            index_path = f"site/{A_Z_DIR}/{code}/index.html"
            cluster_links = [
                (
                    cluster_titles.get(slug, slug),
                    relative_link(index_path, f"site/{A_Z_DIR}/{code}/{slug}/index.html"),
                )
                for slug in sorted(per_cluster, key=lambda s: sort_key(cluster_titles.get(s, s)))
            ]
            html = render_to_string(
                "newsletter/archive/a_z.html",
                {
                    "language": code,
                    "heading": name,
                    "groups": _entries(by_language[code], index_path),
                    "clusters": cluster_links,
                    "home": relative_link(index_path, f"site/{homes[code]}"),
                    "landing": relative_link(index_path, "site/index.html"),
                },
            )
            payload.write(
                ArchiveFile(path=index_path, content_type="text/html", language=code), html.encode()
            )
            written.append(index_path)
            for slug, members in sorted(per_cluster.items()):
                path = f"site/{A_Z_DIR}/{code}/{slug}/index.html"
                html = render_to_string(
                    "newsletter/archive/a_z.html",
                    {
                        "language": code,
                        "heading": cluster_titles.get(slug, slug),
                        "groups": _entries(members, path),
                        "clusters": [],
                        "home": relative_link(path, f"site/{homes[code]}"),
                        "landing": relative_link(path, "site/index.html"),
                        "up": relative_link(path, index_path),
                    },
                )
                payload.write(
                    ArchiveFile(path=path, content_type="text/html", language=code, cluster=slug),
                    html.encode(),
                )
                written.append(path)

    landing = render_to_string(
        "newsletter/archive/landing.html",
        {
            "languages": [
                {
                    "code": code,
                    "name": name,
                    "home": relative_link("site/index.html", f"site/{homes[code]}"),
                    "a_z": f"{A_Z_DIR}/{code}/index.html",
                }
                for code, name in languages
            ],
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    payload.write(ArchiveFile(path="site/index.html", content_type="text/html"), landing.encode())
    written.append("site/index.html")
    return written


def search_main(language: str, local: str) -> str:
    """The offline search page's main content, for the file ``local``: the search from disk
    (``offline_search``) and Pagefind when served."""
    source = f"site/{local}"
    with translation.override(language):
        return render_to_string(
            "newsletter/archive/search_main.html",
            {
                "root": relative_link(source, "site/index.html").removesuffix("index.html"),
                "index": relative_link(source, f"{SEARCH_DIR}/{index_name(language)}"),
                "script": relative_link(source, f"{SEARCH_DIR}/{SCRIPT_NAME}"),
                "bundle": relative_link(source, "site/pagefind/pagefind-ui.js"),
                "style": relative_link(source, "site/pagefind/pagefind-ui.css"),
                "a_z": relative_link(source, f"site/{A_Z_DIR}/{language}/index.html"),
                "language": language,
            },
        )


SERVE_PY = '''#!/usr/bin/env python3
"""Serve this archive on http://127.0.0.1:8000/ (python3 serve.py [PORT]).

Only Python 3 is needed. Pages and their search open straight from disk (index.html);
served, the search page also offers Pagefind's full-text search, which needs a web server.
"""

import argparse
import functools
import http.server
from pathlib import Path

ROOT = Path(__file__).resolve().parent


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        # The 404 page in the language of the path (en/404.html), else the default one.
        language = self.path.lstrip("/").split("/", 1)[0]
        page = ROOT / language / "404.html"
        if not (language.isalpha() and page.is_file()):
            page = ROOT / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", nargs="?", type=int, default=8000, help="the port to serve on (default 8000)")
    port = parser.parse_args().port
    handler = functools.partial(Handler, directory=str(ROOT))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving the archive on http://127.0.0.1:{port}/ (Ctrl+C stops)")
        server.serve_forever()
'''


def write_serve_py(payload: Payload) -> None:
    payload.write(ArchiveFile(path="site/serve.py", content_type="text/x-python"), SERVE_PY.encode())
