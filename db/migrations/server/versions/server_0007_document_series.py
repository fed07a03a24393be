"""document series: gapless server document numbers per series and financial year

The server's payment document numbers (``PAY/<branch>/<yy-yy>/<n>``) took the
payment's id, shared by every branch, so each branch's series had gaps. A counter row per
series and financial year, taken under its row lock in the payment's transaction, makes them
gapless. Numbers already issued are not touched: a series' counter starts above the highest
number it holds (server.document_series does that the first time a series is used).

Revision ID: server_0007_document_series
Revises: server_0006_day_closes
Create Date: 2026-12-01 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'server_0007_document_series'
down_revision = 'server_0006_day_closes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_series',
    sa.Column('series', sa.String(length=32), nullable=False),
    sa.Column('financial_year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('series', 'financial_year', name=op.f('pk_document_series'))
    )


def downgrade() -> None:
    op.drop_table('document_series')
