"""Tables that only the desktop's cache has: sync state and the quick-search index."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from db.schema import metadata as domain_metadata

#: The cache's own metadata: the domain tables plus its bookkeeping.
cache_metadata = MetaData(naming_convention=domain_metadata.naming_convention)
for _table in domain_metadata.sorted_tables:
    _table.to_metadata(cache_metadata)

#: The pulled history tables whose single-column key is SQLite's rowid in the cache
#: (migration cache_0009): declared ``INTEGER`` (SQLite's integers are 64-bit, the range of
#: the server's ``BIGINT``), the key IS the table's b-tree, so every insert writes one b-tree
#: instead of the table plus a separate primary-key index (docs/performance.md, "Sync",
#: fourth round). ``accounts`` keeps its ``BIGINT`` key on purpose: the account list keeps
#: rowids that must survive an update of the row (db/account_query.py).
ROWID_KEY_TABLES = {
    "orders": "id",
    "invoices": "id",
    "payments": "id",
    "comments": "id",
    "log_entries": "id",
    "payment_reversals": "id",
    "cheque_clearances": "payment_id",
}
ROWID_KEY_TYPE = BigInteger().with_variant(Integer(), "sqlite")

for _name, _key in ROWID_KEY_TABLES.items():
    _table = cache_metadata.tables[_name]
    _table.c[_key].type = ROWID_KEY_TYPE
    # The shared schema's UNIQUE constraints of these tables become named unique indexes
    # in the cache (same names, same columns, still enforced): a table-level UNIQUE is an
    # automatic index SQLite cannot drop, so an initial sync had to keep the random-key
    # ``payment_uuid`` index up to date row by row; a named index is dropped with the other
    # secondary indexes and built once, sorted, at the end (db/replica.py).
    for _constraint in [c for c in _table.constraints if isinstance(c, UniqueConstraint)]:
        _table.constraints.discard(_constraint)
        _columns = list(_constraint.columns)
        for _column in _columns:
            _column.unique = None
        Index(str(_constraint.name), *_columns, unique=True)

_accounts = cache_metadata.tables["accounts"]
#: The Manage Account list's covering index (migration cache_0002): every sidebar filter and
#: sort key, branch first, so a filtered count or ordered id list reads the index alone.
Index(
    "ix_accounts_list",
    *(
        _accounts.c[name]
        for name in (
            "branch_id", "status", "area_id", "account_manager_id", "sales_executive_id",
            "reseller_id", "prepaid", "balance_paise", "last_seen", "name", "mobile", "id",
        )
    ),
)
#: Quick search's sort index (migration cache_0003): id first, then every sort key, so the
#: account ids the search index finds are ordered without visiting their table rows.
Index(
    "ix_accounts_search_sort",
    *(
        _accounts.c[name]
        for name in (
            "id", "name", "balance_paise", "last_seen", "status", "prepaid", "mobile",
            "branch_id",
        )
    ),
)

#: Quick search's name look-up (migration cache_0011): id -> name and rowid, half as wide as
#: the sort index, for the matches of a search sorted by name (the default).
Index("ix_accounts_id_name", _accounts.c.id, _accounts.c.name)

#: Payments by reference (migration cache_0004_ref): the desk's "this UTR already paid" look-up.
Index("ix_payments_reference", cache_metadata.tables["payments"].c.reference)

sync_state = Table(
    "sync_state",
    cache_metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: FTS5 over the normalised search text of each account (rowid = account id). Trigram
#: tokens give substring matches; user text only ever reaches it as a quoted phrase.
ACCOUNT_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS account_search "
    "USING fts5(text, tokenize='trigram', detail='full')"
)

#: A kiosk's offline copy (db/kiosk_store.py, migration cache_0005): sealed rows found only
#: by the HMAC of an exact Account ID or mobile; a kiosk's cache holds no ``accounts`` rows.
kiosk_accounts = Table(
    "kiosk_accounts",
    cache_metadata,
    Column("key", String(64), primary_key=True),
    Column("sealed", Text, nullable=False),
)

#: The device secret the rows above are keyed and sealed with is NOT in this file: it is
#: kept in the OS keyring (sync/kiosk_key.py; migration cache_0007 dropped its old table).
