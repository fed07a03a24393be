"""The domain tables shared by the server database and the desktop's local cache.

One declarative schema for both sides (DESIGN.md "Data"). Rules:
- money is integer paise (``BigInteger``), never a float column;
- moments are UTC, stored as integer epoch seconds (:class:`UtcTimestamp`), so they sort,
  compare and travel the same way on SQLite and PostgreSQL;
- business dates (expiry, invoice date) are plain ``Date`` in the server's business zone;
- every row carries a ``version`` that the server bumps on each change; edits carry the
  version they were based on so a concurrent change is seen, not overwritten.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcTimestamp(TypeDecorator[datetime]):
    """An aware UTC ``datetime`` stored as integer seconds since the epoch."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        return int(value.timestamp())

    def process_result_value(self, value: int | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromtimestamp(value, UTC)


def to_epoch(moment: datetime) -> int:
    """The stored form of a :class:`UtcTimestamp` (used by bulk loaders)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware UTC datetime")
    return int(moment.timestamp())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Zone(Versioned, Base):
    __tablename__ = "zones"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Branch(Versioned, Base):
    __tablename__ = "branches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"), index=True)
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Kolkata")


class Area(Versioned, Base):
    __tablename__ = "areas"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    __table_args__ = (UniqueConstraint("branch_id", "name"),)


class Staff(Versioned, Base):
    """Account managers and sales executives."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(24))  # account_manager | sales_executive
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    mobile: Mapped[str | None] = mapped_column(String(16))


class Reseller(Versioned, Base):
    """A local cable operator or franchisee (the 'partner')."""

    __tablename__ = "resellers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)


class Plan(Versioned, Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    speed_mbps: Mapped[int] = mapped_column(Integer)
    validity_days: Mapped[int] = mapped_column(Integer)
    price_paise: Mapped[int] = mapped_column(BigInteger)
    prepaid: Mapped[bool] = mapped_column(Boolean)
    # Offered to one branch, or to every branch when NULL.
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Account(Versioned, Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"))
    reseller_id: Mapped[int | None] = mapped_column(ForeignKey("resellers.id"))
    account_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    sales_executive_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    mobile: Mapped[str] = mapped_column(String(16))  # E.164, +91XXXXXXXXXX
    alt_mobile: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(254))
    installation_address: Mapped[str | None] = mapped_column(Text)
    billing_address: Mapped[str | None] = mapped_column(Text)
    prepaid: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))  # billing.lifecycle.AccountStatus
    balance_paise: Mapped[int] = mapped_column(BigInteger, default=0)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    plan_expiry: Mapped[date | None] = mapped_column(Date)  # prepaid: last day of service
    created_at: Mapped[datetime] = mapped_column(UtcTimestamp)
    last_seen: Mapped[datetime | None] = mapped_column(UtcTimestamp)
    ip_address: Mapped[str | None] = mapped_column(String(45))
    router_brand: Mapped[str | None] = mapped_column(String(40))
    connection_type: Mapped[str | None] = mapped_column(String(24))
    mac_address: Mapped[str | None] = mapped_column(String(17))
    vlan: Mapped[int | None] = mapped_column(Integer)

    # One index per sidebar filter and per sortable column; the second column of the
    # filter indexes keeps "filter + sort by name" an index walk.
    __table_args__ = (
        Index("ix_accounts_branch_name", "branch_id", "name"),
        Index("ix_accounts_area_name", "area_id", "name"),
        Index("ix_accounts_status_name", "status", "name"),
        Index("ix_accounts_manager_name", "account_manager_id", "name"),
        Index("ix_accounts_sales_name", "sales_executive_id", "name"),
        Index("ix_accounts_reseller_name", "reseller_id", "name"),
        Index("ix_accounts_name", "name"),
        Index("ix_accounts_mobile", "mobile"),
        Index("ix_accounts_balance", "balance_paise"),
        Index("ix_accounts_last_seen", "last_seen"),
        Index("ix_accounts_prepaid", "prepaid"),
    )


class Order(Versioned, Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    ordered_at: Mapped[datetime] = mapped_column(UtcTimestamp)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    amount_paise: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))  # active | completed | cancelled


class Invoice(Versioned, Base):
    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    invoice_date: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    amount_paise: Mapped[int] = mapped_column(BigInteger)
    paid_paise: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(16))  # open | paid


class Payment(Versioned, Base):
    """The append-only payments ledger."""

    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    payment_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # billing.rules.PaymentOption
    method: Mapped[str] = mapped_column(String(16))  # billing.rules.PaymentMethod
    reference: Mapped[str | None] = mapped_column(String(64))
    amount_paise: Mapped[int] = mapped_column(BigInteger)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    receipt_number: Mapped[str] = mapped_column(String(32))
    document_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    taken_by: Mapped[str] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column(UtcTimestamp, index=True)
    balance_after_paise: Mapped[int] = mapped_column(BigInteger)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    device_code: Mapped[str | None] = mapped_column(String(16))


class Tag(Versioned, Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    colour: Mapped[str] = mapped_column(String(7), default="#607d8b")
    # Shared by every branch when NULL.
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"), index=True)


class AccountTag(Versioned, Base):
    __tablename__ = "account_tags"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True, index=True)


class Comment(Versioned, Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcTimestamp)
    body: Mapped[str] = mapped_column(Text)


class LogEntry(Versioned, Base):
    __tablename__ = "log_entries"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcTimestamp)
    user: Mapped[str] = mapped_column(String(64))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)


metadata = Base.metadata

#: Reversals of payments (billing/reversal.py): a void or a bounced cheque, each a new
#: ledger entry, never a delete (server migration server_0008_reversals, cache migration
#: cache_0008_reversals). ``payment_id`` is unique: a payment is reversed once, even by two
#: servers racing. Pulled like payments, so every desk sees a void made at another.
payment_reversals = Table(
    "payment_reversals",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("reversal_uuid", String(36), nullable=False, unique=True),
    Column("payment_id", BigInteger, ForeignKey("payments.id"), nullable=False, unique=True),
    Column("account_id", BigInteger, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("branch_id", Integer, ForeignKey("branches.id"), nullable=False),
    Column("cause", String(16), nullable=False),  # billing.reversal.ReversalCause
    Column("reason", String(200), nullable=False),
    Column("amount_paise", BigInteger, nullable=False),
    Column("charge_paise", BigInteger, nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("approved_by", String(64), nullable=False),
    Column("approved_offline", Boolean, nullable=False),
    Column("reversed_at", BigInteger, nullable=False),
    Column("document_number", String(32), nullable=False, unique=True),
    Column("balance_after_paise", BigInteger, nullable=False),
    Column("device_code", String(16), nullable=True),
)

#: Cheques the bank paid (``cheque_cleared`` mutation); a cheque with neither a row here nor
#: a reversal is pending clearance. Pulled with the payment's account.
cheque_clearances = Table(
    "cheque_clearances",
    metadata,
    Column("payment_id", BigInteger, ForeignKey("payments.id"), primary_key=True),
    Column("cleared_by", String(64), nullable=False),
    Column("cleared_at", BigInteger, nullable=False),
)

#: Tables in dependency order, as bulk loaders and sync apply them.
DOMAIN_TABLES = [
    "zones",
    "branches",
    "areas",
    "staff",
    "resellers",
    "plans",
    "accounts",
    "orders",
    "invoices",
    "payments",
    "tags",
    "account_tags",
    "comments",
    "log_entries",
    # Last, so a snapshot cursor's table position from before they were pulled still holds.
    "payment_reversals",
    "cheque_clearances",
]
