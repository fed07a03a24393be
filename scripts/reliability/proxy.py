"""A fault-injecting HTTP proxy on 127.0.0.1 between a desk and the server.

Per request, with seeded probabilities, it:

* ``drop``: forwards the request, lets the server commit, then closes the connection without
  an answer (the lost response of exactly-once delivery);
* ``reset``: resets the connection (RST) before forwarding anything;
* ``delay``: holds the request for a while before forwarding it;
* ``duplicate``: sends the request to the server twice, answering with the second answer;
* ``replay``: keeps a copy of the request and sends it to the server again later, after
  newer requests went through (reordered, late duplicates);
* ``error``: answers ``503`` without forwarding (a gateway in trouble).

Only loopback targets are accepted. Run standalone::

    python scripts/reliability/proxy.py --target http://127.0.0.1:8765 --port 8766 \
        --drop 0.2 --reset 0.1 --duplicate 0.1 --replay 0.1 --delay 0.1 --seed 7
"""

from __future__ import annotations

import argparse
import http.client
import logging
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

log = logging.getLogger("reliability.proxy")

FAULTS = ("drop", "reset", "delay", "duplicate", "replay", "error")


@dataclass
class Faults:
    drop: float = 0.0
    reset: float = 0.0
    delay: float = 0.0
    duplicate: float = 0.0
    replay: float = 0.0
    error: float = 0.0
    max_delay_s: float = 0.3
    #: Only these paths get faults (substring match); pulls too unless narrowed.
    paths: tuple[str, ...] = ("/sync/push", "/sync/pull")


@dataclass
class Stats:
    requests: int = 0
    injected: Counter = field(default_factory=Counter)
    upstream_posts: int = 0


def _upstream(target: tuple[str, int], method: str, path: str, body: bytes | None,
              headers: dict[str, str]) -> tuple[int, list[tuple[str, str]], bytes]:
    conn = http.client.HTTPConnection(*target, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        return answer.status, answer.getheaders(), answer.read()
    finally:
        conn.close()


class FaultProxy:
    def __init__(self, target: str, faults: Faults, *, seed: int = 1, port: int = 0) -> None:
        parts = urlsplit(target)
        host = parts.hostname or "127.0.0.1"
        if not host.startswith("127.") and host != "localhost":
            raise ValueError("the fault proxy only forwards to loopback addresses")
        self.target = (host, parts.port or 80)
        self.faults = faults
        self.rng = random.Random(seed)
        self.stats = Stats()
        self.lock = threading.Lock()
        self.replays: list[tuple[str, str, bytes | None, dict[str, str]]] = []
        self.enabled = True
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def _forward(self) -> None:
                proxy.handle(self)

            do_GET = _forward
            do_POST = _forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="fault-proxy",
                                       daemon=True)
        self.thread.start()

    def _pick(self, path: str) -> str | None:
        if not self.enabled or not any(p in path for p in self.faults.paths):
            return None
        with self.lock:
            roll = self.rng.random()
            edge = 0.0
            for name in FAULTS:
                edge += getattr(self.faults, name)
                if roll < edge:
                    return name
        return None

    def _replay_one(self) -> None:
        with self.lock:
            if not self.replays:
                return
            item = self.replays.pop(self.rng.randrange(len(self.replays)))
            self.stats.upstream_posts += item[0] == "POST"
        try:
            _upstream(self.target, *item)
        except OSError as exc:  # pragma: no cover - the server went away meanwhile
            log.info("replay failed: %s", exc)

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else None
        headers = {k: v for k, v in h.headers.items()
                   if k.lower() not in ("host", "connection")}
        fault = self._pick(h.path)
        with self.lock:
            self.stats.requests += 1
            if fault:
                self.stats.injected[fault] += 1
        if fault == "reset":
            h.close_connection = True
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
            h.connection.close()
            return
        if fault == "error":
            self._answer(h, 503, [("Content-Type", "application/json")],
                         b'{"error":{"code":"unavailable","message":"proxy fault"}}')
            return
        if fault == "delay":
            time.sleep(self.rng.uniform(0.01, self.faults.max_delay_s))
        if fault == "replay":
            with self.lock:
                self.replays.append((h.command, h.path, body, headers))
        elif self.replays and h.command == "POST":
            self._replay_one()  # an older request arrives after a newer one
        try:
            status, answer_headers, data = _upstream(self.target, h.command, h.path, body,
                                                     headers)
            with self.lock:
                self.stats.upstream_posts += h.command == "POST"
            if fault == "duplicate":
                status, answer_headers, data = _upstream(self.target, h.command, h.path, body,
                                                         headers)
                with self.lock:
                    self.stats.upstream_posts += h.command == "POST"
        except OSError:
            h.close_connection = True
            h.connection.close()
            return
        if fault == "drop":  # the server committed; the client never hears of it
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return
        self._answer(h, status, answer_headers, data)

    @staticmethod
    def _answer(h: BaseHTTPRequestHandler, status: int, headers: list[tuple[str, str]],
                data: bytes) -> None:
        h.send_response(status)
        for key, value in headers:
            if key.lower() not in ("transfer-encoding", "connection", "content-length", "date",
                                   "server"):
                h.send_header(key, value)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def flush_replays(self) -> int:
        """Send every held request now (late duplicates); returns how many."""
        n = 0
        while self.replays:
            self._replay_one()
            n += 1
        return n

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="fault-injecting HTTP proxy (loopback only)")
    p.add_argument("--target", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--seconds", type=float, default=600, help="stop by itself after this")
    for name in FAULTS:
        p.add_argument(f"--{name}", type=float, default=0.0)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    faults = Faults(**{name: getattr(args, name) for name in FAULTS})
    proxy = FaultProxy(args.target, faults, seed=args.seed, port=args.port)
    log.info("proxy %s -> %s:%s", proxy.url, *proxy.target)
    try:
        time.sleep(args.seconds)
    finally:
        proxy.close()
        log.info("requests %d, faults %s", proxy.stats.requests, dict(proxy.stats.injected))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
