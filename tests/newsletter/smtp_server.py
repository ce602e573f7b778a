"""An SMTP server on loopback that can refuse, for the edition and sending tests."""

from __future__ import annotations

import asyncio
import email
import email.policy
import itertools
import socket
import threading
import time
from collections import Counter

_numbers = itertools.count(1)


class ScriptedHandler:
    """An aiosmtpd handler that records what it accepts and refuses on cue.

    ``refuse[address]`` is a list of RCPT replies given in turn before accepting, or a
    single string given every time; ``drop_data`` addresses lose the connection after
    the message was received (the client cannot know if it arrived).
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
        with self.lock:
            return Counter(address for m in self.messages for address in m.envelope_to)

    def wait_for(self, count: int, timeout: float = 5.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.messages


def start_server(handler):
    """aiosmtpd on a free loopback port, in a thread of this process."""
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def use_server(settings, controller) -> None:
    """Point Django's SMTP settings (and so the newsletter's sender) at ``controller``."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
