"""The search box's suggestions in headless Chromium: an ARIA combobox that works with
the keyboard, on top of a form that works without JavaScript."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.browser import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_suggestions_as_you_type_and_by_keyboard(browser_page, live_server, home):
    index = f.ClusterIndexPageFactory(parent=home)
    mols = f.ClusterPageFactory(
        parent=index, title="Mols i Udvikling", slug="mols-i-udvikling", municipality="Syddjurs"
    )
    f.ClusterPageFactory(
        parent=index, title="Landet på Midtfyn", slug="midtfyn", municipality="Faaborg-Midtfyn"
    )
    page = browser_page
    page.goto(f"{live_server.url}/da/search/")
    box = page.locator("#search-q")
    box.press_sequentially("Mol", delay=50)

    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert options.all_inner_texts() == ["Mols i Udvikling"]
    screenshot(page, "search-suggestions")

    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Enter")
    page.wait_for_url(f"**{mols.url}")

    # Escape closes the suggestions; the plain form still searches.
    page.goto(f"{live_server.url}/da/search/")
    box = page.locator("#search-q")
    box.press_sequentially("Mol", delay=50)
    page.locator("[role=listbox] [role=option]").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url(lambda url: "/da/search/?" in url and "q=Mol" in url)
    assert "Mols i Udvikling" in page.locator("main").inner_text()
