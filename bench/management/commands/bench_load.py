"""Load benchmark: the site under gunicorn with production settings, driven by wrk.

Content is the demo hub (loaded if missing), plus the search benchmark's corpus when
``--pages`` is given or it exists already. gunicorn serves ``hub.wsgi`` with
``hub.settings.production`` (DEBUG off, a fresh SECRET_KEY, the shared database cache)
on 127.0.0.1 at a free port, over plain http (SSL redirect off, as behind a proxy that
terminates TLS). wrk, on loopback too, spreads requests over home pages, listings,
detail pages, search and downloads, and a Lua ``done`` hook reports p50/p95 and errors
for each number of concurrent connections ("users").

The cache is Redis when one answers at ``--redis`` (under a key prefix of its own, removed
afterwards), else production's database cache. Latency depends on what else the machine
runs, so each level also reports the CPU time the server spent per request (gunicorn's
workers, and the PostgreSQL and Redis processes), which noise on other cores hardly moves.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from bench.content import ensure_demo_content, warn_unless_postgresql
from bench.corpus import generate_corpus
from bench.measure import cpu_seconds, load_average, read_stat
from bench.server import free_port, start_gunicorn, stop

LUA = """
local paths = {%(paths)s}
local counter = 0
setup = function(thread)
  thread:set("offset", math.random(#paths))
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + offset) %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.3f, "p50": %%.3f, "p95": %%.3f, "p99": %%.3f, "max": %%.3f, '
    .. '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def sample(queryset, count: int) -> list:
    """Up to ``count`` items spread over the whole queryset, not just its first rows."""
    ids = list(queryset.values_list("pk", flat=True))
    step = max(1, len(ids) // count)
    chosen = ids[::step][:count]
    return list(queryset.model.objects.filter(pk__in=chosen))


def has_second_page(page) -> bool:
    if not hasattr(page, "listing_queryset"):
        return False
    return page.listing_queryset().count() > (page.page_size or settings.HUB_LISTING_PAGE_SIZE)


def request_mix(per_kind: int = 6) -> list[str]:
    """Paths in the proportions a reader's visit has: pages, listings, search, downloads."""
    from cases.models import ClusterPage, ReportPage
    from cases.services import cluster_reports

    paths: list[str] = []
    for locale in Locale.objects.all():
        live = Page.objects.live().public().filter(locale=locale)
        home = live.filter(depth=2).first()
        if home is None:
            continue
        paths += [home.url] * 3
        sections = list(home.get_children().live().public().specific())
        paths += [section.url for section in sections]
        # A second page only where the listing has one (a listing's page size may differ).
        paths += [f"{section.url}?page=2" for section in sections if has_second_page(section)]
        for section in sections:
            children = section.get_children().live().public()
            paths += [page.url for page in sample(children, per_kind)]
        with translation.override(locale.language_code):
            search = reverse("search")
        paths += [f"{search}?q={query}" for query in ("landsbyklynge", "mødested", "strategiplan", "kommune")]
        reports = sample(ReportPage.objects.live().public().filter(locale=locale, document__isnull=False), 3)
        paths += [report.document.url for report in reports]
        for cluster in sample(ClusterPage.objects.live().public().filter(locale=locale), 2):
            if cluster_reports(cluster):
                paths.append(f"{cluster.url}rapporter.zip")
    # wrk sends paths as they are: percent-encode æ, ø, å and spaces.
    return [quote(path, safe="/?=&%") for path in paths if path]


class Command(BaseCommand):
    help = "Serve the site with gunicorn (production settings) and load it with wrk: p50/p95 and errors."

    def add_arguments(self, parser):
        parser.add_argument("--users", default="10,50,100", help="concurrent connections, comma-separated")
        parser.add_argument("--duration", type=int, default=20, help="seconds per level")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
        parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
        parser.add_argument(
            "--pages", type=int, default=0, help="also generate this big a corpus (bench.corpus)"
        )
        parser.add_argument(
            "--redis",
            default="redis://127.0.0.1:6379/0",
            help="Redis for the shared cache if it answers; 'none' for production's database cache",
        )

    def handle(self, *args, users, duration, workers, threads, pages, redis, **options):
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("wrk is missing: apt-get install wrk (make bench-load installs it).")
        warn_unless_postgresql(self.stderr)
        ensure_demo_content(self.stdout)
        if pages:
            generate_corpus(pages, max(1, pages // 10))
        paths = request_mix()
        levels = [int(level) for level in users.split(",") if level.strip()]
        cache_env, cache_name = self.choose_cache(redis)
        port = free_port()
        load_before = load_average()
        server = start_gunicorn(port, workers, threads, cache_env)
        try:
            base = f"http://127.0.0.1:{port}"
            self.check_paths(base, paths)
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(LUA % {"paths": ", ".join(json.dumps(path) for path in paths)})
            self.run_wrk(wrk, script.name, base, connections=10, seconds=5)  # warm every worker's caches
            results = []
            for level in levels:
                before = self.server_cpu(server)
                result = self.run_wrk(wrk, script.name, base, connections=level, seconds=duration)
                after = self.server_cpu(server)
                result["cpu"] = {
                    part: sum(seconds - before[part].get(pid, 0.0) for pid, seconds in after[part].items())
                    for part in after
                }
                results.append((level, result))
        finally:
            stop(server)
            self.forget_cache(cache_env)
        self.report(results, paths, workers, threads, duration, cache_name, load_before)

    def choose_cache(self, redis_url: str) -> tuple[dict, str]:
        """Redis under a prefix of this run's own if it answers, else the database cache."""
        if redis_url and redis_url != "none":
            try:
                import redis

                redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
            except Exception as error:  # not installed, not running: say so and go on
                self.stderr.write(f"Redis at {redis_url} unavailable ({error}); using the database cache.")
            else:
                prefix = f"bench-load-{secrets.token_hex(4)}"
                return {"CACHE_URL": redis_url, "CACHE_KEY_PREFIX": prefix}, f"Redis ({redis_url})"
        return {"CACHE_URL": "", "REDIS_URL": ""}, "database cache (PostgreSQL)"

    def forget_cache(self, cache_env: dict) -> None:
        """Remove this run's keys from Redis (the database cache is the bench database's)."""
        prefix = cache_env.get("CACHE_KEY_PREFIX")
        if prefix:
            import redis

            client = redis.Redis.from_url(cache_env["CACHE_URL"])
            keys = list(client.scan_iter(f"{prefix}:*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])

    def server_cpu(self, server: subprocess.Popen) -> dict[str, dict[int, float]]:
        """CPU seconds so far of gunicorn's processes, this database's backends and Redis.

        Per process, so a database connection closed during a level is not counted negative.
        """
        backends = []
        if connection.vendor == "postgresql":  # SQLite runs inside gunicorn's workers
            with connection.cursor() as cursor:
                cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
                backends = [pid for (pid,) in cursor.fetchall()]
        gunicorn, redis = [server.pid], []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                stat = read_stat(int(entry.name))
                if stat and stat[1] == server.pid:
                    gunicorn.append(int(entry.name))
                elif stat and stat[0] == "redis-server":
                    redis.append(int(entry.name))
        return {
            "gunicorn": {pid: cpu_seconds(pid) for pid in gunicorn},
            "postgres": {pid: cpu_seconds(pid) for pid in backends},
            "redis": {pid: cpu_seconds(pid) for pid in redis},
        }

    def check_paths(self, base: str, paths: list[str]) -> None:
        """Every path answers 200 before the load starts, so errors mean load errors."""
        for path in dict.fromkeys(paths):
            try:
                with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310 - http on loopback
                    response.read()
            except Exception as error:
                raise CommandError(f"{path}: {error}") from error

    def run_wrk(self, wrk: str, script: str, base: str, connections: int, seconds: int) -> dict:
        command = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
        output = subprocess.run([*command, "-s", script, base], capture_output=True, text=True, check=True)
        line = next(line for line in output.stdout.splitlines() if line.startswith("{"))
        return json.loads(line)

    def report(self, results, paths, workers, threads, duration, cache_name, load_before) -> None:
        kinds = {
            "downloads": sum(1 for p in paths if p.endswith((".pdf", ".zip")) or "/documents/" in p),
            "search": sum(1 for p in paths if "?q=" in p),
        }
        self.stdout.write(
            f"\nLoad benchmark on {connection.vendor}: gunicorn {workers} workers x {threads} threads, "
            f"{os.cpu_count()} CPU cores, wrk on loopback, {duration} s per level"
        )
        self.stdout.write(f"Cache: {cache_name}; load average before: {load_before}")
        self.stdout.write(
            f"{len(paths)} paths in the mix ({kinds['search']} searches, {kinds['downloads']} downloads)"
        )
        self.stdout.write(
            f"{'users':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
            f"   CPU ms/request: {'gunicorn':>8} {'postgres':>8} {'redis':>6}"
        )
        for level, result in results:
            errors = sum(result[key] for key in ("connect", "read", "write", "status", "timeout"))
            rate = result["requests"] / result["seconds"] if result["seconds"] else 0
            cpu = {
                part: 1000 * seconds / max(1, result["requests"]) for part, seconds in result["cpu"].items()
            }
            self.stdout.write(
                f"{level:>6} {rate:8.1f} {result['p50']:8.1f} {result['p95']:8.1f} {result['p99']:8.1f} {errors:>7}"
                f"   {'':>15} {cpu['gunicorn']:8.2f} {cpu['postgres']:8.2f} {cpu['redis']:6.2f}"
            )
            if errors:
                details = ", ".join(
                    f"{key} {result[key]}" for key in ("connect", "read", "write", "status", "timeout")
                )
                self.stdout.write(f"{'':>6} errors: {details}")
        self.stdout.write(f"Load average after: {load_average()}")
