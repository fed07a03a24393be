"""payment_utrs: a UPI / bank transfer UTR pays once in the whole ledger

The unique key lives in its own table rather than as a unique index on
``payments.reference``: the ledger is append-only and may already hold the same free-text
reference twice (from before references were checked); those rows stay as they are, and
only the first payment of each UTR that reads as one (``billing.references.utr_key``) is
entered. From here on every UPI / bank transfer payment enters its UTR in the same
transaction as the payment.

Revision ID: server_0003_utr
Revises: server_0002
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

from billing.references import utr_key

revision = 'server_0003_utr'
down_revision = 'server_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        'payment_utrs',
        sa.Column('utr', sa.String(length=32), nullable=False),
        sa.Column('payment_id', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['payment_id'], ['payments.id'],
                                name=op.f('fk_payment_utrs_payment_id_payments')),
        sa.PrimaryKeyConstraint('utr', name=op.f('pk_payment_utrs')),
        sa.UniqueConstraint('payment_id', name=op.f('uq_payment_utrs_payment_id')),
    )
    conn = op.get_bind()
    payments = sa.table('payments', sa.column('id'), sa.column('method'),
                        sa.column('reference'))
    seen: set[str] = set()
    batch: list[dict[str, object]] = []
    rows = conn.execute(
        sa.select(payments.c.id, payments.c.method, payments.c.reference)
        .where(payments.c.method.in_(('upi', 'bank_transfer')),
               payments.c.reference.is_not(None))
        .order_by(payments.c.id)
    )
    for row in rows:
        key = utr_key(row.method, row.reference)
        if key is None or key in seen:
            continue
        seen.add(key)
        batch.append({'utr': key, 'payment_id': row.id})
    for start in range(0, len(batch), 10_000):
        op.bulk_insert(table, batch[start:start + 10_000])


def downgrade() -> None:
    op.drop_table('payment_utrs')
