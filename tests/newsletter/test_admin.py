"""Subscribers in the Wagtail admin: list, search, filter, export, CSV import with a dry run."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsletter.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db

INDEX = "/admin/newsletter_subscribers/"
IMPORT = "/admin/newsletter/subscribers/import/"


@pytest.fixture
def people(db):
    return [
        Subscriber.objects.create(email="anna@example.dk", language="da", status="confirmed"),
        Subscriber.objects.create(email="bo@example.org", language="en", status="confirmed"),
        Subscriber.objects.create(email="carl@example.dk", language="da", status="pending"),
        Subscriber.objects.create(email="dora@example.dk", language="da", status="unsubscribed"),
        Subscriber.objects.create(
            email="eva@example.dk", language="da", status="suppressed", suppression_reason="bounced"
        ),
    ]


def test_list_search_and_filter(admin_client, people):
    page = admin_client.get(INDEX).content.decode()
    for person in people:
        assert person.email in page
    found = admin_client.get(INDEX, {"q": "ANNA"}).content.decode()
    assert "anna@example.dk" in found and "bo@example.org" not in found
    pending = admin_client.get(INDEX, {"status": "pending"}).content.decode()
    assert "carl@example.dk" in pending and "anna@example.dk" not in pending
    english = admin_client.get(INDEX, {"language": "en"}).content.decode()
    assert "bo@example.org" in english and "anna@example.dk" not in english
    assert IMPORT in page


def test_export_csv(admin_client, people):
    response = admin_client.get(INDEX, {"export": "csv", "status": "confirmed"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    emails = sorted(row[0] for row in rows[1:])
    assert emails == ["anna@example.dk", "bo@example.org"]
    assert rows[0][0] == "E-mailadresse"
    xlsx = admin_client.get(INDEX, {"export": "xlsx"})
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content).startswith(b"PK")


def test_there_is_no_add_form_and_delete_erases(admin_client, people):
    response = admin_client.get(INDEX + "new/")
    assert response.status_code == 302 and response["Location"] == IMPORT
    anna = people[0]
    ConsentRecord.objects.create(subscriber=anna, action="confirmed", ip_address="10.0.0.1")
    response = admin_client.post(f"{INDEX}delete/{anna.pk}/")
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.status == Subscriber.Status.ERASED and anna.email is None
    assert not anna.consent_records.exists()


def upload(client, text: str, basis="Paper list, annual meeting 2021"):
    return client.post(IMPORT, {"file": SimpleUploadedFile("list.csv", text.encode()), "basis": basis})


def test_import_dry_run_reports_every_bad_row_and_imports_nothing(admin_client, people):
    text = (
        "email,language\n"  # line 1
        "new1@example.dk,da\n"  # 2 ok
        "not-an-address,da\n"  # 3 malformed
        "new2@example.org,en\n"  # 4 ok
        "NEW1@example.dk,da\n"  # 5 repeats line 2
        "anna@example.dk,da\n"  # 6 already subscribed
        "dora@example.dk,da\n"  # 7 unsubscribed
        "eva@example.dk,da\n"  # 8 suppressed
        "new3@example.dk,fr\n"  # 9 unknown language
        "carl@example.dk,\n"  # 10 pending: ok
        '"a@example.dk\nBcc: x@example.dk",da\n'  # 11-12 header injection
    )
    response = upload(admin_client, text)
    assert response.status_code == 200
    page = response.content.decode()
    problems = re.findall(r'<tr class="import-problem"><td>(\d+)</td>', page)
    assert problems == ["3", "5", "6", "7", "8", "9", "12"]
    # The admin speaks Danish to this editor.
    assert "Gentager linje 2" in page
    assert "Afmeldt" in page
    assert "linjeskift" in page
    assert Subscriber.objects.count() == len(people)  # dry run: nothing imported
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)

    response = admin_client.post(IMPORT, {"payload": payload})
    assert response.status_code == 302
    imported = Subscriber.objects.filter(email__in=["new1@example.dk", "new2@example.org", "carl@example.dk"])
    assert imported.count() == 3
    assert set(imported.values_list("status", flat=True)) == {"confirmed"}
    assert Subscriber.objects.get(email="new2@example.org").language == "en"
    record = ConsentRecord.objects.get(subscriber__email="new1@example.dk")
    assert record.action == "confirmed"
    assert "admin" in record.source and "Paper list, annual meeting 2021" in record.source
    assert Subscriber.objects.get(email="dora@example.dk").status == "unsubscribed"
    assert Subscriber.objects.get(email="eva@example.dk").status == "suppressed"


def test_import_refuses_a_changed_payload_and_a_file_without_email_column(admin_client):
    response = admin_client.post(IMPORT, {"payload": "forged"})
    assert response.status_code == 302 and response["Location"] == IMPORT
    assert not Subscriber.objects.exists()
    response = upload(admin_client, "name,phone\nAnna,123\n")
    assert response.status_code == 200
    assert "email" in response.content.decode()
    assert not Subscriber.objects.exists()
    response = upload(admin_client, "email\nx@example.dk\n", basis="")
    assert "Dette felt er påkrævet" in response.content.decode()


def test_import_needs_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(IMPORT).status_code in (302, 403)


def test_inspect_shows_the_consent_history(admin_client):
    from newsletter import subscriptions

    subscriptions.subscribe("frede@example.dk", "da", source_url="http://testserver/da/om/", ip="10.2.3.4")
    frede = Subscriber.objects.get()
    page = admin_client.get(f"{INDEX}inspect/{frede.pk}/").content.decode()
    assert "frede@example.dk" in page
    assert "http://testserver/da/om/" in page and "10.2.3.4" in page
    assert subscriptions.current_consent_text("da").text in page


def test_consent_wording_versions(admin_client):
    from newsletter import subscriptions
    from newsletter.models import ConsentText

    first = subscriptions.current_consent_text("da")
    response = admin_client.post(
        "/admin/newsletter_consent_texts/new/", {"language": "da", "text": "Ny ordlyd."}
    )
    assert response.status_code == 302
    newest = subscriptions.current_consent_text("da")
    assert (newest.version, newest.text) == (first.version + 1, "Ny ordlyd.")

    # Wording someone agreed to cannot be edited.
    subscriptions.subscribe("gerda@example.dk", "da")
    assert ConsentRecord.objects.get().consent_text == newest
    response = admin_client.post(
        f"/admin/newsletter_consent_texts/edit/{newest.pk}/", {"language": "da", "text": "Changed."}
    )
    assert response.status_code == 200
    newest.refresh_from_db()
    assert newest.text == "Ny ordlyd."
    assert ConsentText.objects.filter(language="da").count() == 2


def test_import_reads_a_danish_spreadsheet_export(admin_client):
    """Excel in Denmark writes semicolons and Windows-1252."""
    text = "Navn;E-mailadresse;Sprog\r\nSøren Ærø;soeren@example.dk;EN\r\nÅse;aase@example.dk;\r\n"
    response = admin_client.post(
        IMPORT,
        {"file": SimpleUploadedFile("liste.csv", text.encode("cp1252")), "basis": "Årsmødet 2021"},
    )
    page = response.content.decode()
    assert "import-problem" not in page
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    admin_client.post(IMPORT, {"payload": payload})
    assert dict(Subscriber.objects.values_list("email", "language")) == {
        "soeren@example.dk": "en",
        "aase@example.dk": "da",
    }


def test_import_refuses_a_file_too_large(admin_client):
    text = "email\n" + "x@example.dk\n" * 200_000
    response = upload(admin_client, text)
    assert response.status_code == 200
    assert "2 MB" in response.content.decode()
    assert not Subscriber.objects.exists()
