"""Tables that only the server database has (users, tokens, mutation records, changes).

The server is stateless (DESIGN.md "Scale"): everything a second server process would need
to answer the same request lives here, never in process memory.
"""

from __future__ import annotations

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
)

from db.schema import metadata as domain_metadata

#: The server's metadata: the domain tables plus its own.
server_metadata = MetaData(naming_convention=domain_metadata.naming_convention)
for _table in domain_metadata.sorted_tables:
    _table.to_metadata(server_metadata)

#: People who sign in. ``password_hash`` is a salted scrypt verifier, never the password.
users = Table(
    "users",
    server_metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(120), nullable=False),
    Column("role", String(16), nullable=False),  # billing.roles.Role
    Column("branch_id", Integer, ForeignKey("branches.id"), nullable=True),
    Column("reseller_id", Integer, ForeignKey("resellers.id"), nullable=True),
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("created_at", BigInteger, nullable=False),
)

#: Kiosk devices: a device code and a secret (hashed like a password), bound to one branch.
devices = Table(
    "devices",
    server_metadata,
    Column("id", Integer, primary_key=True),
    Column("device_code", String(16), nullable=False, unique=True),
    Column("display_name", String(120), nullable=False),
    Column("branch_id", Integer, ForeignKey("branches.id"), nullable=False),
    Column("secret_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("created_at", BigInteger, nullable=False),
)

#: Bearer tokens, stored only as SHA-256 of the token. Exactly one of user_id / device_id.
tokens = Table(
    "tokens",
    server_metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=True, index=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=True, index=True),
    Column("device_code", String(16), nullable=True),
    Column("issued_at", BigInteger, nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger, nullable=True),
)

#: Sign-in throttle (server.throttle): failures per key, ``user:<name>``, ``user#<bucket>``
#: for names that do not exist (a fixed number of buckets, so guessing names cannot grow
#: the table), ``device:<code>`` and ``addr:<client address>``. A key whose failures go past
#: its free allowance waits until ``next_allowed_at``, longer after each further failure.
signin_throttle = Table(
    "signin_throttle",
    server_metadata,
    Column("key", String(96), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("last_failure_at", BigInteger, nullable=False),
    Column("next_allowed_at", BigInteger, nullable=False, server_default="0"),
)

#: Each applied mutation and the answer given, written in the mutation's own transaction.
mutations_applied = Table(
    "mutations_applied",
    server_metadata,
    Column("mutation_id", String(64), primary_key=True),
    Column("device_code", String(16), nullable=True),
    Column("username", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("account_id", BigInteger, nullable=True),
    Column("applied_at", BigInteger, nullable=False),
    Column("result", Text, nullable=False),  # the JSON answer, replayed as "duplicate"
    #: SHA-256 of (kind, account, payload): a key reused for another change is a conflict.
    Column("payload_sha256", String(64), nullable=True),
)

#: The change log pulls read: one row per changed domain row, in a server sequence.
#: ``xid`` is the writing transaction's id on PostgreSQL (0 on SQLite, where writers are
#: serialised); pulls order by (xid, seq) and only serve xid below the oldest open writer.
changes = Table(
    "changes",
    server_metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("xid", BigInteger, nullable=False, server_default="0"),
    Column("table_name", String(32), nullable=False),
    Column("op", String(8), nullable=False),  # upsert | delete
    Column("row_key", String(64), nullable=False),  # JSON of the primary key
    Column("account_id", BigInteger, nullable=True),
    Column("branch_id", Integer, nullable=True),
    Column("reseller_id", Integer, nullable=True),
    Column("at", BigInteger, nullable=False),
    Index("ix_changes_xid_seq", "xid", "seq"),
    sqlite_autoincrement=True,
)

#: Key/value facts about this database: ``server_epoch`` (a new one after a restore),
#: ``min_cursor`` (``"<xid>:<seq>"``, set by pruning the change log: older cursors answer
#: 410 resync), ``cursor_key`` / ``cursor_key_previous`` (what signs cursors, server.cursors).
server_meta = Table(
    "server_meta",
    server_metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: Every UPI and bank transfer UTR taken (``billing.references.utr_key``), once: a UTR pays
#: once in the whole ledger, whatever the account, branch or caller (migration server_0003_utr).
#: Its primary key is the guarantee; the push's look-up before it only words the refusal.
payment_utrs = Table(
    "payment_utrs",
    server_metadata,
    Column("utr", String(32), primary_key=True),
    Column("payment_id", BigInteger, ForeignKey("payments.id"), nullable=False, unique=True),
)

#: Each kiosk device's secret for its sealed offline rows (db/kiosk_store.py): made at its
#: first pull, replaced when the device is signed out or revoked (its pulls then resync).
kiosk_keys = Table(
    "kiosk_keys",
    server_metadata,
    Column("device_code", String(16), primary_key=True),
    Column("key_id", String(32), nullable=False),
    Column("secret", String(128), nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

#: Each kiosk device's look-up budgets (billing/kiosk_limits.py): the stored state of its
#: GCRA for all look-ups and for look-ups that found nothing. In the database so that every
#: server process charges the same budget (DESIGN.md "Scale").
kiosk_lookup_limits = Table(
    "kiosk_lookup_limits",
    server_metadata,
    Column("device_code", String(16), primary_key=True),
    Column("lookup_tat", BigInteger, nullable=True),
    Column("miss_tat", BigInteger, nullable=True),
)

#: Each cash session's close report from a desk (billing.day_close, server/day_closes.py),
#: kept once: ``close_id`` is the pushed mutation's id, written in the same transaction as its
#: ``mutations_applied`` record. The figures admins list are columns; the whole report (counts
#: by denomination, references, GST per method, voids) stays as JSON in ``report``.
day_closes = Table(
    "day_closes",
    server_metadata,
    Column("close_id", String(64), primary_key=True),
    Column("branch_id", Integer, ForeignKey("branches.id"), nullable=True),  # NULL: head office
    Column("device_code", String(16), nullable=True),
    Column("reported_by", String(64), nullable=False),  # the signed-in user who sent it
    Column("counted_by", String(64), nullable=False),  # the cashier the desk says counted
    Column("session_id", Integer, nullable=False),  # the desk's cash session number
    Column("opened_at", BigInteger, nullable=False),
    Column("closed_at", BigInteger, nullable=False),
    Column("business_date", Date, nullable=False),  # closed_at's date in the server's zone
    Column("received_at", BigInteger, nullable=False),
    Column("expected_paise", BigInteger, nullable=False),
    Column("counted_paise", BigInteger, nullable=False),
    Column("difference_paise", BigInteger, nullable=False),
    Column("payment_count", Integer, nullable=False),
    Column("unsynced_at_close", Integer, nullable=False),
    Column("report", Text, nullable=False),
    Index("ix_day_closes_business_date_branch_id", "business_date", "branch_id"),
)

#: The last number issued in each series of the server's document numbers (server.document_series):
#: ``series`` is the number's prefix (``PAY/CBE``), ``financial_year`` the year April starts
#: in. Taken with the payment in one transaction, under the row's lock: gapless and unique.
document_series = Table(
    "document_series",
    server_metadata,
    Column("series", String(32), primary_key=True),
    Column("financial_year", Integer, primary_key=True),
    Column("last_number", BigInteger, nullable=False),
)

#: Reversals and cheque clearances are domain tables (db/schema.py: the desks pull them).
payment_reversals = server_metadata.tables["payment_reversals"]
cheque_clearances = server_metadata.tables["cheque_clearances"]

#: Approvals given online (POST /reversals/approve): a supervisor's password checked by the
#: server, bound to one payment and one requester, used once by the reversal mutation.
reversal_approvals = Table(
    "reversal_approvals",
    server_metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("payment_uuid", String(36), nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("approved_by", String(64), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)

#: Voids and bounces a cashier asked for, waiting for a supervisor at their own desk
#: (server/reversal_requests.py, migration server_0009_reversal_requests). ``state``:
#: pending | approved | declined; an approval applies the reversal in its transaction.
reversal_requests = Table(
    "reversal_requests",
    server_metadata,
    Column("id", String(36), primary_key=True),
    Column("payment_uuid", String(36), nullable=False, index=True),
    Column("account_id", BigInteger, nullable=False),
    Column("branch_id", Integer, nullable=False),
    Column("cause", String(16), nullable=False),
    Column("reason", String(200), nullable=False),
    Column("receipt_number", String(32), nullable=False),
    Column("amount_paise", BigInteger, nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("requested_at", BigInteger, nullable=False),
    Column("state", String(16), nullable=False),
    Column("decided_by", String(64), nullable=True),
    Column("decided_at", BigInteger, nullable=True),
    Column("document_number", String(32), nullable=True),
    Index("ix_reversal_requests_branch_id_state", "branch_id", "state"),
)

SERVER_TABLES = [
    "users",
    "devices",
    "tokens",
    "signin_throttle",
    "mutations_applied",
    "changes",
    "server_meta",
    "payment_utrs",
    "kiosk_keys",
    "kiosk_lookup_limits",
    "day_closes",
    "document_series",
    "reversal_approvals",
    "reversal_requests",
]
