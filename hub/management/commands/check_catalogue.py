"""Fail when the Danish catalogue lags behind the code: a project string that is not in
locale/da/LC_MESSAGES/django.po, translated, not fuzzy, and compiled.

``makemessages`` rewrites the catalogue in place, so it runs on a copy of the project's
files in a temporary folder; the working tree is never touched. CI runs this command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# What makemessages must not read: the virtualenv, generated files and the tests' strings.
IGNORED = [".venv", "var", "tests", "node_modules", "artifacts", "static", "media"]
CATALOGUE = Path("locale") / "da" / "LC_MESSAGES" / "django.po"


def project_files(root: Path) -> list[Path]:
    """The files of the project: in a git checkout, tracked and new ones git does not ignore."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607 - git from PATH
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.split(b"\0")
        return [root / name.decode() for name in listed if name and (root / name.decode()).is_file()]
    except (OSError, subprocess.CalledProcessError):
        return [
            path
            for path in root.rglob("*")
            if path.is_file()
            and not any(part in IGNORED or part == ".git" for part in path.relative_to(root).parts)
        ]


def problems(catalogue: polib.POFile) -> list[str]:
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"untranslated: {entry.msgid!r}")
    return found


class Command(BaseCommand):
    help = "Check that every project string is in the Danish catalogue, translated, not fuzzy, and compiled."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        if not (root / CATALOGUE).exists():
            raise CommandError(f"There is no Danish catalogue at {CATALOGUE}.")
        compiled = subprocess.run(
            ["msgfmt", "--check", "-o", os.devnull, str(root / CATALOGUE)],  # noqa: S607 - gettext from PATH
            capture_output=True,
            text=True,
        )
        if compiled.returncode:
            raise CommandError(f"{CATALOGUE} does not compile:\n{compiled.stderr}")
        with tempfile.TemporaryDirectory(prefix="hub-catalogue-") as scratch:
            copy = Path(scratch)
            for path in project_files(root):
                target = copy / path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
            command = [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-obsolete"]
            command += [f"--ignore={name}" for name in IGNORED]
            made = subprocess.run(command, cwd=copy, capture_output=True, text=True)
            if made.returncode:
                raise CommandError(f"makemessages failed:\n{made.stderr}")
            found = problems(polib.pofile(str(copy / CATALOGUE)))
        if found:
            listing = "\n".join(f"  {line}" for line in found)
            raise CommandError(
                f"{len(found)} project strings are missing from the Danish catalogue or not translated "
                f"(run `make messages`, translate them in {CATALOGUE}, and compile):\n{listing}"
            )
        self.stdout.write(self.style.SUCCESS("The Danish catalogue holds every project string, translated."))
