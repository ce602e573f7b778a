"""The archive's rules that need no export: which host names are public, the search
index from disk built with the live site's analysis."""

from __future__ import annotations

import pytest
from django.utils import translation

from hub.public_address import non_public_reason
from newsletter.archive.export import ArchiveError, export_archive
from newsletter.archive.offline_search import SearchDocument, build_index, indexed_stems
from search import analysis


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "127.0.0.1",
        "10.0.0.7",
        "192.168.1.2",
        "[::1]",
        "hub",
        "hub.local",
        "web.test",
        "x.localhost",
        "",
    ],
)
def test_a_non_public_host_name_is_named(host):
    assert non_public_reason(host)


@pytest.mark.parametrize("host", ["landsbyklynger.dk", "www.landsbyklynger.dk", "arkiv.kb.dk", "8.8.8.8"])
def test_a_public_host_name_passes(host):
    assert non_public_reason(host) == ""


def test_the_export_refuses_a_local_host_name_and_names_the_setting(tmp_path, hub_tree):
    with translation.override("en"), pytest.raises(ArchiveError) as refused:
        export_archive(tmp_path / "out")
    message = str(refused.value)
    assert "localhost" in message and "Settings → Sites" in message and "--allow-local-host" in message
    assert list(tmp_path.iterdir()) == []  # nothing was started


def documents(*texts: tuple[str, str]) -> list[SearchDocument]:
    return [
        SearchDocument(
            local=f"da/{n}/index.html", language="da", title=title, kind="Side", date="", text=text
        )
        for n, (title, text) in enumerate(texts)
    ]


def test_the_index_from_disk_is_built_with_the_live_analysis():
    index = build_index(
        documents(
            ("Mødesteder i Aarsballe", "Mødestedernes rolle i landsbyklyngen."), ("Andet", "Intet her.")
        ),
        "da",
    )
    # Every indexed term is what search.analysis makes of the text, and nothing else.
    expected = set(
        indexed_stems("Mødesteder i Aarsballe Mødestedernes rolle i landsbyklyngen. Andet Intet her.", "da")
    )
    assert {"landsbyklyng", "landsby", "klyng"} <= expected, "the words' stems and their parts'"
    assert set(index["terms"]) == expected
    # A word of the copy is analysed for queries exactly as the live site does.
    assert index["words"]["mødesteder"] == analysis.query_stems("mødesteder", "da")
    # The spelling folds are the analysis's own (aa and å are one letter).
    assert ["aa", "å"] in index["folds"]
    assert analysis.normalize("Aarsballe", "da").startswith("å")
    first = index["terms"].index(analysis.stem("mødested", "da"))
    assert index["postings"][first][0] == 0  # the first page
    assert index["docs"][0][0] == "da/0/index.html" and index["docs"][0][1] == "Mødesteder i Aarsballe"
