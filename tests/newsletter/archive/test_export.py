"""The final archive (newsletter/archive/export.py), exported once per module from a small
two-language tree with private, draft, expired and unpublished content beside it."""

from __future__ import annotations

import csv
import datetime
import gzip
import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest
from django.utils import translation
from wagtail.models import Page
from warcio.archiveiterator import ArchiveIterator

from cases.models import ReportPage
from newsletter.archive import export as export_module
from newsletter.archive.export import ArchiveError, export_archive
from newsletter.archive.paths import local_path
from newsletter.archive.verify import check_page_links, verify_archive
from tests.newsletter.archive.conftest import LISTING_PAGE_SIZE, SECRETS, payload_files

# Every test here is a database test, so pytest-django keeps the module together, before
# the transactional (live-server) tests that empty the database.
pytestmark = pytest.mark.django_db


def warc_records(folder: Path) -> list:
    records = []
    with (folder / "data/web-archive/landsbyklynger.warc.gz").open("rb") as handle:
        for record in ArchiveIterator(handle):
            body = record.content_stream().read()
            records.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), body))
    return records


def warc_response_records(folder: Path) -> list:
    """(url, WARC headers, payload) of every response record."""
    records = []
    with (folder / "data/web-archive/landsbyklynger.warc.gz").open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                url = record.rec_headers.get_header("WARC-Target-URI")
                records.append((url, record.rec_headers, record.content_stream().read()))
    return records


def all_text(folder: Path) -> str:
    """Every byte of the archive as text: zips and gzip files (WARC, Pagefind) opened."""
    chunks = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        elif data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        chunks.append(data.decode("utf-8", errors="replace"))
    return "\n".join(chunks)


def public_pages():
    return [
        page for page in Page.objects.live().public().filter(depth__gt=1).specific() if page.expire_at is None
    ]


def test_every_live_page_in_both_languages_is_in_the_static_copy_and_the_warc(exported, db):
    folder = exported.path
    urls = {url for kind, url, _body in warc_records(folder) if kind == "response"}
    languages = set()
    for page in public_pages():
        path = page.get_url_parts()[2]
        assert (folder / "data/site" / local_path(path)).is_file(), path
        assert any(urlsplit(url).path == path for url in urls), path
        languages.add(page.locale.language_code)
    assert languages == {"da", "en"}
    assert exported.pages == len(public_pages())


def test_every_public_report_document_is_there_byte_for_byte(exported, db):
    reports = ReportPage.objects.live().public().filter(document__isnull=False).select_related("document")
    assert reports
    files = payload_files(exported.path)
    for report in reports:
        document = report.document
        if document.collection.get_view_restrictions().exists():
            continue
        name = f"site/documents/{document.pk}/{document.file.name.rsplit('/', 1)[-1]}"
        with document.open_file() as handle:
            assert files[name].read_bytes() == handle.read()


def test_nothing_excluded_leaks_anywhere(exported, archive_content, db):
    everything = all_text(exported.path)
    for label, secret in SECRETS.items():
        assert secret not in everything, label
    excluded = archive_content.excluded
    for page in (
        excluded.private,
        excluded.private_child,
        excluded.draft,
        excluded.expired,
        excluded.unpublished,
    ):
        assert f"/{page.slug}/" not in everything, page.slug
    assert f"/documents/{excluded.document.pk}/" not in everything

    with (exported.path / "data/metadata/excluded.csv").open() as handle:
        rows = {(row["kind"], int(row["id"])): row["reason"] for row in csv.DictReader(handle)}
    assert rows[("page", excluded.private.pk)] == "private"
    assert rows[("page", excluded.private_child.pk)] == "private"
    assert rows[("page", excluded.draft.pk)] == "draft"
    assert rows[("page", excluded.expired.pk)] == "expired"
    assert rows[("page", excluded.unpublished.pk)] == "unpublished"
    assert rows[("document", excluded.document.pk)] == "private-collection"


def test_a_public_page_linking_a_private_document_names_it_in_neither_copy(exported, archive_content, db):
    """The page is archived, but the private document's URL (with its file name) is
    withheld from the WARC record too, which says so in a header."""
    document = archive_content.excluded.document
    file_name = document.file.name.rsplit("/", 1)[-1]
    url_path = f"/documents/{document.pk}/"
    warc = gzip.decompress((exported.path / "data/web-archive/landsbyklynger.warc.gz").read_bytes())
    assert file_name.encode() not in warc and url_path.encode() not in warc
    page_path = archive_content.excluded.linking.get_url_parts()[2]
    record = next(r for r in warc_response_records(exported.path) if urlsplit(r[0]).path == page_path)
    url, headers, body = record
    assert b"bilaget</a>" in body
    assert headers.get_header("Hub-Payload-Altered") == "privacy; links withheld: 1"
    static = (exported.path / "data/site" / local_path(page_path)).read_text()
    assert file_name not in static and url_path not in static
    assert 'href="../../404.html">bilaget</a>' in static


def test_no_subscriber_data(exported, db):
    from newsletter.models import Subscriber

    everything = all_text(exported.path)
    for email in Subscriber.objects.exclude(email="").values_list("email", flat=True):
        assert email not in everything


def test_the_bag_and_its_zip_verify(exported):
    for path in (exported.path, exported.zip_path):
        result = verify_archive(path)
        assert result.problems == []
        assert result.files == exported.files
        assert result.warc_records == exported.warc_records
        assert result.links > exported.pages * 10


def test_warcio_reads_every_record_and_the_cdxj_lists_them(exported):
    records = warc_records(exported.path)
    assert records[0][0] == "warcinfo"
    responses = {url for kind, url, _body in records if kind == "response"}
    assert len(responses) == exported.warc_records
    lines = (exported.path / "data/web-archive/index.cdxj").read_text().splitlines()
    indexed = {json.loads(line.split(" ", 2)[2])["url"] for line in lines}
    assert responses <= indexed
    # Bodies are as served: absolute live links, the sign-up form, unrewritten.
    home = next(body for kind, url, body in records if kind == "response" and urlsplit(url).path == "/da/")
    assert b'class="newsletter-signup"' in home and b"index.html" not in home


def warc_headers(folder: Path) -> list:
    with (folder / "data/web-archive/landsbyklynger.warc.gz").open("rb") as handle:
        return [
            (record.rec_type, record.rec_headers, record.http_headers, record.content_stream().read())
            for record in ArchiveIterator(handle)
        ]


def test_the_warc_is_what_a_crawler_writes(exported):
    """WARC/1.1 throughout, a request beside each response, the crawl log as a metadata
    record, a full warcinfo, ids unique per record and capture times as dates."""
    records = warc_headers(exported.path)
    assert {headers.protocol for _kind, headers, _http, _body in records} == {"WARC/1.1"}
    kinds = [kind for kind, *_rest in records]
    assert kinds[0] == "warcinfo" and kinds[-1] == "metadata"
    assert kinds.count("request") == kinds.count("response") == exported.warc_records
    info = dict(line.split(": ", 1) for line in records[0][3].decode().splitlines() if ": " in line)
    for field in ("software", "operator", "format", "robots", "hostname", "isPartOf"):
        assert info.get(field), field
    assert info["format"] == "WARC File Format 1.1" and info["robots"] == "obey"
    ids = [headers.get_header("WARC-Record-ID") for _kind, headers, _http, _body in records]
    assert len(set(ids)) == len(ids)
    by_id = {headers.get_header("WARC-Record-ID"): (kind, headers) for kind, headers, _http, _body in records}
    for kind, headers, http, _body in records:
        if kind == "request":
            response_kind, response = by_id[headers.get_header("WARC-Concurrent-To")]
            assert response_kind == "response"
            assert response.get_header("WARC-Target-URI") == headers.get_header("WARC-Target-URI")
            assert http.protocol == "GET"
    dates = {headers.get_header("WARC-Date") for _kind, headers, _http, _body in records}
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    assert all(date.startswith(today[:7]) for date in dates)  # the capture time, not 2022
    log = records[-1][3].decode().splitlines()
    assert len(log) == exported.warc_records
    assert all(len(line.split()) == 12 for line in log)
    # No record claims an HTTP coding that does not exist.
    for kind, _headers, http, _body in records:
        if kind == "response":
            assert http.get_header("Content-Encoding") in (None, "gzip", "br"), http


def test_every_same_site_link_of_an_archived_page_replays(exported, archive_content):
    """Whatever a public page links to on the site is in the WARC: listing pages with
    ?page=1, the sign-up form's target; excluded content alone is withheld."""
    from newsletter.archive.links import find_urls

    records = warc_headers(exported.path)
    origin = records[0][3].decode().split("hostname: ", 1)[1].split("\r\n", 1)[0]
    recorded = set()
    for kind, headers, _http, _body in records:
        if kind == "response":
            parts = urlsplit(headers.get_header("WARC-Target-URI"))
            recorded.add((parts.path, "&".join(sorted(parts.query.split("&"))) if parts.query else ""))
    missing = set()
    for kind, headers, http, body in records:
        if kind != "response" or "text/html" not in (http.get_header("Content-Type") or ""):
            continue
        base = headers.get_header("WARC-Target-URI")
        for url in find_urls(body.decode(), "html", [], meta_content=False):
            parts = urlsplit(urljoin(base, url))
            if parts.netloc != origin or parts.scheme not in ("http", "https"):
                continue
            if parts.path.startswith(("/admin/", "/django-admin/", "/i18n/")) or parts.path.endswith(
                "/suggest/"
            ):
                continue
            query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
            if (parts.path, query) not in recorded:
                missing.add(f"{parts.path}?{query}")
    assert missing == set()
    assert ("/da/blog/", "page=1") in recorded
    signup = archive_content.tree.da.home.get_url_parts()[2] + "nyhedsbrev/tilmeld/"
    assert any(path == signup for path, _query in recorded), signup


def test_redirects_are_recorded_as_redirects(exported, archive_content):
    records = warc_headers(exported.path)
    redirects = {
        urlsplit(headers.get_header("WARC-Target-URI")).path: http
        for kind, headers, http, _body in records
        if kind == "response" and http.get_statuscode().startswith("3")
    }
    old = redirects["/gammel-side/"]
    assert old.get_statuscode() == "301"
    assert old.get_header("Location").endswith(archive_content.excluded.linking.get_url_parts()[2])
    assert "/gammel-hemmelig/" not in redirects  # its target is excluded


def test_the_static_copy_opens_from_disk(exported, db):
    site = exported.path / "data/site"
    origin = (exported.path / "bag-info.txt").read_text().split("External-Identifier: ", 1)[1].split("\n")[0]
    assert origin.startswith("http")
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css"}:
            assert origin not in path.read_text(), path
    home = (site / "da/index.html").read_text()
    assert 'class="newsletter-signup"' not in home
    assert "data-archive=" not in home
    assert "data-autocomplete-url" not in home
    assert 'role="search"' in home and 'action="search/index.html"' in home
    assert "data-pagefind-body" in home
    search = (site / "da/search/index.html").read_text()
    assert "../../search/index-da.js" in search and "data-pagefind-body" not in search
    for name in (
        "404.html",
        "index.html",
        "serve.py",
        "sitemap.xml",
        "robots.txt",
        "pagefind/pagefind-entry.json",
        "search/index-da.js",
        "search/index-en.js",
        "search/search.js",
    ):
        assert (site / name).is_file(), name
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert {"da", "en"} <= set(entry["languages"])
    assert (site / "da/blog/feed/index.xml").is_file()


def test_feeds_and_the_sitemap_keep_absolute_identifiers(exported):
    """RFC 4287 wants an absolute atom:id, the sitemaps protocol absolute <loc>s; an Atom
    <link href> opens the static copy."""
    import feedparser

    site = exported.path / "data/site"
    origin = (exported.path / "bag-info.txt").read_text().split("External-Identifier: ", 1)[1].split("\n")[0]
    for name in ("da/blog/feed/index.xml", "da/blog/feed/atom/index.xml", "en/blog/feed/index.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        assert feed.entries, name
        for entry in feed.entries:
            assert entry.id.startswith(origin + "/"), (name, entry.id)
    atom = (site / "da/blog/feed/atom/index.xml").read_text()
    assert f'href="{origin}' not in atom.split("<entry>", 1)[1]  # entry links open from disk
    sitemap = ET.fromstring((site / "sitemap.xml").read_bytes())
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(origin + "/") for loc in locs)
    assert f"Sitemap: {origin}/sitemap.xml" in (site / "robots.txt").read_text()


def broken_links(site: Path, file: Path) -> list[str]:
    """The problems with the links of a file in the static copy (as verify_archive sees them)."""
    links, problems = check_page_links(site, file.relative_to(site).as_posix(), file.read_text())
    assert links, file
    return problems


def test_listings_past_the_first_page_are_archived_with_working_links(exported, hub_tree, db):
    site = exported.path / "data/site"
    first, second = site / "da/blog/index.html", site / "da/blog/index.page=2.html"
    assert second.is_file()
    first_html, second_html = first.read_text(), second.read_text()
    assert 'href="index.page=2.html" rel="next"' in first_html
    assert 'href="index.html" rel="prev"' in second_html
    posts = [hub_tree.da.post1, hub_tree.da.post2, hub_tree.da.post3]
    on_first = {post.title for post in posts if post.title in first_html}
    on_second = {post.title for post in posts if post.title in second_html}
    assert len(on_first) == LISTING_PAGE_SIZE and on_second == {hub_tree.da.post1.title}  # oldest last
    assert broken_links(site, second) == [] and broken_links(site, first) == []
    post1 = local_path(hub_tree.da.post1.get_url_parts()[2])
    assert f'href="{Path(post1).relative_to("da/blog").as_posix()}"' in second_html
    warc_urls = {urlsplit(url)[2:4] for url, _headers, _body in warc_response_records(exported.path)}
    assert ("/da/blog/", "page=2") in warc_urls


def test_the_404_page_is_there_in_each_language(exported, db):
    site = exported.path / "data/site"
    danish, english = site / "404.html", site / "en/404.html"
    assert '<html lang="da">' in danish.read_text() and "Siden blev ikke fundet" in danish.read_text()
    assert '<html lang="en">' in english.read_text() and "Page not found" in english.read_text()
    assert broken_links(site, danish) == [] and broken_links(site, english) == []
    # A link to what the archive lacks leads to the 404 page of the page's language.
    linking = (site / "da/bestyrelsens-bilag/index.html").read_text()
    assert 'href="../../404.html">bilaget</a>' in linking


def test_serve_py_answers_a_missing_page_in_its_language(exported):
    site = exported.path / "data/site"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "serve.py", str(port)],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

        def fetch(path: str) -> tuple[int, str]:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()

        assert fetch("/en/no-such-page/") == (404, (site / "en/404.html").read_text())
        assert fetch("/da/ingen-side/") == (404, (site / "404.html").read_text())
        assert fetch("/../etc/passwd")[0] == 404
        status, home = fetch("/en/index.html")
        assert status == 200 and '<html lang="en">' in home
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_z_indexes_per_language_and_cluster(exported, hub_tree):
    site = exported.path / "data/site"
    danish = (site / "a-z/da/index.html").read_text()
    for page in public_pages():
        if page.locale.language_code == "da":
            assert page.title.replace("&", "&amp;") in danish or page.title in danish, page.title
    mols = (site / "a-z/da/mols-i-udvikling/index.html").read_text()
    assert hub_tree.da.story1.title in mols and hub_tree.da.story2.title not in mols
    assert "<script" not in danish


def test_inventory_lists_every_file_with_its_checksum(exported):
    files = payload_files(exported.path)
    with (exported.path / "data/metadata/inventory.csv").open() as handle:
        rows = {row["path"]: row for row in csv.DictReader(handle)}
    assert set(files) - set(rows) == {"metadata/inventory.csv"}
    for path, row in rows.items():
        data = files[path].read_bytes()
        assert row["sha256"] == hashlib.sha256(data).hexdigest() and int(row["size"]) == len(data)
    home = rows["site/da/index.html"]
    assert home["language"] == "da" and home["page_id"] and home["url"].endswith("/da/")
    assert any(row["cluster"] == "mols-i-udvikling" for row in rows.values())
    bag_info = (exported.path / "bag-info.txt").read_text()
    assert "Hub-Archived: no" in bag_info and "Bagging-Date:" in bag_info


def manifest(folder: Path) -> dict[str, str]:
    lines = (folder / "manifest-sha256.txt").read_text().splitlines()
    return {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}


def test_the_same_content_gives_the_same_checksums(exported, tmp_path, db, settings):
    """Only the files that record when (capture dates) differ, and the WARC only in its dates."""
    # On PostgreSQL the module's export rendered in parallel processes (its data is
    # committed) and this one, inside the test's transaction, in one: the same bytes.
    settings.HUB_LISTING_PAGE_SIZE = LISTING_PAGE_SIZE
    moment = datetime.datetime(2026, 5, 1, 12, tzinfo=datetime.UTC)
    again = export_archive(tmp_path / exported.path.name, allow_local_host=True, clock=lambda: moment)
    first, second = manifest(exported.path), manifest(again.path)
    assert set(first) == set(second)
    differ = {name for name in first if first[name] != second[name]}
    assert differ <= {f"data/{name}" for name in export_module.DATED_FILES}, differ
    assert "data/web-archive/landsbyklynger.warc.gz" in differ  # its capture dates
    strip = ("WARC-Date", "WARC-Block-Digest")  # the block holds headers such as Expires: now
    one, two = warc_headers(exported.path), warc_headers(again.path)
    assert len(one) == len(two)
    for (kind, headers, _http, body), (kind2, headers2, _http2, body2) in zip(one, two, strict=True):
        if kind == "metadata":
            continue  # the crawl log: capture times
        assert kind == kind2 and body == body2
        assert [h for h in headers.headers if h[0] not in strip] == [
            h for h in headers2.headers if h[0] not in strip
        ]
    # The clock dates what records a moment, nothing else.
    assert {headers.get_header("WARC-Date") for _kind, headers, _http, _body in two} == {
        "2026-05-01T12:00:00Z"
    }
    assert "Bagging-Date: 2026-05-01" in (again.path / "bag-info.txt").read_text()
    assert (
        "<premis:eventDateTime>2026-05-01T12:00:00Z</premis:eventDateTime>"
        in (again.path / "data/metadata/premis.xml").read_text()
    )


def test_an_interrupted_export_leaves_no_archive(tmp_path, monkeypatch, archive_content, db):
    def fail(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(export_module, "write_indexes", fail)
    with pytest.raises(RuntimeError):
        export_archive(tmp_path / "cut", make_zip=True, allow_local_host=True)
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_folder_that_is_not_empty(tmp_path, db):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with translation.override("en"), pytest.raises(ArchiveError, match="not empty"):
        export_archive(tmp_path / "full")
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_the_archived_switch_and_the_archive_fields_are_carried_into_bag_info(archive_content, db):
    """The site settings' archive notice, organisation, contact and rights travel with the
    bag, on one line per field."""
    from wagtail.models import Site

    from hub.models import SiteSettings
    from newsletter.archive.about import ArchiveInfo
    from newsletter.archive.bag import bag_info

    site = Site.objects.get(is_default_site=True)
    values = SiteSettings.for_site(site)
    values.archived = True
    values.archive_location = "https://arkiv.example.dk/landsbyklynger"
    values.archive_note = "Sekretariatet lukkede i 2026.\nArkivet ligger hos Det Kgl. Bibliotek."
    values.archive_contact_name = "Anne Arkivar"
    values.contact_email = "sekretariat@example.dk"
    values.archive_rights = "© klyngerne og sekretariatet.\nCC BY 4.0"
    values.save()
    when = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    info = bag_info(ArchiveInfo.for_site(site, "https://landsbyklynger.dk"), when, when, pages=3, documents=1)
    assert info["Hub-Archived"] == "yes"
    assert info["Hub-Archive-Location"] == "https://arkiv.example.dk/landsbyklynger"
    assert info["Hub-Archive-Note"] == "Sekretariatet lukkede i 2026. Arkivet ligger hos Det Kgl. Bibliotek."
    assert info["Contact-Name"] == "Anne Arkivar" and info["Contact-Email"] == "sekretariat@example.dk"
    assert info["Rights"] == "© klyngerne og sekretariatet. CC BY 4.0"
    assert info["External-Identifier"] == "https://landsbyklynger.dk" and info["Bagging-Date"] == "2026-05-01"
    assert info["Source-Organization"].startswith("Landsbyklynger")


def test_pages_render_in_one_process_where_children_could_not_see_the_data(db, settings):
    from django.db import connection

    from newsletter.archive.pool import render_processes

    settings.ARCHIVE_RENDER_PROCESSES = 4
    assert connection.in_atomic_block  # the test's transaction: uncommitted for a child
    assert render_processes() == 1
    settings.ARCHIVE_RENDER_PROCESSES = 1
    assert render_processes() == 1


def test_the_recorded_csp_header_does_not_depend_on_hash_order():
    """The policy's directive order differs between processes; the WARC must not."""
    from newsletter.archive.offline import normalise_header

    one = normalise_header("Content-Security-Policy", "script-src 'self' 'nonce-abc'; default-src 'self'")
    two = normalise_header("Content-Security-Policy", "default-src 'self';script-src 'self' 'nonce-xyz'")
    assert one == two == "default-src 'self'; script-src 'self' 'nonce-archived'"


def test_the_exports_request_shortcuts_change_no_byte_and_save_queries(archive_content, db):
    """The export's client knows the site, its settings and the page up front: the same
    answer as a plain request to the live site, with fewer queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from newsletter.archive.fetch import Fetcher
    from newsletter.archive.offline import normalise_body
    from newsletter.archive.scope import build_scope

    fetcher = Fetcher(build_scope())
    plain = Client(HTTP_HOST=fetcher.host)
    tree = archive_content.tree
    keys = [
        tree.da.home.get_url_parts()[2],
        tree.en.blog_index.get_url_parts()[2],
        tree.da.blog_index.get_url_parts()[2] + "?page=2",
        tree.da.story1.get_url_parts()[2],
        tree.da.blog_index.get_url_parts()[2] + "feed/",
    ]
    queries = {"exported": 0, "live": 0}
    with override_settings(ALLOWED_HOSTS=["*"], HUB_LISTING_PAGE_SIZE=LISTING_PAGE_SIZE):
        for key in keys:
            plain.get(key, secure=fetcher.secure)  # both measured with the same caches warm
            with CaptureQueriesContext(connection) as exported:
                status, _headers, body = fetcher.fetch(key)
            with CaptureQueriesContext(connection) as live:
                expected = plain.get(key, secure=fetcher.secure)
            assert status == expected.status_code == 200, key
            assert normalise_body(body.decode()) == normalise_body(expected.content.decode()), key
            queries["exported"] += len(exported)
            queries["live"] += len(live)
    assert queries["exported"] < queries["live"] * 0.95, queries


def test_the_archive_is_readable_by_others(exported):
    """mkdtemp makes a private folder; an ingest account must be able to read the archive."""
    umask = os.umask(0)
    os.umask(umask)
    expected = 0o777 & ~umask
    assert stat.S_IMODE(exported.path.stat().st_mode) == expected
    assert expected & 0o005 == 0o005  # the suite runs with a umask that lets others read


def test_the_404_pages_are_the_sites_own_whatever_debug_says(archive_content, db, settings):
    from newsletter.archive.crawl import SiteCrawler
    from newsletter.archive.scope import build_scope

    settings.DEBUG = True
    crawler = SiteCrawler(build_scope(), None, None, lambda *args: None)
    crawler._render_not_found()
    danish, english = crawler.not_found_html["da"].decode(), crawler.not_found_html["en"].decode()
    for page in (danish, english):
        assert "DEBUG = True" not in page and "django-admin/" not in page
    assert '<html lang="da">' in danish and "Siden blev ikke fundet" in danish
    assert '<html lang="en">' in english and "Page not found" in english


def test_documents_are_recorded_without_an_invalid_content_encoding(exported, client, archive_content):
    pdfs = [
        http
        for kind, _headers, http, _body in warc_headers(exported.path)
        if kind == "response" and (http.get_header("Content-Type") or "").startswith("application/pdf")
    ]
    assert pdfs
    assert all(http.get_header("Content-Encoding") is None for http in pdfs)
    report = archive_content.tree.da.mols_mapping
    response = client.get(report.document.url)
    assert response.status_code == 200 and "Content-Encoding" not in response


def test_metadata_a_library_can_ingest(exported):
    """Dublin Core for the archive and every page, PREMIS events, PRONOM ids from FIDO."""
    metadata = exported.path / "data/metadata"
    dc = "{http://purl.org/dc/elements/1.1/}"
    archive = ET.parse(metadata / "dublin-core/archive.xml").getroot()
    names = {child.tag.removeprefix(dc) for child in archive}
    assert {"title", "creator", "date", "language", "identifier", "rights", "relation"} - {
        "relation"
    } <= names
    records = ET.parse(metadata / "dublin-core/pages.xml").getroot()
    assert len(records) == exported.pages
    for record in records:
        fields = {child.tag.removeprefix(dc) for child in record}
        assert {"title", "creator", "date", "language", "identifier", "rights", "relation"} <= fields
    report = next(r for r in records if any((c.text or "") == "application/pdf" for c in r))
    assert any("/documents/" in (c.text or "") for c in report if c.tag == f"{dc}relation")

    premis = "{http://www.loc.gov/premis/v3}"
    root = ET.parse(metadata / "premis.xml").getroot()
    events = {
        event.findtext(f"{premis}eventType"): event.findtext(
            f"{premis}eventOutcomeInformation/{premis}eventOutcome"
        )
        for event in root.iter(f"{premis}event")
    }
    assert events == {
        "capture": "success",
        "message digest calculation": "success",
        "format identification": "success",
        "fixity check": "success",
        "validation": "success",
        "creation": "success",
    }

    with (metadata / "inventory.csv").open() as handle:
        rows = {row["path"]: row for row in csv.DictReader(handle)}
    assert rows["site/da/index.html"]["pronom"] == "fmt/471"  # HTML 5, by its signature
    assert rows["site/da/index.html"]["identified_by"] == "signature"
    pdf = next(row for path, row in rows.items() if path.endswith(".pdf"))
    assert pdf["pronom"].startswith("fmt/") and "Portable Document Format" in pdf["format"]
    assert rows["web-archive/landsbyklynger.warc.gz"]["pronom"]
    pagefind = [row for path, row in rows.items() if "/pagefind/" in path]
    assert pagefind and all(row["content_type"] != "application/octet-stream" for row in pagefind)
    unidentified = [
        path for path, row in rows.items() if not row["pronom"] and path != "metadata/inventory.csv"
    ]
    assert len(unidentified) < len(rows) / 10, unidentified[:20]


def test_the_readme_and_the_e_mails_name_the_same_public_address(exported, archive_content):
    from newsletter.rendering import render_edition
    from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory

    origin = (exported.path / "bag-info.txt").read_text().split("External-Identifier: ", 1)[1].split("\n")[0]
    assert origin in (exported.path / "README.txt").read_text()
    index = NewsletterIndexPageFactory(parent=archive_content.tree.da.home)
    edition = NewsletterEditionPageFactory(parent=index, title="Adressetest", slug="adressetest")
    rendered = render_edition(edition)
    assert f"{origin}{edition.get_url_parts()[2]}" in rendered.html  # "Læs det på nettet"


def test_serve_py_explains_itself(exported):
    site = exported.path / "data/site"
    done = subprocess.run(
        [sys.executable, "serve.py", "--help"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0 and "port" in done.stdout and "Traceback" not in done.stderr
