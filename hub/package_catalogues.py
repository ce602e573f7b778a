"""The installed packages' interface strings and where their Danish is missing.

Wagtail's, wagtail-localize's and Django's own Danish catalogues lag behind their English
ones, so the Danish admin shows English. ``manage.py package_catalogue_gaps`` lists the
msgids still without Danish. Planned (not yet built): the project fills the gaps in
``locale_packages/da/LC_MESSAGES/{django,djangojs}.po``, second in ``LOCALE_PATHS``, and
``check_catalogue`` checks it translated, compiled and not stale (``stale_entries``).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

# The packages whose strings editors see in the admin.
PACKAGES = ["wagtail", "wagtail_localize", "django.contrib.admin", "django.contrib.auth", "django_otp"]
DOMAINS = ["django", "djangojs"]
FILL_DIR = Path(settings.BASE_DIR) / "locale_packages"


def fill_catalogue_path(domain: str = "django") -> Path:
    return FILL_DIR / "da" / "LC_MESSAGES" / f"{domain}.po"


@dataclass(frozen=True)
class Gap:
    package: str  # the package's locale folder, relative to site-packages
    domain: str
    msgid: str
    msgid_plural: str
    msgctxt: str | None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def _package_dirs(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return sorted({path.parent for path in root.rglob("locale") if path.is_dir()})


def _translated(path: Path) -> set[tuple[str | None, str]]:
    if not path.exists():
        return set()
    return {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(path))
        if entry.translated() and "fuzzy" not in entry.flags
    }


def english_entries(domain: str = "django") -> list[tuple[str, polib.POEntry]]:
    """Every English msgid of the packages (their ``locale/en`` catalogues, else the .pot)."""
    found = []
    for name in PACKAGES:
        for locale_dir in _package_dirs(name):
            english = locale_dir / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not english.exists():
                continue
            for entry in polib.pofile(str(english)):
                if entry.msgid and not entry.obsolete:
                    found.append((str(locale_dir), entry))
    return found


def gaps(domain: str = "django", *, including_filled: bool = False) -> list[Gap]:
    """The packages' msgids without Danish in their own catalogue (nor, unless
    ``including_filled``, in the project's fill catalogue)."""
    filled = set() if including_filled else _translated(fill_catalogue_path(domain))
    found: dict[tuple[str | None, str], Gap] = {}
    danish_by_dir: dict[str, set] = {}
    for locale_dir, entry in english_entries(domain):
        if locale_dir not in danish_by_dir:
            danish_by_dir[locale_dir] = _translated(
                Path(locale_dir) / "locale" / "da" / "LC_MESSAGES" / f"{domain}.po"
            )
        key = (entry.msgctxt, entry.msgid)
        if key in danish_by_dir[locale_dir] or key in filled:
            continue
        found.setdefault(key, Gap(locale_dir, domain, entry.msgid, entry.msgid_plural, entry.msgctxt))
    # A msgid translated by one package's catalogue is Danish wherever it shows.
    everywhere = set().union(*danish_by_dir.values()) if danish_by_dir else set()
    return [gap for key, gap in found.items() if key not in everywhere]


def english_msgids(domain: str = "django") -> set[str]:
    return {entry.msgid for _, entry in english_entries(domain)} | {
        entry.msgid_plural for _, entry in english_entries(domain) if entry.msgid_plural
    }


def stale_entries(domain: str = "django") -> list[str]:
    """Entries of the fill catalogue that no installed package has any more."""
    path = fill_catalogue_path(domain)
    if not path.exists():
        return []
    known = {(entry.msgctxt, entry.msgid) for _, entry in english_entries(domain)}
    return [
        entry.msgid
        for entry in polib.pofile(str(path))
        if entry.msgid and (entry.msgctxt, entry.msgid) not in known
    ]
