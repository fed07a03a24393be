"""kiosk key out of the cache: drop kiosk_keys, its secret now lives in the OS keyring

A kiosk's sealing secret sat in the cache file next to the rows it seals, so a copy of the
file could be opened by trying every Account ID and mobile offline.
The secret is now kept in the keyring (sync/kiosk_key.py). This drops the table with the
secret in it, its bytes overwritten (secure_delete); a kiosk that held one also forgets its
sealed rows and its pull cursor, so its next pull starts afresh and delivers the secret
again, this time into the keyring.

Revision ID: cache_0007_kiosk_key_out_of_cache
Revises: cache_0006
Create Date: 2026-12-01 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'cache_0007_kiosk_key_out_of_cache'
down_revision = 'cache_0006'
branch_labels = None
depends_on = None


def _restart_pull() -> None:
    op.execute("DELETE FROM kiosk_accounts")
    op.execute("DELETE FROM sync_state WHERE key = 'cursor'")


def upgrade() -> None:
    bind = op.get_bind()
    bind.exec_driver_sql("PRAGMA secure_delete = ON")  # freed pages are zeroed, not kept
    had_key = bind.exec_driver_sql("SELECT 1 FROM kiosk_keys LIMIT 1").first() is not None
    op.execute("DELETE FROM kiosk_keys")
    op.drop_table('kiosk_keys')
    if had_key:
        _restart_pull()


def downgrade() -> None:
    op.create_table('kiosk_keys',
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_kiosk_keys'))
    )
    # The older code reads its secret from that table: pull afresh to fill it.
    if op.get_bind().exec_driver_sql("SELECT 1 FROM kiosk_accounts LIMIT 1").first():
        _restart_pull()
