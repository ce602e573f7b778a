"""Kill ``manage.py send_newsletter`` at random instants and resume it: zero duplicates,
zero silent losses.

The child process works on the test's committed PostgreSQL database and sends to an SMTP
server running in this process. After every SIGKILL the next run is ``--resume``. At the
end every recipient got the edition at most once, and every row is either 'sent' (and
its recipient got it exactly once) or 'unknown' (shown to the editor), never 'queued',
'sending' or lost.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from newsletter.delivery import Delivery, Send
from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory, subscribers
from tests.newsletter.smtp_server import ScriptedHandler, start_server

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the child process needs the test database on a server (SQLite's test database is in memory)",
)
Status = Delivery.Status
RECIPIENTS = 150
KILLS = 6
CLAIM_SIZE = 4


def run_child(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_newsletter", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def kill_mid_send(process: subprocess.Popen, handler: ScriptedHandler, delay: float) -> int:
    """SIGKILL ``delay`` seconds after the child's first message of this run arrived."""
    before = len(handler.messages)
    deadline = time.monotonic() + 60
    while len(handler.messages) == before and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killed_sends_resume_without_duplicates_or_silent_losses(home):
    index = NewsletterIndexPageFactory(parent=home)
    edition = NewsletterEditionPageFactory(parent=index, slug="kill-test")
    people = subscribers(RECIPIENTS)
    handler = ScriptedHandler(delay=0.004)
    controller = start_server(handler)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.newsletter.child_settings",
        "NEWSLETTER_TEST_DB_NAME": connection.settings_dict["NAME"],
        "NEWSLETTER_TEST_SMTP_PORT": str(controller.port),
        "NEWSLETTER_BATCH_SIZE": "13",
        "NEWSLETTER_CLAIM_SIZE": str(CLAIM_SIZE),
    }
    rng = random.Random(os.environ.get("KILL_TEST_SEED", time.time_ns()))
    kills = 0
    progress: list[tuple[int | None, int]] = []
    try:
        for _ in range(KILLS):
            resume = ["--resume"] if Send.objects.exists() else []
            code = kill_mid_send(run_child([str(edition.pk), *resume], env), handler, rng.uniform(0, 0.25))
            kills += code == -signal.SIGKILL
            progress.append((code, len(handler.messages)))
        last = run_child([str(edition.pk), "--resume"], env)
        _out, err = last.communicate(timeout=300)
        assert last.returncode == 0, err.decode()
    finally:
        controller.stop()

    received = handler.received()
    send = Send.objects.get()
    rows = {row.subscriber.email: row for row in send.deliveries.select_related("subscriber")}
    assert kills >= 3, "the child should have been killed mid-run several times"
    assert len(rows) == RECIPIENTS
    duplicates = {address: n for address, n in received.items() if n > 1}
    assert not duplicates, f"received twice: {duplicates}"
    by_status = {status: [a for a, r in rows.items() if r.status == status] for status in Status.values}
    assert set(rows) == set(by_status[Status.SENT]) | set(by_status[Status.UNKNOWN]), {
        status: len(found) for status, found in by_status.items()
    }
    for address in by_status[Status.SENT]:
        assert received[address] == 1, f"{address} is marked sent but did not arrive"
    # Every message that arrived belongs to a row that says so, or to one shown as unknown.
    assert set(received) <= {person.email for person in people}
    # A killed worker leaves at most two claimed groups: the one on the wire (or just
    # sent, not yet recorded) and the next one, claimed while it was being sent.
    assert len(by_status[Status.UNKNOWN]) <= kills * 2 * CLAIM_SIZE
    assert by_status[Status.UNKNOWN], "a kill mid-send leaves rows whose fate is unknown"
    print(progress)
    arrived = sum(1 for address in by_status[Status.UNKNOWN] if received[address])
    print(
        f"kills={kills} sent={len(by_status[Status.SENT])} unknown={len(by_status[Status.UNKNOWN])} "
        f"(of which arrived: {arrived})"
    )
