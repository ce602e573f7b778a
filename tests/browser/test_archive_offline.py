"""The archive's static copy shows the cluster map, the locator map and the timeline from
disk: the test tree exported, opened from file:// in Chromium with no server and no
network; every point of the map leads to its cluster's page file."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from newsletter.archive.export import export_archive
from tests.browser import screenshot
from tests.conftest import build_tree
from tests.hub.test_timeline import TIMELINE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_file(site, page):
    return site / page.url.strip("/") / "index.html"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_maps_and_the_timeline_work_from_disk(chromium, tmp_path):
    tree = build_tree()
    for about in (tree.da.about, tree.en.about):
        about.body = json.dumps([TIMELINE])
        about.save_revision().publish()
    cache.clear()
    site = export_archive(tmp_path / "arkiv", allow_local_host=True).path / "data" / "site"

    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    index = page_file(site, tree.da.cluster_index)
    page.goto(index.as_uri())
    points = page.locator(".cluster-map__svg a")
    targets = set()
    for number in range(points.count()):
        href = points.nth(number).get_attribute("href")
        assert not href.startswith(("/", "http")), f"a relative link, not {href}"
        targets.add((index.parent / href).resolve())
    assert targets == {page_file(site, tree.da.mols).resolve(), page_file(site, tree.da.midtfyn).resolve()}
    fill = page.evaluate("getComputedStyle(document.querySelector('.map-land')).fill")
    assert fill not in ("", "none", "rgb(0, 0, 0)"), "the copy's own stylesheet draws the map"
    screenshot(page, "archive-offline-cluster-map-phone")

    page.get_by_role("link", name="3. Mols i Udvikling (Pilotprojekt (2015-2017))").click()
    page.wait_for_url("**/mols-i-udvikling/index.html")
    assert page.locator(".locator-map__svg").is_visible()

    page.goto(page_file(site, tree.en.about).as_uri())
    assert page.locator(".timeline__bar").count() == 2
    assert "Pilotprojekt" in page.locator(".timeline").inner_text()
    screenshot(page, "archive-offline-timeline-phone")
    assert all(url.startswith("file://") for url in requests), [
        u for u in requests if not u.startswith("file")
    ]
    context.close()
