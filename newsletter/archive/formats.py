"""PRONOM format ids for every file of the archive, from a real format identifier: FIDO.

FIDO (``opf-fido`` on PyPI, the Open Preservation Foundation's identifier) matches each
file against The National Archives' PRONOM signatures (DROID's signature file, version in
``Formats.signatures``) and, failing that, its extension. It is chosen over siegfried
because it installs with pip on any machine the hub runs on (siegfried is a Go program with
no Debian or PyPI package) and runs in-process, so identifying thousands of files costs no
process per file; the files are shared between the render processes (``archive.pool``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version

from .payload import Payload
from .pool import ForkPool


@dataclass(frozen=True)
class Format:
    puid: str  # one PRONOM id, or several separated by ";" when only the extension matched
    name: str
    basis: str  # "signature", "container", "extension" or "" (not identified)


@dataclass
class Formats:
    tool: str
    signatures: str
    found: dict[str, Format] = field(default_factory=dict)  # payload path -> format


class _Identifier:
    """One FIDO instance (its signatures loaded once), answering one file at a time."""

    def __init__(self, root):
        from fido import CONFIG_DIR
        from fido.fido import Fido
        from fido.versions import get_local_versions

        self.root = root
        versions = get_local_versions(CONFIG_DIR)
        self.signatures = f"{versions.pronom_signature}, {versions.pronom_container_signature}"
        self._last: Format | None = None
        self.fido = Fido(
            quiet=True,
            handle_matches=self._handle,
            format_files=[versions.pronom_signature, versions.fido_extension_signature],
        )

    def _handle(self, _name, matches, _seconds, matchtype=""):
        puids = [self.fido.get_puid(fmt) for fmt, _signature in matches]
        if not puids:
            self._last = Format("", "", "")
            return
        name = matches[0][0].findtext("name") or ""
        self._last = Format(";".join(dict.fromkeys(puids)), name, matchtype if matchtype != "fail" else "")

    def __call__(self, path: str) -> Format:
        self._last = Format("", "", "")
        self.fido.identify_file(str(self.root / path))
        return self._last


def identify_formats(payload: Payload) -> Formats:
    """Every payload file's PRONOM format, in path order, in parallel where that is safe."""
    identify = _Identifier(payload.root)
    formats = Formats(tool=f"fido {version('opf-fido')}", signatures=identify.signatures)
    paths = sorted(payload.entries)
    with ForkPool(identify) as run:
        for path, found in zip(paths, run(paths), strict=True):
            formats.found[path] = found
    return formats
