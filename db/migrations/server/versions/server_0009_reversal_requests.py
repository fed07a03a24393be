"""reversal requests: a void or bounce a cashier asks for, decided by a supervisor at their
own desk

A supervisor approves or declines at their own desk. The request waits on the server; the
approval applies the reversal in the same transaction as the decision.

Revision ID: server_0009_reversal_requests
Revises: server_0008_reversals
Create Date: 2026-12-01 15:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'server_0009_reversal_requests'
down_revision = 'server_0008_reversals'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reversal_requests',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('payment_uuid', sa.String(length=36), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('cause', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('receipt_number', sa.String(length=32), nullable=False),
    sa.Column('amount_paise', sa.BigInteger(), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('requested_at', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', sa.BigInteger(), nullable=True),
    sa.Column('document_number', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reversal_requests')),
    )
    op.create_index(op.f('ix_reversal_requests_branch_id_state'), 'reversal_requests',
                    ['branch_id', 'state'], unique=False)
    op.create_index(op.f('ix_reversal_requests_payment_uuid'), 'reversal_requests',
                    ['payment_uuid'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_reversal_requests_payment_uuid'), table_name='reversal_requests')
    op.drop_index(op.f('ix_reversal_requests_branch_id_state'), table_name='reversal_requests')
    op.drop_table('reversal_requests')
