"""The outbox: local writes the server has not acknowledged yet. Never thrown away."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text

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
