"""The edition's send screen: preview, test to oneself, confirm, progress, resolve."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from newsletter import sending
from newsletter.delivery import Delivery, Send
from tests.factories import subscribers

Status = Delivery.Status


@pytest.fixture
def editor(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the assertions read English; the catalogue has Danish too
    profile.save()
    client.force_login(user)
    return user


def url(edition) -> str:
    return reverse("newsletter_edition_send", args=[edition.pk])


@pytest.mark.django_db
def test_the_edit_view_links_the_send_screen(client, editor, edition):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))
    assert response.status_code == 200
    assert url(edition) in response.content.decode()


@pytest.mark.django_db
def test_preview_modes_show_the_email(client, editor, edition):
    base = reverse("wagtailadmin_pages:preview_on_edit", args=[edition.pk])
    client.post(base, {"title": edition.title, "slug": edition.slug, "date": "2022-12-01", "body-count": "0"})
    html = client.get(base, {"mode": "email"}).content.decode()
    assert "Det sidste nyhedsbrev" in html and 'style="' in html and "<style" not in html
    text = client.get(base, {"mode": "text"}).content.decode()
    assert text.startswith("Det sidste nyhedsbrev") and "<" not in text.split("\n", 1)[0]


@pytest.mark.django_db
def test_send_a_test_to_myself(client, editor, edition, smtp_server):
    subscribers(2)
    response = client.post(url(edition), {"action": "test"}, follow=True)
    assert response.status_code == 200
    assert smtp_server.received() == {"redaktor@example.org": 1}
    assert not Send.objects.exists()


@pytest.mark.django_db
def test_send_asks_first_then_sends_once(
    client, editor, edition, smtp_server, django_capture_on_commit_callbacks
):
    people = subscribers(3)
    page = client.get(url(edition)).content.decode()
    assert "3 confirmed subscribers" in page

    confirm = client.post(url(edition), {"action": "send"})
    assert confirm.status_code == 200 and "send-confirmed" in confirm.content.decode()
    assert not Send.objects.exists() and not smtp_server.messages

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(edition), {"action": "send-confirmed"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(edition), {"action": "send-confirmed"})
    assert smtp_server.received() == {person.email: 1 for person in people}
    send = Send.objects.get()
    assert send.created_by == editor
    progress = client.get(url(edition)).content.decode()
    assert '<tr data-status="sent"><td>Sent</td><td>3</td></tr>' in progress and "3/3" in progress


@pytest.mark.django_db
def test_unknown_rows_are_shown_and_resolved(
    client, editor, edition, smtp_server, django_capture_on_commit_callbacks
):
    people = subscribers(3)
    send, _ = sending.start_send(edition)
    rows = list(send.deliveries.order_by("pk"))
    send.deliveries.filter(pk=rows[0].pk).update(status=Status.UNKNOWN, reason="The worker stopped")
    send.deliveries.filter(pk=rows[1].pk).update(status=Status.UNKNOWN, reason="The worker stopped")
    send.deliveries.filter(pk=rows[2].pk).update(status=Status.SENT)

    page = client.get(url(edition)).content.decode()
    assert "Needs a decision" in page
    assert people[0].email in page and people[1].email in page

    client.post(url(edition), {"action": "mark-sent", "delivery": [rows[0].pk]})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(edition), {"action": "requeue", "delivery": [rows[1].pk]})
    assert dict(send.deliveries.values_list("pk", "status")) == {
        rows[0].pk: Status.SENT,
        rows[1].pk: Status.SENT,
        rows[2].pk: Status.SENT,
    }
    assert smtp_server.received() == {people[1].email: 1}  # only the re-queued one was sent


@pytest.mark.django_db
def test_actions_need_a_csrf_token(editor, edition, smtp_server):
    subscribers(1)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(url(edition), {"action": "send-confirmed"})
    assert response.status_code == 403
    assert not Send.objects.exists()


@pytest.mark.django_db
def test_editors_without_publish_permission_cannot_send(client, edition, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("gæst", "gaest@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.post(url(edition), {"action": "send-confirmed"}).status_code in (302, 403)
    assert not Send.objects.exists()


@pytest.mark.django_db
def test_the_sends_report_lists_sends(client, editor, edition, smtp_server):
    subscribers(1)
    send, _ = sending.start_send(edition)
    sending.run_send(send)
    page = client.get(reverse("newsletter_sends")).content.decode()
    assert "Det sidste nyhedsbrev" in page and "sent: 1" in page
