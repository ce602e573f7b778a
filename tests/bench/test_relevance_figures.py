"""The relevance figures: success@1, success@3 and MRR@10 as the benchmark computes them."""

from __future__ import annotations

import pytest

from bench.relevance import Case, figures, normalise_url, read_cases


def case(query, want, required=True):
    return Case(query=query, language="da", kind="word", want=tuple(want), required=required)


def test_figures_of_a_ranking():
    first = case("a", ["/a/"])
    third = case("b", ["/b/", "/bb/"])
    missing = case("c", ["/c/"], required=False)
    result = figures(
        [
            (first, ["/a/", "/x/"]),
            (third, ["/x/", "/y/", "/bb/", "/b/"]),
            (missing, ["/x/"] * 12 + ["/c/"]),
        ]
    )
    assert result.cases == 3
    assert result.success_at_1 == pytest.approx(1 / 3)
    assert result.success_at_3 == pytest.approx(2 / 3)
    assert result.mrr_at_10 == pytest.approx((1 + 1 / 3 + 0) / 3)
    assert [failed[0].query for failed in result.failed] == ["b", "c"]
    assert result.missed_required == [], "a required case passes in the first three"


def test_a_required_case_past_the_third_is_missed():
    late = case("d", ["/d/"])
    assert figures([(late, ["/x/", "/y/", "/z/", "/d/"])]).missed_required == [late]


def test_static_copy_urls_are_site_paths():
    assert normalise_url("/da/findings/x/index.html") == "/da/findings/x/"


def test_the_judged_set_reads(tmp_path):
    assert len(read_cases()) >= 50
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[case]]\nquery = "x"\nlanguage = "da"\nkind = "typo"\nwant = ["/x/"]\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match="kind"):
        read_cases(bad)
