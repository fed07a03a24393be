"""Push: apply a batch of mutations, each exactly once, each in its own transaction.

Every mutation is answered ``applied``, ``duplicate`` (the stored answer of the first
application, also when that first answer never reached the client), ``rejected`` (a code
and a message, nothing changed) or ``conflict`` (an edit whose field changed on the server;
the answer carries the current row). Applied mutations are recorded in
``mutations_applied`` in the same transaction as their effects; payments additionally hold
``UNIQUE(payment_uuid)``, so even two servers racing on one retry apply it once.
Rejected and conflicting mutations are not recorded: the client may amend and resend them
under the same id. A payment is applied with ``billing.rules.apply_taken_payment`` against
the server's balance (the client's numbers are never trusted): money taken at a counter is
never refused for the balance having moved, only for what no cashier could have taken.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from billing.lifecycle import (
    AccountStatus,
    allocate_fifo,
    business_date,
    renewal_expiry,
    status_after_payment,
)
from billing.money import format_inr
from billing.mutations import MutationKind
from billing.references import check_reference, utr_key
from billing.roles import Action
from billing.rules import (
    PaymentMethod,
    PaymentOption,
    RuleError,
    TakenPayment,
    applied_as_label,
    apply_taken_payment,
    cash_change_due,
    is_outstanding,
)
from db import contact_validation
from db.server_schema import mutations_applied, payment_utrs
from server import changelog, day_closes, rows
from server.auth import Principal
from server.config import Settings
from server.database import Database, next_id, next_id_expr
from server.document_series import next_payment_document_number
from server.errors import ApiError
from server.scopes import account_in_scope

log = logging.getLogger(__name__)



class Rejected(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Conflict(Exception):
    def __init__(self, message: str, fields: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields


@dataclass
class _Ctx:
    conn: Connection
    principal: Principal
    settings: Settings
    now: int
    today: date
    device_code: str | None
    account: Any = None
    changes: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def _unstorable_text(value: Any) -> str | None:
    """What makes text in ``value`` unstorable, or None: NUL (PostgreSQL text cannot hold
    it) or a lone UTF-16 surrogate such as ``"\\ud800"`` (valid in JSON, not encodable as
    UTF-8, so neither database nor the JSON answer can take it)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "a NUL character"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "a lone surrogate (half of a UTF-16 pair); send valid Unicode"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _change(ctx: _Ctx, table_name: str, key: dict[str, Any], op: str = "upsert") -> None:
    """Note a changed row; written to the change log in one statement before commit."""
    ctx.changes.append(changelog.values(table_name, key, op=op, account=ctx.account,
                                        at=ctx.now))


_BRANCH_CODES: dict[int, str] = {}


def _branch_code(conn: Connection, branch_id: int) -> str:
    """Branch codes never change once issued (they are printed on receipts): cached."""
    code = _BRANCH_CODES.get(branch_id)
    if code is None:
        branches = rows.table("branches")
        code = conn.execute(select(branches.c.code).where(branches.c.id == branch_id)).scalar_one()
        _BRANCH_CODES[branch_id] = code
    return code


def _moment(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _t(name: str) -> Any:
    return rows.table(name)


# -- payload checks ------------------------------------------------------------------------


def _int(payload: dict[str, Any], key: str, *, optional: bool = False) -> int | None:
    value = payload.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Rejected("invalid_payload", f"{key} must be a whole number (paise / epoch).")
    if abs(value) > 2**62:
        raise Rejected("invalid_payload", f"{key} is out of range.")
    return value


def _str(payload: dict[str, Any], key: str, max_len: int, *, optional: bool = False) -> str | None:
    value = payload.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_len:
        raise Rejected("invalid_payload", f"{key} must be text of 1 to {max_len} characters.")
    return value.strip()


# -- common writes -------------------------------------------------------------------------


def _log(ctx: _Ctx, account: Any, description: str, *, user: str | None = None,
         field: str | None = None, old: Any = None, new: Any = None) -> None:
    log_id = ctx.conn.execute(
        _t("log_entries").insert().values(
            id=next_id_expr(ctx.conn.dialect.name, "log_entries"),
            account_id=account.id,
            at=_moment(ctx.now),
            user=user or ctx.principal.username,
            field=field,
            old_value=None if old is None else str(old),
            new_value=None if new is None else str(new),
            description=description,
            version=1,
        ).returning(_t("log_entries").c.id)
    ).scalar_one()
    _change(ctx, "log_entries", {"id": log_id})


def _update_account(ctx: _Ctx, account: Any, **values: Any) -> Any:
    accounts = _t("accounts")
    _change(ctx, "accounts", {"id": account.id})
    return ctx.conn.execute(
        update(accounts)
        .where(accounts.c.id == account.id)
        .values(**values, version=accounts.c.version + 1)
        .returning(*accounts.c)
    ).one()


def _status_change(ctx: _Ctx, account: Any, change: Any) -> Any:
    account = _update_account(ctx, account, status=change.new.value)
    _log(ctx, account, f"{change.new.value}: {change.rule}", user="system", field="status",
         old=change.old.value, new=change.new.value)
    return account


# -- payment / advance / recharge -----------------------------------------------------------


def _payment(ctx: _Ctx, account: Any, payload: dict[str, Any]) -> dict[str, Any]:
    if not ctx.principal.may(Action.TAKE_PAYMENT):
        raise Rejected("forbidden", "This role may not take payments.")
    try:
        option = PaymentOption(str(payload.get("option")))
        method = PaymentMethod(str(payload.get("method")))
    except ValueError:
        raise Rejected("invalid_payload", "Unknown payment option or method.") from None
    amount = _int(payload, "amount_paise")
    taken_at = _int(payload, "taken_at")
    tendered = _int(payload, "tendered_paise", optional=True)
    plan_id = _int(payload, "plan_id", optional=True)
    receipt = _str(payload, "receipt_number", 32)
    payment_uuid = _str(payload, "payment_uuid", 36)
    reference = payload.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise Rejected("invalid_payload", "reference must be text.")
    assert amount is not None and taken_at is not None
    if not 0 <= taken_at <= 253_402_300_799:
        raise Rejected("invalid_payload", "taken_at must be epoch seconds.")
    # The desk's clock decides nothing: a time outside the window around the server's is
    # recorded as the server's time, the desk's kept in the log as information.
    desk_clock = ""
    if not ctx.now - ctx.settings.taken_at_past_seconds <= taken_at \
            <= ctx.now + ctx.settings.taken_at_future_seconds:
        desk_clock = f"; desk clock said {_moment(taken_at):%Y-%m-%d %H:%M} UTC"
        taken_at = ctx.now
    try:
        # A cheque is judged on the day it was taken, not the day the desk came online.
        taken_on = business_date(_moment(taken_at), ctx.settings.business_zone)
        reference = check_reference(method, reference, today=min(taken_on, ctx.today))
        utr = utr_key(method, reference)
        if utr is not None:
            _refuse_used_utr(ctx, utr)
        plan = None
        charge: int | None = None if option is PaymentOption.RECHARGE else 0
        if option is PaymentOption.RECHARGE and plan_id is not None:
            plan = ctx.conn.execute(select(_t("plans")).where(_t("plans").c.id == plan_id)).first()
            # A plan withdrawn since the counter took the money still renews: only a plan
            # no counter could have offered to this account is refused.
            if plan is None or not plan.prepaid or plan.branch_id not in (None, account.branch_id):
                raise RuleError("That plan is not offered to this account.", code="plan_invalid")
            # The charge recorded at the counter; a desk that sent none (or 0) charges
            # today's price.
            charge = _int(payload, "charge_paise", optional=True) or plan.price_paise
        counter_balance = _int(payload, "balance_before_paise", optional=True)
        applied, counter = apply_taken_payment(
            option,
            amount,
            balance_paise=account.balance_paise,
            prepaid=account.prepaid,
            charge_paise=charge,
            counter_balance_paise=counter_balance,
            ceiling_paise=ctx.settings.ceiling_paise,
        )
        if method is PaymentMethod.CASH and tendered is not None:
            cash_change_due(amount, tendered)
    except RuleError as exc:
        raise Rejected(exc.code, exc.message) from None
    applied_as = None
    if counter is not None or (plan is not None and charge != plan.price_paise):
        applied_as = _applied_as(ctx, account, applied, counter_balance, plan)
    # A payment_uuid taken before under another mutation id: UNIQUE(payment_uuid) refuses
    # the insert and the retry loop answers "duplicate" with that payment.
    payment_id = next_id(ctx.conn, "payments")
    # Gapless per branch and financial year: the series row stays locked until this commits.
    document = next_payment_document_number(ctx.conn, _branch_code(ctx.conn, account.branch_id),
                                            ctx.today)
    ctx.conn.execute(
        _t("payments").insert().values(
            id=payment_id,
            payment_uuid=payment_uuid,
            account_id=account.id,
            kind=option.value,
            method=method.value,
            reference=reference,
            amount_paise=amount,
            plan_id=plan.id if plan is not None else None,
            receipt_number=receipt,
            document_number=document,
            taken_by=ctx.principal.username,
            taken_at=_moment(taken_at),
            balance_after_paise=applied.balance_after_paise,
            branch_id=account.branch_id,
            device_code=ctx.device_code,
            version=1,
        )
    )
    if utr is not None:
        # The primary key makes the UTR's single use hold even for two servers racing.
        ctx.conn.execute(payment_utrs.insert().values(utr=utr, payment_id=payment_id))
    _change(ctx, "payments", {"id": payment_id})
    values: dict[str, Any] = {"balance_paise": applied.balance_after_paise}
    if plan is not None:
        values.update(_recharge(ctx, account, plan, applied.charge_paise))
    old_balance, old_expiry = account.balance_paise, account.plan_expiry
    account = _update_account(ctx, account, **values)
    _log(
        ctx,
        account,
        f"{option.label} of {format_inr(amount)} by {method.label}"
        f" (receipt {receipt}, {document}{desk_clock})"
        + ("" if applied_as is None else f"; {applied_as['notice']}"),
        field="balance",
        old=old_balance,
        new=applied.balance_after_paise,
    )
    if plan is not None:
        _log(ctx, account, f"Recharged {plan.name} until {account.plan_expiry.isoformat()}",
             field="plan_expiry", old=old_expiry, new=account.plan_expiry)
    account = _reconnect_if_due(ctx, account)
    answer: dict[str, Any] = {
        "payment": {
            "document_number": document,
            "balance_after_paise": applied.balance_after_paise,
            "receipt_number": receipt,
        },
        "account_version": account.version,
    }
    if applied_as is not None:
        answer["applied_as"] = applied_as
    return answer


_SPLIT_KINDS = ("payment_and_advance", "recharge")


def _applied_as(ctx: _Ctx, account: Any, applied: TakenPayment, counter_balance: int | None,
                plan: Any) -> dict[str, Any]:
    """How a payment was applied differently from the cashier's preview, and why, with
    who moved the balance and when, from the ledger (docs/sync-api.md "applied_as")."""
    reasons = []
    if plan is not None and applied.charge_paise != plan.price_paise:
        reasons.append(f"{plan.name} costs {format_inr(plan.price_paise)} now; charged "
                       f"{format_inr(applied.charge_paise)} as recorded at the counter")
    before = applied.balance_before_paise
    if counter_balance is None or counter_balance != before:
        logs = _t("log_entries")
        last = ctx.conn.execute(
            select(logs.c.at, logs.c.user)
            .where(logs.c.account_id == account.id, logs.c.field == "balance")
            .order_by(logs.c.at.desc(), logs.c.id.desc()).limit(1)
        ).first()
        when = ""
        if last is not None:
            at = last.at if last.at.tzinfo else last.at.replace(tzinfo=UTC)
            local = at.astimezone(ZoneInfo(ctx.settings.business_zone))
            stamp = f"{local:%H:%M}" if local.date() == ctx.today else f"{local:%d-%m-%Y %H:%M}"
            when = f" at {stamp} by {last.user}"
        if counter_balance is None:
            reasons.append(f"the balance is {format_inr(before)}, last changed{when}")
        elif is_outstanding(counter_balance) and not is_outstanding(before):
            reasons.append(f"dues were paid{when}")
        elif before < counter_balance:
            what = "dues" if is_outstanding(before) else "balance"
            reasons.append(f"the {what} fell to {format_inr(before)}{when}")
        else:
            reasons.append(f"the balance rose to {format_inr(before)}{when}")
    label = applied_as_label(applied.kind)
    parts = [f"{format_inr(applied.dues_paid_paise)} to dues"] if applied.dues_paid_paise else []
    if applied.credit_paise:
        parts.append(f"{format_inr(applied.credit_paise)} as advance credit")
    reason = "; ".join(reasons)
    return {
        "kind": applied.kind,
        "dues_paid_paise": applied.dues_paid_paise,
        "credit_paise": applied.credit_paise,
        "charge_paise": applied.charge_paise,
        "balance_after_paise": applied.balance_after_paise,
        "reason": reason,
        "notice": f"applied as {label}"
                  + (f" ({', '.join(parts)})" if applied.kind in _SPLIT_KINDS else "")
                  + f": {reason}",
    }


def _refuse_used_utr(ctx: _Ctx, utr: str) -> None:
    """Rejected("reference_used") if ``utr`` paid before, anywhere in the ledger; the
    earlier receipt is named only when the caller may see that payment's account."""
    payments = _t("payments")
    earlier = ctx.conn.execute(
        select(payments.c.receipt_number, payments.c.account_id)
        .join(payment_utrs, payment_utrs.c.payment_id == payments.c.id)
        .where(payment_utrs.c.utr == utr)
    ).first()
    if earlier is None:
        return
    try:
        account_in_scope(ctx.conn, ctx.principal, earlier.account_id)
    except ApiError:
        which = "by another payment"
    else:
        which = f"by receipt {earlier.receipt_number}"
    raise Rejected(
        "reference_used",
        f"UTR {utr} was already used {which}; one UTR pays once. Ask the customer for the "
        "UTR of this payment in their payment app; if it is the same payment, do not take "
        "it again.",
    )


def _recharge(ctx: _Ctx, account: Any, plan: Any, charge_paise: int) -> dict[str, Any]:
    """A new order for ``plan`` renewing the expiry (billing.lifecycle.renewal_expiry), at
    the price recorded at the counter."""
    orders = _t("orders")
    new_expiry = renewal_expiry(account.plan_expiry, ctx.today, plan.validity_days)
    start = new_expiry - timedelta(days=plan.validity_days - 1)
    for order in ctx.conn.execute(
        select(orders.c.id).where(orders.c.account_id == account.id, orders.c.status == "active")
    ).all():
        ctx.conn.execute(
            update(orders).where(orders.c.id == order.id)
            .values(status="completed", version=orders.c.version + 1)
        )
        _change(ctx, "orders", {"id": order.id})
    order_id = next_id(ctx.conn, "orders")
    ctx.conn.execute(
        orders.insert().values(
            id=order_id,
            account_id=account.id,
            plan_id=plan.id,
            ordered_at=_moment(ctx.now),
            start_date=start,
            end_date=new_expiry,
            amount_paise=charge_paise,
            status="active",
            version=1,
        )
    )
    _change(ctx, "orders", {"id": order_id})
    return {"plan_id": plan.id, "plan_expiry": new_expiry}


def _reconnect_if_due(ctx: _Ctx, account: Any) -> Any:
    """After money came in: settle postpaid invoices oldest first; reconnect when the
    rules say so (prepaid: a renewed expiry; postpaid: no invoice left past its grace)."""
    if account.prepaid:
        change = status_after_payment(
            AccountStatus(account.status), prepaid=True, on=ctx.today,
            expiry=account.plan_expiry,
        )
        return account if change is None else _status_change(ctx, account, change)
    invoices = _t("invoices")
    open_rows = ctx.conn.execute(
        select(invoices)
        .where(invoices.c.account_id == account.id, invoices.c.status == "open")
        .order_by(invoices.c.invoice_date, invoices.c.id)
    ).all()
    if open_rows:
        # What the customer has paid towards open invoices: what they owe now, FIFO.
        total_open = sum(r.amount_paise - r.paid_paise for r in open_rows)
        paid_now = max(0, total_open - max(0, account.balance_paise))
        remaining = allocate_fifo(
            [(r.invoice_date, r.amount_paise - r.paid_paise) for r in open_rows], paid_now
        )
        for r, left in zip(open_rows, remaining, strict=True):
            if left == r.amount_paise - r.paid_paise:
                continue
            ctx.conn.execute(
                update(invoices).where(invoices.c.id == r.id).values(
                    paid_paise=r.amount_paise - left,
                    status="open" if left else "paid",
                    version=invoices.c.version + 1,
                )
            )
            _change(ctx, "invoices", {"id": r.id})
        open_dates = [
            r.invoice_date for r, left in zip(open_rows, remaining, strict=True)
            if is_outstanding(left)
        ]
    else:
        open_dates = []
    change = status_after_payment(
        AccountStatus(account.status), prepaid=False, on=ctx.today,
        open_invoice_dates=open_dates, has_plan=account.plan_id is not None,
    )
    if change is not None:
        return _status_change(ctx, account, change)
    return account


# -- edits, comments, tags -----------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    def norm(v: Any) -> Any:
        if v is None or (isinstance(v, str) and not v.strip()):
            return None
        return v.strip() if isinstance(v, str) else v

    return norm(a) == norm(b)


def _edit(ctx: _Ctx, account: Any, payload: dict[str, Any], base_version: Any) -> dict[str, Any]:
    fields = payload.get("fields")
    before = payload.get("before", {})
    if not isinstance(fields, dict) or not fields or not isinstance(before, dict):
        raise Rejected("invalid_payload", "An edit needs {'fields': {...}, 'before': {...}}.")
    technical = [f for f in fields if f in contact_validation.TECHNICAL_FIELDS]
    if not ctx.principal.may(Action.EDIT):
        raise Rejected("forbidden", "This role may not edit accounts.")
    if technical and not ctx.principal.may(Action.EDIT_TECHNICAL):
        raise Rejected("forbidden", "This role may not edit technical details.")
    try:
        cleaned = contact_validation.clean_fields(fields)
    except contact_validation.ValidationFailed as exc:
        raise Rejected("invalid_field", str(exc)) from None
    apply: dict[str, Any] = {}
    conflicts: list[str] = []
    for field, new in cleaned.items():
        server_value = getattr(account, field)
        if _same(server_value, new):
            continue  # already so (e.g. a retry of an edit that applied)
        if field in before:
            if _same(server_value, before[field]):
                apply[field] = new
            else:
                conflicts.append(field)
        elif base_version is not None and base_version == account.version:
            apply[field] = new
        else:
            conflicts.append(field)
    if apply:
        old = {f: getattr(account, f) for f in apply}
        account = _update_account(ctx, account, **apply)
        for field, new in apply.items():
            label = contact_validation.FIELD_LABELS.get(field, field)
            _log(ctx, account, f"{label} changed: {old[field] or '—'} → {new or '—'}",
                 field=field, old=old[field], new=new)
    if conflicts:
        labels = ", ".join(contact_validation.FIELD_LABELS.get(f, f) for f in conflicts)
        raise Conflict(f"Changed on the server since you opened it: {labels}.", conflicts)
    return {"account_version": account.version}


def _comment(ctx: _Ctx, account: Any, payload: dict[str, Any]) -> dict[str, Any]:
    if not ctx.principal.may(Action.COMMENT):
        raise Rejected("forbidden", "This role may not comment.")
    body = payload.get("body")
    if not isinstance(body, str) or not body.strip():
        raise Rejected("invalid_payload", "A comment needs some text.")
    most = ctx.settings.max_comment_chars
    if len(body) > most:
        raise Rejected("invalid_payload", f"A comment has at most {most} characters.")
    created = _int(payload, "created_at", optional=True)
    if created is None or not 0 <= created <= ctx.now + 300:
        created = ctx.now
    comment_id = next_id(ctx.conn, "comments")
    ctx.conn.execute(
        _t("comments").insert().values(
            id=comment_id,
            account_id=account.id,
            author=ctx.principal.username,
            created_at=_moment(created),
            body=body.strip(),
            version=1,
        )
    )
    _change(ctx, "comments", {"id": comment_id})
    preview = " ".join(body.split())
    _log(ctx, account, f"Comment added: {preview[:80]}{'…' if len(preview) > 80 else ''}")
    return {"comment_id": comment_id}


def _tag(ctx: _Ctx, account: Any, payload: dict[str, Any], add: bool) -> dict[str, Any]:
    if not ctx.principal.may(Action.TAG):
        raise Rejected("forbidden", "This role may not tag accounts.")
    tag_id = _int(payload, "tag_id")
    tags, links = _t("tags"), _t("account_tags")
    tag = ctx.conn.execute(select(tags).where(tags.c.id == tag_id)).first()
    if tag is None or tag.branch_id not in (None, account.branch_id):
        raise Rejected("not_found", "No such tag for this account's branch.")
    where = (links.c.account_id == account.id, links.c.tag_id == tag_id)
    present = ctx.conn.execute(select(links.c.tag_id).where(*where)).first() is not None
    key = {"account_id": account.id, "tag_id": tag_id}
    if add and not present:
        ctx.conn.execute(links.insert().values(account_id=account.id, tag_id=tag_id, version=1))
        _change(ctx, "account_tags", key)
        _log(ctx, account, f"Tag added: {tag.name}", field="tag", new=tag.name)
    elif not add and present:
        ctx.conn.execute(links.delete().where(*where))
        _change(ctx, "account_tags", key, op="delete")
        _log(ctx, account, f"Tag removed: {tag.name}", field="tag", old=tag.name)
    return {}


def _day_close(ctx: _Ctx, mutation: dict[str, Any]) -> dict[str, Any]:
    """A closed cash session's report for head office (server/day_closes.py)."""
    try:
        return day_closes.receive(
            ctx.conn, ctx.principal, ctx.settings, close_id=mutation["mutation_id"],
            account_id=mutation["account_id"], device_code=ctx.device_code,
            payload=mutation["payload"], now=ctx.now)
    except day_closes.Refused as exc:
        raise Rejected(exc.code, exc.message) from None


# -- the batch -----------------------------------------------------------------------------


def _fingerprint(mutation: dict[str, Any]) -> str:
    """SHA-256 of what the mutation asks for (kind, account, payload), key order aside."""
    body = json.dumps([mutation["kind"], mutation["account_id"], mutation["payload"]],
                      sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def _owned(username: str | None, device: str | None, principal: Principal,
           device_code: str | None) -> bool:
    """Whether an earlier write was made by this caller: the same device (a token pushes
    only as its own device, server.auth.bind_device), or, for a write recorded without a
    device, the same user."""
    if device is not None:
        return device == device_code
    return username == principal.username


def _reused(mutation_id: str, field: str) -> dict[str, Any]:
    what = "mutation id" if field == "mutation_id" else "payment_uuid"
    return {
        "mutation_id": mutation_id,
        "status": "conflict",
        "error": {"code": "idempotency_key_reused",
                  "message": f"This {what} was already used for a different change; "
                             "send this change again under a new id."},
        "conflicts": [field],
        "current": None,
    }


def _earlier(conn: Connection, principal: Principal, device_code: str | None,
             mutation: dict[str, Any]) -> dict[str, Any] | None:
    """The answer for a mutation whose id was seen before, None when it never was.

    Idempotency keys belong to whoever used them first: the stored answer is replayed
    (``duplicate``) only to the same device (or user) asking for the same change; anyone
    else, or the same desk asking for another change under the id, gets a conflict that
    carries nothing of the first change.
    """
    mutation_id = mutation["mutation_id"]
    row = conn.execute(
        select(mutations_applied.c.result, mutations_applied.c.username,
               mutations_applied.c.device_code, mutations_applied.c.kind,
               mutations_applied.c.account_id, mutations_applied.c.payload_sha256)
        .where(mutations_applied.c.mutation_id == mutation_id)
    ).first()
    if row is None:
        return None
    same = (
        _owned(row.username, row.device_code, principal, device_code)
        and row.kind == mutation["kind"]
        and row.account_id == mutation["account_id"]
        and row.payload_sha256 in (None, _fingerprint(mutation))
    )
    if not same:
        return _reused(mutation_id, "mutation_id")
    return {**json.loads(row.result), "mutation_id": mutation_id, "status": "duplicate"}


def _earlier_payment(conn: Connection, principal: Principal, device_code: str | None,
                     mutation: dict[str, Any]) -> dict[str, Any] | None:
    """A payment already taken under this payment_uuid (sent under another mutation id):
    its answer when it is this caller's same payment, a conflict when not; None when the
    uuid is new."""
    payload = mutation.get("payload")
    if mutation["kind"] != MutationKind.PAYMENT or not isinstance(payload, dict) \
            or not isinstance(payload.get("payment_uuid"), str):
        return None
    payments = _t("payments")
    row = conn.execute(
        select(payments).where(payments.c.payment_uuid == payload["payment_uuid"].strip())
    ).first()
    if row is None:
        return None
    same = (
        _owned(row.taken_by, row.device_code, principal, device_code)
        and row.account_id == mutation["account_id"]
        and row.amount_paise == payload.get("amount_paise")
        and row.kind == payload.get("option")
    )
    if not same:
        return _reused(mutation["mutation_id"], "payment_uuid")
    answer = {"mutation_id": mutation["mutation_id"], "status": "duplicate",
              "payment": {"document_number": row.document_number,
                          "balance_after_paise": row.balance_after_paise,
                          "receipt_number": row.receipt_number}}
    # Desks send a payment under its uuid as mutation id: how it was applied is there.
    first = conn.execute(select(mutations_applied.c.result)
                         .where(mutations_applied.c.mutation_id == row.payment_uuid)).first()
    applied_as = json.loads(first.result).get("applied_as") if first is not None else None
    if applied_as is not None:
        answer["applied_as"] = applied_as
    return answer


def apply_batch(
    database: Database, settings: Settings, principal: Principal, device_code: str | None,
    mutations: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Apply mutations in order, each in its own transaction, on one connection.

    With ``settings.push_group_commit`` the whole request is one transaction and each
    mutation a SAVEPOINT: still atomic with its ``mutations_applied`` record, but one
    durable commit per request instead of one per mutation (faster, holds row locks and the
    pull horizon until the request ends). Off by default.
    """
    with database.write.connect() as conn:
        if settings.push_group_commit and len(mutations) > 1:
            return _apply_group(conn, settings, principal, device_code, mutations)
        return [
            _apply_with_retries(conn, settings, principal, device_code, m) for m in mutations
        ]


def _apply_group(
    conn: Connection, settings: Settings, principal: Principal, device_code: str | None,
    mutations: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    outer = conn.begin()
    try:
        for mutation in mutations:
            savepoint = conn.begin_nested()
            try:
                results.append(_apply_in(conn, savepoint, settings, principal, device_code,
                                         mutation))
            except IntegrityError:
                if savepoint.is_active:
                    savepoint.rollback()
                earlier = _earlier(conn, principal, device_code, mutation) or \
                    _earlier_payment(conn, principal, device_code, mutation)
                if earlier is None:
                    raise
                results.append(earlier)
            finally:
                if savepoint.is_active:
                    savepoint.rollback()
        outer.commit()
    finally:
        if outer.is_active:
            outer.rollback()
    return results


def apply_mutation(
    database: Database, settings: Settings, principal: Principal, device_code: str | None,
    mutation: dict[str, Any],
) -> dict[str, Any]:
    """Apply one mutation in its own transaction; the answer for the results list."""
    return apply_batch(database, settings, principal, device_code, [mutation])[0]


def _apply_with_retries(
    conn: Connection, settings: Settings, principal: Principal, device_code: str | None,
    mutation: dict[str, Any],
) -> dict[str, Any]:
    mutation_id = mutation["mutation_id"]
    for attempt in range(5):
        try:
            return _apply_once(conn, settings, principal, device_code, mutation)
        except IntegrityError:
            # Another request applied the same mutation (or payment) concurrently.
            with conn.begin():
                earlier = _earlier(conn, principal, device_code, mutation) or \
                    _earlier_payment(conn, principal, device_code, mutation)
            if earlier is not None:
                return earlier
            if attempt == 4:
                raise
        except OperationalError as exc:
            # PostgreSQL serialisation failure / deadlock: try again.
            if attempt == 4 or conn.dialect.name != "postgresql":
                raise
            log.warning("retrying mutation %s after %s", mutation_id, exc.orig)
    raise AssertionError("unreachable")


def _apply_once(
    conn: Connection, settings: Settings, principal: Principal, device_code: str | None,
    mutation: dict[str, Any],
) -> dict[str, Any]:
    tx = conn.begin()
    try:
        return _apply_in(conn, tx, settings, principal, device_code, mutation)
    finally:
        if tx.is_active:
            tx.rollback()


def _apply_in(
    conn: Connection, tx: Any, settings: Settings, principal: Principal,
    device_code: str | None, mutation: dict[str, Any],
) -> dict[str, Any]:
    mutation_id = mutation["mutation_id"]
    kind = MutationKind(mutation["kind"])
    ctx = _Ctx(conn, principal, settings, settings.now_epoch(), settings.today(), device_code)
    try:
        try:
            # Lock the account first (PostgreSQL: FOR UPDATE; SQLite: BEGIN IMMEDIATE), then
            # look for an earlier application: a racing retry has committed or not, for good.
            account = None if kind is MutationKind.DAY_CLOSE else account_in_scope(
                conn, principal, mutation["account_id"], for_update=True)
        except ApiError:
            # Applied by this caller before the account left its scope: the stored answer;
            # anything else is simply an account it cannot see.
            earlier = _earlier(conn, principal, device_code, mutation)
            if earlier is not None and earlier["status"] == "duplicate":
                return earlier
            raise Rejected("not_found", "No such account.") from None
        earlier = _earlier(conn, principal, device_code, mutation)
        if earlier is not None:
            return earlier
        ctx.account = account
        payload = mutation["payload"]
        bad_text = _unstorable_text(payload)
        if bad_text is not None:
            raise Rejected("invalid_payload", f"Text in the payload has {bad_text}.")
        if kind is MutationKind.PAYMENT:
            answer = _payment(ctx, account, payload)
        elif kind is MutationKind.EDIT:
            answer = _edit(ctx, account, payload, mutation.get("base_version"))
        elif kind is MutationKind.COMMENT:
            answer = _comment(ctx, account, payload)
        elif kind is MutationKind.DAY_CLOSE:
            answer = _day_close(ctx, mutation)
        elif kind in (MutationKind.REVERSAL, MutationKind.CHEQUE_CLEARED):
            from server import reversals  # it builds on this module's helpers

            answer = reversals.apply(ctx, account, kind, payload)
        else:
            answer = _tag(ctx, account, payload, add=kind is MutationKind.TAG_ADD)
    except Rejected as exc:
        tx.rollback()
        return {"mutation_id": mutation_id, "status": "rejected",
                "error": {"code": exc.code, "message": exc.message}}
    except Conflict as exc:
        # The fields that did not conflict stay applied; the mutation is not recorded,
        # so the client can resend it (keep mine) or drop it (take theirs).
        changelog.record_many(conn, ctx.changes)
        current = rows.account_json(conn, mutation["account_id"])
        tx.commit()
        return {
            "mutation_id": mutation_id,
            "status": "conflict",
            "error": {"code": "conflict", "message": exc.message},
            "conflicts": exc.fields,
            "current": current,
        }
    result = {"mutation_id": mutation_id, "status": "applied", **answer}
    changelog.record_many(conn, ctx.changes)
    conn.execute(
        mutations_applied.insert().values(
            mutation_id=mutation_id,
            device_code=device_code,
            username=principal.username,
            kind=kind.value,
            account_id=mutation["account_id"],
            applied_at=ctx.now,
            result=json.dumps(result, separators=(",", ":")),
            payload_sha256=_fingerprint(mutation),
        )
    )
    tx.commit()
    return result
