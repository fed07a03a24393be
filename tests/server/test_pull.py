"""Pull: snapshot paging, deltas, tombstones, gzip and resync."""

from __future__ import annotations

import base64
import json

from server import cursors
from server.database import meta_put
from sync.cycle import PAGE_SIZE
from tests.server.conftest import Running, mutation, pick, pull_all, push

OWN = "branch_id = 1 AND status != 'Terminated'"


def _keys(changes: list[dict]) -> list[tuple]:
    out = []
    for ch in changes:
        if ch["op"] == "upsert":
            pk = ("account_id", "tag_id") if ch["table"] == "account_tags" else ("id",)
            out.append((ch["table"], *[ch["row"][k] for k in pk]))
    return out


def test_snapshot_pages_deliver_every_row_once(running: Running) -> None:
    with running.as_role("branch_staff") as c:
        big, _, big_pages = pull_all(c, limit=5000)
        small, _, pages = pull_all(c, limit=97)
    assert pages > big_pages
    assert sorted(_keys(small)) == sorted(_keys(big))
    assert len(set(_keys(small))) == len(small)
    expected = running.sql("SELECT count(*) FROM payments p JOIN accounts a ON a.id = "
                           "p.account_id WHERE a.branch_id = 1")[0][0]
    assert sum(1 for ch in big if ch["table"] == "payments") == expected


def test_delta_after_snapshot_has_only_new_changes(running: Running) -> None:
    a = pick(running, OWN)
    with running.as_role("branch_staff") as c:
        _, cursor, _ = pull_all(c)
        empty, cursor, _ = pull_all(c, cursor)
        assert empty == []
        push(c, mutation("comment", a.id, {"body": "delta please", "created_at": 1}))
        delta, cursor, _ = pull_all(c, cursor)
    tables = {ch["table"] for ch in delta}
    assert "comments" in tables
    comment = next(ch["row"] for ch in delta if ch["table"] == "comments")
    assert comment["body"] == "delta please" and comment["account_id"] == a.id


def test_tag_removal_is_a_tombstone(running: Running) -> None:
    a = pick(running, OWN)
    tag = running.sql("SELECT id FROM tags WHERE branch_id IS NULL OR branch_id = 1")[0][0]
    running.sql("DELETE FROM account_tags WHERE account_id=:i", i=a.id)
    with running.as_role("branch_staff") as c:
        _, cursor, _ = pull_all(c)
        push(c, mutation("tag_add", a.id, {"tag_id": tag}))
        added, cursor, _ = pull_all(c, cursor)
        push(c, mutation("tag_remove", a.id, {"tag_id": tag}))
        removed, cursor, _ = pull_all(c, cursor)
    assert {"table": "account_tags", "op": "upsert",
            "row": {"account_id": a.id, "tag_id": tag, "version": 1}} in added
    assert {"table": "account_tags", "op": "delete",
            "key": {"account_id": a.id, "tag_id": tag}} in removed


def test_delta_pages_follow_the_limit(running: Running) -> None:
    a = pick(running, OWN)
    with running.as_role("branch_staff") as c:
        _, cursor, _ = pull_all(c)
        push(c, *[mutation("comment", a.id, {"body": f"note {n}", "created_at": 1})
                  for n in range(7)])
        changes, _, pages = pull_all(c, cursor, limit=3)
    bodies = [ch["row"]["body"] for ch in changes if ch["table"] == "comments"]
    assert bodies == [f"note {n}" for n in range(7)]
    assert pages >= 3


def test_other_branches_changes_stay_out_of_a_delta(running: Running) -> None:
    other = pick(running, "branch_id != 1")
    with running.as_role("branch_staff") as staff:
        _, cursor, _ = pull_all(staff)
        with running.as_role("admin") as admin:
            push(admin, mutation("comment", other.id, {"body": "elsewhere", "created_at": 1}))
        delta, _, _ = pull_all(staff, cursor)
    assert all(ch.get("row", {}).get("account_id") != other.id for ch in delta)


def test_responses_are_gzipped_when_asked(running: Running) -> None:
    with running.as_role("branch_staff") as c:
        r = c.get("/api/v1/sync/pull", params={"limit": 500},
                  headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip"
    assert len(r.json()["changes"]) == 500


def _position(cursor: str) -> dict:
    payload = cursor.rpartition(".")[0]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _tamper(running: Running, cursor: str, **changes: object) -> str:
    """``cursor`` with ``changes``, sealed again with the server's key (as only the server
    could): the checks behind the seal still answer 410."""
    data = _position(cursor)
    data.update(changes)
    with running.database.read.connect() as conn:
        key = cursors.keys(conn, running.settings)[0]
    return cursors.seal(base64.urlsafe_b64encode(json.dumps(data).encode()).decode(), key)


def test_resync_answers(running: Running) -> None:
    with running.as_role("branch_staff") as c:
        _, cursor, _ = pull_all(c)
        for bad in ("garbage", "e30", _tamper(running, cursor, e="another-epoch"),
                    _tamper(running, cursor, q="x"), _tamper(running, cursor, x=2**63),
                    _tamper(running, cursor, m="s", t=-100), _tamper(running, cursor, m="s",
                                                                     t=0, k=[{}])):
            r = c.get("/api/v1/sync/pull", params={"cursor": bad})
            assert r.status_code == 410, bad
            assert r.json()["error"]["code"] == "resync"
    with running.as_role("partner") as other_scope:
        r = other_scope.get("/api/v1/sync/pull", params={"cursor": cursor})
        assert r.status_code == 410


def test_cursor_older_than_the_kept_log_is_resync(running: Running) -> None:
    a = pick(running, OWN)
    with running.as_role("branch_staff") as c:
        _, old_cursor, _ = pull_all(c)
        push(c, mutation("comment", a.id, {"body": "x", "created_at": 1}))
        _, new_cursor, _ = pull_all(c, old_cursor)
        data = _position(new_cursor)
        with running.database.write.begin() as conn:
            meta_put(conn, "min_cursor", f"{data['x']}:{data['q']}")
        try:
            assert c.get("/api/v1/sync/pull", params={"cursor": old_cursor}).status_code == 410
            assert c.get("/api/v1/sync/pull", params={"cursor": new_cursor}).status_code == 200
        finally:
            running.sql("DELETE FROM server_meta WHERE key = 'min_cursor'")


def test_limit_is_validated(running: Running) -> None:
    with running.as_role("branch_staff") as c:
        for limit in ("0", str(running.settings.max_pull_limit + 1), "x", "-1"):
            r = c.get("/api/v1/sync/pull", params={"limit": limit})
            assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
        # the desk's own page size is within the limit
        r = c.get("/api/v1/sync/pull", params={"limit": PAGE_SIZE})
        assert r.status_code == 200 and running.settings.max_pull_limit >= PAGE_SIZE


def test_pruned_log_makes_old_cursors_resync(running: Running) -> None:
    from server import changelog

    a = pick(running, OWN)
    with running.as_role("branch_staff") as c:
        _, before, _ = pull_all(c)
        push(c, mutation("comment", a.id, {"body": "before prune", "created_at": 1}))
        _, current, _ = pull_all(c, before)
        running.sql("UPDATE changes SET at = at - 172800")  # all so far: two days old
        push(c, mutation("comment", a.id, {"body": "after prune", "created_at": 1}))
        try:
            with running.database.write.begin() as conn:
                assert changelog.prune(conn, running.settings.now_epoch() - 86_400) >= 1
            assert c.get("/api/v1/sync/pull", params={"cursor": before}).status_code == 410
            delta, _, _ = pull_all(c, current)
        finally:
            running.sql("DELETE FROM server_meta WHERE key = 'min_cursor'")
    assert any(ch["table"] == "comments" and ch["row"]["body"] == "after prune" for ch in delta)


def test_new_epoch_command_makes_clients_resync(running: Running) -> None:
    from server import cli

    with running.as_role("branch_staff") as c:
        _, cursor, _ = pull_all(c)
        old = c.get("/api/v1/health").json()["server_epoch"]
        assert cli.run(["new-epoch", "--db", running.database.url]) == 0
        new = c.get("/api/v1/health").json()["server_epoch"]
        r = c.get("/api/v1/sync/pull", params={"cursor": cursor})
        assert r.status_code == 410 and r.json()["error"]["code"] == "resync"
        fresh = c.get("/api/v1/sync/pull", params={"limit": 10}).json()
    assert new != old and fresh["server_epoch"] == new
