"""Redis away while the site serves cached pages (hub/cache.py): a real redis-server of the
test's own on 127.0.0.1, stalled (SIGSTOP) and killed mid-way. Pages still answer, a page
published meanwhile is shown, and caching resumes when Redis is back."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time

import pytest

from hub import cache as hub_cache
from tests import factories as f
from tests.hub.test_page_cache import is_cached

REDIS = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.fail("redis-server did not start")


@pytest.fixture
def own_redis(settings, monkeypatch):
    if REDIS is None:
        pytest.skip("redis-server is not installed (Debian's redis-server)")
    port = free_port()
    process = start_redis(port)
    settings.CACHES = {
        "default": {
            "BACKEND": "hub.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }
    settings.HUB_PAGE_CACHE_SECONDS = 300
    monkeypatch.setattr(hub_cache, "RETRY_SECONDS", 0.5)
    monkeypatch.setattr(hub_cache.ResilientRedisCache, "away_until", 0.0)
    state = {"process": process, "port": port}
    yield state
    state["process"].kill()
    state["process"].wait()


def wait_past_retry():
    time.sleep(hub_cache.RETRY_SECONDS + 0.1)


def test_a_stalled_redis_serves_pages_and_hides_no_publish_when_back(client, home, own_redis):
    page = f.StandardPageFactory(parent=home, title="Om hubben", slug="om-redis-stall")
    assert is_cached(client, page.url)

    own_redis["process"].send_signal(signal.SIGSTOP)  # Redis hangs: every call times out
    try:
        response = client.get(page.url)
        assert response.status_code == 200 and "Om hubben" in response.content.decode()
        page.title = "Om landsbyklyngehubben"
        page.save_revision().publish()  # the content version cannot move on now
        response = client.get(page.url)
        assert response.status_code == 200 and "Om landsbyklyngehubben" in response.content.decode()
    finally:
        own_redis["process"].send_signal(signal.SIGCONT)

    wait_past_retry()
    # Redis still holds the old page under the old version: it must not come back.
    response = client.get(page.url)
    assert "Om landsbyklyngehubben" in response.content.decode()
    assert is_cached(client, page.url), "caching resumes"


def test_redis_killed_and_restarted_pages_answer_and_caching_resumes(client, home, own_redis):
    page = f.StandardPageFactory(parent=home, title="Kontakt", slug="kontakt-redis")
    assert is_cached(client, page.url)

    own_redis["process"].kill()
    own_redis["process"].wait()
    statuses = [client.get(page.url).status_code for _ in range(5)]
    assert statuses == [200] * 5
    assert hub_cache.ResilientRedisCache.away_until > 0, "the outage was noticed"

    own_redis["process"] = start_redis(own_redis["port"])
    wait_past_retry()
    assert client.get(page.url).status_code == 200
    assert is_cached(client, page.url), "caching resumes once Redis is back"
    assert hub_cache.ResilientRedisCache.away_until == 0.0
