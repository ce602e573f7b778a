"""The BagIt bag around the payload, its bilingual README, and the deterministic zip.

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

README = """\
{name}: arkiv / archive
{underline}

DANSK
-----
Denne mappe er det endelige arkiv af {name} ({origin}), lavet {date}.
Den er en BagIt-pakke: filerne ligger i data/, og manifest-sha256.txt har en
kontrolsum for hver fil, så man kan se, om noget er ændret.

- data/site/index.html: åbn den i en browser. En kopi af alle offentlige sider på
  dansk og engelsk med deres dokumenter og billeder; den virker direkte fra disken.
  Søgningen kræver en lille webserver: kør "python3 serve.py" i data/site/ og åbn
  http://127.0.0.1:8000/. Uden server: brug A-Å-indekset (data/site/a-z/).
- data/web-archive/: de samme sider præcis som webstedet viste dem, som WARC-fil
  med et CDXJ-indeks, til webarkiver og værktøjer som pywb eller ReplayWeb.page.
- data/clusters/: én zip-fil pr. landsbyklynge med dens rapporter.
- data/newsletter/: alle udsendte nyhedsbreve (HTML og tekst), uden modtagere.
- data/metadata/: fortegnelse over alle filer (inventory.csv), omdirigeringer
  (redirects.csv), hvad der er udeladt og hvorfor (excluded.csv, kun id'er) og
  eksportens log (events.log).

Tjek arkivet: "python manage.py verify_archive STI" i hubbens kode, eller et
hvilket som helst BagIt-værktøj (f.eks. "bagit.py --validate STI").

ENGLISH
-------
This folder is the final archive of {name} ({origin}), made {date}.
It is a BagIt bag: the files are in data/, and manifest-sha256.txt holds a checksum
for every file, so anyone can tell whether something has changed.

- data/site/index.html: open it in a browser. A copy of every public page in Danish
  and English with their documents and images; it works straight from disk. Search
  needs a small web server: run "python3 serve.py" in data/site/ and open
  http://127.0.0.1:8000/. Without a server, use the A-Z index (data/site/a-z/).
- data/web-archive/: the same pages exactly as the website served them, as a WARC
  file with a CDXJ index, for web archives and tools such as pywb or ReplayWeb.page.
- data/clusters/: one zip file per village cluster with its reports.
- data/newsletter/: every newsletter edition sent (HTML and text), without recipients.
- data/metadata/: an inventory of every file (inventory.csv), the redirects
  (redirects.csv), what was left out and why (excluded.csv, ids only) and the
  export's log (events.log).

Check the archive: "python manage.py verify_archive PATH" in the hub's code, or any
BagIt tool (e.g. "bagit.py --validate PATH").
"""


def readme(name: str, origin: str, date: datetime.date) -> str:
    title = f"{name}: arkiv / archive"
    return README.format(name=name, origin=origin, date=date.isoformat(), underline="=" * len(title))


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
