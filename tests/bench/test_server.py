"""Servers the benchmarks start on loopback are waited for and always stopped."""

from __future__ import annotations

import smtplib
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from bench.server import free_port, start_smtp_sink, stop, wait_for_port


def test_the_smtp_sink_answers_until_stopped():
    port = free_port()
    sink = start_smtp_sink(port)
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
            assert client.noop()[0] == 250
            client.sendmail("a@example.org", ["b@example.org"], b"Subject: x\r\n\r\nbenchmark")
    finally:
        stop(sink)
    assert sink.poll() is not None


def test_a_server_that_dies_is_reported_not_waited_for():
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(CommandError, match="exited with 3"):
        wait_for_port(process, free_port(), "the server", seconds=10)


def test_a_server_that_never_listens_is_killed():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    with pytest.raises(CommandError, match="did not start within 1 s"):
        wait_for_port(process, free_port(), "the server", seconds=1)
    assert process.wait(timeout=5) != 0
