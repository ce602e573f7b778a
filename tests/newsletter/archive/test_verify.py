"""verify_archive names every problem and exits non-zero: a changed byte, a missing file,
a broken link, a damaged WARC; a sound archive (folder or zip) passes."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from django.core.management import CommandError, call_command

from newsletter.archive.bag import write_zip
from newsletter.archive.export import summary_date


@pytest.fixture
def copy(exported, tmp_path):
    target = tmp_path / exported.path.name
    shutil.copytree(exported.path, target)
    return target


def run(path, capsys):
    with pytest.raises(CommandError) as failure:
        call_command("verify_archive", str(path))
    return str(failure.value) + capsys.readouterr().err


def test_a_sound_archive_passes(exported, capsys, db):
    call_command("verify_archive", str(exported.path))
    call_command("verify_archive", str(exported.zip_path))
    assert capsys.readouterr().out.count("OK.") == 2


def test_one_changed_byte_is_caught_and_named(copy, capsys, db):
    page = copy / "data/site/da/index.html"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x01
    page.write_bytes(bytes(data))
    output = run(copy, capsys)
    assert "data/site/da/index.html" in output and "1 problems" in output


def test_a_changed_byte_inside_the_zip_is_caught(copy, tmp_path, capsys, db):
    (copy / "data/metadata/redirects.csv").write_bytes(b"old_path,site\n/x/,y\n")
    broken = tmp_path / "broken.zip"
    write_zip(copy, broken, summary_date(copy))
    assert "data/metadata/redirects.csv" in run(broken, capsys)


def test_a_missing_file_and_a_broken_link_are_named(copy, capsys, db):
    (copy / "data/site/robots.txt").unlink()
    page = copy / "data/site/da/om/index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="../nowhere/index.html">x</a></main>'))
    output = run(copy, capsys)
    assert "robots.txt" in output
    assert "da/om/index.html" in output and "../nowhere/index.html" in output


def test_a_damaged_warc_is_named(copy, capsys, db):
    warc = copy / "data/web-archive/landsbyklynger.warc.gz"
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) // 2])
    output = run(copy, capsys)
    assert "landsbyklynger.warc.gz" in output


def test_not_an_archive(tmp_path, capsys, db):
    (tmp_path / "plain").mkdir()
    assert "plain" in run(tmp_path / "plain", capsys)
    bogus = tmp_path / "bogus.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("../evil.txt", "x")
    assert "../evil.txt" in run(bogus, capsys)


def test_export_command_refuses_a_full_folder_clearly(tmp_path, db):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="full"):
        call_command("export_archive", str(tmp_path / "full"))
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
