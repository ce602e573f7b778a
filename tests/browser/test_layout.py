"""The public pages as a reader sees them at 390 px (a phone) and 1280 px, in both
languages: the header fits, nothing scrolls sideways, the search's first result is above
the fold on a phone, every cluster on the map is a link with a name, the menu opens from
its button without JavaScript. Screenshots in artifacts/layout-*.png."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser import screenshot
from tests.conftest import build_tree

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
HEADER_AT_MOST = 140  # px, with the menu closed, on a phone


def pages(tree) -> dict[str, dict[str, str]]:
    urls = {}
    for language, built in (("da", tree.da), ("en", tree.en)):
        with translation.override(language):
            search = reverse("search")
            site_map = reverse("site_map")
        urls[language] = {
            "home": f"/{language}/",
            "cluster-index": built.cluster_index.url,
            "cluster": built.mols.url,
            "search": f"{search}?q=mols&type=story",
            "finding": built.finding1.url,
            "site-map": site_map,
        }
    return urls


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_public_pages_fit_a_phone_and_a_desktop(chromium, live_server):
    tree = build_tree()
    urls = pages(tree)
    problems = []
    for width_name, (width, height) in WIDTHS.items():
        # No JavaScript: the menu, the filters and the map must work without it.
        context = chromium.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
        page = context.new_page()
        for language, named in urls.items():
            for name, path in named.items():
                page.goto(live_server.url + path)
                where = f"{language} {name} at {width} px"
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    problems.append(f"{where}: scrolls sideways ({scroll} px wide)")
                header = page.locator(".site-header").bounding_box()["height"]
                if width_name == "phone" and header > HEADER_AT_MOST:
                    problems.append(f"{where}: header {header:.0f} px high")
                if name == "search":
                    first = page.locator(".search-result").first
                    box = first.bounding_box()
                    if box is None or (width_name == "phone" and box["y"] + min(box["height"], 80) > height):
                        problems.append(f"{where}: first result not above the fold ({box})")
                screenshot(page, f"layout-{language}-{name}-{width_name}")
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_cluster_point_is_a_named_link_and_the_menu_opens_without_javascript(chromium, live_server):
    tree = build_tree()
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + tree.da.cluster_index.url)
    points = page.locator(".cluster-map__svg a")
    expected = {tree.da.mols.url: "Mols i Udvikling", tree.da.midtfyn.url: "Landet på Midtfyn"}
    found = {}
    for index in range(points.count()):
        point = points.nth(index)
        assert point.is_visible()
        found[point.get_attribute("href")] = point.get_attribute("aria-label")
    assert set(found) == set(expected)
    for url, title in expected.items():
        assert title in found[url]
        page.get_by_role("link", name=found[url]).wait_for()
    # A point leads to its cluster.
    page.get_by_role("link", name=found[tree.da.mols.url]).click()
    page.wait_for_url(f"**{tree.da.mols.url}")

    # The menu: closed, then opened from its button, its links reachable.
    menu = page.get_by_role("navigation", name="Hovedmenu")
    assert not menu.is_visible()
    page.get_by_text("Menu", exact=True).click()
    menu.get_by_role("link", name=tree.da.cluster_index.title).wait_for()
    screenshot(page, "layout-da-menu-open-phone")

    # The listing's filters: folded behind "Filtrér", the chosen one a removable chip.
    page.goto(live_server.url + tree.da.cluster_index.url)
    assert not page.get_by_label("Kommune").is_visible()
    page.locator("summary", has_text="Filtrér").click()
    page.get_by_label("Kommune").select_option("Syddjurs")
    page.get_by_role("button", name="Vis resultater").click()
    page.get_by_text("Filtrér (1)").wait_for()
    chip = page.get_by_role("link", name="Kommune: Syddjurs (fjern filteret)")
    assert page.locator(".cluster-map__svg a").count() == 1
    chip.click()
    page.wait_for_load_state()
    assert page.url.endswith(tree.da.cluster_index.url), page.url
    assert page.locator(".cluster-map__svg a").count() == 2
    context.close()
