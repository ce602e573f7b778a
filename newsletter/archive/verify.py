"""Check an archive (folder or zip): every checksum of the bag, every WARC record, every
relative link of the static copy. Each problem is named; none stops the others."""

from __future__ import annotations

import hashlib
import json
import posixpath
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import bagit
from django.utils.translation import gettext as _
from warcio.archiveiterator import ArchiveIterator

from .links import find_urls

Progress = Callable[[str, int, int], None]
_SKIP = ("#", "mailto:", "tel:", "javascript:", "data:")


@dataclass
class VerifyResult:
    path: Path
    problems: list[str] = field(default_factory=list)
    files: int = 0
    warc_records: int = 0
    links: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def description(self) -> str:
        """One sentence for whoever ran the check."""
        return (
            f"{self.path}: {self.files} files, {self.warc_records} WARC records, "
            f"{self.links} links checked, {len(self.problems)} problems."
        )


def verify_archive(path: Path, progress: Progress | None = None) -> VerifyResult:
    path = Path(path)
    report = progress or (lambda label, done, total: None)
    if path.is_file() and zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="verify-archive-") as tmp:
            problems = _extract(path, Path(tmp))
            folders = [p for p in Path(tmp).iterdir() if p.is_dir()]
            if problems or len(folders) != 1:
                return VerifyResult(
                    path, problems or [_("The zip file does not hold exactly one archive folder.")]
                )
            result = _verify_folder(folders[0], report)
            result.path = path
            return result
    if not path.is_dir():
        return VerifyResult(
            path, [_("%(path)s is neither an archive folder nor a zip file.") % {"path": path}]
        )
    return _verify_folder(path, report)


def _extract(archive: Path, target: Path) -> list[str]:
    with zipfile.ZipFile(archive) as handle:
        for name in handle.namelist():
            if name.startswith("/") or ".." in Path(name).parts:
                return [_("The zip file holds an unsafe name: %(name)s") % {"name": name}]
        handle.extractall(target)
    return []


def _verify_folder(folder: Path, report: Progress) -> VerifyResult:
    result = VerifyResult(folder)
    try:
        bag = bagit.Bag(str(folder))
    except bagit.BagError as error:
        result.problems.append(_("Not a valid BagIt bag: %(error)s") % {"error": error})
        return result
    result.files = len(bag.payload_entries())
    report(_("Checking checksums"), 0, 1)
    try:
        bag.validate(processes=1)
    except bagit.BagValidationError as error:
        _add_bag_problems(result, error)
        if "Payload-Oxum" in str(error.message):
            # bagit stops at the size total; name the files themselves too.
            result.problems += _payload_problems(bag, folder)
    except bagit.BagError as error:
        result.problems.append(_("Bag: %(error)s") % {"error": error})
    report(_("Checking checksums"), 1, 1)
    data = folder / "data"
    _check_warcs(data, result, report)
    origin = bag.info.get("External-Identifier", "")
    _check_links(data / "site", origin if isinstance(origin, str) else "", result, report)
    return result


def _payload_problems(bag: bagit.Bag, folder: Path) -> list[str]:
    """Each payload file that is missing, unlisted or changed, from bagit's public view of
    the bag (its manifest entries and payload files)."""
    problems = []
    entries = bag.payload_entries()
    for name in sorted(set(bag.payload_files()) - set(entries)):
        problems.append(_("Bag: %(file)s exists on disk but is not in the manifest") % {"file": name})
    for name, hashes in sorted(entries.items()):
        path = folder / name
        if not path.is_file():
            problems.append(_("Bag: %(file)s is listed in the manifest but missing") % {"file": name})
        elif "sha256" in hashes and _sha256(path) != hashes["sha256"]:
            problems.append(
                _("Bag: %(file)s has changed (its SHA-256 differs from the manifest)") % {"file": name}
            )
    return problems


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_payload(data: Path, payload) -> VerifyResult:
    """The export's own check of the payload before it is bagged (its PREMIS events): every
    file read back against the checksum taken while writing it, every WARC record read
    with its digests, every link of the static copy."""
    result = VerifyResult(data)
    on_disk = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    for name in sorted(on_disk - set(payload.entries)):
        result.problems.append(_("%(file)s was written but not recorded") % {"file": name})
    for name, entry in sorted(payload.entries.items()):
        path = data / name
        if not path.is_file():
            result.problems.append(_("%(file)s is missing") % {"file": name})
        elif _sha256(path) != entry.sha256:
            result.problems.append(_("%(file)s changed after it was written") % {"file": name})
        result.files += 1
    _check_warcs(data, result, lambda *args: None)
    _check_links(data / "site", "", result, lambda *args: None)
    return result


def _add_bag_problems(result: VerifyResult, error: bagit.BagValidationError) -> None:
    details = getattr(error, "details", None) or []
    if details:
        result.problems += [_("Bag: %(detail)s") % {"detail": detail} for detail in details]
    else:
        result.problems.append(_("Bag: %(error)s") % {"error": error.message})


def _check_warcs(data: Path, result: VerifyResult, report: Progress) -> None:
    warcs = sorted((data / "web-archive").glob("*.warc.gz")) if (data / "web-archive").is_dir() else []
    if not warcs:
        result.problems.append(_("No WARC file in data/web-archive/."))
        return
    urls: set[str] = set()
    for warc in warcs:
        try:
            with warc.open("rb") as handle:
                for record in ArchiveIterator(handle, check_digests=True):
                    record.content_stream().read()
                    checker = getattr(record, "digest_checker", None)
                    if checker is not None and checker.problems:
                        result.problems += [f"{warc.name}: {p}" for p in checker.problems]
                    if record.rec_type == "response":
                        urls.add(record.rec_headers.get_header("WARC-Target-URI"))
                        result.warc_records += 1
                    report(_("Reading the WARC"), result.warc_records, result.warc_records)
        except Exception as error:  # warcio raises several kinds for a damaged file
            result.problems.append(
                _("%(file)s cannot be read: %(error)s") % {"file": warc.name, "error": error}
            )
    cdxj = data / "web-archive" / "index.cdxj"
    if not cdxj.is_file():
        result.problems.append(_("No CDXJ index in data/web-archive/."))
        return
    indexed = set()
    for line in cdxj.read_text(encoding="utf-8").splitlines():
        if line.strip():
            indexed.add(json.loads(line.split(" ", 2)[2]).get("url"))
    for url in sorted(urls - indexed):
        result.problems.append(_("The CDXJ index lacks %(url)s") % {"url": url})


def _check_links(site: Path, origin: str, result: VerifyResult, report: Progress) -> None:
    if not site.is_dir():
        result.problems.append(_("No static copy in data/site/."))
        return
    pages = sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css") and "pagefind" not in p.parts)
    for done, page in enumerate(pages, 1):
        text = page.read_text(encoding="utf-8", errors="replace")
        rel_page = page.relative_to(site).as_posix()
        if origin and origin in text:
            result.problems.append(
                _("%(page)s links to the live site: %(url)s") % {"page": rel_page, "url": origin}
            )
        links, problems = check_page_links(site, rel_page, text)
        result.links += links
        result.problems += problems
        report(_("Checking links"), done, len(pages))


def check_page_links(site: Path, rel_page: str, text: str) -> tuple[int, list[str]]:
    """How many links to files a page (HTML, or CSS by its name) of the static copy holds,
    and a problem for each that does not open from disk."""
    links, problems = 0, []
    kind = "css" if rel_page.endswith(".css") else "html"
    for url in find_urls(text, kind, [], meta_content=False):
        url = url.strip()
        if not url or url.startswith(_SKIP):
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        links += 1
        if url.startswith("/"):
            problems.append(
                _("%(page)s has a link that does not work from disk: %(url)s")
                % {"page": rel_page, "url": url}
            )
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel_page), unquote(parts.path)))
        if target.startswith("..") or not (site / target).is_file():
            problems.append(_("%(page)s has a broken link: %(url)s") % {"page": rel_page, "url": url})
    return links, problems
