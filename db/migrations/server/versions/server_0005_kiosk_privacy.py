"""kiosk privacy: per-device secret for sealed offline rows, per-device look-up budgets

Kiosk look-ups are rate-limited per device (``kiosk_lookup_limits``, billing.kiosk_limits)
with state every server process shares, so a kiosk's token cannot walk the account ids or
the numbers behind a masked mobile; and a kiosk's pull carries sealed rows keyed by a
per-device secret, so its offline copy is no readable customer list.

Revision ID: server_0005
Revises: server_0004
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'server_0005'
down_revision = 'server_0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kiosk_keys',
    sa.Column('device_code', sa.String(length=16), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('device_code', name=op.f('pk_kiosk_keys'))
    )
    op.create_table('kiosk_lookup_limits',
    sa.Column('device_code', sa.String(length=16), nullable=False),
    sa.Column('lookup_tat', sa.BigInteger(), nullable=True),
    sa.Column('miss_tat', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('device_code', name=op.f('pk_kiosk_lookup_limits'))
    )


def downgrade() -> None:
    op.drop_table('kiosk_lookup_limits')
    op.drop_table('kiosk_keys')
