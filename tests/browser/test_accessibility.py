"""Every page type, in Danish and English, scanned by axe-core in headless Chromium:
no serious or critical WCAG 2.1 A/AA violations. Each scanned page is also saved as a
screenshot at phone (390 px) and desktop (1280 px) width under artifacts/."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.browser import screenshot
from tests.browser.axe import describe, require_axe, scan
from tests.conftest import build_tree
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory
from tests.hub.test_timeline import TIMELINE

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 390, "desktop": 1280}


def page_urls(tree) -> dict[str, dict[str, str]]:
    """language -> page type -> path."""
    da, en = tree.da, tree.en
    da.newsletter = NewsletterIndexPageFactory(parent=da.home)
    da.edition = NewsletterEditionPageFactory(parent=da.newsletter, title="Nyhedsbrev nr. 1", slug="nr-1")
    en.newsletter = f.translate(da.newsletter, title="Newsletter", slug="newsletter")
    en.edition = f.translate(da.edition, title="Newsletter no. 1", slug="no-1")
    # The map (cluster index, cluster page) needs located clusters: the tree has two; the
    # timeline is published on the plain page in both languages.
    for about in (da.about, en.about):
        about.body = json.dumps([TIMELINE])
        about.save_revision().publish()
    urls = {}
    for language, pages in (("da", da), ("en", en)):
        with translation.override(language):
            subscribe = reverse("newsletter:subscribe")
            search = reverse("search")
        urls[language] = {
            "home": f"/{language}/",
            "standard": pages.about.url,
            "cluster-index": pages.cluster_index.url,
            "cluster": pages.mols.url,
            "story-index": pages.story_index.url,
            "story": pages.story1.url,
            "finding-index": pages.finding_index.url,
            "finding": pages.finding1.url,
            "report-index": pages.report_index.url,
            "report": pages.mols_mapping.url,
            "blog-index": pages.blog_index.url,
            "blog-post": pages.post1.url,
            "newsletter-index": pages.newsletter.url,
            "newsletter-edition": pages.edition.url,
            "search": f"{search}?q=klynge",
            "search-filtered": f"{search}?q=klynge&type=story",
            "signup": subscribe,
            "404": f"/{language}/findes-ikke/",
        }
    return urls


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_type_in_both_languages_passes_axe(chromium, live_server):
    require_axe()
    urls = page_urls(build_tree())
    # axe is injected as a script: the test's own, so the site's CSP need not allow it.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures = {}
    for language, pages in urls.items():
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            expected = 404 if name == "404" else 200
            assert response.status == expected, f"{path}: HTTP {response.status}"
            page.locator("main h1").first.wait_for()
            for width_name, width in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": 900})
                violations = scan(page)
                if violations:
                    failures[f"{language} {name} ({path}, {width} px)"] = describe(violations)
                screenshot(page, f"a11y-{language}-{name}-{width_name}")
    context.close()
    assert not failures, "serious or critical axe violations:\n" + "\n".join(
        f"{where}:\n{what}" for where, what in failures.items()
    )
