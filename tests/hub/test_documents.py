"""The document model's analysis: checksum, page count and text, and bad PDFs flagged."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter

from hub.documents import analyse_document
from hub.models import HubDocument
from tests import factories as f

Status = HubDocument.Extraction


def stored_bytes(document) -> bytes:
    with document.open_file() as handle:
        return handle.read()


def encrypted_pdf(text: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(f.make_pdf(text))))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def document_with(data: bytes, name: str = "fil.pdf") -> HubDocument:
    return f.DocumentFactory(title=name, file=ContentFile(data, name=name))


@pytest.mark.django_db
def test_new_pdf_is_analysed_on_upload():
    document = f.DocumentFactory(
        title="Kortlægning af Thy", text="Kortlægning af Thy. Søhøjlandet og æbler.", pages=3
    )
    document.refresh_from_db()
    assert document.extraction_status == Status.DONE
    assert document.page_count == 3
    assert document.sha256 == hashlib.sha256(stored_bytes(document)).hexdigest()
    assert "Kortlægning af Thy" in document.extracted_text
    assert "Søhøjlandet" in document.extracted_text
    assert document.extraction_message == ""


@pytest.mark.django_db
def test_analyse_document_fills_the_fields():
    document = f.DocumentFactory(title="Strategiplan", text="Strategiplan for klyngen ved Skjern.", pages=2)
    HubDocument.objects.filter(pk=document.pk).update(
        sha256="", page_count=None, extracted_text="", extraction_status=Status.PENDING
    )
    document.refresh_from_db()

    analyse_document(document)

    document.refresh_from_db()
    assert document.extraction_status == Status.DONE
    assert document.page_count == 2
    assert "klyngen ved Skjern" in document.extracted_text
    assert document.sha256 == hashlib.sha256(stored_bytes(document)).hexdigest()


@pytest.mark.django_db
def test_replacing_the_file_reanalyses_it():
    document = f.DocumentFactory(title="Udkast", text="Første udgave.", pages=1)
    document.file = ContentFile(f.make_pdf("Anden udgave med flere sider.", 4), name="anden.pdf")
    document.save()
    document.refresh_from_db()
    assert document.page_count == 4
    assert "Anden udgave" in document.extracted_text
    assert "Første udgave" not in document.extracted_text
    assert document.sha256 == hashlib.sha256(stored_bytes(document)).hexdigest()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a pdf\n%%EOF",
        b"",
        b"\x00\xff" * 100,
    ],
    ids=["garbage", "empty", "binary"],
)
def test_broken_pdf_is_flagged_not_raised(data):
    document = document_with(data, "oedelagt.pdf")
    document.refresh_from_db()
    assert document.extraction_status == Status.FAILED
    assert document.extraction_message
    assert document.page_count is None
    assert document.extracted_text == ""
    # calling it again directly never raises either
    analyse_document(document)
    assert document.extraction_status == Status.FAILED


@pytest.mark.django_db
def test_truncated_pdf_never_raises():
    whole = f.make_pdf("En rapport der bliver skåret over.", 3)
    document = document_with(whole[: len(whole) // 2], "halv.pdf")
    document.refresh_from_db()
    assert document.extraction_status in (Status.DONE, Status.FAILED)
    assert document.sha256 == hashlib.sha256(whole[: len(whole) // 2]).hexdigest()


@pytest.mark.django_db
def test_encrypted_pdf_is_flagged():
    document = document_with(encrypted_pdf("Fortroligt referat fra styregruppen."), "krypteret.pdf")
    document.refresh_from_db()
    assert document.extraction_status == Status.FAILED
    assert document.extraction_message
    assert "Fortroligt" not in document.extracted_text
    assert len(document.sha256) == 64


@pytest.mark.django_db
def test_other_files_are_not_pdfs():
    document = document_with(b"kommune;klynger\nSyddjurs;1\n", "tal.csv")
    document.refresh_from_db()
    assert document.extraction_status == Status.NOT_PDF
    assert document.page_count is None
    assert document.sha256 == hashlib.sha256(stored_bytes(document)).hexdigest()


@pytest.mark.django_db
def test_missing_file_is_flagged_not_raised():
    document = f.DocumentFactory(title="Forsvundet")
    document.file.storage.delete(document.file.name)
    analyse_document(document)
    assert document.extraction_status == Status.FAILED
    assert document.extraction_message


@pytest.mark.django_db
def test_report_page_count_comes_from_the_pdf(home):
    index = f.ReportIndexPageFactory(parent=home)
    document = f.DocumentFactory(title="Evaluering", pages=5)
    report = f.ReportPageFactory(parent=index, document=document, page_count=None)
    report.document.refresh_from_db()
    assert report.pages == 5
    report.page_count = 7  # the editor's figure wins
    assert report.pages == 7
