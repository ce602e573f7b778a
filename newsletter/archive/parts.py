"""Two parts of the final archive: the per-cluster report packages and the sent editions.

Both write under the payload root ``dest`` (``data/`` in the bag) and return one
``ArchiveFile`` per file written, with ``path`` relative to ``dest``:

- ``clusters/<cluster-slug>.zip``: the same package the live site serves at
  ``…/<cluster>/rapporter.zip`` (``cases.services``), so a cluster gets identical bytes
  from both;
- ``newsletter/<language>/<date>-<slug>.html`` and ``.txt``: every edition translation
  that reached subscribers, rendered with no recipient at all (``archived=True``: the
  unsubscribe and "my data" links give way to a neutral note), plus ``newsletter/index.html``.

Output depends only on the database and the files, never on the time of the export, so
two exports of the same content give the same bytes.
"""

from __future__ import annotations

import html
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from cases.models import ClusterPage
from cases.services import write_cluster_zip
from hub.visibility import visible
from newsletter.delivery import Delivery
from newsletter.editions import NewsletterEditionPage
from newsletter.rendering import render_edition

from .inventory import ArchiveFile

CLUSTERS_DIR = "clusters"
NEWSLETTER_DIR = "newsletter"


def archived_clusters() -> list[ClusterPage]:
    """One page per cluster a reader may see (``hub.visibility``): its default-language
    (Danish) page when that is visible, else the first visible translation, so a package's
    README is in Danish."""
    chosen: dict = {}
    for cluster in (
        visible(ClusterPage.objects.all()).select_related("locale").order_by("slug", "locale__language_code")
    ):
        current = chosen.get(cluster.translation_key)
        if current is None or (
            cluster.locale.language_code == settings.LANGUAGE_CODE
            and current.locale.language_code != settings.LANGUAGE_CODE
        ):
            chosen[cluster.translation_key] = cluster
    return sorted(chosen.values(), key=lambda cluster: (cluster.slug, cluster.pk))


def cluster_package_name(cluster: ClusterPage) -> str:
    return f"{CLUSTERS_DIR}/{cluster.slug}.zip"


def write_cluster_packages(dest: Path) -> list[ArchiveFile]:
    """``clusters/<slug>.zip`` for every cluster with at least one live public report.

    A cluster without reports gets no package, as on the live site (its zip URL is a
    404 there): an empty zip would only look like a loss.
    """
    written = []
    for cluster in archived_clusters():
        reports = cluster.reports()
        if not reports:
            continue
        name = cluster_package_name(cluster)
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_cluster_zip(cluster, reports, handle)
        written.append(
            ArchiveFile(
                path=name,
                url=cluster.full_url + "rapporter.zip",
                content_type="application/zip",
                language=cluster.locale.language_code,
                page_id=cluster.pk,
                cluster=cluster.slug,
            )
        )
    return written


def sent_editions() -> list[NewsletterEditionPage]:
    """Edition translations at least one subscriber received (a delivery row marked
    sent), still live and public: an edition an editor unpublished stays out."""
    sent_pages = Delivery.objects.filter(status=Delivery.Status.SENT).values("page_id")
    return list(
        NewsletterEditionPage.objects.live()
        .public()
        .filter(pk__in=sent_pages)
        .select_related("locale")
        .order_by("date", "locale__language_code", "slug", "pk")
    )


def edition_stem(edition: NewsletterEditionPage) -> str:
    return f"{NEWSLETTER_DIR}/{edition.locale.language_code}/{edition.date.isoformat()}-{edition.slug}"


def write_newsletter_editions(dest: Path) -> list[ArchiveFile]:
    """Every sent edition as HTML and plain text, without any subscriber data, and an
    ``index.html`` linking them (which says so when no edition was ever sent, so the
    folder README.txt describes is always there)."""
    editions = sent_editions()
    written = []
    for edition in editions:
        rendered = render_edition(edition, archived=True)
        stem = edition_stem(edition)
        for suffix, content, content_type in (
            (".html", rendered.html, "text/html"),
            (".txt", rendered.text, "text/plain"),
        ):
            target = dest / f"{stem}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content if content.endswith("\n") else content + "\n", encoding="utf-8")
            written.append(
                ArchiveFile(
                    path=f"{stem}{suffix}",
                    url=edition.full_url,
                    content_type=content_type,
                    language=edition.locale.language_code,
                    published=edition.date.isoformat(),
                    page_id=edition.pk,
                )
            )
    index = f"{NEWSLETTER_DIR}/index.html"
    (dest / index).parent.mkdir(parents=True, exist_ok=True)
    (dest / index).write_text(editions_index(editions), encoding="utf-8")
    written.append(ArchiveFile(path=index, content_type="text/html"))
    return written


def editions_index(editions: list[NewsletterEditionPage]) -> str:
    """A plain page listing the editions, newest first, with links that open from disk."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Newsletter editions")
        none_sent = _("No newsletter edition was sent before the archive was made.")
    items = []
    for edition in sorted(editions, key=lambda e: (e.date, e.pk), reverse=True):
        relative = edition_stem(edition).removeprefix(f"{NEWSLETTER_DIR}/")
        items.append(
            f'<li lang="{edition.locale.language_code}">{edition.date.isoformat()}: '
            f'<a href="{html.escape(relative)}.html">{html.escape(edition.title)}</a> '
            f'(<a href="{html.escape(relative)}.txt">{_text_label(edition)}</a>)</li>'
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{settings.LANGUAGE_CODE}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
        + ("<ul>\n" + "\n".join(items) + "\n</ul>" if items else f"<p>{html.escape(none_sent)}</p>")
        + "\n</body>\n</html>\n"
    )


def _text_label(edition: NewsletterEditionPage) -> str:
    with translation.override(edition.locale.language_code):
        return html.escape(_("plain text"))
