"""Interface strings in both languages, language-prefixed URLs, sitemap.xml and robots.txt."""

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from cases.models import ReportPage
from tests.utils import path_of, text_of

PO_FILE = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES" / "django.po"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# Interface strings from the templates, with the Danish the catalogue must give them.
UI_STRINGS = {
    "Skip to content": "Gå til indhold",
    "Search": "Søg",
    "Facts": "Fakta",
    "Municipality": "Kommune",
    "Reports": "Rapporter",
    "Contact": "Kontakt",
}


def danish(msgid: str) -> str:
    with translation.override("da"):
        return translation.gettext(msgid)


def test_catalogue_translates_the_interface():
    for english, expected in UI_STRINGS.items():
        assert danish(english) == expected


@pytest.mark.parametrize("language", ["da", "en"])
def test_cluster_page_interface_is_in_the_page_language(client, hub_tree, language):
    page = getattr(hub_tree, language).mols
    text = text_of(client.get(page.url))
    for english, dansk in UI_STRINGS.items():
        wanted, unwanted = (dansk, english) if language == "da" else (english, dansk)
        assert wanted in text, f"{page.url} lacks {wanted!r}"
        assert unwanted not in text, f"{page.url} shows {unwanted!r}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_report_page_labels_and_choices_in_the_page_language(client, hub_tree, language):
    page = getattr(hub_tree, language).mols_mapping
    text = text_of(client.get(page.url))
    with translation.override(language):
        download = translation.gettext("Download the report")
        report_type = str(ReportPage.ReportType.MAPPING.label)
    assert download in text
    assert report_type in text
    if language == "da":
        assert download != "Download the report"
        assert report_type != "Mapping report"


def test_english_listing_interface_is_english(client, hub_tree):
    text = text_of(client.get(hub_tree.en.report_index.url))
    assert "Show results" in text
    assert danish("Show results") not in text
    text = text_of(client.get(hub_tree.da.report_index.url))
    assert danish("Show results") in text
    assert "Show results" not in text


def _po_entries(path: Path) -> list[dict]:
    """msgid/msgstr entries of a .po file (enough of the format for a completeness check)."""
    entries, current, key = [], {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current, key = {}, None
            continue
        if line.startswith("#,"):
            current["flags"] = line[2:].strip()
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return entries


def test_catalogue_is_complete_and_compiled():
    assert PO_FILE.exists(), "no Danish catalogue"
    entries = [e for e in _po_entries(PO_FILE) if e.get("msgid")]
    assert len(entries) > 50
    untranslated = [e["msgid"] for e in entries if not (e.get("msgstr") or e.get("msgstr[0]"))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    stale = []
    with translation.override("da"):
        for entry in entries:
            if "msgid_plural" in entry or "msgctxt" in entry or "%" in entry["msgid"]:
                continue
            if translation.gettext(entry["msgid"]) != entry["msgstr"]:
                stale.append(entry["msgid"])
    assert not stale, f"django.mo is older than django.po: {stale[:10]}"


# URLs carry the language --------------------------------------------------------------


def test_root_redirects_to_a_language(client, hub_tree):
    response = client.get("/")
    assert response.status_code in (301, 302)
    assert response["Location"].rstrip("/").endswith("/da")
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"].rstrip("/").endswith("/en")


# sitemap.xml and robots.txt -----------------------------------------------------------


def test_sitemap_lists_every_live_page_in_both_languages(client, hub_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = root.findall(f"{SITEMAP}url")
    locations = [path_of(url.findtext(f"{SITEMAP}loc")) for url in urls]
    assert len(locations) == len(set(locations))
    for tree in (hub_tree.da, hub_tree.en):
        for page in vars(tree).values():
            assert page.url in locations, f"{page.url} missing from the sitemap"

    # alternates link the translations
    entry = next(url for url in urls if path_of(url.findtext(f"{SITEMAP}loc")) == hub_tree.da.mols.url)
    alternates = {link.get("hreflang"): path_of(link.get("href")) for link in entry.findall(f"{XHTML}link")}
    assert alternates.get("en") == hub_tree.en.mols.url
    assert alternates.get("da") == hub_tree.da.mols.url


def test_sitemap_leaves_out_unpublished_pages(client, hub_tree):
    report = ReportPage.objects.get(pk=hub_tree.da.mols_strategy.pk)
    url = report.url
    report.unpublish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {path_of(loc.text) for loc in root.iter(f"{SITEMAP}loc")}
    assert url not in locations
    assert hub_tree.da.mols_mapping.url in locations


def test_robots_txt_names_the_sitemap(client, hub_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    sitemaps = [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]
    assert sitemaps and sitemaps[0].startswith("http")
    assert path_of(sitemaps[0]) == "/sitemap.xml"
    assert client.get(path_of(sitemaps[0])).status_code == 200
    assert "Disallow: /admin/" in lines
    # public pages stay crawlable
    assert "Disallow: /" not in lines
