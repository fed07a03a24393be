"""Apply pulled changes to the desktop's cache (a replica of what the user may see).

Pure database code, no HTTP and no Qt: the sync engine hands each pulled page to a
:class:`PageWriter` (:func:`apply_page` for one page), which writes the page's rows,
tombstones, the quick-search rows of the accounts it touched and the new cursor in ONE
transaction (docs/sync-api.md "Pull"), so a crash between pages leaves the cache at a page
boundary it can resume from. While an initial sync fills an empty cache, several
consecutive pages may share that transaction (the cursor stored is the last one's). The
rows themselves are written by :mod:`db.replica_rows` (``apply_changes``, and
``apply_blocks`` for the arrays of a ``columns`` page); its :class:`ApplySummary` and
:class:`ReplicaError` are part of this module's answer and are named here too.

During an initial sync into an empty cache the secondary indexes are built once at the end
instead of row by row (:func:`defer_indexes`, :func:`restore_indexes`); the list is kept in
``sync_state`` in the same transaction, so a crash or a resync never loses it: the next pull
rebuilds them first. The quick-search rows are always written with their page.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from db.account_search_grams import TABLE as GRAM_TABLE
from db.cache import BULK_CACHE_SIZE_KIB, CACHE_SIZE_KIB, get_state, set_state
from db.cache_schema import sync_state
from db.engine import IMMEDIATE
from db.replica_rows import (
    KIOSK_TABLES,
    PreparedSearch,
    apply_blocks,
    apply_changes,
)

# What a page's writing answers and raises, and the "many accounts changed" bound the sync
# cycle reads with it: named here too (``replica.ApplySummary``), where callers look.
from db.replica_rows import MANY_ACCOUNTS as MANY_ACCOUNTS
from db.replica_rows import ApplySummary as ApplySummary
from db.replica_rows import ReplicaError as ReplicaError
from db.schema import DOMAIN_TABLES

log = logging.getLogger(__name__)

#: sync_state keys.
CURSOR_KEY = "cursor"
EPOCH_KEY = "server_epoch"
OWNER_KEY = "owner"
LAST_SYNCED_KEY = "last_synced_at"
#: CREATE INDEX statements dropped for an initial sync, to be rebuilt at its end.
DEFERRED_INDEXES_KEY = "deferred_indexes"
#: SQLite's default WAL auto-checkpoint (pages), restored after a bulk load.
WAL_AUTOCHECKPOINT = 1000


def apply_page(
    engine: Engine,
    changes: Sequence[Mapping[str, Any]],
    cursor: str,
    server_epoch: str | None,
    snapshot: Sequence[Mapping[str, Any]] | None = None,
) -> ApplySummary:
    """Apply one pulled page and store its cursor in one cache transaction; a ``columns``
    page's ``snapshot`` blocks go first, then its ``changes``."""
    with PageWriter(engine) as writer:
        return writer.apply(changes, cursor, server_epoch, snapshot)


class PageWriter:
    """Writes pulled pages into the cache, each page's cursor in the same transaction as
    its rows.

    With ``commit_rows`` (used only while an initial sync fills an empty cache, see
    :func:`defer_indexes`), consecutive pages share one transaction until at least that
    many changes are pending: each commit writes every dirty page to the WAL, and the
    random-key unique indexes (``payments.payment_uuid``) dirty most of their pages on
    every commit, so one commit per 5,000-row page wrote the cache three times over. The
    stored cursor is always the last page of a committed transaction: a crash or an error
    rolls back to a page boundary the next pull resumes from. :meth:`commit` is called by
    the owner before it waits (for the network) or lets another connection write.

    Use as a context manager: leaving it normally commits, an exception rolls back.
    """

    def __init__(self, engine: Engine, commit_rows: int = 0) -> None:
        self.engine = engine
        self.commit_rows = commit_rows
        self.pending = 0
        self._conn: Connection | None = None

    def __enter__(self) -> PageWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.rollback()

    def _begin(self) -> Connection:
        conn = self.engine.connect()
        try:
            conn.begin()
            raw = conn.connection.driver_connection
            assert raw is not None
            bulk = raw.execute("SELECT 1 FROM sync_state WHERE key = ?",
                               (DEFERRED_INDEXES_KEY,)).fetchone() is not None
            # While an initial sync is deferring its index builds, the WAL is not
            # checkpointed after every commit (each checkpoint copies the hot pages again:
            # ~40% of the apply time); restore_indexes checkpoints once. Durability is
            # unchanged: each commit is in the WAL exactly as before.
            raw.execute(f"PRAGMA wal_autocheckpoint={0 if bulk else WAL_AUTOCHECKPOINT}")
            pages = BULK_CACHE_SIZE_KIB if bulk else CACHE_SIZE_KIB
            raw.execute(f"PRAGMA cache_size=-{pages}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return conn

    def apply(
        self,
        changes: Sequence[Mapping[str, Any]],
        cursor: str,
        server_epoch: str | None,
        snapshot: Sequence[Mapping[str, Any]] | None = None,
        prepared: Sequence[PreparedSearch] = (),
    ) -> ApplySummary:
        """Apply one page and its cursor in the open transaction (one is begun if none
        is); commit when ``commit_rows`` changes are pending (at once without it).
        ``prepared``: the page's search rows made ahead (:func:`db.replica_rows.prepare_search`)."""
        conn = self._conn if self._conn is not None else self._begin()
        raw = conn.connection.driver_connection
        assert raw is not None
        summary = ApplySummary()
        if snapshot:
            summary.add(apply_blocks(conn, snapshot, prepared))
        summary.add(apply_changes(conn, changes))
        # The bookkeeping on the raw connection too (SQLAlchemy's statements cost ~1 ms a page).
        state = [(CURSOR_KEY, cursor)]
        if server_epoch is not None:
            state.append((EPOCH_KEY, server_epoch))
        raw.executemany("INSERT OR REPLACE INTO sync_state(key, value) VALUES (?, ?)", state)
        self.pending += summary.changes
        if self.pending >= self.commit_rows:
            self.commit()
        return summary

    def commit(self) -> None:
        """Commit the pages applied so far (with the last one's cursor); a no-op if none."""
        conn, self._conn = self._conn, None
        self.pending = 0
        if conn is None:
            return
        try:
            conn.commit()
        finally:
            conn.close()

    def rollback(self) -> None:
        """Drop the pages applied since the last commit (their cursor with them)."""
        conn, self._conn = self._conn, None
        self.pending = 0
        if conn is not None:
            conn.close()  # closing rolls the open transaction back


def read_cursor(engine: Engine) -> tuple[str | None, str | None]:
    """The stored cursor and the server epoch it belongs to (None, None: pull from start)."""
    with engine.connect() as conn:
        return get_state(conn, CURSOR_KEY), get_state(conn, EPOCH_KEY)


def read_state(engine: Engine, key: str) -> str | None:
    with engine.connect() as conn:
        return get_state(conn, key)


def write_state(engine: Engine, key: str, value: str) -> None:
    with engine.begin() as conn:
        set_state(conn, key, value)


def mark_synced(engine: Engine, at: float | None = None) -> None:
    """Remember when a full push-and-pull cycle last finished (epoch seconds)."""
    write_state(engine, LAST_SYNCED_KEY, str(int(at if at is not None else time.time())))


def is_empty(engine: Engine) -> bool:
    """True when the cache holds no accounts and no cursor (an initial sync is due)."""
    with engine.connect() as conn:
        has_rows = conn.exec_driver_sql(
            "SELECT 1 FROM accounts UNION ALL SELECT 1 FROM kiosk_accounts LIMIT 1"
        ).first() is not None
        return not has_rows and get_state(conn, CURSOR_KEY) is None


def clear(engine: Engine, keep_owner: bool = False) -> None:
    """Empty the replica (every domain table, the search index, the cursor) in one
    transaction. The outbox is another file and is never touched here."""
    with engine.begin() as conn:
        # first: the trigger that follows each deleted account then finds nothing to do
        conn.exec_driver_sql(f"DELETE FROM {GRAM_TABLE}")
        for name in (*KIOSK_TABLES, *reversed(DOMAIN_TABLES)):
            conn.exec_driver_sql(f'DELETE FROM "{name}"')
        conn.exec_driver_sql("DELETE FROM account_search")
        # Deferred index statements survive: the indexes must still be rebuilt.
        kept = [DEFERRED_INDEXES_KEY, OWNER_KEY] if keep_owner else [DEFERRED_INDEXES_KEY]
        conn.execute(sync_state.delete().where(sync_state.c.key.not_in(kept)))


def defer_indexes(engine: Engine) -> int:
    """Drop the secondary indexes of the domain tables before an initial sync into an
    empty cache; building them once at the end is several times cheaper than keeping them
    up to date row by row. That includes the named unique indexes (``payments.payment_uuid``
    and the others of migration cache_0009): a random-key index written row by row was
    about half of the payments' insert time, and a sorted build at the end checks the same
    uniqueness (:func:`restore_indexes`). The automatic indexes of table-level constraints
    (``sqlite_autoindex_*``, no ``sql``) cannot be dropped and stay. The statements are kept
    in ``sync_state`` in the same transaction, so :func:`restore_indexes` rebuilds them even
    after a crash (the sync engine calls it before every pull). While they are deferred,
    pages do not checkpoint the WAL (:func:`apply_page`)."""
    tables = ", ".join(f"'{t}'" for t in DOMAIN_TABLES)
    with engine.begin() as conn:
        if get_state(conn, DEFERRED_INDEXES_KEY) is not None:
            return 0
        found = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND (sql LIKE 'CREATE INDEX%' OR sql LIKE 'CREATE UNIQUE INDEX%') "
            f"AND tbl_name IN ({tables})"
        ).all()
        set_state(conn, DEFERRED_INDEXES_KEY, json.dumps([sql for _name, sql in found]))
        for name, _sql in found:
            conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')
    return len(found)


def restore_indexes(engine: Engine) -> int:
    """Rebuild indexes dropped by :func:`defer_indexes` (a no-op when none are), then fold
    the WAL the bulk load left behind into the database file.

    While the indexes are built, another thread copies the bulk load's committed WAL frames
    into the database file (a passive checkpoint on its own connection: it never blocks the
    builds and changes nothing a reader sees), so the final checkpoint has only the index
    pages left to copy. The bulk load's ~240 MB copy then runs on the second core instead
    of after the builds (measured in docs/performance.md, "Issue 18, initial sync, third
    round").

    The builds are one transaction. When a deferred unique index finds two rows with the
    same value (which REPLACE would have resolved row by row, and which a server never
    sends, having the same constraint) none of them is kept: the cache is emptied, the
    indexes are built on the empty tables, and :class:`ReplicaError` says so; the next sync
    pulls everything again. The cache is never left without its indexes.
    """
    with engine.connect() as conn:
        if get_state(conn, DEFERRED_INDEXES_KEY) is None:
            return 0
    folding = threading.Thread(target=_passive_checkpoint, args=(engine,),
                               name="cache-checkpoint", daemon=True)
    folding.start()
    try:
        built = _build_deferred(engine)
    except IntegrityError as exc:
        # A deferred unique index found two rows with the same value (a server never
        # sends that: it has the same constraint). The builds rolled back together, so no
        # index is half there; the rows are not a copy of the server's, so they are
        # dropped, the indexes built on the empty tables, and the next sync pulls afresh.
        folding.join()
        log.error("cache: a unique index of the initial sync cannot be built (%s); "
                  "emptying the cache so the next sync pulls it again", exc.orig)
        clear(engine, keep_owner=True)
        _build_deferred(engine)
        _checkpoint(engine)
        raise ReplicaError(
            f"The accounts pulled from the server hold two rows that must differ "
            f"({exc.orig}). The local copy has been emptied and is pulled again at the next "
            "sync; if this repeats, tell the server's administrator.") from exc
    finally:
        folding.join()
    _checkpoint(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA optimize")
    return built


def _build_deferred(engine: Engine) -> int:
    """Run the kept index statements and forget them, in one transaction (all or none),
    which holds the write lock from its start (it reads its list first)."""
    with engine.connect() as conn, conn.execution_options(**{IMMEDIATE: True}).begin():
        kept = get_state(conn, DEFERRED_INDEXES_KEY)
        if kept is None:
            return 0
        statements = json.loads(kept)
        for sql in statements:
            conn.exec_driver_sql(_if_not_exists(sql))
        conn.execute(sync_state.delete().where(sync_state.c.key == DEFERRED_INDEXES_KEY))
    return len(statements)


def _if_not_exists(sql: str) -> str:
    """A kept ``CREATE [UNIQUE] INDEX`` statement that is a no-op when the index exists
    (a migration may have built it meanwhile)."""
    for head in ("CREATE INDEX ", "CREATE UNIQUE INDEX "):
        if sql.startswith(head):
            return head + "IF NOT EXISTS " + sql[len(head):]
    return sql


def _passive_checkpoint(engine: Engine) -> None:
    """Copy the committed WAL frames into the database file without waiting for anyone
    (``PRAGMA wal_checkpoint(PASSIVE)``). Only a head start for :func:`_checkpoint`: a
    failure here is logged and left to it."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    except Exception:
        log.warning("cache: background checkpoint failed; the final one copies it all",
                    exc_info=True)


def _checkpoint(engine: Engine) -> None:
    """Fold the WAL a bulk load left behind into the database file and shrink it."""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def pulled_payment_uuids(engine: Engine, uuids: Iterable[str]) -> set[str]:
    """Which of ``uuids`` the cache already holds as payment rows (pulled from the server)."""
    return _pulled(engine, "payments", "payment_uuid", uuids)


def pulled_reversal_uuids(engine: Engine, uuids: Iterable[str]) -> set[str]:
    """Which of ``uuids`` the cache already holds as ``payment_reversals`` rows."""
    return _pulled(engine, "payment_reversals", "reversal_uuid", uuids)


def _pulled(engine: Engine, table: str, column: str, uuids: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(uuids))
    found: set[str] = set()
    with engine.connect() as conn:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = conn.exec_driver_sql(
                f'SELECT "{column}" FROM "{table}" WHERE "{column}" IN ({marks})',
                tuple(chunk),
            )
            found.update(r[0] for r in rows)
    return found
