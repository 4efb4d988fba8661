"""A real SMTP server (aiosmtpd) that records every message and can refuse, stall or slow down, as servers do."""

import asyncio
import email
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: str
    message_id: str
    subject: str
    body: str


@dataclass
class FaultySMTP:
    """Behaviour is changed while it runs: `server.rcpt_reply["x@example.org"] = "550 5.1.1 No such user"`."""

    rcpt_reply: dict = field(default_factory=dict)  # address (or "*") → reply at RCPT
    data_reply: dict = field(default_factory=dict)  # address (or "*") → reply at DATA
    stall: dict = field(default_factory=dict)  # address (or "*") → seconds to wait before answering DATA
    delay: float = 0.0  # seconds per accepted message
    received: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (address, reply)
    stalled: list = field(default_factory=list)  # addresses whose DATA was stalled

    def __post_init__(self):
        self._lock = threading.Lock()

    def _rule(self, rules, address):
        return rules.get(address.lower(), rules.get("*"))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._rule(self.rcpt_reply, address)
        if reply:
            with self._lock:
                self.refused.append((address, reply))
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        address = envelope.rcpt_tos[0]
        stall = self._rule(self.stall, address)
        if stall:
            with self._lock:
                self.stalled.append(address)
            await asyncio.sleep(stall)  # cancelled, and nothing accepted, when the client hangs up
        reply = self._rule(self.data_reply, address)
        if reply:
            with self._lock:
                self.refused.append((address, reply))
            return reply
        if self.delay:
            await asyncio.sleep(self.delay)
        parsed = email.message_from_bytes(envelope.original_content or envelope.content)
        text = parsed.get_payload(0).get_payload(decode=True) if parsed.is_multipart() else b""
        with self._lock:
            for to in envelope.rcpt_tos:
                self.received.append(
                    Received(
                        to=to,
                        message_id="".join(parsed["Message-ID"].split()),
                        subject=str(email.header.make_header(email.header.decode_header(parsed["Subject"]))),
                        body=(text or b"").decode(errors="replace"),
                    )
                )
        return "250 Message accepted"

    def to(self, address):
        return [message for message in self.received if message.to == address]


class SMTPServer:
    """Start and stop a FaultySMTP on a free port of 127.0.0.1."""

    def __init__(self, handler=None, port=0):
        self.handler = handler or FaultySMTP()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port or _free_port())

    @property
    def port(self):
        return self.controller.port

    def __enter__(self):
        self.controller.start()
        return self.handler

    def __exit__(self, *exc):
        self.controller.stop()


def _free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout=10.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
