"""The sync client's HTTP retries against a real local HTTP server: gateway errors are
retried, a 429 (a sign-in lock-out, a rate limit) is answered at once, never slept through
for its Retry-After."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import ClassVar

import pytest

from sync.http_session import make_session
from tests.local_http import JsonHandler, serving


class _Answers(JsonHandler):
    """Answers each request with the next status of ``plan`` (then 200); a 429 asks the
    client to wait 4 s (Retry-After)."""

    plan: ClassVar[list[int]] = []
    seen: ClassVar[list[float]] = []

    def do_GET(self) -> None:
        type(self).seen.append(time.monotonic())
        status = type(self).plan.pop(0) if type(self).plan else 200
        if status == 200:
            self.answer(200, {})
        else:
            self.answer(status, {"error": {"code": "locked_out", "message": "wait"}},
                        {"Retry-After": "4"} if status == 429 else None)


@pytest.fixture
def server() -> Iterator[str]:
    _Answers.plan, _Answers.seen = [], []
    with serving(_Answers) as url:
        yield url


def test_a_429_is_answered_at_once_not_after_its_retry_after(server: str) -> None:
    _Answers.plan = [429]
    started = time.monotonic()
    answer = make_session(retries=3).get(f"{server}/x", timeout=5)
    assert answer.status_code == 429 and len(_Answers.seen) == 1
    assert time.monotonic() - started < 3  # not after the 4 s it asks for, 3 times


def test_a_gateway_error_is_still_retried(server: str) -> None:
    _Answers.plan = [502]  # no Retry-After wait for a 502: backoff only
    answer = make_session(retries=3, backoff=0.01).get(f"{server}/x", timeout=5)
    assert answer.status_code == 200 and len(_Answers.seen) == 2
