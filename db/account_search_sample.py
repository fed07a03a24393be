"""How common a quick search is: measured on a sample of the accounts' search texts.

The plan chooser (:mod:`db.account_search_plan`) asks this for every keystroke. The sample
is :data:`SAMPLE_SIZE` account ids drawn at random (fixed seed) between the lowest and the
highest; their search texts and their places in the name order are read once and kept in
memory (about 200 kB), so a keystroke's measure is a substring test of 2,000 Python
strings (~0.3 ms) instead of 2,000 look-ups in SQLite (3-4 ms at 1M accounts, 5-11 ms at
3M, most of a short search's plan).

The kept sample is read again after :data:`KEEP_S` seconds, or at once when the id range
changes. A sample older than the cache's latest edits only changes a plan's *estimate*
(which way the rows are found), never the rows found: every plan gives the same rows.
"""

from __future__ import annotations

import functools
import random
import time
from dataclasses import dataclass, field

from sqlalchemy import Connection

from db.account_search_grams import grams_in

#: FTS5's own copy of the indexed text (``id`` = rowid = account id, ``c0`` = text). Short
#: queries read it as a plain table: a scan of it took 640 ms against 1,160 ms through the
#: virtual table (1M accounts, load 6), and a probe by id skips the virtual table's cursor.
SEARCH_TEXT = "account_search_content"

#: How common a quick search is, measured on the search texts of SAMPLE_SIZE account ids
#: drawn at random (fixed seed) between the lowest and the highest. Random, not runs of
#: consecutive ids nor a fixed stride, because ID digits cluster: "107" is in every ID from
#: 10700000 to 10799999, and "1084" was seen in 5% of 20 runs of 100 texts for a true 1%.
SAMPLE_SIZE = 2_000

#: A kept sample is read again after this long (seconds): edits and new accounts reach the
#: estimates within a minute, for one read of ~5 ms a minute.
KEEP_S = 60.0


@dataclass(frozen=True)
class Sample:
    """What the sample of account texts says of one search."""

    #: sampled accounts that exist, and how many of them contain the text
    seen: int
    hits: int
    #: how many contain every gram of the dictionary that the text contains
    candidates: int
    #: each hit's place in the sampled accounts' name order (0: first), ascending
    places: tuple[float, ...] = field(repr=False)
    #: how many accounts the sample stands for
    accounts: int

    @property
    def share(self) -> float:
        return self.hits / self.seen if self.seen else 0.0


@dataclass(frozen=True)
class _Kept:
    """The sampled accounts' texts, read once: ``(id, text)`` each."""

    texts: tuple[tuple[int, str], ...]
    #: each sampled id's place in the name order (0 to 1); ``None``: the ids are sparse
    #: and the texts are runs of consecutive ones, whose places say nothing of the rest
    order: dict[int, float] | None
    accounts: int  # how many accounts the sample stands for (0: unknown)
    read_at: float


#: Kept samples, per cache file and id range (an in-memory cache is not kept).
_KEPT: dict[tuple[str, int, int], _Kept] = {}


def measure(conn: Connection, q: str) -> Sample:
    """What a sample of the accounts' texts says of ``q`` (see :class:`Sample`)."""
    kept = _sample(conn)
    if kept is None:
        return Sample(0, 0, 0, (), 0)
    if kept.order is None:
        hits = [i for i, text in kept.texts if q in text]
        return Sample(len(kept.texts), len(hits), 0, (), 0)  # no walk estimate
    # The texts with every gram of the dictionary in ``q``, longest (rarest) gram first;
    # a text that holds ``q`` holds its grams, so the hits are among them.
    grams = sorted(grams_in(q), key=len, reverse=True)
    texts: list[tuple[int, str]] | tuple[tuple[int, str], ...] = kept.texts
    for gram in grams:
        texts = [(i, text) for i, text in texts if gram in text]
    candidates = len(texts) if grams else 0
    hits = [i for i, text in texts if q in text]
    places = tuple(sorted(kept.order[i] for i in hits if i in kept.order))
    return Sample(len(kept.texts), len(hits), candidates, places, kept.accounts)


def forget() -> None:
    """Drop every kept sample (the next measure reads the texts again)."""
    _KEPT.clear()


def _sample(conn: Connection) -> _Kept | None:
    low, high = conn.exec_driver_sql(
        "SELECT (SELECT min(id) FROM accounts), (SELECT max(id) FROM accounts)"
    ).one()
    if low is None:
        return None
    path = conn.engine.url.database or ""
    key = ("" if path == ":memory:" else path, int(low), int(high))
    kept = _KEPT.get(key)
    now = time.monotonic()
    if kept is None or now - kept.read_at > KEEP_S:
        kept = _read(conn, int(low), int(high), now)
        if len(_KEPT) >= 8 or not key[0]:
            _KEPT.clear()
        if key[0]:  # an in-memory cache is not kept
            _KEPT[key] = kept
    return kept


def _read(conn: Connection, low: int, high: int, now: float) -> _Kept:
    drawn, ids = _sample_ids(low, high)
    texts = _texts(conn, f"SELECT id, c0 FROM {SEARCH_TEXT} WHERE id IN ({ids})")
    if len(texts) >= SAMPLE_SIZE // 10:
        ordered = [r[0] for r in conn.exec_driver_sql(
            f"SELECT id FROM accounts WHERE id IN ({ids}) ORDER BY name, rowid"
        )]
        order = {int(i): k / max(1, len(ordered) - 1) for k, i in enumerate(ordered)}
        accounts = round((high - low + 1) * len(texts) / len(drawn))
        return _Kept(texts, order, accounts, now)
    # sparse ids (few of the drawn ones exist): runs of consecutive texts instead
    step = max(1, (high - low) // 20)
    runs = tuple(
        row for k in range(20) for row in _texts(
            conn, f"SELECT id, c0 FROM {SEARCH_TEXT} WHERE id >= ? ORDER BY id LIMIT ?",
            (low + k * step, SAMPLE_SIZE // 20),
        )
    )
    return _Kept(runs, None, 0, now)


def _texts(
    conn: Connection, sql: str, params: tuple[int, ...] = ()
) -> tuple[tuple[int, str], ...]:
    """``(id, text)`` of each row ``sql`` reads from the search text."""
    return tuple((int(i), text or "") for i, text in conn.exec_driver_sql(sql, params))


@functools.lru_cache(maxsize=4)
def _sample_ids(low: int, high: int) -> tuple[tuple[int, ...], str]:
    """The sampled ids, and the same as SQL (ints only: safe to inline)."""
    rng = random.Random(18)
    if high - low + 1 <= SAMPLE_SIZE:
        drawn = tuple(range(low, high + 1))
    else:
        drawn = tuple(sorted(rng.sample(range(low, high + 1), SAMPLE_SIZE)))
    return drawn, ",".join(map(str, drawn))
