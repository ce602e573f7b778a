"""Every custom admin screen, seen in headless Chromium at 1280 px by a Danish-speaking
editor (and a few by an English-speaking one): each visible button's label is inside the
button and not covered, icons are at most 2 em, there is exactly one ``h1`` and it names
what the screen acts on, and the browser tab has a title. Each screen is saved as a
screenshot under artifacts/ (admin-<language>-<screen>.png); the send screen is also
scanned by axe-core."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.users.models import UserProfile

from newsletter import sending
from newsletter.archive.models import ArchiveExport
from search.models import SearchQueryDay
from tests.browser import screenshot
from tests.browser.axe import describe, require_axe, scan
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory, subscribers
from tests.hub.security.test_two_factor import totp

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Runs in the page: what an editor would see wrong. Only the screen's own content
# (Wagtail's <main id="main">) is checked; the sidebar is Wagtail's.
CHECK_SCREEN = """
() => {
  const main = document.querySelector('#main') || document.body;
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
      && !el.closest('.w-sr-only, .visually-hidden, [hidden]');
  };
  const problems = [];
  const describe = (el) => (el.innerText || el.value || el.getAttribute('aria-label') || el.outerHTML).trim().slice(0, 60);
  for (const button of main.querySelectorAll('button, a.button, input[type=submit], input[type=button]')) {
    if (!shown(button)) continue;
    button.scrollIntoView({block: 'center'});
    const outer = button.getBoundingClientRect();
    if (button.tagName === 'INPUT') {
      if (!button.value.trim()) problems.push(`input button without a label: ${button.outerHTML.slice(0, 80)}`);
      continue;
    }
    const texts = [];
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.textContent.trim() && shown(node.parentElement)) texts.push(node);
    }
    if (!texts.length) {
      if (!button.getAttribute('aria-label') && !button.querySelector('.w-sr-only, .visually-hidden')) {
        problems.push(`button without a label: ${button.outerHTML.slice(0, 120)}`);
      } else if (!button.querySelector('svg.icon')) {
        problems.push(`button with neither a visible label nor an icon: ${describe(button)}`);
      }
      continue;
    }
    for (const node of texts) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects()) {
        if (box.width === 0) continue;
        if (box.left < outer.left - 1 || box.right > outer.right + 1 || box.top < outer.top - 1 || box.bottom > outer.bottom + 1) {
          problems.push(`label outside its button: "${describe(button)}"`);
        }
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!hit || !(hit === node.parentElement || node.parentElement.contains(hit)) || hit.closest('svg')) {
          problems.push(`label covered: "${describe(button)}" by ${hit ? hit.outerHTML.slice(0, 80) : 'nothing'}`);
        }
      }
    }
  }
  for (const icon of main.querySelectorAll('svg.icon')) {
    if (!shown(icon)) continue;
    const box = icon.getBoundingClientRect();
    const em = parseFloat(getComputedStyle(icon).fontSize);
    if (box.width > 2 * em + 0.5 || box.height > 2 * em + 0.5) {
      problems.push(`icon ${icon.getAttribute('class')} is ${Math.round(box.width)}×${Math.round(box.height)} px at ${em} px font size`);
    }
  }
  // Wagtail's slim header (screens with breadcrumbs) keeps its h1 for screen readers only.
  const headings = [...document.querySelectorAll('h1')].filter((h) => h.getClientRects().length)
    .map((h) => h.textContent.replace(/\\s+/g, ' ').trim());
  return {problems, headings, title: document.title.trim()};
}
"""


def check(page, name: str, *, h1: str, language: str) -> list[str]:
    """The screen's faults (empty when it is right), after saving its screenshot."""
    page.wait_for_load_state("load")
    seen = page.evaluate(CHECK_SCREEN)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"admin-{language}-{name}")
    faults = [f"{name}: {problem}" for problem in seen["problems"]]
    if len(seen["headings"]) != 1:
        faults.append(f"{name}: {len(seen['headings'])} h1 elements: {seen['headings']}")
    elif h1.casefold() not in seen["headings"][0].casefold():
        faults.append(f"{name}: the h1 {seen['headings'][0]!r} does not name {h1!r}")
    if not seen["title"] or seen["title"].casefold() in {"wagtail", "landsbyklynger"}:
        faults.append(f"{name}: no page title in the browser tab ({seen['title']!r})")
    return faults


def editor(username: str, language: str):
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", "rigtig-kode-123")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def signed_in(chromium, live_server, user):
    """A browser context holding ``user``'s session (signed in through Django's client)."""
    client = Client()
    client.force_login(user)
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.fixture
def screens(home, settings):
    """What the screens act on: an edition not yet sent, one being sent, exports, an
    unreadable PDF, logged searches."""
    settings.HUB_2FA_REQUIRED = False
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
    index = NewsletterIndexPageFactory(parent=home)
    unsent = NewsletterEditionPageFactory(parent=index, title="Nyhedsbrev marts 2026", slug="marts-2026")
    sent = NewsletterEditionPageFactory(parent=index, title="Nyhedsbrev februar 2026", slug="februar-2026")
    subscribers(3)
    sending.start_send(sent)
    ArchiveExport.objects.create(status=ArchiveExport.Status.FAILED, error="Disken er fuld.")
    ArchiveExport.objects.create(
        status=ArchiveExport.Status.DONE, pages=161, documents=42, files=980, bytes=52_000_000, seconds=74
    )
    Document = get_document_model()
    document = Document.objects.create(
        title="Scannet referat 2019", file=ContentFile(b"%PDF-1.4 x", name="referat.pdf")
    )
    Document.objects.filter(pk=document.pk).update(
        extraction_status=Document.Extraction.FAILED, extraction_message="PDF'en har ingen tekst (scannet)."
    )
    for query, results in (("landsbyklynge", 12), ("forsamlingshus", 4), ("bogbus vinter", 0)):
        for _ in range(3 if results else 1):
            SearchQueryDay.record(query, "da", results)
    return {"unsent": unsent, "sent": sent}


TEXTS = {
    "da": {
        "send": "Send …",
        "export": "Arkiveksport",
        "sends": "Udsendelser af nyhedsbrev",
        "pdfs": "Ulæselige PDF'er",
        "popular": "Populære søgninger",
        "zero": "Søgninger uden resultater",
        "import": "Importér abonnenter",
        "check-file": "Tjek filen (prøvekørsel)",
        "two-factor": "Totrinsbekræftelse",
        "turn-on": "Slå totrinsbekræftelse til",
        "codes": "Gendannelseskoder",
        "verify": "Skriv din kode",
        "code-label": "Kode",
        "basis": "Samtykke",
    },
    "en": {
        "send": "Send…",
        "export": "Archive export",
        "sends": "Newsletter sends",
        "pdfs": "Unreadable PDFs",
        "popular": "Popular searches",
        "zero": "Searches with no results",
        "import": "Import subscribers",
        "check-file": "Check the file (dry run)",
        "two-factor": "Two-factor authentication",
        "turn-on": "Turn on two-factor authentication",
        "codes": "Recovery codes",
        "verify": "Enter your code",
        "code-label": "Code",
        "basis": "Consent",
    },
}


def visit_screens(chromium, live_server, screens, language: str) -> list[str]:
    texts = TEXTS[language]
    user = editor(f"redaktoer-{language}", language)
    context = signed_in(chromium, live_server, user)
    page = context.new_page()
    faults = []

    def visit(name, path, h1):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name} ({path}): HTTP {response.status}"
        faults.extend(check(page, name, h1=h1, language=language))

    unsent, sent = screens["unsent"], screens["sent"]
    visit("send", f"/admin/newsletter/editions/{unsent.pk}/send/", unsent.title)
    if language == "da":
        require_axe()
        violations = scan(page)
        assert not violations, "axe on the send screen:\n" + describe(violations)
    page.get_by_role("button", name=texts["send"], exact=True).click()
    faults.extend(check(page, "send-confirm", h1=unsent.title, language=language))
    visit("send-progress", f"/admin/newsletter/editions/{sent.pk}/send/", sent.title)
    visit("sends", "/admin/newsletter/sends/", texts["sends"])
    visit("archive-export", "/admin/archive-export/", texts["export"])
    visit("unreadable-pdfs", "/admin/reports/unreadable-pdfs/", texts["pdfs"])
    visit("popular-searches", "/admin/reports/searches/", texts["popular"])
    visit("zero-result-searches", "/admin/reports/searches/no-results/", texts["zero"])
    visit("import", "/admin/newsletter/subscribers/import/", texts["import"])
    page.locator("input[type=file]").set_input_files(
        {"name": "liste.csv", "mimeType": "text/csv", "buffer": b"email\nny@example.org\nikke-en-adresse\n"}
    )
    page.locator("#id_basis").fill("Tilmeldingslisten ved årsmødet 2025")
    page.get_by_role("button", name=texts["check-file"]).click()
    faults.extend(check(page, "import-dry-run", h1=texts["import"], language=language))

    visit("two-factor-setup", "/admin/two-factor/", texts["two-factor"])
    secret = page.get_by_test_id("two-factor-secret").inner_text()
    page.get_by_label(texts["code-label"]).fill(totp(secret))
    page.get_by_role("button", name=texts["turn-on"]).click()
    page.get_by_test_id("recovery-codes").wait_for()
    faults.extend(check(page, "recovery-codes", h1=texts["codes"], language=language))
    visit("two-factor-on", "/admin/two-factor/", texts["two-factor"])
    context.close()

    # A new sign-in with two-factor on stops at the code screen.
    context = signed_in(chromium, live_server, user)
    page = context.new_page()
    page.goto(live_server.url + "/admin/")
    page.wait_for_url("**/admin/two-factor/verify/**")
    faults.extend(check(page, "two-factor-verify", h1=texts["verify"], language=language))
    context.close()
    return faults


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["da", "en"])
def test_custom_admin_screens_look_right(chromium, live_server, screens, language):
    faults = visit_screens(chromium, live_server, screens, language)
    assert not faults, "\n".join(faults)
