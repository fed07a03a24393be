"""The outbox: local writes the server has not acknowledged yet. Never thrown away."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text, text

from db.schema import NAMING_CONVENTION, UtcTimestamp

outbox_metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: One row per user action. ``seq`` is the per-device increasing number of DESIGN.md "Push";
#: ``mutation_id`` the client-made UUID the server records to apply it exactly once.
mutations = Table(
    "mutations",
    outbox_metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("mutation_id", String(36), nullable=False, unique=True),
    Column("kind", String(24), nullable=False),
    Column("account_id", BigInteger, nullable=True),
    Column("payload", Text, nullable=False),  # JSON; money as integer paise
    Column("base_version", Integer, nullable=True),
    Column("created_at", UtcTimestamp, nullable=False),
    Column("created_by", String(64), nullable=False),
    # pending -> applied | duplicate (acknowledged) ; rejected | conflict (needs attention)
    Column("state", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=True),
    Column("result", Text, nullable=True),  # JSON answer of the server
    Column("acked_at", UtcTimestamp, nullable=True),
    Column("server_epoch", String(64), nullable=True),
    Index("ix_mutations_state_seq", "state", "seq"),
    Index("ix_mutations_account_state", "account_id", "state"),
)

#: Small key/value facts of this device: its code, the receipt counter, its identity.
device_state = Table(
    "device_state",
    outbox_metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: A cashier's drawer from opening to its (blind) day close. The payments of a session are
#: the payment mutations with ``first_seq <= seq`` and, once closed, ``seq <= last_seq``: the
#: outbox keeps every payment of this device forever (acknowledged rows are not deleted), so
#: a close can always be recomputed and a payment after a close falls in the next session.
cash_sessions = Table(
    "cash_sessions",
    outbox_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("opened_at", UtcTimestamp, nullable=False),
    Column("opened_by", String(64), nullable=False),
    Column("opening_float_paise", BigInteger, nullable=False, server_default="0"),
    Column("first_seq", Integer, nullable=False),  # first mutation seq that may belong here
    Column("closed_at", UtcTimestamp, nullable=True),
    Column("closed_by", String(64), nullable=True),
    Column("last_seq", Integer, nullable=True),  # last mutation seq in the session
    Index("ix_cash_sessions_closed_at", "closed_at"),
    # At most one open session: the device has one drawer.
    Index(
        "uq_cash_sessions_one_open",
        text("(closed_at IS NULL)"),
        unique=True,
        sqlite_where=text("closed_at IS NULL"),
    ),
)

#: Cash taken out of the drawer during a session (refunds, petty cash), with a reason.
cash_movements = Table(
    "cash_movements",
    outbox_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", Integer, nullable=False, index=True),
    Column("at", UtcTimestamp, nullable=False),
    Column("by", String(64), nullable=False),
    Column("amount_paise", BigInteger, nullable=False),  # paid out: positive
    Column("reason", Text, nullable=False),
)

#: The blind count and what the program expected, fixed at the moment of the close.
day_closes = Table(
    "day_closes",
    outbox_metadata,
    Column("session_id", Integer, primary_key=True, autoincrement=False),
    Column("counted_at", UtcTimestamp, nullable=False),
    Column("counted_by", String(64), nullable=False),
    Column("denominations", Text, nullable=False),  # JSON {"2000": 3, ...}: notes and coins
    Column("counted_paise", BigInteger, nullable=False),
    Column("opening_float_paise", BigInteger, nullable=False),
    Column("cash_payments_paise", BigInteger, nullable=False),
    Column("paid_out_paise", BigInteger, nullable=False),
    Column("expected_paise", BigInteger, nullable=False),
    Column("difference_paise", BigInteger, nullable=False),  # counted - expected
    Column("method_totals", Text, nullable=False),  # JSON {"cash": paise, "upi": ...}
    Column("payment_count", Integer, nullable=False),
)

#: Every print of a receipt; the second and later prints say DUPLICATE.
receipt_prints = Table(
    "receipt_prints",
    outbox_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("receipt_number", String(32), nullable=False, index=True),
    Column("printed_at", UtcTimestamp, nullable=False),
    Column("printed_by", String(64), nullable=False),
    Column("target", String(16), nullable=False),  # printer | pdf | escpos
)
