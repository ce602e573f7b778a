"""Uploads: a .pdf must be a PDF by content, office files what they claim, within the size
limit; a report only takes a real PDF. Scanned and encrypted PDFs still go in (flagged)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests import factories as f
from tests.factories import make_pdf

pytestmark = pytest.mark.django_db
Document = get_document_model()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(make_pdf("Hemmelig rapport", 1))).pages[0])
    writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF with a page but no text layer."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


@pytest.fixture
def admin_client(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw-not-used")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)
    client.user = user
    return client


def upload(client, name: str, data: bytes, title: str = "Upload"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


ACCEPTED = {
    "real.pdf": lambda: make_pdf("Kortlægning af Mols", 2),
    "scanned.pdf": scanned_pdf,
    "encrypted.pdf": encrypted_pdf,
    "notes.docx": docx,
    "table.csv": lambda: b"navn;by\nMols;Knebel\n",
}

REFUSED = {
    "html.pdf": (b"<html><script>alert(1)</script></html>", "not a PDF"),
    "empty.pdf": (b"", None),
    "header-only.pdf": (b"%PDF-1.7\n", "damaged"),
    "truncated.pdf": (make_pdf("Afbrudt", 3)[:600], "damaged"),
    "renamed.docx": (make_pdf("En PDF", 1), "name does not end in .pdf"),
    "fake.docx": (b"MZ\x90\x00 this is an executable", "not a valid .docx"),
    "binary.csv": (b"a,b\n\x00\x01\x02", "not a text CSV"),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_real_files_are_accepted(admin_client, name):
    response = upload(admin_client, name, ACCEPTED[name](), title=name)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Document.objects.filter(title=name).exists()


def test_scanned_and_encrypted_pdfs_are_flagged_not_refused(admin_client):
    upload(admin_client, "scanned.pdf", scanned_pdf(), title="scanned")
    upload(admin_client, "encrypted.pdf", encrypted_pdf(), title="encrypted")
    for title in ("scanned", "encrypted"):
        document = Document.objects.get(title=title)
        assert document.extraction_status == Document.Extraction.FAILED, title
        assert document.extraction_message


@pytest.mark.parametrize("name", REFUSED)
def test_files_that_are_not_what_they_claim_are_refused(admin_client, name):
    data, message = REFUSED[name]
    response = upload(admin_client, name, data, title=name)
    assert response.status_code == 200  # the form again, with the reason
    page = response.content.decode()
    if message:
        assert message in page, page[-3000:]
    assert not Document.objects.filter(title=name).exists()


def test_size_limit(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    data = make_pdf("Stor rapport " * 2000, 20)
    assert len(data) > 10_000
    response = upload(admin_client, "big.pdf", data, title="big")
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.filter(title="big").exists()


def test_multiple_upload_refuses_a_fake_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is False
    assert "not a PDF" in body["error_message"]
    assert not Document.objects.filter(title="fake").exists()


def test_chooser_upload_refuses_a_fake_pdf(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "fake",
            "document-chooser-upload-file": SimpleUploadedFile("fake.pdf", b"GIF89a not a pdf"),
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert "not a PDF" in response.content.decode()
    assert not Document.objects.filter(title="fake").exists()


def report_form(document, **extra) -> dict:
    return nested_form_data(
        {
            "title": "Ny rapport",
            "slug": "ny-rapport",
            "report_type": "evaluering",
            "year": 2020,
            "summary": rich_text("<p>Resumé.</p>"),
            "document": document.pk,
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_a_report_takes_only_a_real_pdf(admin_client, home):
    report_index = f.ReportIndexPageFactory(parent=home)
    add_url = reverse("wagtailadmin_pages:add", args=["cases", "reportpage", report_index.pk])
    csv = f.DocumentFactory(title="Regneark", file=SimpleUploadedFile("tal.csv", b"navn;by\nMols;Knebel\n"))
    response = admin_client.post(add_url, report_form(csv))
    assert response.status_code == 200
    assert "is not a readable PDF" in response.content.decode()

    pdf = f.DocumentFactory(title="Evaluering")
    response = admin_client.post(add_url, report_form(pdf))
    assert response.status_code == 302, response.content.decode()[-3000:]
    from cases.models import ReportPage

    assert ReportPage.objects.get(slug="ny-rapport").document == pdf
