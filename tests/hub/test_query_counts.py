"""No page issues more queries because it lists more items.

Each test renders every listing and detail page with N items per section, adds 2N more
(each new item also linked to the pages whose related lists they grow), renders again
and expects the same number of queries. Caches are warmed by a first request each time,
as a busy site's are; the counts therefore include what the content-version cache
does not hold.
"""

from __future__ import annotations

import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory

N = 2
_serial = itertools.count(1)


@pytest.fixture
def site(home, en_locale):
    """Empty sections in Danish and English, three focus areas, one cluster that grows."""
    da = SimpleNamespace(home=home)
    da.clusters = f.ClusterIndexPageFactory(parent=home)
    da.stories = f.StoryIndexPageFactory(parent=home)
    da.findings = f.FindingIndexPageFactory(parent=home)
    da.reports = f.ReportIndexPageFactory(parent=home)
    da.blog = f.BlogIndexPageFactory(parent=home)
    da.newsletter = NewsletterIndexPageFactory(parent=home)
    da.about = f.StandardPageFactory(parent=home, title="Om", slug="om")
    areas = [f.FocusAreaFactory(slug=slug) for slug in ("organisering", "kommunikation", "involvering")]
    for area in areas:
        translated = area.copy_for_translation(en_locale)
        translated.save()
    # The probes: detail pages whose related lists grow with every new item.
    da.cluster = f.ClusterPageFactory(parent=da.clusters, title="Probe-klyngen", image=f.ImageFactory())
    da.report = f.ReportPageFactory(parent=da.reports, cluster=da.cluster, focus_areas=areas[:1])
    da.story = f.SuccessStoryPageFactory(
        parent=da.stories, clusters=[da.cluster], focus_areas=areas, lead_image=f.ImageFactory()
    )
    da.post = f.BlogPostPageFactory(parent=da.blog, clusters=[da.cluster], focus_areas=areas, tags=["a"])
    da.finding = f.FindingPageFactory(parent=da.findings, focus_areas=areas, source_report=da.report)
    da.edition = NewsletterEditionPageFactory(parent=da.newsletter)

    en = SimpleNamespace(home=f.translate(home, title="Village clusters"))
    for name in ("clusters", "stories", "findings", "reports", "blog", "newsletter", "about"):
        setattr(en, name, f.translate(getattr(da, name), slug=f"{getattr(da, name).slug}-en"))
    for name in ("cluster", "report", "story", "post", "finding", "edition"):
        setattr(en, name, f.translate(getattr(da, name), slug=f"{getattr(da, name).slug}-en"))
    return SimpleNamespace(da=da, en=en, areas=areas)


def add_items(site, count: int) -> None:
    """``count`` more items in every section, in Danish and (most of them) English."""
    da, areas = site.da, site.areas
    for _ in range(count):
        n = next(_serial)
        cluster = f.ClusterPageFactory(parent=da.clusters, title=f"Klynge {n}", image=f.ImageFactory())
        report = f.ReportPageFactory(
            parent=da.reports, title=f"Rapport {n}", cluster=da.cluster, focus_areas=areas
        )
        story = f.SuccessStoryPageFactory(
            parent=da.stories,
            title=f"Historie {n}",
            clusters=[da.cluster, cluster],
            focus_areas=areas,
            themes=[f"tema{n}"],
            lead_image=f.ImageFactory(),
            date=datetime.date(2020, 1, 1),
        )
        post = f.BlogPostPageFactory(
            parent=da.blog,
            title=f"Indlæg {n}",
            clusters=[da.cluster, cluster],
            focus_areas=areas,
            tags=[f"tag{n}"],
            lead_image=f.ImageFactory(),
        )
        finding = f.FindingPageFactory(parent=da.findings, focus_areas=areas, source_report=da.report)
        edition = NewsletterEditionPageFactory(parent=da.newsletter, title=f"Nyhedsbrev {n}")
        # The probes list the new items too.
        for probe in (da.story, da.post, site.en.story, site.en.post):
            probe = probe.specific_class.objects.get(pk=probe.pk)
            probe.clusters.add(cluster)
            probe.save()
        for page in (cluster, report, story, post, finding, edition):
            f.translate(page, slug=f"{page.slug}-en")


def urls(tree) -> dict[str, str]:
    return {
        "home": tree.home.url,
        "standard page": tree.about.url,
        "cluster index": tree.clusters.url,
        "cluster page": tree.cluster.url,
        "story index": tree.stories.url,
        "story page": tree.story.url,
        "finding index": tree.findings.url,
        "finding page": tree.finding.url,
        "report index": tree.reports.url,
        "report page": tree.report.url,
        "blog index": tree.blog.url,
        "blog post": tree.post.url,
        "newsletter index": tree.newsletter.url,
        "newsletter edition": tree.edition.url,
        "search": f"/{tree.home.locale.language_code}/search/?q=klynge",
        "filtered story index": f"{tree.stories.url}?focus_area=organisering",
    }


def count_queries(client, url: str) -> int:
    # Warm the caches; the first view of a report also stores its document's file size.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(captured.captured_queries)


def measure(client, site, language: str) -> dict[str, int]:
    tree = getattr(site, language)
    for page in vars(tree).values():
        page.refresh_from_db()
    return {name: count_queries(client, url) for name, url in urls(tree).items()}


def test_query_counts_do_not_grow_with_items(client, site):
    add_items(site, N)
    few = {language: measure(client, site, language) for language in ("da", "en")}
    add_items(site, 2 * N)
    many = {language: measure(client, site, language) for language in ("da", "en")}
    grown = {
        f"{name} ({language})": (count, many[language][name])
        for language, counts in few.items()
        for name, count in counts.items()
        if many[language][name] != count
    }
    assert not grown, f"queries with {N} vs {3 * N} items per section: {grown}"
    # A guard against pages growing expensive in other ways (counts with warm caches).
    expensive = {name: count for name, count in many["da"].items() if count > 30}
    assert not expensive, f"pages issuing more than 30 queries: {expensive} (all: {many['da']})"
