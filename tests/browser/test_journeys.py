"""Three end-to-end journeys in headless Chromium (Debian's, driven by Playwright) against
the live server: a reader browsing, switching language, searching and filtering; a
cluster member downloading a report and the cluster's zip; an editor writing a success
story, translating it with wagtail-localize and publishing both languages.

Steps wait for elements, URLs, downloads and responses; nothing sleeps. Each journey
ends with a screenshot under artifacts/.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from cases.models import SuccessStoryPage
from cases.services import cluster_zip_filename, report_filename
from tests.browser import screenshot, submit_translation
from tests.conftest import build_tree

pytestmark = pytest.mark.browser


def translated(language: str, text: str) -> str:
    """The site's own wording in ``language``, so the test reads what a reader reads."""
    with translation.override(language):
        return gettext(text)


def stored_bytes(document) -> bytes:
    with document.open_file() as handle:
        return handle.read()


@pytest.fixture
def tree(transactional_db):
    return build_tree()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_browses_switches_language_searches_and_filters(browser_page, live_server, tree):
    page = browser_page
    da, en = tree.da, tree.en

    # The Danish home page, then the stories listing from the main menu.
    page.goto(f"{live_server.url}/da/")
    assert page.locator("html").get_attribute("lang") == "da"
    menu = page.get_by_role("navigation", name=translated("da", "Main menu"))
    menu.get_by_role("link", name=da.story_index.title).click()
    page.wait_for_url(f"**{da.story_index.url}")
    listing = page.locator("main")
    assert da.story1.title in listing.inner_text()

    # The language switcher leads to the English translation of the same listing.
    switcher = page.get_by_role("navigation", name=translated("da", "Language"))
    switcher.locator("a[hreflang=en]").click()
    page.wait_for_url(f"**{en.story_index.url}")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("heading", level=1, name=en.story_index.title).wait_for()
    assert en.story1.title in page.locator("main").inner_text()

    # Search from the header's search box.
    with translation.override("en"):
        search_path = reverse("search")
    header_search = page.get_by_role("search", name="Search the hub")
    header_search.get_by_label("Search the hub").fill("Mols")
    header_search.get_by_role("button", name="Search").click()
    page.wait_for_url(lambda url: search_path in url and "q=Mols" in url)
    results = page.locator(".search-result")
    results.first.wait_for()
    unfiltered = results.count()
    titles = results.locator(".search-result__title").all_inner_texts()
    assert en.story1.title in titles and en.mols.title in titles, titles

    # Narrow the results to success stories: the one filter system, folded behind "Filter".
    page.get_by_text("Filter", exact=True).click()
    content_type = page.get_by_label("Content type")
    story_option = next(o for o in content_type.locator("option").all_inner_texts() if "uccess stor" in o)
    content_type.select_option(label=story_option)
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url(lambda url: "type=story" in url)
    page.get_by_role("link", name=re.compile(r"Content type: Success stor.*remove filter", re.I)).wait_for()
    filtered = results.locator(".search-result__title").all_inner_texts()
    assert en.story1.title in filtered and en.mols.title not in filtered, filtered
    assert 0 < len(filtered) < unfiltered
    types = results.locator(".search-result__type").all_inner_texts()
    assert all(t.strip().lower() == "success story" for t in types), types

    # Open a result.
    results.get_by_role("link", name=en.story1.title).click()
    page.wait_for_url(f"**{en.story1.url}")
    page.get_by_role("heading", level=1, name=en.story1.title).wait_for()
    screenshot(page, "journey-reader")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cluster_member_downloads_a_report_and_the_cluster_zip(browser_page, live_server, tree):
    page = browser_page
    da = tree.da
    report = da.mols_mapping

    # Find the cluster from the home page's main menu and the cluster listing.
    page.goto(f"{live_server.url}/da/")
    menu = page.get_by_role("navigation", name=translated("da", "Main menu"))
    menu.get_by_role("link", name=da.cluster_index.title).click()
    page.wait_for_url(f"**{da.cluster_index.url}")
    page.locator("main").get_by_role("link", name=da.mols.title).first.click()
    page.wait_for_url(f"**{da.mols.url}")
    page.get_by_role("heading", level=1, name=da.mols.title).wait_for()

    # One report's PDF: the very file stored for it.
    download_name = f"{translated('da', 'Download PDF')} {report.title}"
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=download_name).click()
    pdf = Path(pdf_download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf == stored_bytes(report.document)

    # The cluster's zip: valid, exactly its reports plus README and SHA256SUMS.
    with page.expect_download() as zip_download:
        page.locator("main a[href$='/rapporter.zip']").click()
    assert zip_download.value.suggested_filename == cluster_zip_filename(da.mols)
    data = Path(zip_download.value.path()).read_bytes()
    reports = da.mols.reports()
    assert {r.pk for r in reports} == {da.mols_mapping.pk, da.mols_strategy.pk}
    expected = {report_filename(r): stored_bytes(r.document) for r in reports}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == sorted([*expected, "README.txt", "SHA256SUMS"])
        for name, content in expected.items():
            assert archive.read(name) == content, name
        lines = archive.read("SHA256SUMS").decode().splitlines()
        readme = archive.read("README.txt")
    sums = {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}
    expected["README.txt"] = readme  # the README's checksum is listed too
    assert sums == {name: hashlib.sha256(content).hexdigest() for name, content in expected.items()}
    screenshot(page, "journey-cluster-member")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_writes_translates_and_publishes_a_success_story(chromium, live_server, tree, settings):
    # Two-factor sign-in is for editors who turn it on (or a site that requires it);
    # this editor has not, and the site does not.
    settings.HUB_2FA_REQUIRED = False
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    # Wagtail 8 autosaves the form every half second, racing the editor's own Publish
    # (a draft created mid-way turns the create view into an edit view): off, so the
    # journey is deterministic.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    da, en = tree.da, tree.en
    get_user_model().objects.create_superuser("redaktoer", "redaktoer@example.org", "rigtig-kode-123")
    # The admin follows the browser's language: this editor reads it in English.
    context = chromium.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    page = context.new_page()

    # Sign in.
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("redaktoer")
    page.get_by_label("Password").fill("rigtig-kode-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # A new success story under the Danish story index.
    page.goto(f"{live_server.url}/admin/pages/{da.story_index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/cases/successstorypage/\d+/"))
    page.get_by_role("textbox", name="Title").fill("Ny bogbus kører mellem landsbyerne")
    page.get_by_role("textbox", name="Date").fill("2024-05-01")
    page.get_by_role("textbox", name="Introduction").fill("Klyngen fik en bogbus på vejene.")
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    paragraph = "Bogbussen stopper i alle fem landsbyer hver uge."
    # Draft.js keeps its own state: keys sent before it has focus are lost, and Draftail
    # copies the state into the form's hidden input a moment after typing stops.
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.type(paragraph)
    expect(editor).to_have_text(paragraph)
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(paragraph)))
    page.get_by_role("checkbox", name=da.mols.title).check()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**/admin/pages/{da.story_index.pk}/")
    story = SuccessStoryPage.objects.get(title="Ny bogbus kører mellem landsbyerne")
    assert story.live and story.locale.language_code == "da"
    assert [c.pk for c in story.clusters.all()] == [da.mols.pk]

    # wagtail-localize's Translate action, into English.
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Translate").click()
    page.wait_for_url(f"**/admin/localize/submit/page/{story.pk}/")
    submit_translation(page)
    translation_page = SuccessStoryPage.objects.get(
        translation_key=story.translation_key, locale__language_code="en"
    )
    assert f"/admin/pages/{translation_page.pk}/edit/" in page.url

    # The translation editor (React): each field's segment gets a translation, typed in
    # its text box and saved; each save is a PUT the editor must see answered.
    def translate_segment(source: str, target: str) -> None:
        segment = page.locator("li", has=page.get_by_text(source, exact=True)).last
        segment.get_by_role("button", name="Translate").click()
        segment.get_by_role("textbox").fill(target)
        with page.expect_response(lambda r: r.request.method == "PUT" and r.ok):
            segment.get_by_role("button", name="Save").click()
        expect(segment.get_by_role("button", name="Edit")).to_be_visible()

    english_title = "A new mobile library links the villages"
    translate_segment(story.title, english_title)
    translate_segment(story.intro, "The cluster put a mobile library on the road.")
    translate_segment(paragraph, "The mobile library stops in all five villages every week.")
    page.get_by_role("tab", name="Promote").click()
    translate_segment(story.slug, "mobile-library")
    page.get_by_role("button", name="Publish in English").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("published", re.I), timeout=20_000)
    translation_page.refresh_from_db()
    assert translation_page.live
    assert translation_page.title == english_title
    assert translation_page.slug == "mobile-library"
    assert translation_page.get_parent().pk == en.story_index.pk

    # A reader sees the story in both languages.
    reader = chromium.new_page()
    story.refresh_from_db()
    reader.goto(live_server.url + story.url)
    reader.get_by_role("heading", level=1, name=story.title).wait_for()
    english_link = reader.locator(".lang-switch a[hreflang=en]")
    assert english_link.get_attribute("href") == translation_page.url
    reader.goto(live_server.url + translation_page.url)
    assert translation_page.url.startswith("/en/")
    reader.get_by_role("heading", level=1, name=translation_page.title).wait_for()
    screenshot(page, "journey-editor-admin")
    screenshot(reader, "journey-editor-reader")
    context.close()
