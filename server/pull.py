"""Pull: the caller's scoped rows, as a snapshot from the start or as changes since a cursor.

An empty cursor starts a *snapshot*: it records a delta position first (everything committed
before it is in the tables), then streams each scoped table in primary-key order, page by
page, and then continues as a *delta* from that position. Rows changed while the snapshot
runs may arrive twice; upserts carry whole rows, so applying them again is harmless.

The cursor is opaque to clients: base64 of a small JSON object naming the server epoch, the
caller's scope, and the position, sealed with an HMAC by :mod:`server.cursors`. A cursor from
another epoch or scope, older than the retained change log, or not a cursor at all answers
``410 resync``.

Two page formats (docs/sync-api.md "Server notes"): ``rows`` (the default; every change an
object with its row as a dict) and ``columns``, asked for with ``format=columns``: the
snapshot part of a page goes in ``snapshot`` as one block per table, ``{"table", "columns",
"rows"}`` with each row an array in the order of ``columns``, and ``changes`` holds only the
delta part (applied after the blocks). Same rows, same cursors, about half the bytes, and
the client inserts the arrays as they are.

Here: the cursor, one page (:func:`pull`) and the delta part; the snapshot part is
:mod:`server.pull_snapshot`, which tables and rows a caller sees :mod:`server.pull_scope`.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from billing.roles import Role
from db.schema import DOMAIN_TABLES
from db.server_schema import changes
from server import changelog, kiosk, rows
from server.auth import Principal
from server.database import meta_get
from server.errors import ApiError
from server.pull_scope import scoped_select, sealed_for
from server.pull_snapshot import _snapshot_blocks, _snapshot_page
from server.scopes import change_clause, table_visible


def encode_cursor(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _resync(message: str) -> ApiError:
    return ApiError(410, "resync", message)


def decode_cursor(cursor: str, epoch: str, principal: Principal) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise _resync("The sync position is not one this server made; sync from the start.") \
            from exc
    if data.get("e") != epoch:
        raise _resync("The server's database was replaced (new epoch); sync from the start.")
    if data.get("u") != principal.scope_key:
        raise _resync("The sync position belongs to another scope; sync from the start.")
    mode = data.get("m")
    ints = ("x", "q") if mode == "d" else ("x", "q", "t")
    key = data.get("k")
    if mode not in ("s", "d") or not all(
        isinstance(data.get(k), int) and not isinstance(data.get(k), bool)
        and 0 <= data[k] < 2**63 for k in ints
    ) or (mode == "s" and (data["t"] > len(DOMAIN_TABLES) or not (key is None or (
        isinstance(key, list) and 1 <= len(key) <= 4
        and all(isinstance(v, int | str) and not isinstance(v, bool) for v in key)
    )))):
        raise _resync("The sync position is damaged; sync from the start.")
    return data


def _kiosk_key(conn: Connection, principal: Principal) -> tuple[str, bytes] | None:
    if principal.role is not Role.KIOSK:
        return None
    key = kiosk.read_key(conn, principal.device_code or "")
    if key is None:
        raise _resync("This kiosk has no key yet; sign in again and sync from the start.")
    return key


#: Page formats; ``columns`` packs snapshot rows as arrays under one column list per table.
FORMATS = ("rows", "columns")


def pull(
    conn: Connection,
    principal: Principal,
    epoch: str,
    cursor: str | None,
    limit: int,
    fmt: str = "rows",
) -> dict[str, Any]:
    """One page of changes for ``principal`` after ``cursor``, in format ``fmt``."""
    if fmt not in FORMATS:
        raise ApiError(422, "invalid_request", f"Unknown page format {fmt!r}.")
    key = _kiosk_key(conn, principal)
    if not cursor:
        xid, seq = changelog.high_water(conn)
        state: dict[str, Any] = {
            "e": epoch, "u": principal.scope_key, "m": "s", "x": xid, "q": seq, "t": 0, "k": None
        }
        if key is not None:
            state["kk"] = key[0]
    else:
        state = _resume(conn, principal, epoch, cursor, key)
    out: list[dict[str, Any] | str] = []
    blocks: list[dict[str, Any] | str] | None = [] if fmt == "columns" else None
    taken = 0
    if state["m"] == "s":
        if blocks is None:
            taken = _snapshot_page(conn, principal, state, limit, out, key)
        else:
            taken = _snapshot_blocks(conn, principal, state, limit, blocks, key)
        if state["m"] == "s":
            return _page(out, state, True, epoch, blocks)
    has_more = _delta_page(conn, principal, state, limit - taken, out, key)
    return _page(out, state, has_more, epoch, blocks)


def _resume(
    conn: Connection, principal: Principal, epoch: str, cursor: str,
    key: tuple[str, bytes] | None,
) -> dict[str, Any]:
    """The state of a cursor this caller may go on from (else 410 resync)."""
    state = decode_cursor(cursor, epoch, principal)
    _check_retained(conn, state)
    if key is not None and state.get("kk") != key[0]:
        raise _resync("This kiosk's key was replaced; sync from the start.")
    return state


def _page(
    out: list[Any], state: dict[str, Any], more: bool, epoch: str, blocks: list[Any] | None
) -> dict:
    page: dict[str, Any] = {"changes": out}
    if blocks is not None:
        page["snapshot"] = blocks
    page.update(cursor=encode_cursor(state), has_more=more, server_epoch=epoch)
    return page


def encode_page(page: dict[str, Any], dumps: Any) -> bytes:
    """The page as JSON bytes; snapshot rows arrive already encoded (``str``) from the
    database and are spliced in as they are."""
    head = "{"
    for key in ("changes", "snapshot"):
        if key in page:
            parts = [c if isinstance(c, str) else dumps(c).decode() for c in page[key]]
            head += f'"{key}":[' + ",".join(parts) + "],"
    tail = dumps(
        {k: v for k, v in page.items() if k not in ("changes", "snapshot")}
    ).decode()[1:]
    return (head + tail).encode()


def _check_retained(conn: Connection, state: dict[str, Any]) -> None:
    floor = meta_get(conn, "min_cursor")
    if floor is None:
        return
    fx, fq = (int(v) for v in floor.split(":"))
    if (state["x"], state["q"]) < (fx, fq):
        raise _resync("The sync position is older than the server keeps; sync from the start.")


def has_changes(conn: Connection, principal: Principal, epoch: str, cursor: str) -> bool:
    """True when a pull from ``cursor`` has something for ``principal`` (a snapshot cursor
    always has: the initial sync is not finished). A bad cursor raises 410 like a pull."""
    state = _resume(conn, principal, epoch, cursor, _kiosk_key(conn, principal))
    if state["m"] == "s":
        return True
    return conn.execute(_changes_after(conn, principal, state).limit(1)).first() is not None


def _changes_after(conn: Connection, principal: Principal, state: dict[str, Any]) -> Any:
    """The caller's changes after the cursor ``state``, below the commit horizon."""
    c = changes.c
    after = or_(c.xid > state["x"], and_(c.xid == state["x"], c.seq > state["q"]))
    query = select(c.seq, c.xid, c.table_name, c.op, c.row_key).where(
        after, change_clause(principal)
    )
    horizon = changelog.horizon_xid(conn)
    if horizon is not None:
        query = query.where(c.xid < horizon)
    return query


def _delta_page(
    conn: Connection, principal: Principal, state: dict[str, Any], limit: int, out: list,
    key: tuple[str, bytes] | None = None,
) -> bool:
    if limit <= 0:
        return True
    c = changes.c
    query = _changes_after(conn, principal, state)
    found = conn.execute(query.order_by(c.xid, c.seq).limit(limit + 1)).all()
    has_more = len(found) > limit
    found = found[:limit]
    if not found:
        return False
    state["x"], state["q"] = int(found[-1].xid), int(found[-1].seq)
    # The last change per row decides its state; keep those, in change order.
    last_of: dict[tuple[str, str], Any] = {}
    for change in found:
        last_of.pop((change.table_name, change.row_key), None)
        last_of[(change.table_name, change.row_key)] = change
    wanted: dict[str, list[dict[str, Any]]] = {}
    for change in last_of.values():
        if change.op == "upsert" and table_visible(principal, change.table_name):
            wanted.setdefault(change.table_name, []).append(json.loads(change.row_key))
    current = {name: _fetch_rows(conn, principal, name, keys) for name, keys in wanted.items()}
    to_seal: list[dict[str, Any]] = []
    for (name, key_text), change in last_of.items():
        if not table_visible(principal, name):
            continue
        row_key = json.loads(key_text)
        sealed = sealed_for(principal, name)
        if change.op == "delete":
            if sealed:
                assert key is not None
                out.append(kiosk.sealed_delete(key, int(row_key["id"])))
            else:
                out.append({"table": name, "op": "delete", "key": row_key})
            continue
        row = current[name].get(changelog.key_json(row_key))
        if row is None:  # gone since: its delete comes later in the log
            continue
        if sealed:
            to_seal.append(row)
        else:
            out.append({"table": name, "op": "upsert", "row": row})
    if to_seal:
        assert key is not None
        out.extend(kiosk.sealed_changes(conn, principal, key, to_seal))
    return has_more


def _fetch_rows(
    conn: Connection, principal: Principal, name: str, keys: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    pk_names = rows.pk_columns(name)
    tbl = rows.table(name)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        clause: ColumnElement[bool]
        if len(pk_names) == 1:
            clause = tbl.c[pk_names[0]].in_([k[pk_names[0]] for k in chunk])
        else:
            clause = or_(*[and_(*[tbl.c[p] == k[p] for p in pk_names]) for k in chunk])
        for row in rows.fetch_dicts(conn, scoped_select(conn, principal, name).where(clause),
                                    name):
            found[changelog.key_json({p: row[p] for p in pk_names})] = row
    return found
