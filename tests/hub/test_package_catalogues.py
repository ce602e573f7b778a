"""The list of the installed packages' interface strings that have no Danish: what the
project's own catalogue must supply for a Danish admin (issue 12)."""

from __future__ import annotations

from django.core.management import call_command

from hub import package_catalogues


def test_the_gaps_are_the_strings_wagtail_shows_in_english_and_not_those_it_translates():
    missing = {gap.msgid for gap in package_catalogues.gaps("django")}
    # Seen in English on the Danish admin by a tester.
    assert {"Images", "Documents", "Search all pages…"} <= missing
    # Wagtail's own Danish catalogue has these.
    assert not {"Pages", "Log out", "Save draft", "Publish"} & missing


def test_the_command_prints_each_gap_and_the_counts(capsys):
    call_command("package_catalogue_gaps")
    out, err = capsys.readouterr()
    assert "'Search all pages…'" in out
    assert "django: " in err and "strings without Danish" in err
