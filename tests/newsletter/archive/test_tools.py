"""The archive checked the way a web archive or a national library checks a deposit, with
their own tools: bagit.py, warcio, py-wacz, pywb, the Nu Html Checker, LinkChecker, and
Chromium opening the static copy from file:// and searching it in Danish and English.

One export for the module (conftest.py). pywb lives in its own virtualenv (.venv-replay,
made by ``make install``: it pins redis 2.10.6); vnu is the npm package ``vnu-jar``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.browser import chromium, screenshot  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
REPLAY_BIN = ROOT / ".venv-replay" / "bin"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def tool(path: Path, why: str) -> str:
    """A tool the check needs: under CI it must be there (make install puts it there)."""
    if path.exists():
        return str(path)
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing: {why}")
    pytest.skip(f"{path} is missing: {why}")


def run(*command: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def warc_path(exported) -> Path:
    return exported.path / "data/web-archive/landsbyklynger.warc.gz"


def test_bagit_validates_the_bag_as_bagit_1_0(exported):
    assert (exported.path / "bagit.txt").read_text().startswith("BagIt-Version: 1.0\n")
    done = run(str(BIN / "bagit.py"), "--validate", str(exported.path))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "is valid" in done.stderr
    info = (exported.path / "bag-info.txt").read_text()
    for field in (
        "Source-Organization",
        "Contact-Email",
        "External-Identifier",
        "External-Description",
        "Bag-Size",
        "Bagging-Date",
        "Payload-Oxum",
    ):
        assert re.search(rf"^{field}: \S", info, re.MULTILINE), field


def test_warcio_check_passes(exported):
    done = run(str(BIN / "warcio"), "check", "-v", str(warc_path(exported)))
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    assert "digest pass" in done.stdout


def test_wacz_validate_passes_and_lists_every_html_page(exported):
    import zipfile

    wacz = exported.path / "data/web-archive/landsbyklynger.wacz"
    done = run(str(BIN / "wacz"), "validate", "-f", str(wacz))
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    with zipfile.ZipFile(wacz) as archive:
        lines = archive.read("pages/pages.jsonl").decode().splitlines()
    listed = {json.loads(line)["url"] for line in lines[1:]}
    html_pages = set()
    with warc_path(exported).open("rb") as handle:
        for record in ArchiveIterator(handle):
            if (
                record.rec_type == "response"
                and record.http_headers.get_statuscode() == "200"
                and "text/html" in (record.http_headers.get_header("Content-Type") or "")
            ):
                html_pages.add(record.rec_headers.get_header("WARC-Target-URI"))
    assert html_pages and listed == html_pages


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int) -> None:
    for _attempt in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered on port {port}")


def get(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - http://127.0.0.1 only
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def sampled_urls(exported) -> dict[str, tuple[str, str]]:
    """A sample of both languages' pages (home, listings, a detail page of each kind, a
    listing's page 2): URL -> (timestamp, title)."""
    pages = {}
    with warc_path(exported).open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response" or record.http_headers.get_statuscode() != "200":
                continue
            if "text/html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            stamp = re.sub(r"\D", "", record.rec_headers.get_header("WARC-Date"))[:14]
            title = re.search(rb"<title>(.*?)</title>", record.content_stream().read(), re.DOTALL)
            pages[url] = (stamp, title.group(1).decode().split("|")[0].strip() if title else "")
    wanted = [url for url in pages if urlsplit(url).path.count("/") <= 3 or "page=2" in url]
    wanted += [url for url in pages if urlsplit(url).path.count("/") == 4][:6]
    sample = {url: pages[url] for url in dict.fromkeys(wanted)}
    assert {urlsplit(url).path.split("/")[1] for url in sample} >= {"da", "en"}
    return sample


def test_pywb_replays_pages_of_both_languages_with_their_css_and_images(exported, tmp_path):
    wb_manager = tool(REPLAY_BIN / "wb-manager", "make install creates .venv-replay with pywb")
    assert run(wb_manager, "init", "hub", cwd=tmp_path).returncode == 0
    added = run(wb_manager, "add", "hub", str(warc_path(exported)), cwd=tmp_path)
    assert added.returncode == 0, added.stderr[-2000:]
    port = free_port()
    server = subprocess.Popen(
        [str(REPLAY_BIN / "wayback"), "--port", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        sample = sampled_urls(exported)
        assert len(sample) >= 8
        assets = set()
        for url, (stamp, title) in sample.items():
            status, body, _type = get(f"http://127.0.0.1:{port}/hub/{stamp}mp_/{url}")
            text = body.decode("utf-8", errors="replace")
            assert status == 200, (url, status)
            assert title and title in text, (url, title)
            # Replay rewrote the page's stylesheets and images into the collection.
            found = re.findall(r'(?:href|src)="(/hub/\d+(?:cs|im)_/[^"]+)"', text)
            assert any("cs_/" in link for link in found), url
            assets.update(found)
        images = [link for link in assets if "im_/" in link]
        assert images, "no image was replayed"
        for link in sorted(assets):
            status, body, content_type = get(f"http://127.0.0.1:{port}{link.replace('&amp;', '&')}")
            assert status == 200 and body, (link, status)
            expected = "text/css" if "cs_/" in link else "image/"
            assert expected in content_type, (link, content_type)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_nu_html_checker_finds_no_error_in_the_static_copy(exported):
    java = shutil.which("java")
    if not java:
        pytest.skip("java is not installed")
    jar = tool(VNU, "npm ci installs vnu-jar (package.json)")
    site = exported.path / "data/site"
    files = sorted(str(p) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    files += sorted(str(p) for p in (exported.path / "data/newsletter").rglob("*.html"))
    done = run(java, "-jar", jar, "--errors-only", "--format", "json", *files, timeout=600)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/data/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert errors == [], "\n".join(errors[:40])
    assert len(files) >= exported.pages


def test_linkchecker_finds_no_broken_link_from_file_urls(exported):
    # Run as root, LinkChecker reads as "nobody": give it a copy outside pytest's private folder.
    copy = Path(tempfile.mkdtemp(prefix="archive-linkcheck-"))
    try:
        copy.chmod(0o755)
        site = Path(shutil.copytree(exported.path / "data/site", copy / "site"))
        done = run(
            str(BIN / "linkchecker"),
            "--no-status",
            "--no-warnings",
            "--threads",
            "2",
            "--ignore-url",
            r"^https?://",
            (site / "index.html").as_uri(),
            timeout=600,
        )
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    assert done.returncode == 0, done.stdout[-3000:]
    checked = re.search(
        r"(\d+) links? in (\d+) URLs? checked\. \d+ warnings? found\. 0 errors found", done.stdout
    )
    assert checked, done.stdout[-1000:]
    assert int(checked.group(2)) > exported.pages, checked.group(0)


def search_from_disk(page, search_page: Path, query: str) -> list[str]:
    page.goto(search_page.as_uri() + "?q=" + quote(query))
    page.wait_for_selector("#archive-search-results li, .archive-search__status")
    return page.locator("#archive-search-results .search-result__title a").all_inner_texts()


@pytest.mark.browser
def test_search_works_from_file_urls_in_danish_and_english(exported, archive_content, chromium):  # noqa: F811
    site = exported.path / "data/site"
    tree = archive_content.tree
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Typed into the header's box on a page opened from disk, as a reader would.
    page.goto((site / "da/index.html").as_uri())
    page.fill("#site-search-q", tree.da.story1.title.split()[0])
    page.press("#site-search-q", "Enter")
    page.wait_for_selector(".archive-search__status")
    assert page.url.startswith("file://") and "search/index.html?q=" in page.url
    assert page.input_value("#archive-search-q") == tree.da.story1.title.split()[0]
    danish = page.locator("#archive-search-results .search-result__title a").all_inner_texts()
    assert tree.da.story1.title in danish
    screenshot(page, "archive-search-file-da-1280")
    # The link opens the page from disk.
    page.get_by_role("link", name=tree.da.story1.title).first.click()
    assert page.url.startswith("file://") and page.title().startswith(tree.da.story1.title)

    english = search_from_disk(page, site / "en/search/index.html", tree.en.story1.title.split()[-1])
    assert tree.en.story1.title in english
    links = page.locator("#archive-search-results .search-result__title a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith("../../en/") for href in hrefs), hrefs  # its language only
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "archive-search-file-en-390")
    # A word the archive lacks is answered, never dropped.
    assert search_from_disk(page, site / "da/search/index.html", "xylofonqz") == []
    status = page.locator(".archive-search__status").inner_text()
    assert "xylofonqz" in status and "Ingen resultater" in status
    assert errors == []
    page.close()
