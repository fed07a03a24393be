"""quick search: a narrow id -> name index

Quick search finds account ids in the FTS5 trigram index; sorted by name (the table's
default), each match needs only its name and rowid. ``ix_accounts_search_sort`` answers
that too, but its entries carry every sort key (about twice as wide), so each match's
look-up reads more pages. Measured on 1,000,000 accounts, the first page of the searches
that find 10,000-60,000 accounts: "bh" 31.9 -> 22.5 ms, "jay" 29.1 -> 22.3, "940"
17.4 -> 12.9 (docs/performance.md, issue 18's ninth round). About 2 s to build on 1M
accounts; ``ANALYZE`` of this index alone gives the planner its figures.

Revision ID: cache_0011_account_id_name
Revises: cache_0010_search_grams
Create Date: 2026-12-02 06:40:00
"""

from alembic import op

revision = 'cache_0011_account_id_name'
down_revision = 'cache_0010_search_grams'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_accounts_id_name', 'accounts', ['id', 'name'], unique=False)
    op.execute('ANALYZE ix_accounts_id_name')


def downgrade() -> None:
    op.drop_index('ix_accounts_id_name', table_name='accounts')
