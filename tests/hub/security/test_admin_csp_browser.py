"""The admin works under its own Content Security Policy without 'unsafe-eval': an editor
drives the page editor (StreamField, Draftail, the image chooser, the preview panel), the
image editor and wagtail-localize's translation editor in headless Chromium, and the
browser reports no CSP violation in any page or frame."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cases.models import SuccessStoryPage
from tests import factories as f
from tests.browser import screenshot, submit_translation
from tests.conftest import build_tree
from tests.hub.security.test_headers import directives

pytestmark = pytest.mark.browser

# Every frame reports its violations to the test (an exposed binding survives navigations).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.hubCspViolation({
        page: location.href,
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
    });
});
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_editor_runs_without_csp_violations(chromium, live_server, settings):
    settings.HUB_2FA_REQUIRED = False
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # as in the editor journey: no race with Publish
    tree = build_tree()
    image = f.ImageFactory(title="Bogbussen")
    get_user_model().objects.create_superuser("redaktoer", "redaktoer@example.org", "rigtig-kode-123")

    violations: list[dict] = []
    console: list[str] = []
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    context.expose_binding("hubCspViolation", lambda _source, report: violations.append(report))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)

    # The policy the browser gets really is the admin's, without 'unsafe-eval'.
    response = page.goto(f"{live_server.url}/admin/login/")
    script_src = directives(response.headers["content-security-policy"])["script-src"]
    assert "'unsafe-eval'" not in script_src
    page.get_by_label("Username").fill("redaktoer")
    page.get_by_label("Password").fill("rigtig-kode-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # A new success story: the lead image from the image chooser, a Draftail paragraph
    # and an image block in the StreamField, the live preview panel, then publish.
    page.goto(f"{live_server.url}/admin/pages/add/cases/successstorypage/{tree.da.story_index.pk}/")
    page.get_by_role("textbox", name="Title").fill("Bogbussen kører")
    page.get_by_role("textbox", name="Date").fill("2024-05-01")
    page.get_by_role("textbox", name="Introduction").fill("Klyngen fik en bogbus.")
    page.get_by_role("button", name="Choose an image").first.click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("link", name=re.compile("Bogbussen")).click()
    expect(chooser).to_be_hidden()
    expect(page.locator("[data-chooser-title]").first).to_have_text("Bogbussen")

    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.type("Bogbussen stopper ")
    page.keyboard.press("Control+b")
    page.keyboard.type("hver uge")
    expect(editor.locator("strong, [style*=bold]").first).to_have_text("hver uge")
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("hver uge"))

    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Image").click()
    page.get_by_role("button", name="Choose an image").last.click()
    chooser.get_by_role("link", name=re.compile("Bogbussen")).click()
    expect(chooser).to_be_hidden()

    page.get_by_role("checkbox", name=tree.da.mols.title).check()  # the preview needs a valid form
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1, name="Bogbussen kører")).to_be_visible(timeout=20_000)

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**/admin/pages/{tree.da.story_index.pk}/")
    story = SuccessStoryPage.objects.get(title="Bogbussen kører")
    assert story.live and story.lead_image_id == image.pk
    assert [block.block_type for block in story.body] == ["paragraph_block", "image_block"]

    # The same page in the editor again, the image editor (focal point), and the
    # translation editor (React).
    page.goto(f"{live_server.url}/admin/pages/{story.pk}/edit/")
    expect(page.locator(".Draftail-Editor [contenteditable=true]").first).to_contain_text("hver uge")
    page.goto(f"{live_server.url}/admin/images/{image.pk}/")
    page.get_by_role("textbox", name="Title").wait_for()
    page.goto(f"{live_server.url}/admin/localize/submit/page/{story.pk}/")
    submit_translation(page)
    page.locator("li", has=page.get_by_text("Bogbussen kører", exact=True)).last.get_by_role(
        "button", name="Translate"
    ).wait_for()
    screenshot(page, "admin-csp-translation-editor")

    found, found_console = list(violations), [text for text in console if "Content Security Policy" in text]

    # The listener does hear violations: eval() from the admin page's own script is refused
    # and reported. (Later than the inline script itself: code Playwright evaluates, and
    # whatever runs synchronously inside it, is exempt from CSP.)
    page.add_script_tag(
        content="setTimeout(() => { try { eval('1 + 1'); window.hubEval = 'allowed'; }"
        " catch (error) { window.hubEval = error.name; } }, 0);"
    )
    assert page.wait_for_function("window.hubEval").json_value() == "EvalError"
    expect(page.locator("body")).to_be_visible()  # one more round trip: the report has arrived
    assert [report["blocked"] for report in violations[len(found) :]] == ["eval"]
    context.close()

    assert found == [], found
    assert found_console == [], found_console
