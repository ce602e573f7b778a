"""A page past its ``expire_at`` is gone for readers at once, not when ``publish_scheduled``
runs: from listings, the home page, menus, cluster pages, feeds, the sitemap and filter
choices, it answers 404, and no cache (choices, menus, whole pages) outlives the expiry.

Wagtail keeps such a page ``live`` until the job runs; publishing a revision whose
``expire_at`` has already passed gives exactly that state, and is how these tests make it.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from cases.services import cluster_zip_bytes, report_filename
from hub.content_version import content_version
from newsletter.rendering import render_edition, sample_recipient
from tests import factories as f
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory
from tests.utils import hrefs, text_of

pytestmark = pytest.mark.django_db

real_now = timezone.now


def publish(page, **changes):
    """Publish a new revision of ``page`` with ``changes``, as an editor does."""
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def expire(page):
    """``page`` as it is once its expiry time has passed and before publish_scheduled runs."""
    page = publish(page, expire_at=real_now() - datetime.timedelta(minutes=1))
    assert page.live and not page.expired
    return page


@contextmanager
def clock_ahead(seconds: float):
    """Every ``timezone.now()`` (the hub's and Wagtail's) ``seconds`` later than real time."""
    with mock.patch("django.utils.timezone.now", lambda: real_now() + datetime.timedelta(seconds=seconds)):
        yield


def choices(response, name: str) -> list[str]:
    return [value for value, _label in response.context["filter"].form.fields[name].choices if value]


def listed(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [item.pk for item in response.context["items"].object_list]


# Expired pages ----------------------------------------------------------------------


def test_an_expired_story_is_gone_from_listings_home_cluster_page_and_sitemap(client, hub_tree):
    da = hub_tree.da
    story = expire(da.story1)
    assert story.pk not in listed(client, da.story_index.url)
    assert da.story2.pk in listed(client, da.story_index.url)  # the listing works
    home = client.get(da.home.url)
    assert story.url not in hrefs(home) and da.story2.url in hrefs(home)
    cluster = client.get(da.mols.url)
    assert story.url not in hrefs(cluster) and da.story3.url in hrefs(cluster)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert story.full_url not in sitemap and da.story2.full_url in sitemap
    assert client.get(story.url).status_code == 404


def test_the_english_page_does_not_link_its_expired_danish_original(client, hub_tree):
    da, en = hub_tree.da, hub_tree.en
    expire(da.story1)
    response = client.get(en.story1.url)
    assert response.status_code == 200
    assert da.story1.url not in hrefs(response)


def test_an_expired_post_is_gone_from_the_blog_its_feeds_and_the_home_page(client, hub_tree):
    da = hub_tree.da
    post = expire(da.post1)
    assert post.pk not in listed(client, da.blog_index.url)
    for feed in ("feed/", "feed/atom/"):
        body = client.get(da.blog_index.url + feed).content.decode()
        assert post.url not in body and da.post2.url in body
    assert post.url not in hrefs(client.get(da.home.url))


def test_an_expired_section_leaves_the_menu_and_the_home_page(client, hub_tree):
    da = hub_tree.da
    section = f.StandardPageFactory(
        parent=da.home, title="Arrangementer", slug="arrangementer", show_in_menus=True
    )
    assert section.url in hrefs(client.get(da.about.url))
    expire(section)
    assert section.url not in hrefs(client.get(da.about.url))
    assert section.url not in hrefs(client.get(da.home.url))
    assert da.story_index.url in hrefs(client.get(da.about.url))  # the menu is still there


def test_an_expired_cluster_leaves_the_listing_and_every_filter(client, hub_tree):
    da = hub_tree.da
    expire(da.lemvig)
    response = client.get(da.cluster_index.url)
    assert da.lemvig.pk not in [item.pk for item in response.context["items"].object_list]
    assert "Lemvig" not in choices(response, "municipality")
    assert "Syddjurs" in choices(response, "municipality")
    for index in (da.story_index, da.report_index, da.blog_index):
        response = client.get(index.url)
        assert da.lemvig.slug not in choices(response, "cluster")
        assert da.mols.slug in choices(response, "cluster")
    # A filter naming it is dropped like any unknown value, never a 500.
    response = client.get(da.cluster_index.url + "?municipality=Lemvig")
    assert response.status_code == 200
    assert da.lemvig.pk not in [item.pk for item in response.context["items"].object_list]


def test_an_expired_report_leaves_the_archive_its_year_and_the_findings_citing_it(client, hub_tree):
    da = hub_tree.da
    report = expire(da.national_evaluation)  # the only report from 2019
    response = client.get(da.report_index.url)
    assert report.pk not in [item.pk for item in response.context["items"].object_list]
    assert "2019" not in choices(response, "year") and "2017" in choices(response, "year")
    finding = client.get(da.finding1.url)
    assert finding.status_code == 200
    assert report.url not in hrefs(finding)
    assert report.title not in text_of(finding)


def test_an_expired_report_leaves_its_cluster_page_and_zip(client, hub_tree):
    da = hub_tree.da
    report = expire(da.mols_mapping)
    response = client.get(da.mols.url)
    assert report.title not in text_of(response)
    assert da.mols_strategy.title in text_of(response)
    assert [r.pk for r in da.mols.specific.reports()] == [da.mols_strategy.pk]
    # The archive's cluster zips are built from the same list (cluster_zip_bytes).
    with zipfile.ZipFile(io.BytesIO(cluster_zip_bytes(da.mols.specific))) as archive:
        pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert pdfs == [report_filename(da.mols_strategy.specific)]


# Caches and the clock -------------------------------------------------------------------


def test_content_version_moves_on_when_the_next_expiry_passes(hub_tree):
    page = publish(hub_tree.da.story2, expire_at=real_now() + datetime.timedelta(seconds=30))
    before = content_version()
    assert content_version() == before  # steady while nothing expires
    with clock_ahead(10):
        assert content_version() == before
    with clock_ahead(60):
        after = content_version()
        assert after != before
        assert content_version() == after  # once, not on every call
    assert page.expire_at is not None


def test_cached_choices_do_not_outlive_an_expiry(client, hub_tree):
    da = hub_tree.da
    cluster = f.ClusterPageFactory(parent=da.cluster_index, title="Tidsklyngen", municipality="Tidslev")
    publish(cluster, expire_at=real_now() + datetime.timedelta(seconds=30))
    response = client.get(da.story_index.url)
    assert "Tidslev" in choices(response, "municipality")  # and now cached
    with clock_ahead(60):
        response = client.get(da.story_index.url)
        assert "Tidslev" not in choices(response, "municipality")
        assert cluster.slug not in choices(response, "cluster")


def test_cached_whole_pages_do_not_outlive_an_expiry(client, hub_tree, settings):
    settings.HUB_PAGE_CACHE_SECONDS = 600
    da = hub_tree.da
    section = f.StandardPageFactory(parent=da.home, title="Snart væk", slug="snart-vaek", show_in_menus=True)
    section = publish(section, expire_at=real_now() + datetime.timedelta(seconds=30))
    story = publish(da.story2, expire_at=real_now() + datetime.timedelta(seconds=30))
    assert client.get(section.url).status_code == 200
    listing = client.get(da.story_index.url)
    assert story.url in hrefs(listing) and section.url in hrefs(listing)
    with CaptureQueriesContext(connection) as captured:
        client.get(da.story_index.url)
    assert not [q for q in captured.captured_queries if "wagtailcore_page" in q["sql"]], (
        "served from the cache"
    )
    with clock_ahead(60):
        assert client.get(section.url).status_code == 404
        listing = client.get(da.story_index.url)
        assert story.url not in hrefs(listing)
        assert section.url not in hrefs(listing)  # the menu too


# The localized tag --------------------------------------------------------------------


def localized_pk(obj, language: str) -> str:
    request = RequestFactory().get("/")
    with translation.override(language):
        return Template(
            "{% load hub_tags %}{% localized obj as x %}{% if x %}{{ x.pk }}{% else %}-{% endif %}"
        ).render(Context({"request": request, "obj": obj}))


def test_localized_never_returns_a_private_or_expired_translation(hub_tree):
    da, en = hub_tree.da, hub_tree.en
    assert localized_pk(da.mols, "en") == str(en.mols.pk)
    PageViewRestriction.objects.create(page=en.mols, restriction_type=PageViewRestriction.LOGIN)
    assert localized_pk(da.mols, "en") == str(da.mols.pk)  # the visible original instead
    expire(en.midtfyn)
    assert localized_pk(da.midtfyn, "en") == str(da.midtfyn.pk)


def test_localized_returns_nothing_for_a_page_readers_may_not_see(hub_tree):
    da = hub_tree.da
    PageViewRestriction.objects.create(page=da.mols, restriction_type=PageViewRestriction.LOGIN)
    assert localized_pk(da.mols, "da") == "-"
    expire(da.lemvig)
    assert localized_pk(da.lemvig, "da") == "-"
    assert localized_pk(da.lemvig, "en") != "-"  # its English translation is still public
    assert localized_pk(da.midtfyn, "da") == str(da.midtfyn.pk)


# Newsletter featured pages ----------------------------------------------------------


@pytest.fixture
def edition(hub_tree):
    da = hub_tree.da
    index = NewsletterIndexPageFactory(parent=da.home)
    return NewsletterEditionPageFactory(
        parent=index,
        title="Nyhedsbrev om synlighed",
        slug="synlighed",
        body=[
            ("featured_page", {"page": da.story1, "text": ""}),
            ("featured_page", {"page": da.story2, "text": ""}),
            ("featured_page", {"page": da.post1, "text": ""}),
        ],
    )


def sent_text(edition) -> str:
    edition = edition.specific_class.objects.get(pk=edition.pk)
    message = render_edition(edition).message(sample_recipient(edition))
    return message.body + message.alternatives[0][0]


def test_an_edition_leaves_out_featured_pages_gone_private_or_expired_since(client, hub_tree, edition):
    da = hub_tree.da
    text = sent_text(edition)
    assert all(page.title in text for page in (da.story1, da.story2, da.post1))
    PageViewRestriction.objects.create(page=da.story1, restriction_type=PageViewRestriction.LOGIN)
    expire(da.post1)
    text = sent_text(edition)
    assert da.story2.title in text and da.story2.full_url in text
    for gone in (da.story1, da.post1):
        assert gone.title not in text and gone.full_url not in text
    web = client.get(edition.url)
    assert da.story2.url in hrefs(web)
    assert da.story1.url not in hrefs(web) and da.post1.url not in hrefs(web)


def test_an_edition_leaves_out_a_featured_page_whose_translation_is_private(hub_tree, edition):
    da, en = hub_tree.da, hub_tree.en
    f.translate(edition.get_parent(), title="Newsletter", slug="newsletter")
    english = f.translate(edition, title="Newsletter on visibility", slug="visibility")
    PageViewRestriction.objects.create(page=en.story2, restriction_type=PageViewRestriction.LOGIN)
    text = sent_text(english)
    assert en.story1.title in text  # translated and public
    assert en.story2.title not in text and en.story2.full_url not in text
    assert da.story2.full_url in text  # the public original instead


@pytest.mark.parametrize("state", ["private", "unpublished", "expired"])
def test_publishing_an_edition_featuring_a_hidden_page_is_refused(hub_tree, state):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from newsletter.editions import FeaturedPageBlock

    page = hub_tree.da.story3
    if state == "private":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif state == "unpublished":
        page.unpublish()
    else:
        expire(page)
    block = FeaturedPageBlock()
    value = block.to_python({"page": page.pk, "text": ""})
    with translation.override("en"), pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    message = " ".join(refused.value.block_errors["page"].messages)
    assert page.title in message and "not public" in message
    # A draft may still hold it (Wagtail defers such checks when saving a draft).
    assert block.clean_deferred(value)["page"].pk == page.pk
    # A visible page is accepted when publishing.
    assert block.clean(block.to_python({"page": hub_tree.da.story2.pk, "text": ""}))["page"]


@pytest.mark.parametrize("state", ["private", "expired"])
def test_a_private_or_expired_edition_is_not_sent(edition, state):
    from newsletter.sending import SendRefused, start_send

    if state == "private":
        PageViewRestriction.objects.create(page=edition, restriction_type=PageViewRestriction.LOGIN)
    else:
        edition = expire(edition)
    with pytest.raises(SendRefused, match="private or expired"):
        start_send(edition)


def test_an_expired_cluster_page_and_its_zip_answer_404(client, hub_tree):
    cluster = hub_tree.da.mols
    assert client.get(cluster.url + "rapporter.zip").status_code == 200
    expire(cluster)
    assert client.get(cluster.url).status_code == 404
    assert client.get(cluster.url + "rapporter.zip").status_code == 404


def edition_form(page, **extra) -> dict:
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    return nested_form_data(
        {
            "title": "Nyt nyhedsbrev",
            "slug": "nyt-nyhedsbrev",
            "date": "2022-12-01",
            "intro": "",
            "body": streamfield([("featured_page", {"page": page.pk, "text": ""})]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_the_editor_explains_why_an_edition_cannot_be_published(admin_client, hub_tree):
    from django.urls import reverse

    from newsletter.editions import NewsletterEditionPage

    index = NewsletterIndexPageFactory(parent=hub_tree.da.home)
    page = hub_tree.da.story3
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    add_url = reverse("wagtailadmin_pages:add", args=["newsletter", "newslettereditionpage", index.pk])
    response = admin_client.post(add_url, edition_form(page, **{"action-publish": "publish"}))
    assert response.status_code == 200
    # The admin speaks the editor's language, Danish by default (the block's errors travel
    # as JSON, where "ø" is escaped: the words before it are enough).
    assert "er ikke offentlig: den er privat, ikke udgivet eller" in response.content.decode()
    assert not NewsletterEditionPage.objects.filter(slug="nyt-nyhedsbrev").exists()
    # Saving a draft is allowed; publishing it later is refused the same way.
    response = admin_client.post(add_url, edition_form(page))
    assert response.status_code == 302, response.content.decode()[-2000:]
    draft = NewsletterEditionPage.objects.get(slug="nyt-nyhedsbrev")
    assert not draft.live
