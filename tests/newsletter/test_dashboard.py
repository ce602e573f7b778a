"""The secretariat's dashboard: the newest newsletter send (and rows needing a decision)
and the archive export's state, each linking to its screen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from newsletter import sending
from newsletter.archive.models import ArchiveExport
from newsletter.delivery import Delivery
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory, subscribers
from tests.utils import text_of


@pytest.fixture
def editor(admin_client, admin_user, settings):
    """The signed-in editor, in the language each test chooses (``language(code)``)."""
    settings.HUB_2FA_REQUIRED = False

    def language(code: str):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = code
        profile.save()
        return admin_client

    return language


def dashboard(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response


def test_no_send_and_no_export_yet(editor, home):
    admin_client = editor("en")
    text = text_of(dashboard(admin_client))
    assert "being sent" not in text and "was sent to" not in text
    assert "has not been exported yet" in text


def test_a_send_with_rows_needing_a_decision_links_to_them(editor, home):
    admin_client = editor("en")
    index = NewsletterIndexPageFactory(parent=home)
    edition = NewsletterEditionPageFactory(parent=index, title="Nyhedsbrev maj", slug="maj")
    subscribers(4)
    send, _ = sending.start_send(edition)
    rows = list(send.deliveries.order_by("pk"))
    Delivery.objects.filter(pk=rows[0].pk).update(status=Delivery.Status.SENT)
    Delivery.objects.filter(pk__in=[rows[1].pk, rows[2].pk]).update(status=Delivery.Status.UNKNOWN)
    Delivery.objects.filter(pk=rows[3].pk).update(status=Delivery.Status.SENT)

    response = dashboard(admin_client)
    text = text_of(response)
    assert "“Nyhedsbrev maj” was sent to 2 of 4 recipients." in text
    assert "2 recipients need a decision" in text
    assert reverse("newsletter_edition_send", args=[edition.pk]) in response.content.decode()

    Delivery.objects.filter(pk=rows[3].pk).update(status=Delivery.Status.QUEUED)
    assert "“Nyhedsbrev maj” is being sent: 1 of 4 sent." in text_of(dashboard(admin_client))


def test_the_export_panel_says_the_last_exports_state(editor, home):
    admin_client = editor("en")
    ArchiveExport.objects.create(status=ArchiveExport.Status.FAILED, error="Disken er fuld.")
    text = text_of(dashboard(admin_client))
    assert "The last export failed: Disken er fuld." in text
    assert reverse("archive_export") in dashboard(admin_client).content.decode()


def test_the_dashboard_in_danish(editor, home):
    admin_client = editor("da")
    ArchiveExport.objects.create(status=ArchiveExport.Status.FAILED, error="Disken er fuld.")
    text = text_of(dashboard(admin_client))
    assert "Den seneste eksport mislykkedes: Disken er fuld." in text
