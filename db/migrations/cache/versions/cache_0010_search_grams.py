"""quick search: gram bits in name order

A ``WITHOUT ROWID`` table keyed by ``(name, rowid)`` of every account (and the rowid as the
16 hex digits of a packed id list), with one bit per
gram (character, digit pair, common pair) its search text contains (``db.account_search_grams``),
so the full list of a common one- or two-character search is one walk in name order with
a bit test instead of a scan of the text and a sort. Two triggers keep the key on the
account's current name and drop a deleted account's row; the bits are written with the
search text by the sync.

Filled here from the accounts and their search text (the runtime's own ``gram_bits``: a
later change of the gram dictionary comes with its own migration that rewrites the bits);
about half a minute on 1,000,000 accounts, at once on an empty cache.

Revision ID: cache_0010_search_grams
Revises: cache_0009_rowid_keys
Create Date: 2026-12-01 18:40:00
"""

from alembic import op

from db.account_search_grams import COLUMNS, TABLE, gram_bits

revision = 'cache_0010_search_grams'
down_revision = 'cache_0009_rowid_keys'
branch_labels = None
depends_on = None

BATCH = 20_000


def upgrade() -> None:
    bits = ", ".join(f"{c} INTEGER NOT NULL" for c in COLUMNS)
    op.execute(
        f"CREATE TABLE {TABLE} (name TEXT NOT NULL, r INTEGER NOT NULL, h TEXT NOT NULL, "
        f"{bits}, "
        "PRIMARY KEY (name, r)) WITHOUT ROWID"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_rename AFTER UPDATE OF name ON accounts "
        f"WHEN old.name IS NOT new.name BEGIN "
        f"UPDATE {TABLE} SET name = new.name WHERE name = old.name AND r = old.rowid; END"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON accounts BEGIN "
        f"DELETE FROM {TABLE} WHERE name = old.name AND r = old.rowid; END"
    )
    raw = op.get_bind().connection.driver_connection
    if raw is None:  # only on a closed connection, which alembic never hands over
        raise RuntimeError("cache_0009 needs an open sqlite3 connection")
    read = raw.execute(
        "SELECT a.name, a.rowid, s.c0 FROM account_search_content s "
        "JOIN accounts a ON a.id = s.id"
    )
    marks = ", ".join("?" for _ in COLUMNS)
    write = f"INSERT INTO {TABLE} (name, r, h, {', '.join(COLUMNS)}) VALUES (?, ?, ?, {marks})"
    while True:
        rows = read.fetchmany(BATCH)
        if not rows:
            break
        raw.executemany(write, [(name, r, f"{r:016x}", *gram_bits(t)) for name, r, t in rows])


def downgrade() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_delete")
    op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_rename")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
