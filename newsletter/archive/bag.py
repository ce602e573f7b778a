"""The BagIt bag around the payload, its bag-info and bilingual README, and the
deterministic zip.

A BagIt 1.0 bag (RFC 8493). The payload manifest is written from the checksums taken while
writing (``Payload``), and the ``bagit`` library then writes bag-info and the tag manifest
and is what validates the bag. ``Bagging-Date`` is the day of the export, so bag-info and
the tag manifest differ between two exports; the payload manifest does only for the files
that record capture times (``DATED_FILES`` in ``export``).
"""

from __future__ import annotations

import datetime
import os
import shutil
import zipfile
from pathlib import Path

import bagit
from django.conf import settings
from django.template.loader import render_to_string

from .about import ArchiveInfo
from .payload import Payload

README_NAME = "README.txt"
_STORED = {
    ".pdf",
    ".zip",
    ".gz",
    ".jpg",
    ".jpeg",
    ".png",
    ".webp",
    ".gif",
    ".avif",
    ".pf_fragment",
    ".pf_index",
    ".pf_meta",
    ".pagefind",
}


def readme(about: ArchiveInfo, content: datetime.date, bagged: datetime.date) -> str:
    """``README.txt``, in Danish and English, for whoever finds the archive."""
    title = f"{about.name}: arkiv / archive"
    return render_to_string(
        "newsletter/archive/README.txt",
        {
            "about": about,
            "name": about.name,
            "origin": about.origin,
            "date": bagged.isoformat(),
            "content_date": content.isoformat(),
            "underline": "=" * len(title),
        },
    )


def human_size(size: int) -> str:
    """Bag-Size as RFC 8493 suggests: a size a person reads, e.g. ``12.3 MB``."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"  # pragma: no cover - unreachable


def bag_info(
    about: ArchiveInfo,
    content: datetime.datetime,
    bagged: datetime.datetime,
    *,
    pages: int,
    documents: int,
) -> dict[str, str]:
    """``bag-info.txt``'s fields (RFC 8493 section 2.2.2; ``make_bag`` adds Payload-Oxum
    and Bag-Size): who made the archive and how to reach them, of what (the public
    address), when it was bagged and on what terms, and the site's archive notice."""
    info = {
        "Source-Organization": about.organisation,
        "Contact-Name": about.contact_name,
        "Contact-Email": about.contact_email,
        "External-Identifier": about.origin,
        "External-Description": f"{about.name} ({about.origin}): the final archive of the hub for Danish "
        "village clusters: a static copy that opens from disk, a WARC and WACZ of the site as served, "
        "the clusters' report packages, the newsletter editions, Dublin Core and PREMIS metadata",
        "Bagging-Date": bagged.astimezone(datetime.UTC).date().isoformat(),
        "Bag-Software-Agent": f"landsbyklynger-hub export_archive; bagit {bagit.VERSION}",
        "Rights": about.rights,
        "Rights-URL": about.rights_url,
        "Content-Date": content.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Hub-Pages": str(pages),
        "Hub-Documents": str(documents),
        "Hub-Languages": " ".join(code for code, _name in settings.LANGUAGES),
        "Hub-Archived": "yes" if about.archived else "no",
        "Hub-Archive-Location": about.location,
        "Hub-Archive-Note": about.note,
    }
    return {label: value for label, value in info.items() if value}


def manifest_path(path: str) -> str:
    """A payload path as a manifest line names it (RFC 8493 section 2.1.3: ``%``, CR and LF
    percent-encoded)."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def make_bag(root: Path, payload: Payload, info: dict[str, str], readme_text: str) -> bagit.Bag:
    """Turn ``root`` (with the payload in ``root/data``) into a BagIt 1.0 bag (RFC 8493)."""
    (root / "bagit.txt").write_text(
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    with (root / "manifest-sha256.txt").open("w", encoding="utf-8") as manifest:
        for entry in payload.sorted_entries():
            manifest.write(f"{entry.sha256}  data/{manifest_path(entry.file.path)}\n")
    (root / README_NAME).write_text(readme_text, encoding="utf-8")
    bag = bagit.Bag(str(root))
    total = sum(entry.size for entry in payload.entries.values())
    bag.info.update(info)
    bag.info["Payload-Oxum"] = f"{total}.{len(payload.entries)}"
    bag.info["Bag-Size"] = human_size(total)
    cwd = os.getcwd()
    try:
        bag.save(manifests=False)
    finally:
        os.chdir(cwd)
    return bag


def write_zip(folder: Path, target: Path, date: datetime.date) -> None:
    """Every file under ``folder`` (as ``<folder name>/...``), sorted, with one fixed time."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for path in files:
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = (
                zipfile.ZIP_STORED if path.suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
            )
            with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
