"""payments by reference

The desk refuses a UPI / bank transfer UTR that already paid (db.utr_local); this index
answers "which payment has this reference" without reading the whole payments table.

Revision ID: cache_0004_ref
Revises: cache_0003
Create Date: 2026-12-01 13:10:00
"""

from alembic import op

revision = 'cache_0004_ref'
down_revision = 'cache_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_payments_reference', 'payments', ['reference'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_payments_reference', table_name='payments')
