"""Tables that only the desktop's cache has: sync state and the quick-search index."""

from __future__ import annotations

from sqlalchemy import Column, Index, MetaData, String, Table, Text

from db.schema import metadata as domain_metadata

#: The cache's own metadata: the domain tables plus its bookkeeping.
cache_metadata = MetaData(naming_convention=domain_metadata.naming_convention)
for _table in domain_metadata.sorted_tables:
    _table.to_metadata(cache_metadata)

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
