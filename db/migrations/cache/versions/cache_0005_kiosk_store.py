"""kiosk offline copy: sealed rows keyed by HMAC, and the device secret

A kiosk's cache held its branch's account rows (masked names and numbers, but areas,
resellers, dates and connection types in clear: a customer list for whoever copies the
file).
It now holds sealed rows found only by the keyed hash of an exact Account ID or mobile
(db/kiosk_store.py). The old rows go at the resync the server asks for.

Revision ID: cache_0005
Revises: cache_0004_ref
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'cache_0005'
down_revision = 'cache_0004_ref'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kiosk_accounts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('sealed', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_kiosk_accounts'))
    )
    op.create_table('kiosk_keys',
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_kiosk_keys'))
    )


def downgrade() -> None:
    op.drop_table('kiosk_keys')
    op.drop_table('kiosk_accounts')
