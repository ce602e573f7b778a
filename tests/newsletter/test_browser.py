"""A subscriber's whole journey in headless Chromium (Debian's, driven by Playwright):
subscribe on the site, confirm from the e-mail received, receive an edition, and leave
with the unsubscribe link of that e-mail. Mail goes through a real SMTP server on
loopback; nothing leaves 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from newsletter import sending
from newsletter.models import Subscriber
from tests.browser import screenshot
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory

pytestmark = pytest.mark.browser


def link_in(message, pattern: str) -> str:
    text = message.get_body(("plain",)).get_content()
    match = re.search(pattern, text)
    assert match, f"no link matching {pattern!r} in:\n{text}"
    return match.group(0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subscribe_confirm_receive_and_unsubscribe(browser_page, live_server, smtp_server, settings, home):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.NEWSLETTER_BASE_URL = live_server.url
    settings.NEWSLETTER_RATE_PER_MINUTE = 0
    page = browser_page
    address = "borger@example.org"
    with translation.override("da"):
        subscribe_path = reverse("newsletter:subscribe")

    # Subscribe: nothing is sent until the address is confirmed.
    page.goto(live_server.url + subscribe_path)
    form = page.locator("main form").filter(has=page.locator("input[name=email]")).first
    form.locator("input[name=email]").fill(address)
    form.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()
    screenshot(page, "newsletter-subscribed")
    assert Subscriber.objects.get(email=address).status == "pending"
    confirmation = smtp_server.wait_for(1)[0]
    assert address in confirmation.envelope_to

    # Confirm from the link in the e-mail: the link shows a button (mail scanners that
    # follow links must not confirm), and the button confirms.
    page.goto(link_in(confirmation, re.escape(live_server.url) + r"\S+"))
    page.wait_for_load_state()
    assert Subscriber.objects.get(email=address).status == "pending"
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()
    assert Subscriber.objects.get(email=address).status == "confirmed"

    # Receive an edition.
    index = NewsletterIndexPageFactory(parent=home)
    edition = NewsletterEditionPageFactory(parent=index, title="Det sidste nyhedsbrev", slug="det-sidste")
    smtp_server.clear()
    send, _created = sending.start_send(edition)
    sending.run_send(send)
    received = smtp_server.wait_for(1)
    assert [m for m in received if address in m.envelope_to and m["Subject"] == "Det sidste nyhedsbrev"]
    edition_mail = smtp_server.to(address)[0]
    unsubscribe = re.search(r"<(https?://[^>]+)>", edition_mail["List-Unsubscribe"]).group(1)

    # Unsubscribe: the link shows a confirmation page; only the button unsubscribes.
    page.goto(unsubscribe)
    page.wait_for_load_state()
    assert Subscriber.objects.get(email=address).status == "confirmed", "a GET must not unsubscribe"
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()
    screenshot(page, "newsletter-unsubscribed")
    assert Subscriber.objects.get(email=address).status == "unsubscribed"
