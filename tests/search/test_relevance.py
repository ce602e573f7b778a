"""Readers find it on the first try: the judged set (``relevance.toml``) on the demo content.

Every case marked required has a wanted page among its first three results, and the set
as a whole keeps success@3 and MRR@10 at the floors below (what the hub reached when they
were set, ``make bench-relevance`` prints the figures). Runs on whichever database the
suite runs on; CI runs both. The demo is loaded once for the module.
"""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from bench.relevance import evaluate, hub_ranking, read_cases
from tests.committed import committed

pytestmark = pytest.mark.slow

SUCCESS_AT_3_FLOOR = 0.95
MRR_AT_10_FLOOR = 0.95


@pytest.fixture(scope="module")
def judged(django_db_setup, django_db_blocker):
    with committed(django_db_blocker):
        call_command("load_demo_content", stdout=io.StringIO())
        cache.clear()
        yield evaluate(hub_ranking, read_cases())


def describe(failures) -> str:
    return "; ".join(
        f"{case.query!r} ({case.language}): rank {rank}, first {top}" for case, rank, top in failures
    )


def test_the_judged_set_is_large_and_varied():
    cases = read_cases()
    assert len(cases) >= 50
    assert {case.language for case in cases} == {"da", "en"}
    assert {case.kind for case in cases} >= {"part of a compound", "compound", "phrase", "name", "number"}


def test_every_required_case_finds_its_page_in_the_first_three(judged, db):
    missed = [(case, rank, top) for case, rank, top in judged.failed if case in judged.missed_required]
    assert not missed, describe(missed)


def test_success_at_3_and_mrr_stay_at_their_floors(judged, db):
    assert judged.success_at_3 >= SUCCESS_AT_3_FLOOR, describe(judged.failed)
    assert judged.mrr_at_10 >= MRR_AT_10_FLOOR, describe(judged.failed)
