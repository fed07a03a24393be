"""Pull ``format=columns``: the same rows and cursors as the ``rows`` format, per role and
page size, on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.server.conftest import Running, mutation, pick, push


def _pull(c: httpx.Client, fmt: str, limit: int, cursor: str | None = None
          ) -> tuple[list[tuple[str, str, Any]], list[str], int]:
    """Every change until has_more is false, blocks expanded to (table, op, row)."""
    out: list[tuple[str, str, Any]] = []
    cursors: list[str] = []
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": limit, "format": fmt}
        if cursor:
            params["cursor"] = cursor
        r = c.get("/api/v1/sync/pull", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        pages += 1
        taken = len(body["changes"])
        if fmt == "columns":
            for block in body["snapshot"]:
                assert set(block) == {"table", "columns", "rows"}
                taken += len(block["rows"])
                for row in block["rows"]:
                    out.append((block["table"], "upsert",
                                dict(zip(block["columns"], row, strict=True))))
        else:
            assert "snapshot" not in body
        assert taken <= limit
        for ch in body["changes"]:
            out.append((ch["table"], ch["op"], ch.get("row", ch.get("key"))))
        cursor = body["cursor"]
        cursors.append(cursor)
        if not body["has_more"]:
            return out, cursors, pages


def _position(cursor: str) -> dict[str, Any]:
    """A cursor without its transaction horizon ("x"): on PostgreSQL that moves whenever any
    transaction ends between two pulls (a sign-in, the lifecycle timer), whatever the format."""
    payload = cursor.rpartition(".")[0]  # without its seal (server.cursors)
    padded = payload + "=" * (-len(payload) % 4)
    data = json.loads(base64.urlsafe_b64decode(padded))
    data.pop("x", None)
    return data


@pytest.mark.parametrize("role", ["admin", "branch_staff", "kiosk"])
def test_columns_carry_the_same_rows_and_cursors(running: Running, role: str) -> None:
    with running.as_role(role) as c:
        for limit in (5000, 61):
            rows, rows_cursors, rows_pages = _pull(c, "rows", limit)
            cols, cols_cursors, cols_pages = _pull(c, "columns", limit)
            assert cols == rows
            assert cols_pages == rows_pages
            assert [_position(c) for c in cols_cursors] == [_position(c) for c in rows_cursors]
    if role == "kiosk":  # sealed rows only (issue 14, finding 2), sealed the same both ways
        assert not [r for t, _, r in cols if t == "accounts"]
        assert [r for t, _, r in cols if t == "kiosk_accounts"]
        return
    booleans = [r["prepaid"] for t, _, r in cols if t == "accounts"]
    assert booleans and all(isinstance(b, bool) for b in booleans)


def test_delta_after_a_columns_snapshot(running: Running) -> None:
    a = pick(running, "branch_id = 1 AND status != 'Terminated'")
    with running.as_role("branch_staff") as c:
        _, cursors, _ = _pull(c, "columns", 5000)
        push(c, mutation("comment", a.id, {"body": "columns delta", "created_at": 1}))
        delta, _, _ = _pull(c, "columns", 5000, cursors[-1])
        r = c.get("/api/v1/sync/pull", params={"format": "columns", "cursor": cursors[-1]})
    assert ("comments", "upsert") in {(t, op) for t, op, _ in delta}
    assert r.json()["snapshot"] == []


def test_unknown_format_is_refused(running: Running) -> None:
    with running.as_role("branch_staff") as c:
        for fmt in ("csv", "", "COLUMNS"):
            r = c.get("/api/v1/sync/pull", params={"format": fmt})
            assert r.status_code == 422, (fmt, r.text)
            assert r.json()["error"]["code"] == "invalid_request"


def test_compiled_snapshot_statements_follow_each_callers_scope(running: Running) -> None:
    """The ``columns`` snapshot statement is compiled once per table and scope
    (server/pull_snapshot.py): callers of other scopes pulling in turn, on one server, each
    get their own rows, the same as the ``rows`` format gives them."""
    roles = ("admin", "partner", "branch_staff", "admin")
    clients = {role: running.as_role(role) for role in set(roles)}
    try:
        seen: dict[str, int] = {}
        for role in roles:
            cols, _, _ = _pull(clients[role], "columns", 61)
            rows, _, _ = _pull(clients[role], "rows", 61)
            assert cols == rows, role
            seen[role] = sum(1 for t, _, _ in cols if t == "accounts")
    finally:
        for c in clients.values():
            c.close()
    assert seen["admin"] > seen["branch_staff"] > 0
    assert seen["admin"] > seen["partner"]
