"""sign-in throttle by key, payload hash of applied mutations

The lock-out table ``login_failures`` gives way to ``signin_throttle`` (growing delays per
username, unknown-name bucket, device and client address); its rows are only throttle
state, so they are not carried over. ``mutations_applied`` gains ``payload_sha256`` (NULL
for mutations applied before: those are matched by user, device, kind and account only).

Revision ID: server_0004
Revises: server_0003_utr
Create Date: 2026-12-01 12:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'server_0004'
down_revision = 'server_0003_utr'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signin_throttle',
    sa.Column('key', sa.String(length=96), nullable=False),
    sa.Column('failures', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_failure_at', sa.BigInteger(), nullable=False),
    sa.Column('next_allowed_at', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_signin_throttle'))
    )
    op.drop_table('login_failures')
    with op.batch_alter_table('mutations_applied') as batch:
        batch.add_column(sa.Column('payload_sha256', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mutations_applied') as batch:
        batch.drop_column('payload_sha256')
    op.create_table('login_failures',
    sa.Column('principal', sa.String(length=96), nullable=False),
    sa.Column('failures', sa.Integer(), server_default='0', nullable=False),
    sa.Column('first_failure_at', sa.BigInteger(), nullable=False),
    sa.Column('locked_until', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('principal', name=op.f('pk_login_failures'))
    )
    op.drop_table('signin_throttle')
