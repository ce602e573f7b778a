"""The benchmark's index sizes: the compound parts are what decompounding adds."""

from __future__ import annotations

import pytest
from django.db import connection

from bench.index_size import index_sizes
from tests import factories as f


def test_the_index_without_compound_parts_is_smaller(hub_tree):
    if connection.vendor != "postgresql":
        pytest.skip("the index sizes are PostgreSQL's")
    before = index_sizes()
    f.SuccessStoryPageFactory(
        parent=hub_tree.da.story_index,
        title="Fjernvarmeværket og skolebestyrelsen",
        body=f.body(" ".join(["Idrætsforeningens biblioteksfilial og sognegården."] * 50)),
    )
    with_parts, without_parts = index_sizes()
    assert with_parts.vectors > without_parts.vectors > 0
    grown = with_parts.vectors - before[0].vectors
    assert grown > without_parts.vectors - before[1].vectors, "the compounds' parts are indexed too"
