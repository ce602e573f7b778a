"""A PDF's first page as a thumbnail: made once when the document is analysed, as a
Wagtail image, and exactly as public as the PDF (hub/thumbnails.py, hub/signals.py)."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.models import CollectionViewRestriction

from hub.models import HubDocument, HubImage
from hub.thumbnails import WIDTH
from tests import factories as f

pytestmark = pytest.mark.django_db


def fresh(document) -> HubDocument:
    return HubDocument.objects.select_related("thumbnail").get(pk=document.pk)


def test_a_public_pdf_gets_a_picture_of_its_first_page(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = fresh(f.DocumentFactory(title="Strategiplan"))
    image = document.thumbnail
    assert image is not None and image.collection_id == document.collection_id
    with image.open_file() as handle:
        picture = Image.open(io.BytesIO(handle.read()))
        assert picture.format == "PNG" and picture.width == WIDTH
        # An A4 page: taller than wide, mostly white with the text's dark pixels.
        assert 1.35 < picture.height / picture.width < 1.45
        colours = sorted(picture.convert("L").getcolors(maxcolors=1 << 16))
        assert colours[-1][1] > 240 and min(value for _, value in colours) < 100
    rendition = image.get_rendition("width-160")
    assert rendition.width == 160


def test_a_pdf_in_a_private_collection_gets_none(django_capture_on_commit_callbacks):
    private = f.CollectionFactory(name="Interne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        document = fresh(f.DocumentFactory(collection=private))
    assert document.extraction_status == HubDocument.Extraction.DONE
    assert document.thumbnail is None
    assert not HubImage.objects.exists()


def test_making_a_collection_private_removes_the_thumbnails_and_public_again_brings_them_back(
    django_capture_on_commit_callbacks,
):
    collection = f.CollectionFactory(name="Rapporter")
    with django_capture_on_commit_callbacks(execute=True):
        document = fresh(f.DocumentFactory(collection=collection))
    image = document.thumbnail
    storage, name = image.file.storage, image.file.name
    rendition_name = image.get_rendition("width-160").file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="password", password="x"
        )
    assert fresh(document).thumbnail is None
    assert not HubImage.objects.filter(pk=image.pk).exists()
    assert not storage.exists(name) and not storage.exists(rendition_name), "no file left to guess"

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert fresh(document).thumbnail is not None


def test_moving_a_document_into_a_private_collection_removes_its_thumbnail(
    django_capture_on_commit_callbacks,
):
    private = f.CollectionFactory(name="Interne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        document = fresh(f.DocumentFactory())
    assert document.thumbnail is not None
    document.collection = private
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert fresh(document).thumbnail is None and not HubImage.objects.exists()


def test_not_a_pdf_and_a_damaged_pdf_get_none_and_a_deleted_document_takes_its_thumbnail_along(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        text = fresh(f.DocumentFactory(file=ContentFile(b"navn;by\nMols;Knebel\n", name="liste.csv")))
        damaged = fresh(f.DocumentFactory(file=ContentFile(b"%PDF-1.4\n%broken", name="brudt.pdf")))
        good = fresh(f.DocumentFactory())
    assert text.thumbnail is None and damaged.thumbnail is None
    assert damaged.extraction_status == HubDocument.Extraction.FAILED
    image_pk = good.thumbnail_id
    with django_capture_on_commit_callbacks(execute=True):
        good.delete()
    assert not HubImage.objects.filter(pk=image_pk).exists()


def test_report_rows_and_pages_show_the_thumbnail_of_a_public_pdf(client, hub_tree):
    da = hub_tree.da
    html = client.get(da.mols.url).content.decode()
    assert html.count('class="report-row__thumb"') == 2
    assert 'class="download__thumb"' in client.get(da.mols_mapping.url).content.decode()
