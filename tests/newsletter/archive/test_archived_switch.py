"""The "archived" switch (hub SiteSettings): a notice on every page pointing to the
archive, newsletter sign-up closed, and the links people already have keep working."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from hub.content_version import content_version
from hub.models import SiteSettings
from newsletter import subscriber_links as links
from newsletter.models import ConsentRecord, Subscriber
from tests.hub.test_pages import assert_accessible_structure
from tests.utils import parse, text_of

ARCHIVE_URL = "https://arkiv.example.dk/landsbyklynger/"
NOTICE = {"da": "Dette websted er et arkiv", "en": "This website is an archive"}
CLOSED = {"da": "Nyhedsbrevet er lukket", "en": "The newsletter has closed"}


def archive_switch(on: bool = True, location: str = ARCHIVE_URL, note: str = "") -> SiteSettings:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.archived = on
    site_settings.archive_location = location
    site_settings.archive_note = note
    site_settings.save()
    return site_settings


def public_pages(tree) -> list[tuple[str, str]]:
    pages = [
        (language, page.url) for language in ("da", "en") for page in vars(getattr(tree, language)).values()
    ]
    return [
        *pages,
        ("da", "/da/search/?q=klynge"),
        ("en", "/en/search/?q=cluster"),
        ("da", "/da/nyhedsbrev/tilmeld/"),
        ("en", "/en/newsletter/subscribe/"),
    ]


def notice(response):
    return [s for s in parse(response).tags.get("section", []) if s.get("class") == "archived-notice"]


def closed_messages(response) -> list[str]:
    """The text of each 'sign-up closed' paragraph (the notice above is not one)."""
    html = response.content.decode()
    chunks = html.split('<p class="newsletter-closed" role="status">')[1:]
    return [" ".join(chunk.split("</p>", 1)[0].split()) for chunk in chunks]


def sign_up(client, email, language="da"):
    path = "/da/nyhedsbrev/tilmeld/" if language == "da" else "/en/newsletter/subscribe/"
    return client.post(path, {"email": email, "website": "", "source": f"/{language}/"})


def test_off_by_default_no_notice_and_sign_up_open(client, hub_tree):
    response = client.get(hub_tree.da.home.url)
    assert not notice(response)
    assert 'name="email"' in response.content.decode()
    assert "archived.css" not in response.content.decode()


def test_every_page_carries_the_notice_in_its_language(client, hub_tree):
    archive_switch(note="Kontakt DGI for spørgsmål.")
    for language, url in public_pages(hub_tree):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        [section] = notice(response)
        assert section["aria-labelledby"] == "archived-notice-heading"
        text = text_of(response)
        assert NOTICE[language] in text, url
        assert f'<a href="{ARCHIVE_URL}">' in html, url
        assert "Kontakt DGI for spørgsmål." in text
        assert "hub/css/archived.css" in html
        assert_accessible_structure(response)


def test_a_location_that_is_not_a_web_address_is_shown_as_text(client, hub_tree):
    archive_switch(location="Det Kgl. Bibliotek, Netarkivet")
    response = client.get(hub_tree.en.home.url)
    assert "Det Kgl. Bibliotek, Netarkivet" in text_of(response)
    assert not any("Netarkivet" in a.get("href", "") for a in parse(response).tags["a"])


def test_switching_it_invalidates_cached_pages(hub_tree):
    before = content_version()
    archive_switch()
    assert content_version() > before


@pytest.mark.parametrize("language", ["da", "en"])
def test_footer_and_sign_up_page_say_the_newsletter_has_closed(client, hub_tree, language):
    archive_switch()
    home = getattr(hub_tree, language).home
    for url in (home.url, "/da/nyhedsbrev/tilmeld/" if language == "da" else "/en/newsletter/subscribe/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        [message] = closed_messages(response)
        assert message.startswith(CLOSED[language]), url
        assert 'name="email"' not in html and "newsletter-signup" not in html, url


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_sign_up_post_changes_nothing_and_says_why(hub_tree, language):
    archive_switch()
    client = Client(enforce_csrf_checks=True)
    response = sign_up(client, "ny@example.org", language)
    assert response.status_code == 410
    assert closed_messages(response)[0].startswith(CLOSED[language])
    assert not Subscriber.objects.exists() and not ConsentRecord.objects.exists()
    assert mail.outbox == []
    # Odd input gets the same clear answer, never a 500.
    for data in ({}, {"email": "x" * 5000}, {"email": "a@b.dk\nBcc: c@d.dk"}):
        assert client.post("/da/nyhedsbrev/tilmeld/", data).status_code == 410


def test_confirm_unsubscribe_and_my_data_keep_working(hub_tree):
    client = Client(enforce_csrf_checks=True)
    assert sign_up(client, "anna@example.org").status_code == 302
    subscriber = Subscriber.objects.get()
    record = subscriber.consent_records.get()
    archive_switch()

    confirm = links.confirm_url(subscriber, record).removeprefix("http://testserver")
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    my_data = links.my_data_url(subscriber).removeprefix("http://testserver")
    response = client.get(my_data)
    assert response.status_code == 200 and "anna@example.org" in response.content.decode()
    assert client.post("/da/nyhedsbrev/mine-data/", {"email": "anna@example.org"}).status_code == 200

    unsubscribe = links.unsubscribe_url(subscriber).removeprefix("http://testserver")
    assert client.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    assert client.post(my_data, {"confirm": "yes"}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ERASED


def test_editors_switch_it_in_the_settings(client, hub_tree):
    admin = get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["hub", "sitesettings", site.pk])
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="archived"' in html and 'name="archive_location"' in html and 'name="archive_note"' in html
    response = client.post(
        url,
        {
            "contact_email": "",
            "facebook_url": "",
            "archived": "on",
            "archive_location": ARCHIVE_URL,
            "archive_note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SiteSettings.for_site(site).archived
    client.logout()
    assert notice(client.get(hub_tree.da.home.url))
