"""``manage.py demo_snapshot``: every page and its fields as canonical JSON, ids named."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from demo.snapshot import dumps, snapshot


def test_pages_and_what_they_point_at_are_named_not_numbered(hub_tree):
    da, en = hub_tree.da, hub_tree.en
    data = snapshot()
    mols = data["pages"][f"da:{da.mols.url_path}"]
    assert (mols["type"], mols["title"], mols["municipality"]) == (
        "cases.ClusterPage",
        "Mols i Udvikling",
        "Syddjurs",
    )
    assert mols["translation_key"] == f"page:{da.mols.url_path}"
    english = data["pages"][f"en:{en.mols.url_path}"]
    assert english["translation_key"] == f"page:{da.mols.url_path}", "the English page names its Danish one"
    report = data["pages"][f"da:{da.mols_mapping.url_path}"]
    assert report["cluster"] == f"page:{da.mols.url_path}"
    assert report["document"] == f"document:{da.mols_mapping.document.title}"
    assert report["focus_areas"] == ["focus-area:organisering@da"]
    story = data["pages"][f"da:{da.story1.url_path}"]
    assert story["lead_image"] == "image:Mols Bjerge" and story["themes"] == ["turisme"]
    assert data["images"]["Mols Bjerge"]["file"]["sha256"]
    assert (
        data["documents"][da.mols_mapping.document.title]["file"]["sha256"] == da.mols_mapping.document.sha256
    )


def test_the_same_database_gives_the_same_bytes(hub_tree):
    first = dumps(snapshot())
    assert dumps(snapshot()) == first
    assert list(json.loads(first)) == sorted(json.loads(first))


def test_the_command_writes_the_snapshot(hub_tree, tmp_path):
    call_command("demo_snapshot", str(tmp_path / "demo.json"), stderr=io.StringIO())
    written = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    assert written == json.loads(dumps(snapshot()))
    out = io.StringIO()
    call_command("demo_snapshot", stdout=out)
    assert json.loads(out.getvalue()) == written
