"""Search: Danish and English analysis, PDF text, locales, filters, facets, snippets,
promotions, the query log and hostile input. Runs on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from fpdf import FPDF
from pypdf import PdfWriter
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Page

from hub.settings.search_engines import search_backends
from search.models import PageFacet, SearchQueryDay
from search.services import Filters, run_search
from tests import factories as f
from tests.utils import text_of

Document = get_document_model()


def titles(outcome) -> list[str]:
    return [result.page.title for result in outcome.results]


def search_titles(query, locale, **filters) -> list[str]:
    return titles(run_search(query, locale, Filters(**filters), page_size=50))


@pytest.fixture
def danish_story(hub_tree):
    return f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index,
        title="Borgerne i Aarsballe samles",
        slug="aarsballe",
        date=datetime.date(2022, 4, 1),
        intro="Et nyt klyngesamarbejdet om mødestedernes fremtid.",
        body=f.body("Frivillige har bygget tre mødesteder ved skolen."),
        clusters=[hub_tree.da.mols],
    )


# Danish as Danish ----------------------------------------------------------------------


@pytest.mark.parametrize("query", ["mødested", "mødesteder", "mødestedernes", "Mødested"])
def test_inflected_forms_find_each_other(danish_story, da_locale, query):
    assert danish_story.title in search_titles(query, da_locale)


@pytest.mark.parametrize("query", ["klynge", "klyngesamarbejde", "samles"])
def test_a_word_finds_compounds_beginning_with_it(danish_story, da_locale, query):
    assert danish_story.title in search_titles(query, da_locale)


@pytest.mark.parametrize("query", ["Årsballe", "aarsballe", "ÅRSBALLE"])
def test_aa_and_å_are_the_same_letter(danish_story, da_locale, query):
    assert danish_story.title in search_titles(query, da_locale)


def test_unrelated_words_do_not_match(danish_story, da_locale):
    assert danish_story.title not in search_titles("vindmølle", da_locale)


def test_english_pages_get_english_stemming(hub_tree, en_locale):
    story = f.translate(
        hub_tree.da.story3,
        title="Communities meet in the village hall",
        slug="village-hall",
        intro="Volunteers organised meetings.",
    )
    assert story.title in search_titles("community", en_locale)
    assert story.title in search_titles("organising meeting", en_locale)


def test_cached_results_follow_publishing(hub_tree, da_locale):
    assert not search_titles("vandtårnet", da_locale)
    story = f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title="Vandtårnet bliver mødested", slug="vandtaarnet", live=False
    )
    assert not search_titles("vandtårnet", da_locale), "a draft is not found"
    story.save_revision().publish()
    assert search_titles("vandtårnet", da_locale) == [story.title]
    Page.objects.get(pk=story.pk).specific.unpublish()
    assert not search_titles("vandtårnet", da_locale)


# Languages stay apart --------------------------------------------------------------------


def test_each_language_only_finds_its_own_pages(hub_tree, da_locale, en_locale):
    danish = run_search("kalender", da_locale)
    english = run_search("calendar", en_locale)
    assert hub_tree.da.story1.title in titles(danish)
    assert all(result.page.locale_id == da_locale.pk for result in danish.results)
    assert hub_tree.en.story1.title in titles(english)
    assert all(result.page.locale_id == en_locale.pk for result in english.results)
    assert hub_tree.da.story1.title not in search_titles("kalender", en_locale)


def test_aliases_of_untranslated_pages_are_not_english_results(hub_tree, en_locale):
    """Locale synchronisation puts Danish text in the English tree as aliases."""
    alias = hub_tree.da.story3.create_alias(parent=hub_tree.en.story_index, update_locale=en_locale)
    assert alias.live and alias.locale == en_locale
    assert alias.title not in search_titles("forsamlingshuset", en_locale)
    assert alias.title not in search_titles("mødested", en_locale)


# Text inside PDFs --------------------------------------------------------------------------


def test_a_report_is_found_by_words_only_in_its_pdf(hub_tree, da_locale):
    document = f.DocumentFactory(title="Bilag", text="Workshoppen i Skovsnogebakken samlede 140 borgere.")
    report = f.ReportPageFactory(
        parent=hub_tree.da.report_index, title="Rapport med bilag", document=document
    )
    document.refresh_from_db()
    assert document.extraction_status == Document.Extraction.DONE
    assert "Skovsnogebakken" not in f"{report.title} {report.summary}"
    assert report.title in search_titles("skovsnogebakken", da_locale)

    # Replacing the file re-extracts it and the report is found by the new words only.
    document.file = ContentFile(f.make_pdf("Nu handler bilaget om Hvidbjergklitten."), name="nyt-bilag.pdf")
    document.save()
    assert report.title in search_titles("hvidbjergklitten", da_locale)
    assert report.title not in search_titles("skovsnogebakken", da_locale)


def image_only_pdf() -> bytes:
    """A PDF whose only page is a drawing, like a scanned page without a text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(f.make_pdf("Hemmelig tekst")))
    writer.encrypt(user_password="hemmelig", owner_password="ejer")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_unreadable_pdf_never_breaks_the_upload_and_is_flagged(admin_client):
    # A damaged PDF is refused by the upload form (tests/hub/security/test_uploads.py); one
    # that got in another way (an older upload, a replaced file) is flagged the same way.
    broken = Document.objects.create(
        title="Ødelagt",
        file=ContentFile(b"%PDF-1.7\n1 0 obj garbage", name="odelagt.pdf"),
        collection=f.root_collection(),
    )
    assert broken.pk
    for title, data in [
        ("Skannet", image_only_pdf()),
        ("Krypteret", encrypted_pdf()),
    ]:
        response = admin_client.post(
            reverse("wagtaildocs:add"),
            {
                "title": title,
                "file": ContentFile(data, name=f"{title}.pdf"),
                "collection": f.root_collection().pk,
            },
        )
        assert response.status_code == 302
    for title in ("Ødelagt", "Skannet", "Krypteret"):
        document = Document.objects.get(title=title)
        assert document.extraction_status == Document.Extraction.FAILED, (title, document.extracted_text[:80])
        assert document.extraction_message, title
    report = admin_client.get(reverse("unreadable_documents"))
    assert report.status_code == 200
    for title in ("Ødelagt", "Skannet", "Krypteret"):
        assert title in report.content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    assert 'id="unreadable-documents' in dashboard.content.decode()


def test_extract_command_processes_existing_documents(hub_tree):
    document = hub_tree.da.mols_mapping.document
    Document.objects.filter(pk=document.pk).update(extracted_text="", extraction_status="pending")
    out = io.StringIO()
    call_command("extract_document_text", stdout=out)
    document.refresh_from_db()
    assert document.extraction_status == Document.Extraction.DONE
    assert "landsbyklynger" in document.extracted_text.lower()
    assert "Extracting" in out.getvalue() and "documents in" in out.getvalue()


# Filters, facets, snippets, order -----------------------------------------------------------


def test_type_filter_and_counts_match_the_results(hub_tree, da_locale):
    everything = run_search("landsbyklynger samarbejde", da_locale, page_size=100)
    counts = {facet.value: facet.count for facet in everything.facets["type"]}
    assert counts, "expected matches of several types"
    for slug, count in counts.items():
        only = run_search("landsbyklynger samarbejde", da_locale, Filters(type=slug), page_size=100)
        assert only.total == count
        assert {result.result_type.slug for result in only.results} == {slug}


def test_cluster_municipality_year_and_focus_area_filters(hub_tree, da_locale):
    mols = set(search_titles("mols", da_locale, cluster="mols-i-udvikling"))
    assert hub_tree.da.mols_mapping.title in mols
    assert hub_tree.da.story1.title in mols
    assert hub_tree.da.story2.title not in mols
    assert set(search_titles("landsbyklynger", da_locale, municipality="Syddjurs")) >= {
        hub_tree.da.mols_mapping.title,
        hub_tree.da.mols_strategy.title,
    }
    assert search_titles("kortlægning", da_locale, year=2016) == [hub_tree.da.mols_mapping.title]
    by_focus = search_titles("landsbyklynger", da_locale, focus_area="kommunikation")
    assert hub_tree.da.mols_strategy.title in by_focus
    assert hub_tree.da.mols_mapping.title not in by_focus


def test_facet_counts_add_up_for_clusters(hub_tree, da_locale):
    outcome = run_search("mols", da_locale, page_size=100)
    mols = next(facet for facet in outcome.facets["cluster"] if facet.value == "mols-i-udvikling")
    filtered = run_search("mols", da_locale, Filters(cluster="mols-i-udvikling"), page_size=100)
    assert mols.count == filtered.total


def test_stored_facets_can_be_rebuilt(hub_tree, da_locale):
    before = {
        facet: [(v.value, v.count) for v in values]
        for facet, values in run_search("mols", da_locale).facets.items()
    }
    PageFacet.objects.all().delete()
    out = io.StringIO()
    call_command("update_search_facets", stdout=out)
    after = run_search("mols", da_locale, use_cache=False).facets
    assert {facet: [(v.value, v.count) for v in values] for facet, values in after.items()} == before
    assert "facet values stored" in out.getvalue()


def test_snippets_mark_the_matched_words(danish_story, da_locale, client):
    outcome = run_search("mødested", da_locale)
    result = next(r for r in outcome.results if r.page.pk == danish_story.pk)
    assert "<mark>mødestedernes</mark>" in result.snippet
    response = client.get("/da/search/?q=m%C3%B8dested")
    assert "<mark>mødestedernes</mark>" in response.content.decode()


def test_results_show_type_date_and_cluster(danish_story, client):
    html = text_of(client.get("/da/search/?q=aarsballe"))
    assert "Succeshistorie" in html or "Success story" in html
    assert "2022" in html
    assert "Mols i Udvikling" in html


def test_newest_first_orders_by_publication(hub_tree, da_locale):
    for page, year in [(hub_tree.da.story1, 2001), (hub_tree.da.story2, 2003), (hub_tree.da.story3, 2002)]:
        Page.objects.filter(pk=page.pk).update(
            first_published_at=datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
        )
    outcome = run_search("historien", da_locale, Filters(type="story"), order="newest")
    assert titles(outcome)[:3] == [
        hub_tree.da.story2.title,
        hub_tree.da.story3.title,
        hub_tree.da.story1.title,
    ]


def test_relevance_order_total_and_pages_agree(hub_tree, da_locale):
    """The ranked page and the unranked total and counts describe the same matches."""
    for number in range(3):
        f.SuccessStoryPageFactory(
            parent=hub_tree.da.story_index,
            title=f"Historie nummer {number}",
            slug=f"historie-{number}",
            intro="Borgerne satte vandpumpen ved kirken i stand.",
        )
    f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index, title="Vandpumpen", slug="vandpumpen", intro="En ny begyndelse."
    )
    outcome = run_search("vandpumpe", da_locale)
    assert titles(outcome)[0] == "Vandpumpen", "a title match ranks first"
    assert outcome.total == 4
    assert [(facet.value, facet.count) for facet in outcome.facets["type"]] == [("story", 4)]
    pages = [run_search("vandpumpe", da_locale, page_number=n, page_size=3) for n in (1, 2)]
    assert [len(page.results) for page in pages] == [3, 1]
    assert titles(pages[0]) + titles(pages[1]) == titles(outcome)


def test_pagination_past_the_end_shows_the_last_page(hub_tree, client):
    response = client.get("/da/search/?q=landsbyklynger&page=9999")
    assert response.status_code == 200
    assert response.context["outcome"].page_number == response.context["outcome"].page_count


# Promotions and the query log ---------------------------------------------------------------


def test_promotions_show_only_pages_in_the_readers_language(hub_tree, client):
    query = Query.get("kalender")
    SearchPromotion.objects.create(query=query, page=hub_tree.da.about, sort_order=0)
    SearchPromotion.objects.create(query=query, page=hub_tree.en.about, sort_order=1)
    danish = client.get("/da/search/?q=Kalender").context["outcome"].promotions
    english = client.get("/en/search/?q=kalender").context["outcome"].promotions
    assert [p.page_id for p in danish] == [hub_tree.da.about.pk]
    assert [p.page_id for p in english] == [hub_tree.en.about.pk]


def test_queries_are_logged_and_reported(hub_tree, client, admin_client):
    client.get("/da/search/?q=Mols")
    client.get("/da/search/?q=mols")
    client.get("/da/search/?q=zzyzxqq")
    client.get("/en/search/?q=zzyzxqq")
    mols = SearchQueryDay.objects.get(query="mols", language="da")
    assert mols.searches == 2 and mols.results > 0
    assert SearchQueryDay.objects.get(query="zzyzxqq", language="en").results == 0
    popular = admin_client.get(reverse("popular_searches")).content.decode()
    assert "mols" in popular and "zzyzxqq" in popular
    zero = admin_client.get(reverse("zero_result_searches")).content.decode()
    assert "zzyzxqq" in zero and ">mols<" not in zero


# Autocomplete ------------------------------------------------------------------------------------


def test_autocomplete_suggests_titles_in_the_readers_language(hub_tree, client):
    danish = client.get("/da/search/suggest/?q=Mols").json()["suggestions"]
    english = client.get("/en/search/suggest/?q=Mapp").json()["suggestions"]
    assert any(s["title"] == hub_tree.da.mols.title for s in danish)
    assert all(s["url"].startswith("/da/") for s in danish)
    assert any(s["title"] == hub_tree.en.mols_mapping.title for s in english)
    assert all(s["url"].startswith("/en/") for s in english)


# Hostile input ---------------------------------------------------------------------------------

HOSTILE = [
    '"',
    '"mols',
    "mols AND OR NOT",
    "-mols",
    "mols*",
    "title:mols",
    "a:b:c",
    "x & y | z ! w",
    "(((mols",
    "mols)))",
    "'; DROP TABLE wagtailcore_page; --",
    "\x00mols\x01\x1f",
    "🏡 landsby 🌾",
    "m" * 10_000,
    " ".join(["mols"] * 500),
    "%",
    "\\",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(hub_tree, client, query):
    for language in ("da", "en"):
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()
        assert client.get(f"/{language}/search/suggest/", {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "mols", "type": "nope"},
        {"q": "mols", "year": "abc"},
        {"q": "mols", "year": "99999999999999999999"},
        {"q": "mols", "cluster": "does-not-exist"},
        {"q": "mols", "focus_area": "\x00"},
        {"q": "mols", "municipality": "x" * 5000},
        {"q": "mols", "page": "-1"},
        {"q": "mols", "page": "abc"},
        {"q": "mols", "page": "1e9"},
        {"q": "mols", "order": "sideways"},
    ],
)
def test_unknown_filter_values_give_a_clear_message(hub_tree, client, params):
    response = client.get("/da/search/", params)
    assert response.status_code == 200
    ignored = response.context["ignored"]
    if set(params) - {"q", "page"}:
        assert ignored, "an unknown filter value should be named"
    assert response.context["outcome"].total > 0


# Configuration ---------------------------------------------------------------------------------------


def test_database_configuration_writes_one_index():
    backends = search_backends(None)
    assert backends["default"]["AUTO_UPDATE"] is True
    assert backends["en"]["AUTO_UPDATE"] is False
    assert {backends["default"]["LANGUAGE"], backends["en"]["LANGUAGE"]} == {"da", "en"}


def test_page_models_keep_every_core_search_field():
    from wagtail.models import get_page_models

    core = {(field.__class__.__name__ == "SearchField", field.field_name) for field in Page.search_fields}
    for model in get_page_models():
        if model is Page:
            continue
        fields = {
            (field.__class__.__name__ in ("SearchField", "TextField"), field.field_name)
            for field in model.search_fields
        }
        assert core <= fields, f"{model.__name__} lost core search fields"
