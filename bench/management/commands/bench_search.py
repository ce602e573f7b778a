"""Search benchmark: p50/p95 of the search page and of the bare backend query.

Generates the synthetic corpus first if the database has none (``bench.corpus``). Compare
the ratio page/bare measured in the same run, not absolute figures across machines. The
CPU time this process spends per request (Django, the template; not PostgreSQL's) is
printed too: on a busy machine it moves far less than the wall-clock time.
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from wagtail.models import Locale, Page

from bench.corpus import generate_corpus, rare_token
from bench.index_size import index_sizes, megabytes
from bench.measure import load_average, percentile
from hub.progress import Progress
from search.services import OPERATOR

QUERIES = [
    "landsbyklynge",
    "mødested",
    "kortlægning strategiplan",
    "social kapital",
    "vindmølle",
    "klynge",  # a part of many compounds
    "20.000 borgere",
]


class Command(BaseCommand):
    help = "Time the search page against the bare backend query on a generated corpus."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10_000)
        parser.add_argument("--pdfs", type=int, default=1_000)
        parser.add_argument("--rounds", type=int, default=20)

    def handle(self, *args, pages, pdfs, rounds, **options):
        total = pages
        progress = Progress(total, "Generating corpus", self.stdout)
        created = generate_corpus(pages, pdfs, progress=lambda done: progress.advance())
        if created:
            self.stdout.write(f"Generated {created} pages in {progress.elapsed():.0f}s")
        danish = Locale.objects.get(language_code="da")
        queries = [*QUERIES, rare_token("story", pdfs + 3), rare_token("pdf", 7)]
        client = Client()

        def bare(query):
            # The same search as the page's (its operator), without anything around it.
            list(Page.objects.live().public().filter(locale=danish).search(query, operator=OPERATOR)[:12])

        def page(query, cold=False):
            # Cold: the search itself is not cached (a query nobody asked before), while
            # the site around it (navigation, filter choices) is, as in production.
            with override_settings(HUB_SEARCH_CACHE_SECONDS=0 if cold else 300):
                response = client.get("/da/search/", {"q": query})
            if response.status_code != 200:
                raise CommandError(f"The search page answered {response.status_code} for {query!r}.")

        for query in queries:  # warm caches and connections
            bare(query)
            page(query)
        timings = {"bare backend query": [], "search page, cold": [], "search page, cached": []}
        cpu = {name: [] for name in timings}
        per_query = {query: [] for query in queries}
        per_query_bare = {query: [] for query in queries}

        def timed(name, run, *args, **kwargs) -> float:
            start, start_cpu = time.perf_counter(), time.process_time()
            run(*args, **kwargs)
            elapsed = (time.perf_counter() - start) * 1000
            timings[name].append(elapsed)
            cpu[name].append((time.process_time() - start_cpu) * 1000)
            return elapsed

        for _ in range(rounds):
            for query in queries:
                per_query_bare[query].append(timed("bare backend query", bare, query))
                per_query[query].append(timed("search page, cold", page, query, cold=True))
                timed("search page, cached", page, query)

        count = Page.objects.live().filter(locale=danish).count()
        self.stdout.write(
            f"\nSearch benchmark on {connection.vendor}: {count} live Danish pages, {rounds} rounds"
        )
        self.stdout.write(f"{'':22} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}")
        for name, samples in timings.items():
            self.stdout.write(
                f"{name:22} {statistics.median(samples):8.1f} {percentile(samples, 0.95):8.1f}"
                f" {statistics.median(cpu[name]):8.1f} {percentile(cpu[name], 0.95):8.1f}"
            )
        bare_p50 = statistics.median(timings["bare backend query"])
        bare_p95 = percentile(timings["bare backend query"], 0.95)
        for name in ("search page, cold", "search page, cached"):
            ratio_p50 = statistics.median(timings[name]) / bare_p50
            ratio_p95 = percentile(timings[name], 0.95) / bare_p95
            label = name.replace("search page", "page") + " / bare"
            self.stdout.write(f"{label:22} {ratio_p50:8.2f} {ratio_p95:8.2f}")
        self.stdout.write(f"Load average when measured: {load_average()}")
        if connection.vendor == "postgresql":
            with transaction.atomic():
                with_parts, without_parts = index_sizes()
            self.stdout.write(
                f"\nSearch index, vectors + GIN index: with compound parts {megabytes(with_parts.vectors)}"
                f" + {megabytes(with_parts.gin)} = {megabytes(with_parts.total)}; without them (before"
                f" decompounding) {megabytes(without_parts.vectors)} + {megabytes(without_parts.gin)}"
                f" = {megabytes(without_parts.total)}; {with_parts.total / max(without_parts.total, 1):.2f}x"
            )
        self.stdout.write(f"\nPer query (p50 ms): {'bare':>9} {'page, cold':>11}")
        for query, samples in per_query.items():
            bare_p50 = statistics.median(per_query_bare[query])
            self.stdout.write(f"  {query:28} {bare_p50:8.1f} {statistics.median(samples):11.1f}")
