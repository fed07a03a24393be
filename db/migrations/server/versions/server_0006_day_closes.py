"""day_closes: each desk's cash session close report, kept once

A closed cash session's report (billing.day_close) arrives as a pushed ``day_close``
mutation; server/day_closes.py keeps it here, keyed by the mutation id, in the same
transaction as its ``mutations_applied`` record.

Revision ID: server_0006_day_closes
Revises: server_0005
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'server_0006_day_closes'
down_revision = 'server_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('day_closes',
    sa.Column('close_id', sa.String(length=64), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('device_code', sa.String(length=16), nullable=True),
    sa.Column('reported_by', sa.String(length=64), nullable=False),
    sa.Column('counted_by', sa.String(length=64), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.BigInteger(), nullable=False),
    sa.Column('closed_at', sa.BigInteger(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('received_at', sa.BigInteger(), nullable=False),
    sa.Column('expected_paise', sa.BigInteger(), nullable=False),
    sa.Column('counted_paise', sa.BigInteger(), nullable=False),
    sa.Column('difference_paise', sa.BigInteger(), nullable=False),
    sa.Column('payment_count', sa.Integer(), nullable=False),
    sa.Column('unsynced_at_close', sa.Integer(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'],
                            name=op.f('fk_day_closes_branch_id_branches')),
    sa.PrimaryKeyConstraint('close_id', name=op.f('pk_day_closes'))
    )
    op.create_index('ix_day_closes_business_date_branch_id', 'day_closes',
                    ['business_date', 'branch_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_day_closes_business_date_branch_id', table_name='day_closes')
    op.drop_table('day_closes')
