"""What each tab of the account detail dialog shows, read from the cache with this device's
pending outbox writes laid over it.

Pure SQLAlchemy and ``billing`` rules, no Qt: each ``load_*`` function answers one tab, so the
dialog loads a tab only when it is first shown (on the database worker). Pending mutations
(edits, comments, tags, payments) are laid over the replica exactly as the server will apply
them; acknowledged ones are already in the cache once it has pulled them, and ones the server
refused are shown as issues, never as data.
"""

# No ``from __future__ import annotations`` here: NamedTuple would compile every string
# annotation as a ForwardRef at import (~20 ms); real annotations cost nothing.
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session, aliased

from billing.lifecycle import (
    DEFAULT_ZONE,
    AccountStatus,
    allocate_fifo,
    business_date,
    grace_days_left,
    postpaid_last_payment_date,
    postpaid_status,
    postpaid_suspension_date,
    prepaid_status,
    prepaid_suspension_date,
)
from billing.rules import PaymentOption, is_outstanding, payment_options_paise
from db.contact_validation import EDITABLE_FIELDS, FIELD_LABELS
from db.outbox import Mutation, MutationKind, MutationState, Outbox
from db.overlay import payment_delta
from db.schema import (
    Account,
    AccountTag,
    Area,
    Branch,
    Comment,
    Invoice,
    LogEntry,
    Order,
    Payment,
    Plan,
    Reseller,
    Staff,
    Tag,
    Zone,
)

CHART_MONTHS = 12


# -- pending writes -----------------------------------------------------------------------


def account_mutations(outbox: Outbox | None, account_id: int) -> list[Mutation]:
    """This device's unacknowledged writes for the account, oldest first."""
    if outbox is None:
        return []
    return outbox.unacknowledged_for_account(account_id)


def _pending(mutations: Iterable[Mutation], *kinds: MutationKind) -> list[Mutation]:
    return [m for m in mutations if m.kind in kinds and m.state is MutationState.PENDING]


def _refused(mutations: Iterable[Mutation], *kinds: MutationKind) -> list[Mutation]:
    return [m for m in mutations if m.kind in kinds and m.state.needs_attention]


def refusal_reason(mutation: Mutation) -> str:
    """Why the server did not apply a mutation, in words."""
    result = mutation.result or {}
    error = result.get("error") if isinstance(result, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])
    if mutation.state is MutationState.CONFLICT:
        return "changed on the server meanwhile"
    return mutation.last_error or mutation.state.value


# -- header and general --------------------------------------------------------------------


class AccountHeader(NamedTuple):
    id: int
    name: str
    status: str
    prepaid: bool
    version: int
    balance_paise: int
    provisional_balance_paise: int
    pending_payments: int


def load_header(cache: Engine, outbox: Outbox | None, account_id: int) -> AccountHeader | None:
    """The one row the dialog's title and summary need (primary key look-up)."""
    with Session(cache) as conn:
        row = conn.execute(
            select(
                Account.id,
                Account.name,
                Account.status,
                Account.prepaid,
                Account.version,
                Account.balance_paise,
            ).where(Account.id == account_id)
        ).first()
    if row is None:
        return None
    pending = _pending(account_mutations(outbox, account_id), MutationKind.PAYMENT)
    delta = sum(payment_delta(m) for m in pending)
    return AccountHeader(
        id=row.id,
        name=row.name,
        status=row.status,
        prepaid=bool(row.prepaid),
        version=row.version,
        balance_paise=row.balance_paise,
        provisional_balance_paise=row.balance_paise + delta,
        pending_payments=len(pending),
    )


class GeneralDetails(NamedTuple):
    id: int
    name: str
    status: str
    prepaid: bool
    branch: str
    branch_code: str
    area: str
    zone: str
    reseller: str | None
    account_manager: str | None
    sales_executive: str | None
    plan: str | None
    created_at: datetime
    last_seen: datetime | None
    version: int


def load_general(cache: Engine, account_id: int) -> GeneralDetails | None:
    manager = aliased(Staff)
    sales = aliased(Staff)
    query = (
        select(
            Account.id,
            Account.name,
            Account.status,
            Account.prepaid,
            Branch.name.label("branch"),
            Branch.code.label("branch_code"),
            Area.name.label("area"),
            Zone.name.label("zone"),
            Reseller.name.label("reseller"),
            manager.name.label("manager"),
            sales.name.label("sales"),
            Plan.name.label("plan"),
            Account.created_at,
            Account.last_seen,
            Account.version,
        )
        .select_from(Account)
        .join(Branch, Branch.id == Account.branch_id)
        .join(Area, Area.id == Account.area_id)
        .join(Zone, Zone.id == Branch.zone_id)
        .outerjoin(Reseller, Reseller.id == Account.reseller_id)
        .outerjoin(manager, manager.id == Account.account_manager_id)
        .outerjoin(sales, sales.id == Account.sales_executive_id)
        .outerjoin(Plan, Plan.id == Account.plan_id)
        .where(Account.id == account_id)
    )
    with Session(cache) as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    return GeneralDetails(
        id=row.id,
        name=row.name,
        status=row.status,
        prepaid=bool(row.prepaid),
        branch=row.branch,
        branch_code=row.branch_code,
        area=row.area,
        zone=row.zone,
        reseller=row.reseller,
        account_manager=row.manager,
        sales_executive=row.sales,
        plan=row.plan,
        created_at=row.created_at,
        last_seen=row.last_seen,
        version=row.version,
    )


# -- editable fields (contact and technical) -----------------------------------------------


class EditableState(NamedTuple):
    """Contact and technical fields as the user should see them: cache + pending edits."""

    account_id: int
    version: int
    values: dict[str, Any]
    cached: dict[str, Any]
    #: field -> who queued the pending edit that set it
    pending_fields: dict[str, str]
    #: edits the server refused (they need attention; the values shown are the cache's)
    refused: tuple[Mutation, ...]


def overlay_edits(
    cached: dict[str, Any], mutations: Iterable[Mutation]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Apply pending edit mutations in device order to cached values."""
    values = dict(cached)
    pending: dict[str, str] = {}
    for m in _pending(mutations, MutationKind.EDIT):
        for name, value in (m.payload.get("fields") or {}).items():
            if name in values:
                values[name] = value
                pending[name] = m.created_by
    return values, pending


def load_editable_state(
    cache: Engine, outbox: Outbox | None, account_id: int
) -> EditableState | None:
    columns = [getattr(Account, f) for f in EDITABLE_FIELDS]
    with Session(cache) as conn:
        row = conn.execute(
            select(Account.version, *columns).where(Account.id == account_id)
        ).first()
    if row is None:
        return None
    cached = {f: getattr(row, f) for f in EDITABLE_FIELDS}
    mutations = account_mutations(outbox, account_id)
    values, pending = overlay_edits(cached, mutations)
    return EditableState(
        account_id=account_id,
        version=row.version,
        values=values,
        cached=cached,
        pending_fields=pending,
        refused=tuple(_refused(mutations, MutationKind.EDIT)),
    )


# -- orders --------------------------------------------------------------------------------


class OrderRow(NamedTuple):
    id: int
    plan: str
    speed_mbps: int
    ordered_at: datetime
    start_date: date
    end_date: date | None
    amount_paise: int
    status: str


def load_orders(cache: Engine, account_id: int) -> list[OrderRow]:
    """Every order against the account, newest first."""
    query = (
        select(Order, Plan.name, Plan.speed_mbps)
        .join(Plan, Plan.id == Order.plan_id)
        .where(Order.account_id == account_id)
        .order_by(Order.start_date.desc(), Order.id.desc())
    )
    with Session(cache) as conn:
        rows = conn.execute(query).all()
    return [
        OrderRow(
            id=o.id,
            plan=name,
            speed_mbps=speed,
            ordered_at=o.ordered_at,
            start_date=o.start_date,
            end_date=o.end_date,
            amount_paise=o.amount_paise,
            status=o.status,
        )
        for o, name, speed in rows
    ]


# -- invoices --------------------------------------------------------------------------------


class InvoiceRow(NamedTuple):
    id: int
    number: str
    invoice_date: date
    period_start: date
    period_end: date
    amount_paise: int
    paid_paise: int
    status: str

    @property
    def outstanding_paise(self) -> int:
        return self.amount_paise - self.paid_paise


def _invoice_row(i: Invoice) -> InvoiceRow:
    return InvoiceRow(
        id=i.id,
        number=i.number,
        invoice_date=i.invoice_date,
        period_start=i.period_start,
        period_end=i.period_end,
        amount_paise=i.amount_paise,
        paid_paise=i.paid_paise,
        status=i.status,
    )


def load_invoices(cache: Engine, account_id: int) -> list[InvoiceRow]:
    """The full invoice history, newest first."""
    query = (
        select(Invoice)
        .where(Invoice.account_id == account_id)
        .order_by(Invoice.invoice_date.desc(), Invoice.id.desc())
    )
    with Session(cache) as conn:
        return [_invoice_row(i) for i in conn.execute(query).scalars()]


class InvoiceDocument(NamedTuple):
    """Everything printed on one invoice."""

    invoice: InvoiceRow
    account_id: int
    account_name: str
    mobile: str | None
    email: str | None
    billing_address: str | None
    branch: str
    plan: str | None
    plan_speed_mbps: int | None
    prepaid: bool
    last_payment_date: date
    suspension_date: date


def load_invoice_document(cache: Engine, invoice_id: int) -> InvoiceDocument | None:
    query = (
        select(Invoice, Account, Branch.name, Plan.name, Plan.speed_mbps)
        .join(Account, Account.id == Invoice.account_id)
        .join(Branch, Branch.id == Account.branch_id)
        .outerjoin(Plan, Plan.id == Account.plan_id)
        .where(Invoice.id == invoice_id)
    )
    with Session(cache) as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    invoice, account, branch, plan, speed = row
    return InvoiceDocument(
        invoice=_invoice_row(invoice),
        account_id=account.id,
        account_name=account.name,
        mobile=account.mobile,
        email=account.email,
        billing_address=account.billing_address or account.installation_address,
        branch=branch,
        plan=plan,
        plan_speed_mbps=speed,
        prepaid=bool(account.prepaid),
        last_payment_date=postpaid_last_payment_date(invoice.invoice_date),
        suspension_date=postpaid_suspension_date(invoice.invoice_date),
    )


# -- billing ---------------------------------------------------------------------------------


class OpenInvoice(NamedTuple):
    number: str
    invoice_date: date
    outstanding_paise: int
    last_payment_date: date
    suspension_date: date
    days_left: int  # 0 on the last payable day, negative once past


class MonthPoint(NamedTuple):
    month: date  # first day of the month
    balance_paise: int  # balance at the end of the month (or today for this month)
    payments_paise: int  # payments taken in the month


class BillingDetails(NamedTuple):
    account_id: int
    today: date
    prepaid: bool
    status: str
    expected_status: AccountStatus
    plan: str | None
    plan_price_paise: int | None
    plan_validity_days: int | None
    plan_speed_mbps: int | None
    expiry: date | None
    suspension_date: date | None  # prepaid: the day after expiry
    open_invoices: list[OpenInvoice]
    balance_paise: int
    provisional_balance_paise: int
    pending_payments: int
    options: list[PaymentOption]
    chart: list[MonthPoint]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def balance_history(
    balance_now_paise: int,
    charges: Sequence[tuple[date, int]],
    payments: Sequence[tuple[date, int]],
    today: date,
    months: int = CHART_MONTHS,
) -> list[MonthPoint]:
    """Month-end balances and monthly payment totals over the last ``months`` months.

    Computed backwards from the current balance: the balance at the end of a day is today's
    balance less the charges after that day plus the payments after it.
    """
    first = _month_start(today)
    starts = [first]
    for _ in range(months - 1):
        starts.insert(0, _month_start(starts[0] - timedelta(days=1)))
    points: list[MonthPoint] = []
    for start in starts:
        end = min(_next_month(start) - timedelta(days=1), today)
        later_charges = sum(a for d, a in charges if d > end)
        later_payments = sum(a for d, a in payments if d > end)
        in_month = sum(a for d, a in payments if start <= d <= end)
        points.append(
            MonthPoint(start, balance_now_paise - later_charges + later_payments, in_month)
        )
    return points


def load_billing(
    cache: Engine,
    outbox: Outbox | None,
    account_id: int,
    today: date,
    zone: str = DEFAULT_ZONE,
) -> BillingDetails | None:
    with Session(cache) as conn:
        row = conn.execute(
            select(
                Account.prepaid,
                Account.status,
                Account.balance_paise,
                Account.plan_expiry,
                Plan.name,
                Plan.price_paise,
                Plan.validity_days,
                Plan.speed_mbps,
            )
            .outerjoin(Plan, Plan.id == Account.plan_id)
            .where(Account.id == account_id)
        ).first()
        if row is None:
            return None
        invoices = conn.execute(
            select(Invoice.number, Invoice.invoice_date, Invoice.amount_paise, Invoice.paid_paise)
            .where(Invoice.account_id == account_id)
            .order_by(Invoice.invoice_date, Invoice.id)
        ).all()
        paid = conn.execute(
            select(Payment.taken_at, Payment.amount_paise).where(Payment.account_id == account_id)
        ).all()
        charge_rows: list[tuple[date, int]]
        if row.prepaid:
            charge_rows = [
                (start, amount)
                for start, amount in conn.execute(
                    select(Order.start_date, Order.amount_paise).where(
                        Order.account_id == account_id
                    )
                )
            ]
        else:
            charge_rows = [(i.invoice_date, i.amount_paise) for i in invoices]
    prepaid = bool(row.prepaid)
    mutations = account_mutations(outbox, account_id)
    pending = _pending(mutations, MutationKind.PAYMENT)
    provisional = row.balance_paise + sum(payment_delta(m) for m in pending)

    # Pending payments settle the oldest invoices first, as the server will.
    pending_paid = -sum(payment_delta(m) for m in pending)
    pairs = [(i.invoice_date, i.amount_paise) for i in invoices]
    paid_total = sum(i.paid_paise for i in invoices) + max(0, pending_paid)
    remaining = allocate_fifo(pairs, paid_total) if pairs else []
    open_list: list[OpenInvoice] = []
    for index, inv in enumerate(invoices):
        if not is_outstanding(remaining[index]):
            continue
        open_list.append(
            OpenInvoice(
                number=inv.number,
                invoice_date=inv.invoice_date,
                outstanding_paise=remaining[index],
                last_payment_date=postpaid_last_payment_date(inv.invoice_date),
                suspension_date=postpaid_suspension_date(inv.invoice_date),
                days_left=grace_days_left(inv.invoice_date, today),
            )
        )

    if row.status == AccountStatus.TERMINATED.value:
        expected = AccountStatus.TERMINATED
    elif prepaid:
        expected = prepaid_status(row.plan_expiry, today)
    else:
        expected = postpaid_status(
            [o.invoice_date for o in open_list], today, has_plan=row.name is not None
        )

    payments = [(business_date(at, zone), amount) for at, amount in paid]
    for m in pending:
        taken = datetime.fromtimestamp(int(m.payload.get("taken_at") or 0), UTC)
        payments.append((business_date(taken, zone), int(m.payload["amount_paise"])))
        if m.payload.get("charge_paise"):
            charge_rows = [
                *charge_rows,
                (business_date(taken, zone), int(m.payload["charge_paise"])),
            ]
    chart = balance_history(provisional, list(charge_rows), payments, today)
    return BillingDetails(
        account_id=account_id,
        today=today,
        prepaid=prepaid,
        status=row.status,
        expected_status=expected,
        plan=row.name,
        plan_price_paise=row.price_paise,
        plan_validity_days=row.validity_days,
        plan_speed_mbps=row.speed_mbps,
        expiry=row.plan_expiry,
        suspension_date=prepaid_suspension_date(row.plan_expiry)
        if prepaid and row.plan_expiry
        else None,
        open_invoices=open_list,
        balance_paise=row.balance_paise,
        provisional_balance_paise=provisional,
        pending_payments=len(pending),
        options=payment_options_paise(provisional, prepaid),
        chart=chart,
    )


# -- payments ----------------------------------------------------------------------------------


class PaymentRow(NamedTuple):
    taken_at: datetime
    amount_paise: int
    kind: str
    method: str
    reference: str | None
    receipt_number: str
    document_number: str | None
    taken_by: str
    balance_after_paise: int | None
    state: str  # "" for ledger rows, "pending sync", or the refusal reason


class PaymentsView(NamedTuple):
    ledger: list[PaymentRow]
    pending: list[PaymentRow]
    issues: list[PaymentRow]
    balance_paise: int
    provisional_balance_paise: int
    open_invoices_paise: int
    open_invoice_count: int


def _mutation_payment(m: Mutation, state: str) -> PaymentRow:
    p = m.payload
    return PaymentRow(
        taken_at=datetime.fromtimestamp(int(p.get("taken_at") or m.created_at.timestamp()), UTC),
        amount_paise=int(p["amount_paise"]),
        kind=str(p.get("option", "payment")),
        method=str(p.get("method", "")),
        reference=p.get("reference"),
        receipt_number=str(p.get("receipt_number", "")),
        document_number=None,
        taken_by=m.created_by,
        balance_after_paise=None,
        state=state,
    )


def load_payments(cache: Engine, outbox: Outbox | None, account_id: int) -> PaymentsView | None:
    """Ledger payments (newest first), this device's pending ones and refused ones."""
    with Session(cache) as conn:
        balance = conn.execute(
            select(Account.balance_paise).where(Account.id == account_id)
        ).scalar_one_or_none()
        if balance is None:
            return None
        rows = conn.execute(
            select(Payment)
            .where(Payment.account_id == account_id)
            .order_by(Payment.taken_at.desc(), Payment.id.desc())
        ).scalars()
        ledger = [
            PaymentRow(
                taken_at=p.taken_at,
                amount_paise=p.amount_paise,
                kind=p.kind,
                method=p.method,
                reference=p.reference,
                receipt_number=p.receipt_number,
                document_number=p.document_number,
                taken_by=p.taken_by,
                balance_after_paise=p.balance_after_paise,
                state="",
            )
            for p in rows
        ]
        open_due = conn.execute(
            select(
                func.coalesce(func.sum(Invoice.amount_paise - Invoice.paid_paise), 0),
                func.count(),
            ).where(Invoice.account_id == account_id, Invoice.status == "open")
        ).one()
    mutations = account_mutations(outbox, account_id)
    pending = _pending(mutations, MutationKind.PAYMENT)
    refused = _refused(mutations, MutationKind.PAYMENT)
    return PaymentsView(
        ledger=ledger,
        pending=[_mutation_payment(m, "pending sync") for m in reversed(pending)],
        issues=[_mutation_payment(m, refusal_reason(m)) for m in reversed(refused)],
        balance_paise=balance,
        provisional_balance_paise=balance + sum(payment_delta(m) for m in pending),
        open_invoices_paise=int(open_due[0]),
        open_invoice_count=int(open_due[1]),
    )


# -- tags ----------------------------------------------------------------------------------------


class TagRow(NamedTuple):
    id: int
    name: str
    colour: str
    pending: str | None = None  # "adding" / "removing" while a change waits to be sent


class TagsView(NamedTuple):
    tags: list[TagRow]  # on the account (pending additions included, removals marked)
    available: list[TagRow]  # in scope and not on the account


def tags_in_scope(cache: Engine, branch_id: int | None) -> list[TagRow]:
    """Tags shared by every branch plus the branch's own."""
    query = select(Tag).order_by(Tag.name)
    if branch_id is not None:
        query = query.where(or_(Tag.branch_id.is_(None), Tag.branch_id == branch_id))
    else:
        query = query.where(Tag.branch_id.is_(None))
    with Session(cache) as conn:
        return [TagRow(t.id, t.name, t.colour) for t in conn.execute(query).scalars()]


def _cached_tag_ids(cache: Engine, account_id: int) -> list[int]:
    with Session(cache) as conn:
        return list(
            conn.execute(
                select(AccountTag.tag_id).where(AccountTag.account_id == account_id)
            ).scalars()
        )


def overlay_tags(cached: Iterable[int], mutations: Iterable[Mutation]) -> dict[int, str | None]:
    """Tag id -> None (settled) or "adding"; removed tags are dropped."""
    result: dict[int, str | None] = dict.fromkeys(cached)
    for m in _pending(mutations, MutationKind.TAG_ADD, MutationKind.TAG_REMOVE):
        tag_id = int(m.payload["tag_id"])
        if m.kind is MutationKind.TAG_ADD:
            result[tag_id] = "adding"
        else:
            result.pop(tag_id, None)
    return result


def tag_ids_overlaid(cache: Engine, outbox: Outbox | None, account_id: int) -> set[int]:
    return set(
        overlay_tags(_cached_tag_ids(cache, account_id), account_mutations(outbox, account_id))
    )


def load_tags(cache: Engine, outbox: Outbox | None, account_id: int) -> TagsView | None:
    with Session(cache) as conn:
        branch = conn.execute(
            select(Account.branch_id).where(Account.id == account_id)
        ).scalar_one_or_none()
        if branch is None:
            return None
        all_tags = {t.id: t for t in conn.execute(select(Tag)).scalars()}
    current = overlay_tags(
        _cached_tag_ids(cache, account_id), account_mutations(outbox, account_id)
    )
    tags = [
        TagRow(t.id, t.name, t.colour, current[t.id])
        for t in sorted((all_tags[i] for i in current if i in all_tags), key=lambda t: t.name)
    ]
    available = [t for t in tags_in_scope(cache, branch) if t.id not in current]
    return TagsView(tags=tags, available=available)


# -- comments ------------------------------------------------------------------------------------


class CommentRow(NamedTuple):
    author: str
    created_at: datetime
    body: str
    pending: bool = False


def load_comments(cache: Engine, outbox: Outbox | None, account_id: int) -> list[CommentRow]:
    """Internal notes, newest first; this device's unsent ones included and marked."""
    keyed: list[tuple[tuple[datetime, int, int], CommentRow]] = []
    with Session(cache) as conn:
        for c in conn.execute(select(Comment).where(Comment.account_id == account_id)).scalars():
            keyed.append(((c.created_at, 0, c.id), CommentRow(c.author, c.created_at, c.body)))
    for m in _pending(account_mutations(outbox, account_id), MutationKind.COMMENT):
        created = datetime.fromtimestamp(int(m.payload.get("created_at") or 0), UTC)
        row = CommentRow(m.created_by, created, str(m.payload["body"]), pending=True)
        keyed.append(((created, 1, m.seq), row))
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _, row in keyed]


# -- log -------------------------------------------------------------------------------------------


class LogRow(NamedTuple):
    at: datetime
    user: str
    field: str | None
    old_value: str | None
    new_value: str | None
    description: str
    state: str = ""  # "" for server entries, "pending sync", or "not applied: <reason>"


def _shown(value: Any) -> str:
    return "(empty)" if value is None or value == "" else str(value)


def describe_mutation(m: Mutation, tag_names: dict[int, str]) -> list[LogRow]:
    """The Log line(s) a local write stands for until the server's own entry arrives."""
    if m.state is MutationState.PENDING:
        state = "pending sync"
    else:
        state = f"not applied: {refusal_reason(m)}"
    at = m.created_at
    rows: list[LogRow] = []
    if m.kind is MutationKind.EDIT:
        before = m.payload.get("before") or {}
        for name, new in (m.payload.get("fields") or {}).items():
            label = FIELD_LABELS.get(name, name)
            old = before.get(name)
            rows.append(
                LogRow(
                    at,
                    m.created_by,
                    name,
                    None if old is None else str(old),
                    None if new is None else str(new),
                    f"{label} changed: {_shown(old)} → {_shown(new)}",
                    state,
                )
            )
    elif m.kind is MutationKind.COMMENT:
        body = str(m.payload.get("body", ""))
        short = body if len(body) <= 80 else body[:77] + "…"
        rows.append(LogRow(at, m.created_by, None, None, None, f"Comment added: {short}", state))
    elif m.kind in (MutationKind.TAG_ADD, MutationKind.TAG_REMOVE):
        tag_id = int(m.payload.get("tag_id", 0))
        name = tag_names.get(tag_id, f"#{tag_id}")
        verb = "added" if m.kind is MutationKind.TAG_ADD else "removed"
        old, new = (None, name) if verb == "added" else (name, None)
        rows.append(LogRow(at, m.created_by, "tag", old, new, f"Tag {verb}: {name}", state))
    elif m.kind is MutationKind.PAYMENT:
        from billing.money import format_inr

        p = m.payload
        rows.append(
            LogRow(
                at,
                m.created_by,
                None,
                None,
                None,
                f"{str(p.get('option', 'payment')).capitalize()} of "
                f"{format_inr(int(p['amount_paise']))} by {p.get('method', '')}, "
                f"receipt {p.get('receipt_number', '')}",
                state,
            )
        )
    return rows


def load_log(cache: Engine, outbox: Outbox | None, account_id: int) -> list[LogRow]:
    """Every change to the account, newest first: the server's entries (status changes by
    ``system`` included) and a line for each of this device's unsent writes."""
    keyed: list[tuple[tuple[datetime, int, int], LogRow]] = []
    with Session(cache) as conn:
        for e in conn.execute(select(LogEntry).where(LogEntry.account_id == account_id)).scalars():
            row = LogRow(e.at, e.user, e.field, e.old_value, e.new_value, e.description)
            keyed.append(((e.at, 0, e.id), row))
        mutations = account_mutations(outbox, account_id)
        tag_names: dict[int, str] = {}
        if any(m.kind in (MutationKind.TAG_ADD, MutationKind.TAG_REMOVE) for m in mutations):
            tag_names = {row.id: row.name for row in conn.execute(select(Tag.id, Tag.name))}
    for m in mutations:
        # Local writes sort after server entries of the same second, in device order.
        keyed.extend(((m.created_at, 1, m.seq), row) for row in describe_mutation(m, tag_names))
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _, row in keyed]
