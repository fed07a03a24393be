"""reversals and cheque clearances in the cache

The server's ``payment_reversals`` and ``cheque_clearances`` are pulled like payments
(docs/sync-api.md "Reversals"), so every desk of the branch sees that a payment was voided,
bounced or cleared, not only the desk that asked. Empty tables: the rows arrive with the
next pull (a reversal made before this revision reaches a desk at its next resync).

Revision ID: cache_0008_reversals
Revises: cache_0007_kiosk_key_out_of_cache
Create Date: 2026-12-01 15:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'cache_0008_reversals'
down_revision = 'cache_0007_kiosk_key_out_of_cache'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('payment_reversals',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('reversal_uuid', sa.String(length=36), nullable=False),
    sa.Column('payment_id', sa.BigInteger(), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('cause', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('amount_paise', sa.BigInteger(), nullable=False),
    sa.Column('charge_paise', sa.BigInteger(), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('approved_by', sa.String(length=64), nullable=False),
    sa.Column('approved_offline', sa.Boolean(), nullable=False),
    sa.Column('reversed_at', sa.BigInteger(), nullable=False),
    sa.Column('document_number', sa.String(length=32), nullable=False),
    sa.Column('balance_after_paise', sa.BigInteger(), nullable=False),
    sa.Column('device_code', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'],
                            name=op.f('fk_payment_reversals_payment_id_payments')),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'],
                            name=op.f('fk_payment_reversals_account_id_accounts')),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'],
                            name=op.f('fk_payment_reversals_branch_id_branches')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_reversals')),
    sa.UniqueConstraint('reversal_uuid', name=op.f('uq_payment_reversals_reversal_uuid')),
    sa.UniqueConstraint('payment_id', name=op.f('uq_payment_reversals_payment_id')),
    sa.UniqueConstraint('document_number', name=op.f('uq_payment_reversals_document_number')),
    )
    op.create_index(op.f('ix_payment_reversals_account_id'), 'payment_reversals',
                    ['account_id'], unique=False)
    op.create_table('cheque_clearances',
    sa.Column('payment_id', sa.BigInteger(), nullable=False),
    sa.Column('cleared_by', sa.String(length=64), nullable=False),
    sa.Column('cleared_at', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['payment_id'], ['payments.id'],
                            name=op.f('fk_cheque_clearances_payment_id_payments')),
    sa.PrimaryKeyConstraint('payment_id', name=op.f('pk_cheque_clearances')),
    )


def downgrade() -> None:
    op.drop_table('cheque_clearances')
    op.drop_index(op.f('ix_payment_reversals_account_id'), table_name='payment_reversals')
    op.drop_table('payment_reversals')
