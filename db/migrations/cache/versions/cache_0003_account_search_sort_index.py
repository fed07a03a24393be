"""quick-search sort index

Quick search finds account ids in the FTS5 trigram index and must then order them by the
table's sort key. This index, id first and every sort key after it, answers "id -> sort
key and rowid" without visiting the ~1 KB table row (measured on 1,000,000 accounts:
first page of the 66,955 accounts matching "kum", by name, 100 ms -> 45 ms; the 21,121
matching "sar" 46 ms -> 26 ms).

Revision ID: cache_0003
Revises: cache_0002
Create Date: 2026-11-27 20:50:00
"""

from alembic import op

revision = 'cache_0003'
down_revision = 'cache_0002'
branch_labels = None
depends_on = None

COLUMNS = [
    'id', 'name', 'balance_paise', 'last_seen', 'status', 'prepaid', 'mobile', 'branch_id',
]


def upgrade() -> None:
    op.create_index('ix_accounts_search_sort', 'accounts', COLUMNS, unique=False)
    op.execute('ANALYZE accounts')


def downgrade() -> None:
    op.drop_index('ix_accounts_search_sort', table_name='accounts')
