"""Servers a benchmark starts on loopback: gunicorn with production settings, an SMTP sink.

Each is a child process on a free port of 127.0.0.1, waited for until it answers and
stopped with :func:`stop` when the benchmark ends, however it ends.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(process: subprocess.Popen, port: int, name: str, seconds: float) -> None:
    """Return once ``port`` accepts connections; kill ``process`` if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError(f"{name} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise CommandError(f"{name} did not start within {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop politely, then firmly: a benchmark never leaves a server behind."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_gunicorn(port: int, workers: int, threads: int, cache_env: dict | None = None) -> subprocess.Popen:
    """gunicorn serving ``hub.wsgi`` with production settings over plain http.

    ``cache_env`` picks the cache (default: production's own database cache).
    """
    var_dir = Path(os.environ.get("HUB_VAR_DIR", settings.BASE_DIR / "var" / "bench"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "HUB_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        **(cache_env or {}),
    }
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    # With production's settings: its shared cache table and its hashed static files.
    subprocess.run([*manage, "createcachetable"], env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    command = [
        sys.executable, "-m", "gunicorn", "hub.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads),
        "--worker-class", "gthread" if threads > 1 else "sync",
        "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
    wait_for_port(server, port, "gunicorn", seconds=60)
    return server


def start_smtp_sink(port: int) -> subprocess.Popen:
    """aiosmtpd accepting and discarding everything, in its own process so it does not
    compete with the sender for the interpreter."""
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(process, port, "The local SMTP server", seconds=15)
    return process
