"""The payments register, read over cache + outbox: the payments the cache holds plus this
device's payments it does not have yet (pending, refused, or acknowledged but not pulled),
filtered and totalled by method, and what the register's filter boxes offer.

Read by the register window and its export (``desktop/payments/register.py``,
``register_export.py``) and the GST tax summary (``desktop/documents/tax_summary.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, bindparam, text

from billing.lifecycle import DEFAULT_ZONE
from billing.rules import PaymentMethod, PaymentOption
from db.outbox import Mutation, MutationState, Outbox

__all__ = [
    "PAYMENT_TYPES",
    "RegisterChoices",
    "RegisterFilter",
    "RegisterRow",
    "register_choices",
    "register_rows",
    "totals_by_method",
]


PAYMENT_TYPES = ("prepaid", "postpaid", "advance")


@dataclass(frozen=True)
class RegisterFilter:
    date_from: date
    date_to: date
    zone: str = DEFAULT_ZONE
    """The business zone the dates are in."""
    branch_id: int | None = None
    zone_id: int | None = None
    area_id: int | None = None
    manager_id: int | None = None
    payment_type: str | None = None
    """prepaid | postpaid | advance"""
    method: str | None = None
    cashier: str | None = None


@dataclass(frozen=True)
class RegisterRow:
    taken_at: datetime
    document_number: str
    """The server's document number, or the offline receipt number while pending."""
    receipt_number: str
    account_id: int
    name: str
    mobile: str
    email: str | None
    payment_type: str
    method: str
    reference: str | None
    amount_paise: int
    cashier: str
    pending: bool
    payment_uuid: str = ""
    refused: str | None = None
    """The server's reason when it refused this payment (not counted in the totals)."""
    applied_as: dict[str, Any] | None = None
    """How the server applied this device's payment when that differed from the cashier's
    preview (docs/sync-api.md ``applied_as``: kind, notice); None otherwise."""


def _payment_type(kind: str, prepaid: bool) -> str:
    if kind == PaymentOption.ADVANCE:
        return "advance"
    return "prepaid" if prepaid else "postpaid"


def _epoch_bounds(flt: RegisterFilter) -> tuple[int, int]:
    tz = ZoneInfo(flt.zone)
    start = datetime.combine(flt.date_from, time(), tz)
    end = datetime.combine(flt.date_to + timedelta(days=1), time(), tz)
    return int(start.timestamp()), int(end.timestamp())


_ACCOUNT_FILTERS = (
    ("branch_id", "a.branch_id = :branch_id"),
    ("zone_id", "b.zone_id = :zone_id"),
    ("area_id", "a.area_id = :area_id"),
    ("manager_id", "a.account_manager_id = :manager_id"),
)


def register_rows(
    cache_engine: Engine, outbox: Outbox, flt: RegisterFilter, limit: int = 100_000
) -> list[RegisterRow]:
    """Payments in the cache plus this device's payments the cache does not have yet
    (pending, or acknowledged but not pulled), filtered, newest first."""
    start, end = _epoch_bounds(flt)
    where = ["p.taken_at >= :start", "p.taken_at < :end"]
    params: dict[str, Any] = {"start": start, "end": end, "limit": limit}
    for key, clause in _ACCOUNT_FILTERS:
        value = getattr(flt, key)
        if value is not None:
            where.append(clause)
            params[key] = value
    if flt.method:
        where.append("p.method = :method")
        params["method"] = flt.method
    if flt.cashier:
        where.append("p.taken_by = :cashier")
        params["cashier"] = flt.cashier
    if flt.payment_type == "advance":
        where.append("p.kind = 'advance'")
    elif flt.payment_type in ("prepaid", "postpaid"):
        where.append("p.kind != 'advance' AND a.prepaid = :prepaid")
        params["prepaid"] = flt.payment_type == "prepaid"
    sql = (
        "SELECT p.taken_at, p.document_number, p.receipt_number, p.account_id, a.name, "
        "a.mobile, a.email, p.kind, a.prepaid, p.method, p.reference, p.amount_paise, "
        "p.taken_by, p.payment_uuid "
        "FROM payments p JOIN accounts a ON a.id = p.account_id "
        "JOIN branches b ON b.id = a.branch_id "
        f"WHERE {' AND '.join(where)} ORDER BY p.taken_at DESC, p.id DESC LIMIT :limit"
    )
    rows: list[RegisterRow] = []
    mine = outbox.payments()
    applied_as = {m.mutation_id: _applied_as(m) for m in mine}
    with cache_engine.connect() as conn:
        for r in conn.execute(text(sql), params):
            rows.append(
                RegisterRow(
                    taken_at=datetime.fromtimestamp(r.taken_at, UTC),
                    document_number=r.document_number or r.receipt_number,
                    receipt_number=r.receipt_number,
                    account_id=r.account_id,
                    name=r.name,
                    mobile=r.mobile,
                    email=r.email,
                    payment_type=_payment_type(r.kind, bool(r.prepaid)),
                    method=r.method,
                    reference=r.reference,
                    amount_paise=int(r.amount_paise),
                    cashier=r.taken_by,
                    pending=False,
                    payment_uuid=r.payment_uuid,
                    applied_as=applied_as.get(r.payment_uuid),
                )
            )
        rows.extend(_outbox_register_rows(conn, mine, flt, start, end))
    rows.sort(key=lambda row: row.taken_at, reverse=True)
    return rows[:limit]


def _applied_as(m: Mutation) -> dict[str, Any] | None:
    applied = (m.result or {}).get("applied_as")
    return applied if isinstance(applied, dict) else None


def _outbox_register_rows(
    conn: Any, mine: list[Mutation], flt: RegisterFilter, start: int, end: int
) -> list[RegisterRow]:
    candidates = []
    for m in mine:
        body = m.payload
        if start <= int(body["taken_at"]) < end:
            candidates.append((m, body))
    if not candidates:
        return []
    uuids = [m.mutation_id for m, _ in candidates]
    in_cache = set(
        conn.execute(
            text("SELECT payment_uuid FROM payments WHERE payment_uuid IN :u").bindparams(
                bindparam("u", expanding=True)
            ),
            {"u": uuids},
        ).scalars()
    )
    ids = sorted({m.account_id for m, _ in candidates if m.account_id is not None})
    accounts = {
        r.id: r
        for r in conn.execute(
            text(
                "SELECT a.id, a.name, a.mobile, a.email, a.prepaid, a.branch_id, a.area_id, "
                "a.account_manager_id, b.zone_id FROM accounts a "
                "JOIN branches b ON b.id = a.branch_id WHERE a.id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": ids},
        )
    }
    rows = []
    for m, body in candidates:
        if m.mutation_id in in_cache:
            continue
        acc = accounts.get(m.account_id)
        if acc is None:
            continue
        checks = (
            (flt.branch_id, acc.branch_id),
            (flt.zone_id, acc.zone_id),
            (flt.area_id, acc.area_id),
            (flt.manager_id, acc.account_manager_id),
            (flt.method, body["method"]),
            (flt.cashier, m.created_by),
        )
        if any(wanted is not None and wanted != actual for wanted, actual in checks):
            continue
        ptype = _payment_type(body["option"], bool(acc.prepaid))
        if flt.payment_type and flt.payment_type != ptype:
            continue
        answer = m.result or {}
        document = (answer.get("payment") or {}).get("document_number")
        refused = None
        if m.state.needs_attention:
            refused = str((answer.get("error") or {}).get("message") or "refused by the server")
        rows.append(
            RegisterRow(
                taken_at=datetime.fromtimestamp(int(body["taken_at"]), UTC),
                document_number=document or body["receipt_number"],
                receipt_number=body["receipt_number"],
                account_id=acc.id,
                name=acc.name,
                mobile=acc.mobile,
                email=acc.email,
                payment_type=ptype,
                method=body["method"],
                reference=body.get("reference"),
                amount_paise=int(body["amount_paise"]),
                cashier=m.created_by,
                pending=m.state == MutationState.PENDING.value,
                payment_uuid=m.mutation_id,
                refused=refused,
                applied_as=_applied_as(m),
            )
        )
    return rows


def totals_by_method(rows: Iterable[RegisterRow]) -> dict[str, int]:
    """Paise per payment method, every method present (zero when none); payments the server
    refused are not income and are left out."""
    totals = {method.value: 0 for method in PaymentMethod}
    for row in rows:
        if row.refused is not None:
            continue
        totals[row.method] = totals.get(row.method, 0) + row.amount_paise
    return totals


@dataclass(frozen=True)
class RegisterChoices:
    branches: list[tuple[int, str]] = field(default_factory=list)
    zones: list[tuple[int, str]] = field(default_factory=list)
    areas: list[tuple[int, str, int]] = field(default_factory=list)
    managers: list[tuple[int, str, int]] = field(default_factory=list)
    cashiers: list[str] = field(default_factory=list)


def register_choices(
    cache_engine: Engine, outbox: Outbox, today: date | None = None
) -> RegisterChoices:
    """What the register's filter boxes offer (areas and managers carry their branch;
    cashiers are those of the 90 days before ``today`` and this device's)."""
    with cache_engine.connect() as conn:
        branches = [tuple(r) for r in conn.execute(text("SELECT id, name FROM branches "
                                                          "ORDER BY name"))]
        zones = [tuple(r) for r in conn.execute(text("SELECT id, name FROM zones ORDER BY name"))]
        areas = [tuple(r) for r in conn.execute(text("SELECT id, name, branch_id FROM areas "
                                                       "ORDER BY name"))]
        managers = [
            tuple(r)
            for r in conn.execute(
                text("SELECT id, name, branch_id FROM staff WHERE role = 'account_manager' "
                     "ORDER BY name")
            )
        ]
        # Cashiers of the last 90 days (an index walk on taken_at, not a scan of the ledger).
        day = today or datetime.now(UTC).date()
        since = int(datetime.combine(day - timedelta(days=90), time(), UTC).timestamp())
        cashiers = set(conn.execute(
            text("SELECT DISTINCT taken_by FROM payments WHERE taken_at >= :since"),
            {"since": since}).scalars())
    cashiers |= outbox.payment_takers()
    return RegisterChoices(branches, zones, areas, managers, sorted(cashiers))
