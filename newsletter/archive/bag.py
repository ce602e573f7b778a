"""The BagIt bag around the payload, its bag-info and bilingual README, and the
deterministic zip.

The payload manifest is written from the checksums taken while writing (``Payload``), and
the ``bagit`` library then writes bag-info and the tag manifest and is what validates the
bag. Nothing in the bag depends on the time of the export: bag-info's dates are the
content's date (the latest publication), so two exports of the same content are identical.
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
from wagtail.models import Site

from hub.models import SiteSettings

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


def readme(name: str, origin: str, date: datetime.date) -> str:
    """``README.txt``, in Danish and English, for whoever finds the archive."""
    title = f"{name}: arkiv / archive"
    return render_to_string(
        "newsletter/archive/README.txt",
        {"name": name, "origin": origin, "date": date.isoformat(), "underline": "=" * len(title)},
    )


def bag_info(
    site: Site, origin: str, date: datetime.datetime, *, pages: int, documents: int
) -> dict[str, str]:
    """``bag-info.txt``'s fields (bagit adds the payload's size): who made the archive, of
    what, its content's date (never the clock's) and the site's archive notice."""
    return {
        "Source-Organization": "Landsbyklynger: DGI, Realdania, Lokale og Anlægsfonden",
        "External-Identifier": origin,
        "External-Description": f"{settings.WAGTAIL_SITE_NAME}: the final archive of the hub for Danish village "
        "clusters (static site, WARC, cluster report packages, newsletter editions, metadata)",
        "Bagging-Date": date.date().isoformat(),
        "Content-Date": date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Bag-Software-Agent": f"landsbyklynger-hub export_archive; bagit {bagit.VERSION}",
        "Hub-Pages": str(pages),
        "Hub-Documents": str(documents),
        "Hub-Languages": " ".join(code for code, _name in settings.LANGUAGES),
        **site_settings_info(site),
    }


def site_settings_info(site: Site) -> dict[str, str]:
    """The "archived" switch of the site settings (hub/archived.py), one line per field."""
    values = SiteSettings.for_site(site)
    info = {"Hub-Archived": "yes" if values.archived else "no"}
    fields = (
        ("archive_location", "Hub-Archive-Location"),
        ("archive_note", "Hub-Archive-Note"),
        ("contact_email", "Contact-Email"),
    )
    for name, label in fields:
        value = " ".join(str(getattr(values, name, "")).split())  # one line in bag-info
        if value:
            info[label] = value
    return info


def make_bag(root: Path, payload: Payload, info: dict[str, str], readme_text: str) -> bagit.Bag:
    """Turn ``root`` (with the payload in ``root/data``) into a bag."""
    (root / "bagit.txt").write_text(
        "BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8"
    )
    with (root / "manifest-sha256.txt").open("w", encoding="utf-8") as manifest:
        for entry in payload.sorted_entries():
            name = entry.file.path.replace("\r", "%0D").replace("\n", "%0A")
            manifest.write(f"{entry.sha256}  data/{name}\n")
    (root / README_NAME).write_text(readme_text, encoding="utf-8")
    bag = bagit.Bag(str(root))
    total = sum(entry.size for entry in payload.entries.values())
    bag.info.update(info)
    bag.info["Payload-Oxum"] = f"{total}.{len(payload.entries)}"
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
