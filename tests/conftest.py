"""A small, realistic two-language hub for the tests.

Migration hub/0002 creates the locales (da, en) and the Danish home page (slug "home") as
the default site's root. ``hub_tree`` adds the sections, three clusters, stories,
findings, reports with real PDFs and blog posts, and English translations of most of
them, published the way an editor publishes them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale, Site

from tests import factories as f
from tests.browser import browser_page, chromium  # noqa: F401 - the shared headless Chromium fixtures


def pytest_collection_modifyitems(config, items):
    """Every test that opens Chromium is a browser test, whether or not it says so."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches the site root paths; each test builds its own tree.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def da_locale(db) -> Locale:
    return Locale.objects.get(language_code="da")


@pytest.fixture
def en_locale(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


def _focus_areas(en_locale):
    da, en = {}, {}
    names = {
        "organisering": ("Organisering", "Organisation"),
        "kommunikation": ("Kommunikation", "Communication"),
        "involvering": ("Involvering", "Involvement"),
    }
    for order, (slug, (da_name, en_name)) in enumerate(names.items()):
        area = f.FocusAreaFactory(slug=slug, name=da_name, sort_order=order)
        translated = area.copy_for_translation(en_locale)
        translated.name = en_name
        translated.save()
        da[slug], en[slug] = area, translated
    return da, en


@pytest.fixture(scope="module")
def _module_tree(django_db_setup, django_db_blocker):
    """Build the tree once per test module inside a transaction rolled back at its end.

    Each test still runs in its own savepoint (the ``db`` fixture), so what a test
    changes is undone after it; tests that change a page fetch it afresh first.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            cache.clear()
            yield build_tree()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def hub_tree(_module_tree, db):
    """The whole tree, Danish (``tree.da``) and English (``tree.en``)."""
    return _module_tree


def build_tree() -> SimpleNamespace:
    home = Site.objects.get(is_default_site=True).root_page.specific
    en_locale = Locale.objects.get(language_code="en")
    da = SimpleNamespace(home=home)
    en = SimpleNamespace()
    focus_da, focus_en = _focus_areas(en_locale)
    organisering, kommunikation, involvering = (
        focus_da["organisering"],
        focus_da["kommunikation"],
        focus_da["involvering"],
    )

    # Sections
    da.cluster_index = f.ClusterIndexPageFactory(parent=home)
    da.story_index = f.StoryIndexPageFactory(parent=home)
    da.finding_index = f.FindingIndexPageFactory(parent=home)
    da.report_index = f.ReportIndexPageFactory(parent=home)
    da.blog_index = f.BlogIndexPageFactory(parent=home)
    da.about = f.StandardPageFactory(parent=home, title="Om hubben", slug="om")

    # Clusters
    da.mols = f.ClusterPageFactory(
        parent=da.cluster_index,
        title="Mols i Udvikling",
        slug="mols-i-udvikling",
        municipality="Syddjurs",
        programme="pilot",
        year_established=2015,
        latitude=Decimal("56.23"),
        longitude=Decimal("10.55"),
    )
    da.midtfyn = f.ClusterPageFactory(
        parent=da.cluster_index,
        title="Landet på Midtfyn",
        slug="landet-paa-midtfyn",
        municipality="Faaborg-Midtfyn",
        villages="Kværndrup\nRyslinge\nGislev",
        programme="pilot",
        year_established=2016,
        latitude=Decimal("55.21"),
        longitude=Decimal("10.55"),
    )
    da.lemvig = f.ClusterPageFactory(
        parent=da.cluster_index,
        title="Klyngen ved Lemvig",
        slug="klyngen-ved-lemvig",
        municipality="Lemvig",
        programme="campaign",
        status="paused",
        year_established=2018,
    )

    # Reports (Lemvig has none)
    da.mols_mapping = f.ReportPageFactory(
        parent=da.report_index,
        title="Kortlægning af Mols",
        slug="kortlaegning-af-mols",
        cluster=da.mols,
        report_type="kortlaegningsrapport",
        year=2016,
        focus_areas=[organisering],
    )
    da.mols_strategy = f.ReportPageFactory(
        parent=da.report_index,
        title="Strategiplan for Mols",
        slug="strategiplan-for-mols",
        cluster=da.mols,
        report_type="strategiplan",
        year=2017,
        focus_areas=[kommunikation],
    )
    da.midtfyn_evaluation = f.ReportPageFactory(
        parent=da.report_index,
        title="Evaluering af Landet på Midtfyn",
        slug="evaluering-midtfyn",
        cluster=da.midtfyn,
        report_type="evaluering",
        year=2018,
    )
    da.national_evaluation = f.ReportPageFactory(
        parent=da.report_index,
        title="Evaluering af Pilotprojekt Landsbyklynger",
        slug="evaluering-af-pilotprojekt-landsbyklynger",
        cluster=None,
        report_type="evaluering",
        year=2019,
        publisher="Realdania",
    )

    # Findings
    da.finding1 = f.FindingPageFactory(
        parent=da.finding_index,
        number=1,
        title="Landsbyer står stærkere, når de står sammen",
        slug="landsbyer-staar-staerkere",
        focus_areas=[organisering],
        source_report=da.national_evaluation,
    )
    da.finding2 = f.FindingPageFactory(
        parent=da.finding_index,
        number=2,
        title="Styrket kommunikation er vejen frem",
        slug="styrket-kommunikation",
        focus_areas=[kommunikation],
        source_report=da.national_evaluation,
    )
    da.finding3 = f.FindingPageFactory(
        parent=da.finding_index,
        number=3,
        title="Borgerinvolvering er nøglen til succes",
        slug="borgerinvolvering",
        focus_areas=[involvering, organisering],
    )

    # Success stories (story3 stays Danish only)
    da.story1 = f.SuccessStoryPageFactory(
        parent=da.story_index,
        title="Fælles kalender samler Mols",
        slug="faelles-kalender",
        date=datetime.date(2019, 5, 1),
        clusters=[da.mols],
        focus_areas=[organisering],
        themes=["turisme"],
        lead_image=f.ImageFactory(title="Mols Bjerge"),
    )
    da.story2 = f.SuccessStoryPageFactory(
        parent=da.story_index,
        title="Nye tilflyttere på Midtfyn",
        slug="nye-tilflyttere",
        date=datetime.date(2020, 3, 1),
        clusters=[da.midtfyn],
        focus_areas=[kommunikation],
        themes=["bosætning"],
    )
    da.story3 = f.SuccessStoryPageFactory(
        parent=da.story_index,
        title="Mødested i forsamlingshuset",
        slug="moedested",
        date=datetime.date(2021, 6, 1),
        clusters=[da.mols, da.midtfyn],
        focus_areas=[involvering],
        themes=["turisme", "foreningsliv"],
    )

    # Blog (post3 stays Danish only)
    da.post1 = f.BlogPostPageFactory(
        parent=da.blog_index,
        title="Hvad har vi lært om landsbyklynger indtil nu?",
        slug="hvad-har-vi-laert",
        date=datetime.date(2019, 9, 1),
        clusters=[da.mols],
        focus_areas=[organisering],
        tags=["evaluering", "findings"],
    )
    da.post2 = f.BlogPostPageFactory(
        parent=da.blog_index,
        title="Kommunikation i klyngen",
        slug="kommunikation-i-klyngen",
        date=datetime.date(2020, 1, 15),
        clusters=[da.midtfyn],
        focus_areas=[kommunikation],
        tags=["kommunikation"],
    )
    da.post3 = f.BlogPostPageFactory(
        parent=da.blog_index,
        title="Kun på dansk: nyt fra sekretariatet",
        slug="kun-paa-dansk",
        date=datetime.date(2021, 2, 1),
        tags=["sekretariatet"],
    )

    # English
    en.home = f.translate(home, title="Village clusters")
    en.cluster_index = f.translate(da.cluster_index, title="Village clusters", slug="clusters")
    en.story_index = f.translate(da.story_index, title="Success stories", slug="stories")
    en.finding_index = f.translate(da.finding_index, title="Findings", slug="findings")
    en.report_index = f.translate(da.report_index, title="Reports", slug="reports")
    en.blog_index = f.translate(da.blog_index, title="Blog", slug="blog")
    en.about = f.translate(da.about, title="About the hub", slug="about")
    en.mols = f.translate(da.mols)
    en.midtfyn = f.translate(da.midtfyn)
    en.lemvig = f.translate(da.lemvig)
    en.mols_mapping = f.translate(da.mols_mapping, title="Mapping of Mols", slug="mapping-of-mols")
    en.national_evaluation = f.translate(
        da.national_evaluation, title="Evaluation of the village cluster pilot", slug="evaluation-pilot"
    )
    en.finding1 = f.translate(da.finding1, title="Villages are stronger together", slug="stronger-together")
    en.finding2 = f.translate(da.finding2, title="Better communication is the way", slug="communication")
    en.finding3 = f.translate(da.finding3, title="Involving residents is key", slug="involvement")
    en.story1 = f.translate(da.story1, title="A shared calendar unites Mols", slug="shared-calendar")
    en.story2 = f.translate(da.story2, title="Newcomers in Midtfyn", slug="newcomers")
    en.post1 = f.translate(da.post1, title="What have we learnt about village clusters?", slug="learnt")
    en.post2 = f.translate(da.post2, title="Communication in the cluster", slug="communication")

    # Tree fields (numchild, url_path) changed while children were added.
    for pages in (da, en):
        for page in vars(pages).values():
            page.refresh_from_db()
    return SimpleNamespace(da=da, en=en, focus_da=focus_da, focus_en=focus_en)


@pytest.fixture
def private_collection(db):
    """A collection only logged-in users may see."""
    from wagtail.models import CollectionViewRestriction

    collection = f.CollectionFactory(name="Interne dokumenter")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection
