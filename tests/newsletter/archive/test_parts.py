"""The archive's cluster packages and newsletter editions (newsletter/archive/parts.py).

Packages hold exactly each cluster's live public reports, byte for byte the same as the
live site's zip; editions are the sent ones only, with no subscriber data in them.
"""

from __future__ import annotations

import datetime
import hashlib
import zipfile
from pathlib import Path

import pytest

from cases.models import ClusterPage, ReportPage
from cases.services import cluster_zip_bytes, report_filename
from newsletter.archive.parts import write_cluster_packages, write_newsletter_editions
from newsletter.delivery import Delivery, Send
from newsletter.models import Subscriber
from newsletter.subscriber_links import my_data_url, unsubscribe_url
from tests import factories as f
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory, subscribers


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def expected_reports(cluster: ClusterPage) -> set[int]:
    """From the database directly: live reports of this cluster in its language (every
    report in the test tree exists in Danish), public, with a document."""
    reports = (
        ReportPage.objects.live()
        .public()
        .filter(cluster=cluster, locale=cluster.locale, document__isnull=False)
    )
    return {report.pk for report in reports if not report.document.collection.get_view_restrictions()}


# Cluster packages -----------------------------------------------------------------------


def test_each_cluster_package_holds_exactly_its_reports(tmp_path, hub_tree, private_collection):
    da = hub_tree.da
    # Noise that must stay out: a draft-only report, an unpublished one, one in a private
    # collection, and one belonging to another cluster.
    draft = f.ReportPageFactory(parent=da.report_index, title="Kladde Mols", cluster=da.mols, live=False)
    gone = f.ReportPageFactory(parent=da.report_index, title="Trukket tilbage", cluster=da.mols)
    gone.unpublish()
    hidden = f.ReportPageFactory(
        parent=da.report_index,
        title="Intern Mols",
        cluster=da.mols,
        document=f.DocumentFactory(title="Intern Mols", collection=private_collection),
    )

    files = write_cluster_packages(tmp_path)

    by_path = {entry.path: entry for entry in files}
    assert set(by_path) == {"clusters/mols-i-udvikling.zip", "clusters/landet-paa-midtfyn.zip"}
    assert not (tmp_path / "clusters/klyngen-ved-lemvig.zip").exists()  # no reports, no package
    for cluster in (da.mols, da.midtfyn):
        entry = by_path[f"clusters/{cluster.slug}.zip"]
        assert entry.cluster == cluster.slug and entry.page_id == cluster.pk and entry.language == "da"
        assert entry.content_type == "application/zip" and entry.url.endswith("/rapporter.zip")
        members = zip_members(tmp_path / entry.path)
        reports = ReportPage.objects.filter(pk__in=expected_reports(cluster)).select_related("document")
        pdfs = {report_filename(report): report.document for report in reports}
        assert set(members) == {"README.txt", "SHA256SUMS", *pdfs}
        for name, document in pdfs.items():
            with document.open_file() as handle:
                assert members[name] == handle.read()
        sums = dict(line.split("  ")[::-1] for line in members["SHA256SUMS"].decode().splitlines())
        assert sums == {name: hashlib.sha256(members[name]).hexdigest() for name in [*pdfs, "README.txt"]}
        # Entries are dated by their content, not by a fixed day.
        with zipfile.ZipFile(tmp_path / entry.path) as archive:
            stamps = {info.filename: info.date_time for info in archive.infolist()}
        for name, document in pdfs.items():
            report = next(r for r in reports if report_filename(r) == name)
            when = max(d for d in (report.last_published_at, document.created_at) if d).astimezone(
                datetime.UTC
            )
            assert stamps[name][:3] == (when.year, when.month, when.day), name
        assert stamps["README.txt"] == stamps["SHA256SUMS"] == max(stamps.values())
        readme = members["README.txt"].decode()
        assert cluster.title in readme
        assert all(report.title in readme for report in reports)
        # The same bytes as the live site's download
        assert (tmp_path / entry.path).read_bytes() == cluster_zip_bytes(cluster)
    mols = zip_members(tmp_path / "clusters/mols-i-udvikling.zip")
    for excluded in (draft, gone, hidden):
        assert report_filename(excluded) not in mols
        assert excluded.title not in mols["README.txt"].decode()
    assert report_filename(da.midtfyn_evaluation) not in mols


def test_cluster_packages_are_deterministic(tmp_path, hub_tree):
    write_cluster_packages(tmp_path / "one")
    write_cluster_packages(tmp_path / "two")
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    assert tree_bytes(tmp_path / "one")


def test_a_private_cluster_gets_no_package(tmp_path, hub_tree):
    from wagtail.models import PageViewRestriction

    for page in (hub_tree.da.mols, hub_tree.en.mols):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    paths = {entry.path for entry in write_cluster_packages(tmp_path)}
    assert paths == {"clusters/landet-paa-midtfyn.zip"}


def test_an_expired_cluster_gets_no_package(tmp_path, hub_tree):
    """Past its expiry a cluster is gone for readers (hub.visibility), even while Wagtail
    still has it live because publish_scheduled has not run."""
    expired = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    ClusterPage.objects.filter(pk__in=[hub_tree.da.mols.pk, hub_tree.en.mols.pk]).update(expire_at=expired)
    assert ClusterPage.objects.get(pk=hub_tree.da.mols.pk).live
    paths = {entry.path for entry in write_cluster_packages(tmp_path)}
    assert paths == {"clusters/landet-paa-midtfyn.zip"}


# Newsletter editions --------------------------------------------------------------------


def deliver(edition, people, status=Delivery.Status.SENT, page=None):
    send, _ = Send.objects.get_or_create(
        translation_key=edition.translation_key, defaults={"edition": edition}
    )
    Delivery.objects.bulk_create(
        Delivery(send=send, subscriber=person, page=page or edition, status=status) for person in people
    )
    return send


@pytest.fixture
def editions(hub_tree):
    index = NewsletterIndexPageFactory(parent=hub_tree.da.home)
    f.translate(index, title="Newsletter", slug="newsletter")
    sent = NewsletterEditionPageFactory(
        parent=index, title="Sendt nyhedsbrev", slug="sendt", date=datetime.date(2022, 6, 1)
    )
    sent_en = f.translate(sent, title="Sent newsletter", slug="sent")
    only_queued = NewsletterEditionPageFactory(
        parent=index, title="Kun i kø", slug="i-koe", date=datetime.date(2022, 9, 1)
    )
    never = NewsletterEditionPageFactory(parent=index, title="Aldrig sendt", slug="aldrig")
    withdrawn = NewsletterEditionPageFactory(parent=index, title="Trukket tilbage", slug="trukket")
    danes, english = subscribers(3), subscribers(2, language="en")
    failed = subscribers(1, prefix="fejlet")
    deliver(sent, danes)
    deliver(sent, english, page=sent_en)
    deliver(sent, failed, status=Delivery.Status.FAILED)
    deliver(only_queued, danes, status=Delivery.Status.QUEUED)
    deliver(withdrawn, danes)
    withdrawn.unpublish()
    return {"sent": sent, "sent_en": sent_en, "queued": only_queued, "never": never, "withdrawn": withdrawn}


def test_only_sent_live_editions_are_written(tmp_path, editions):
    files = write_newsletter_editions(tmp_path)

    paths = {entry.path for entry in files}
    assert paths == {
        "newsletter/da/2022-06-01-sendt.html",
        "newsletter/da/2022-06-01-sendt.txt",
        "newsletter/en/2022-06-01-sent.html",
        "newsletter/en/2022-06-01-sent.txt",
        "newsletter/index.html",
    }
    assert set(tree_bytes(tmp_path)) == paths
    entry = next(e for e in files if e.path == "newsletter/en/2022-06-01-sent.html")
    assert entry.page_id == editions["sent_en"].pk and entry.language == "en"
    assert entry.published == "2022-06-01" and entry.url == editions["sent_en"].full_url
    everything = "\n".join(data.decode() for data in tree_bytes(tmp_path).values())
    for name in ("queued", "never", "withdrawn"):
        assert editions[name].title not in everything
    html = (tmp_path / "newsletter/da/2022-06-01-sendt.html").read_text()
    text = (tmp_path / "newsletter/da/2022-06-01-sendt.txt").read_text()
    assert "Sendt nyhedsbrev" in html and "Landsbyer står stærkere" in html
    assert "Sendt nyhedsbrev" in text and "mere (https://www.dgi.dk)" in text
    assert "arkiverede" in html and "arkiverede" in text  # the neutral note, in Danish
    assert "archived copy" in (tmp_path / "newsletter/en/2022-06-01-sent.txt").read_text()
    index = (tmp_path / "newsletter/index.html").read_text()
    assert 'href="da/2022-06-01-sendt.html"' in index and 'href="en/2022-06-01-sent.txt"' in index


def test_no_subscriber_data_in_the_editions(tmp_path, editions):
    write_newsletter_editions(tmp_path)
    everything = "\n".join(data.decode() for data in tree_bytes(tmp_path).values())
    people = list(Subscriber.objects.all())
    assert len(people) == 6
    for person in people:
        assert person.email not in everything
        assert person.token not in everything
        assert unsubscribe_url(person) not in everything
        assert my_data_url(person).rstrip("/").rsplit("/", 1)[-1] not in everything
    for word in ("__NEWSLETTER", "placeholder.invalid", "preview@example", "unsubscribe", "afmeld"):
        assert word not in everything.lower(), word
    assert "/newsletter/my-data/" not in everything and "/nyhedsbrev/mine-data/" not in everything


def test_editions_are_deterministic(tmp_path, editions):
    write_newsletter_editions(tmp_path / "one")
    write_newsletter_editions(tmp_path / "two")
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_no_sent_edition_still_writes_the_folder_readme_describes(tmp_path, hub_tree):
    files = write_newsletter_editions(tmp_path)
    assert [file.path for file in files] == ["newsletter/index.html"]
    index = (tmp_path / "newsletter/index.html").read_text()
    assert "Intet nyhedsbrev blev sendt" in index and "<ul>" not in index
