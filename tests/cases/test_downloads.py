"""Report downloads and the per-cluster zip of all its reports."""

import hashlib
import io
import zipfile
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile

from cases.models import ReportPage
from cases.services import cluster_zip_bytes, report_filename
from tests import factories as f


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def file_bytes(document) -> bytes:
    with document.open_file() as handle:
        return handle.read()


def get_zip(client, cluster):
    response = client.get(cluster.url + "rapporter.zip")
    assert response.status_code == 200, f"{cluster.url}rapporter.zip: {response.status_code}"
    return response, body(response)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert len(names) == len(set(names)), f"duplicate names in the zip: {names}"
        return {name: archive.read(name) for name in names}


def pdf_names(reports) -> set[str]:
    return {report_filename(report) for report in reports}


# Single reports --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_report_download_serves_the_pdf(client, hub_tree, language):
    report = getattr(hub_tree, language).mols_mapping
    document = report.document
    assert report.download_url == document.url

    response = client.get(report.download_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert document.filename in response["Content-Disposition"]
    assert document.filename.endswith(".pdf")
    data = body(response)
    assert data.startswith(b"%PDF-")
    assert data == file_bytes(document)


def test_danish_file_name_survives_the_download(client, hub_tree):
    document = f.DocumentFactory(
        title="Kortlægning Søhøjlandet",
        file=ContentFile(f.make_pdf("Søhøjlandet"), name="kortlægning-søhøjlandet.pdf"),
    )
    assert document.filename == "kortlægning-søhøjlandet.pdf"
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert f"filename*=UTF-8''{quote(document.filename)}" in disposition, disposition
    assert 'filename="' in disposition  # an ASCII fallback for old clients
    assert body(response) == file_bytes(document)


def test_report_in_a_private_collection_is_not_served_to_the_public(client, hub_tree, private_collection):
    document = f.DocumentFactory(title="Intern evaluering", collection=private_collection)
    report = f.ReportPageFactory(parent=hub_tree.da.report_index, cluster=hub_tree.da.mols, document=document)
    response = client.get(report.download_url)
    assert response.status_code != 200 or not body(response).startswith(b"%PDF")


# The cluster zip ------------------------------------------------------------------


def test_cluster_zip_holds_exactly_its_reports(client, hub_tree):
    da = hub_tree.da
    response, data = get_zip(client, da.mols)

    assert response["Content-Type"] == "application/zip"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "mols-i-udvikling" in disposition and ".zip" in disposition

    files = members(data)
    reports = [da.mols_mapping, da.mols_strategy]
    assert set(files) == {"README.txt", "SHA256SUMS"} | pdf_names(reports)
    for report in reports:
        assert files[report_filename(report)] == file_bytes(report.document)


def test_cluster_zip_checksums_match(client, hub_tree):
    _, data = get_zip(client, hub_tree.da.mols)
    files = members(data)
    listed = {}
    for line in files["SHA256SUMS"].decode().splitlines():
        checksum, name = line.split("  ", 1)
        listed[name] = checksum
    pdfs = {name for name in files if name.endswith(".pdf")}
    assert set(listed) == pdfs | {"README.txt"}  # the README's checksum too
    for name, checksum in listed.items():
        assert checksum == hashlib.sha256(files[name]).hexdigest(), name


def test_cluster_zip_readme_describes_the_reports(client, hub_tree):
    da = hub_tree.da
    _, data = get_zip(client, da.mols)
    readme = members(data)["README.txt"].decode()
    assert da.mols.title in readme
    assert "Syddjurs" in readme
    for report in (da.mols_mapping, da.mols_strategy):
        assert report.title in readme
        assert report_filename(report) in readme
    for report in (da.midtfyn_evaluation, da.national_evaluation):
        assert report.title not in readme


def test_english_cluster_zip_uses_english_reports_and_falls_back_to_danish(client, hub_tree):
    da, en = hub_tree.da, hub_tree.en
    _, data = get_zip(client, en.mols)
    files = members(data)
    # mapping is translated, the strategy plan is Danish only: both documents, once each
    assert set(files) == {"README.txt", "SHA256SUMS"} | pdf_names([da.mols_mapping, da.mols_strategy])
    readme = files["README.txt"].decode()
    assert en.mols_mapping.title in readme
    assert da.mols_mapping.title not in readme
    assert da.mols_strategy.title in readme


def test_each_cluster_gets_only_its_own(client, hub_tree):
    da = hub_tree.da
    _, data = get_zip(client, da.midtfyn)
    assert set(members(data)) == {"README.txt", "SHA256SUMS"} | pdf_names([da.midtfyn_evaluation])


@pytest.mark.parametrize("language", ["da", "en"])
def test_cluster_without_reports_gives_404(client, hub_tree, language):
    cluster = getattr(hub_tree, language).lemvig
    assert client.get(cluster.url + "rapporter.zip").status_code == 404


def test_unpublished_report_is_not_in_the_zip(client, hub_tree):
    da = hub_tree.da
    draft = f.ReportPageFactory(
        parent=da.report_index, cluster=da.mols, title="Kladde til udviklingsplan", live=False
    )
    strategy = ReportPage.objects.get(pk=da.mols_strategy.pk)
    strategy.unpublish()

    _, data = get_zip(client, da.mols)
    files = members(data)
    assert set(files) == {"README.txt", "SHA256SUMS"} | pdf_names([da.mols_mapping])
    assert report_filename(draft) not in files
    assert draft.title not in files["README.txt"].decode()


def test_cluster_whose_only_report_is_unpublished_gives_404(client, hub_tree):
    ReportPage.objects.get(pk=hub_tree.da.midtfyn_evaluation.pk).unpublish()
    assert client.get(hub_tree.da.midtfyn.url + "rapporter.zip").status_code == 404


def test_private_document_is_not_in_the_zip(client, hub_tree, private_collection):
    da = hub_tree.da
    document = f.DocumentFactory(title="Intern kortlægning", collection=private_collection)
    private = f.ReportPageFactory(parent=da.report_index, cluster=da.mols, document=document, title="Intern")

    _, data = get_zip(client, da.mols)
    files = members(data)
    assert report_filename(private) not in files
    assert set(files) == {"README.txt", "SHA256SUMS"} | pdf_names([da.mols_mapping, da.mols_strategy])
    assert document.filename not in files["SHA256SUMS"].decode()


def test_report_in_a_private_subcollection_is_not_in_the_zip(client, hub_tree, private_collection):
    da = hub_tree.da
    child = private_collection.add_child(name="Underudvalg")
    document = f.DocumentFactory(title="Referat", collection=child)
    f.ReportPageFactory(parent=da.report_index, cluster=da.midtfyn, document=document, title="Referat")
    _, data = get_zip(client, da.midtfyn)
    assert set(members(data)) == {"README.txt", "SHA256SUMS"} | pdf_names([da.midtfyn_evaluation])


def test_zip_is_the_same_bytes_every_time(client, hub_tree):
    _, first = get_zip(client, hub_tree.da.mols)
    _, second = get_zip(client, hub_tree.da.mols)
    assert first == second
    # the archive export builds the cluster package with the same service
    assert cluster_zip_bytes(hub_tree.da.mols) == first


def test_zip_changes_when_a_report_is_added(client, hub_tree):
    da = hub_tree.da
    _, before = get_zip(client, da.midtfyn)
    new = f.ReportPageFactory(parent=da.report_index, cluster=da.midtfyn, title="Strategiplan for Midtfyn")
    _, after = get_zip(client, da.midtfyn)
    assert before != after
    assert report_filename(new) in members(after)


@pytest.mark.parametrize("name", ["report_index", "mols_mapping", "home"])
def test_zip_route_only_on_cluster_pages(client, hub_tree, name):
    page = getattr(hub_tree.da, name)
    assert client.get(page.url + "rapporter.zip").status_code == 404


def test_zip_route_unknown_path_gives_404(client, hub_tree):
    assert client.get("/da/klynger/findes-ikke/rapporter.zip").status_code == 404
    assert client.get("/en/clusters/findes-ikke/rapporter.zip").status_code == 404


def test_zip_of_a_private_cluster_page_is_not_served(client, hub_tree):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=hub_tree.da.mols, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(hub_tree.da.mols.url + "rapporter.zip")
    assert response.status_code in (302, 403, 404), response.status_code
    assert response.get("Content-Type") != "application/zip"


def test_two_reports_sharing_one_pdf_give_one_file(client, hub_tree):
    da = hub_tree.da
    shared = da.midtfyn_evaluation.document
    second = f.ReportPageFactory(
        parent=da.report_index, cluster=da.midtfyn, document=shared, title="Udviklingsplan for Midtfyn"
    )
    _, data = get_zip(client, da.midtfyn)
    files = members(data)  # fails on duplicate names
    assert set(files) == {"README.txt", "SHA256SUMS"} | pdf_names([da.midtfyn_evaluation])
    assert len(files["SHA256SUMS"].decode().splitlines()) == 2  # the PDF once, and the README
    assert second.title in files["README.txt"].decode()


# The built zip (cases.services.built_cluster_zip) ---------------------------------


@pytest.fixture
def zip_dir(settings, tmp_path):
    settings.HUB_ZIP_CACHE_DIR = tmp_path / "cluster-zips"
    return settings.HUB_ZIP_CACHE_DIR


def built_zips(folder) -> list[str]:
    return sorted(path.name for path in folder.glob("*.zip"))


def test_zip_is_built_once_and_served_as_a_file(client, hub_tree, zip_dir, monkeypatch):
    from cases import services

    cluster = hub_tree.da.mols
    response, first = get_zip(client, cluster)
    assert built_zips(zip_dir) == [
        f"{cluster.pk}-{services.cluster_zip_fingerprint(cluster, cluster.reports())}.zip"
    ]
    assert response["Content-Length"] == str(len(first)), "a file on disk, sent with its length"
    assert first == cluster_zip_bytes(cluster), "the same bytes as building it in memory (the archive's zip)"

    def no_rebuild(*args, **kwargs):
        raise AssertionError("a built zip is not built again")

    monkeypatch.setattr(services, "cluster_readme", no_rebuild)
    _, second = get_zip(client, cluster)
    assert second == first


def test_replaced_pdf_gives_a_new_zip(client, hub_tree, zip_dir):
    da = hub_tree.da
    _, before = get_zip(client, da.midtfyn)
    document = da.midtfyn_evaluation.document
    document.file.save("evaluering-midtfyn-v2.pdf", ContentFile(f.make_pdf("Evaluering, ny udgave")))
    document.save()

    _, after = get_zip(client, da.midtfyn)
    assert after != before
    assert members(after)["evaluering-midtfyn-v2.pdf"] == file_bytes(document)
    assert len(built_zips(zip_dir)) == 1, "the cluster's older zip is removed"


def test_unpublished_report_leaves_the_built_zip(client, hub_tree, zip_dir):
    da = hub_tree.da
    get_zip(client, da.mols)
    ReportPage.objects.get(pk=da.mols_strategy.pk).unpublish()
    _, data = get_zip(client, da.mols)
    assert set(members(data)) == {"README.txt", "SHA256SUMS"} | pdf_names([da.mols_mapping])


def test_retitled_report_changes_the_built_readme(client, hub_tree, zip_dir):
    da = hub_tree.da
    get_zip(client, da.midtfyn)
    report = ReportPage.objects.get(pk=da.midtfyn_evaluation.pk)
    report.title = "Midtvejsevaluering af Midtfyn"
    report.save_revision().publish()
    _, data = get_zip(client, da.midtfyn)
    assert "Midtvejsevaluering af Midtfyn" in members(data)["README.txt"].decode()


# Downloads and the whole-page cache -----------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.HUB_PAGE_CACHE_SECONDS = 300


def zip_queries(client, cluster) -> tuple[bytes, int]:
    data, queries, _ = zip_download(client, cluster)
    return data, queries


def zip_download(client, cluster) -> tuple[bytes, int, dict[str, str]]:
    """The zip's bytes, the queries it took and the headers that name it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response, data = get_zip(client, cluster)
    headers = {name: response[name] for name in ("Content-Type", "Content-Disposition", "Content-Length")}
    return data, len(captured.captured_queries), headers


def test_anonymous_zip_comes_from_the_page_cache(client, hub_tree, zip_dir, page_cache):
    cluster = hub_tree.da.mols
    first, _, first_headers = zip_download(client, cluster)
    second, queries, second_headers = zip_download(client, cluster)
    assert second == first
    assert queries == 0, "a cached zip needs no query: the cached entry names the built file"
    # The download keeps its name: the cluster's, not the built file's hash.
    assert second_headers == first_headers
    assert first_headers["Content-Disposition"].startswith("attachment;")
    assert cluster.slug in first_headers["Content-Disposition"]


def test_cached_zip_is_rebuilt_when_its_file_is_gone(client, hub_tree, zip_dir, page_cache):
    cluster = hub_tree.da.mols
    first, _ = zip_queries(client, cluster)
    for path in zip_dir.glob("*.zip"):
        path.unlink()
    again, queries = zip_queries(client, cluster)
    assert again == first and queries > 0


def test_cached_zip_follows_a_collection_made_private(client, hub_tree, zip_dir, page_cache):
    from wagtail.models import CollectionViewRestriction

    da = hub_tree.da
    get_zip(client, da.midtfyn)
    get_zip(client, da.midtfyn)
    CollectionViewRestriction.objects.create(
        collection=da.midtfyn_evaluation.document.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert client.get(da.midtfyn.url + "rapporter.zip").status_code == 404, "its only report is now private"


def test_cached_zip_follows_a_cluster_page_made_private(client, hub_tree, zip_dir, page_cache):
    from wagtail.models import PageViewRestriction

    cluster = hub_tree.da.mols
    get_zip(client, cluster)
    get_zip(client, cluster)
    PageViewRestriction.objects.create(page=cluster, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(cluster.url + "rapporter.zip")
    assert response.get("Content-Type") != "application/zip"


def test_pdf_download_is_a_file_response_with_its_headers(client, hub_tree, page_cache):
    """PDFs go through Wagtail's serve view (privacy checks), sent as a file, not cached whole."""
    from django.http import FileResponse

    document = hub_tree.da.mols_mapping.document
    for _ in range(2):
        response = client.get(document.url)
        assert isinstance(response, FileResponse)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Length"] == str(document.file.size)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert body(response) == file_bytes(document)
