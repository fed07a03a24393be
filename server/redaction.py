"""Columns a role receives as null in its pull although it may see the row.

Partners (an outside company: the LCO) see the branch's staff by name, to know who manages
their accounts, but not the staff's own mobile numbers. The pull builds most rows as JSON
text in the database (server/pull_snapshot.py), so the few rows concerned are rewritten here, on
the finished page, just before it is sent.
"""

from __future__ import annotations

import json
from typing import Any

from billing.roles import Role
from server.auth import Principal

#: table -> columns sent as null, per role.
HIDDEN: dict[Role, dict[str, tuple[str, ...]]] = {
    Role.PARTNER: {"staff": ("mobile",)},
}


def _row_change(change: Any, hidden: dict[str, tuple[str, ...]]) -> Any:
    if isinstance(change, str):
        # Snapshot rows arrive as JSON text: '{"table":"<name>","op":...'.
        if not any(change.startswith(f'{{"table":"{t}"') for t in hidden):
            return change
        change = json.loads(change)
    row = change.get("row") if isinstance(change, dict) else None
    if row is not None and change.get("table") in hidden:
        change = {**change, "row": {**row, **dict.fromkeys(hidden[change["table"]])}}
    return change


def _block(block: Any, hidden: dict[str, tuple[str, ...]]) -> Any:
    if isinstance(block, str):
        if not any(block.startswith(f'{{"table":"{t}"') for t in hidden):
            return block
        block = json.loads(block)
    columns = hidden.get(block.get("table"), ())
    if not columns:
        return block
    at = [i for i, name in enumerate(block["columns"]) if name in columns]
    rows = [[None if i in at else v for i, v in enumerate(r)] for r in block["rows"]]
    return {**block, "rows": rows}


def redact_page(principal: Principal, page: dict[str, Any]) -> None:
    """Null, in place, the columns :data:`HIDDEN` keeps from ``principal``'s role."""
    hidden = HIDDEN.get(principal.role)
    if not hidden:
        return
    page["changes"] = [_row_change(c, hidden) for c in page["changes"]]
    if "snapshot" in page:
        page["snapshot"] = [_block(b, hidden) for b in page["snapshot"]]
