"""A real SMTP server on loopback (aiosmtpd) for the newsletter tests: it records what it
accepts and refuses on cue. The ``smtp_server`` fixture (conftest.py) runs one per test;
test_kill.py starts its own for a child process."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections import Counter

from aiosmtpd.controller import Controller


class ScriptedHandler:
    """An aiosmtpd handler that records what it accepts and refuses on cue.

    ``messages`` holds every message received, parsed (``email.message.EmailMessage``),
    with ``.envelope_to`` and its ``.raw`` bytes attached. ``refuse[address]`` is a list
    of RCPT replies given in turn before accepting, or a single string given every time;
    ``drop_data`` addresses lose the connection after the message was received (the
    client cannot know if it arrived); ``delay`` slows every DATA down.
    """

    def __init__(self, delay: float = 0.0):
        self.refuse: dict[str, list[str] | str] = {}
        self.drop_data: set[str] = set()
        self.delay = delay
        self.messages: list = []
        self.attempts: Counter = Counter()
        self.connections = 0
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.attempts[address] += 1
            rule = self.refuse.get(address)
            if isinstance(rule, list) and rule:
                return rule.pop(0)
            if isinstance(rule, str):
                return rule
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        message.raw = envelope.original_content
        with self.lock:
            self.messages.append(message)
        if set(envelope.rcpt_tos) & self.drop_data:
            server.transport.close()
            return None
        return "250 OK"

    def received(self) -> Counter:
        """How many messages each address received."""
        with self.lock:
            return Counter(address for m in self.messages for address in m.envelope_to)

    def to(self, address: str) -> list:
        """The messages received for ``address``."""
        return [m for m in self.messages if address in m.envelope_to]

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def wait_for(self, count: int, timeout: float = 5.0) -> list:
        """The messages once at least ``count`` have arrived (SMTP is asynchronous)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.messages


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(handler) -> Controller:
    """aiosmtpd on a free loopback port, in a thread of this process (its Controller
    cannot start on port 0, so a port found free may be taken by then: try again)."""
    for attempt in range(5):
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        try:
            controller.start()
            return controller
        except Exception:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def use_server(settings, controller: Controller) -> None:
    """Point Django's SMTP settings (and so the newsletter's sender) at ``controller``."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
