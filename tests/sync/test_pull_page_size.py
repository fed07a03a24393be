"""Pull pages against a server that allows smaller pages than the desk asks for (an older
server: 5,000 changes, before 20,000). The server refuses the page size with a ``422``
naming ``limit``; the desk asks again for half as many until one is taken, keeps that size
for the pages after, and ends with the same cache as a desk that asked for it from the
start. Real server over HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from server.config import Settings
from server.embedded import EmbeddedServer, start_server
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.cycle_pull import limit_refused
from sync.errors import ApiError
from tests.sync.conftest import STAFF, LiveServer, make_desk
from tests.sync.test_pull_formats import cache_hashes

SMALL_LIMIT = 50  # stands for the older server's 5,000: many pages from a small server


@pytest.fixture(scope="module")
def small_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("small-pages")
    db_path = folder / "server.sqlite3"
    url = f"sqlite:///{db_path}"
    handle: EmbeddedServer = start_server(url, 60, settings=Settings(
        db_url=url, max_pull_limit=SMALL_LIMIT, scrypt_n=2**12))
    try:
        yield LiveServer(handle.url, db_path, handle)
    finally:
        handle.stop()


def test_the_server_refuses_a_bigger_page_by_its_limit(small_pages: LiveServer) -> None:
    client = SyncClient(small_pages.url)
    try:
        client.set_token(client.sign_in(*STAFF).token)
        with pytest.raises(ApiError) as refused:
            client.pull(None, SMALL_LIMIT + 1)
        assert limit_refused(refused.value)
        assert client.pull(None, SMALL_LIMIT)["has_more"]
    finally:
        client.close()


def test_a_desk_asking_for_bigger_pages_syncs_the_same_cache(
        tmp_path: Path, small_pages: LiveServer) -> None:
    big = make_desk(tmp_path / "big", small_pages)
    exact = make_desk(tmp_path / "exact", small_pages)
    try:
        big.sign_in(STAFF)
        exact.sign_in(STAFF)
        asked = SyncCycle(big.auth.client, big.cache, big.outbox, page_size=SMALL_LIMIT * 5)
        outcome = asked.run()
        assert outcome.ok, outcome.error
        # 250 -> 125 -> 62 refused, 31 taken: halved until the server took it, then kept
        assert asked.page_size == 31
        reference = SyncCycle(exact.auth.client, exact.cache, exact.outbox,
                              page_size=SMALL_LIMIT).run()
        assert reference.ok, reference.error
        hashes = cache_hashes(big.cache)
        assert int(hashes["accounts"].split(":")[0]) > 0
        assert hashes == cache_hashes(exact.cache)
    finally:
        big.close()
        exact.close()


def test_other_refusals_are_not_taken_for_the_page_size() -> None:
    assert not limit_refused(ApiError(422, "invalid_request", "bad cursor", {"error": {
        "code": "invalid_request", "details": [{"loc": ["query", "cursor"]}]}}))
    assert not limit_refused(ApiError(410, "resync", "resync", {}))
    assert not limit_refused(ApiError(422, "invalid_request", "no details", {"error": {}}))
    assert limit_refused(ApiError(422, "invalid_request", "limit", {"error": {
        "code": "invalid_request", "details": [{"loc": ["query", "limit"]}]}}))
