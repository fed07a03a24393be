"""Many pulled rows bound to one ``INSERT`` statement: ``VALUES (?, …), (?, …), …``.

``executemany`` with one row per statement runs the statement once per row, and each run
hands Python's GIL back and forth around SQLite's step; a sync's fetch thread parses the
next pages meanwhile and is kept waiting (or keeps the writer waiting) for every row. With
:data:`ROWS_PER_STATEMENT` rows bound to one statement the writer steps once per group:
measured on the 100k-account initial sync's payments, 0.65-0.72 s of CPU instead of
0.76-0.95 s (``docs/performance.md``, "Sync", fifth round). The rows are written in the
same order, each with the same conflict rule, so the tables end the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

__all__ = ["ROWS_PER_STATEMENT", "RowsStatement"]

#: Rows bound to one statement (measured: 8-32 are alike; fewer leave most of the gain,
#: more make SQLite's program for the statement larger than the work it saves).
ROWS_PER_STATEMENT = 16


@dataclass
class RowsStatement:
    """``head`` + the rows' value groups + ``tail`` (``INSERT … VALUES``, then an optional
    ``ON CONFLICT …``), for rows of ``width`` values each."""

    head: str
    width: int
    tail: str = ""
    _texts: dict[int, str] = field(default_factory=dict, repr=False)

    def text(self, rows: int) -> str:
        """The statement for ``rows`` rows."""
        found = self._texts.get(rows)
        if found is None:
            group = "(" + ", ".join("?" * self.width) + ")"
            found = self._texts[rows] = self.head + ", ".join([group] * rows) + self.tail
        return found

    def run(self, raw: Any, rows: Sequence[Sequence[Any]]) -> None:
        """Write ``rows`` (each a sequence of ``width`` values) in order on the ``sqlite3``
        connection ``raw``. A row of another length raises :class:`ValueError` before
        anything is written: bound side by side, it would shift the values of the rows
        after it into the wrong columns."""
        if not rows:
            return
        if set(map(len, rows)) != {self.width}:
            bad = next(len(r) for r in rows if len(r) != self.width)
            raise ValueError(f"a row has {bad} values for {self.width} columns")
        count = len(rows)
        whole = count - count % ROWS_PER_STATEMENT
        if whole:
            values = chain.from_iterable(rows if whole == count else rows[:whole])
            # zip of one iterator n times: consecutive groups of n values, at C speed
            groups = zip(*[values] * (ROWS_PER_STATEMENT * self.width), strict=False)
            raw.executemany(self.text(ROWS_PER_STATEMENT), groups)
        if whole < count:
            raw.executemany(self.text(1), rows[whole:])
