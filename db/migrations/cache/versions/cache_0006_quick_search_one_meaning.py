"""quick search: one meaning at every length

The quick-search text of every account is written again in the new form of
``db.search.account_search_text``: fields separated by a newline (a query never holds one,
so no match spans two fields), the mobile as stored (+91…) and with the trunk 0, and two
separators at the end, so that every character of every field starts a trigram. A
vocabulary table over the trigram index (``fts5vocab``, no storage of its own) lets a one-
or two-character query list the trigrams that start with it.

The text is rebuilt from the accounts table in Python (the same function the sync and the
demo generator use), in batches; on 1,000,000 accounts this takes about a minute once (see
docs/performance.md). An empty cache migrates at once.

Revision ID: cache_0006
Revises: cache_0005
Create Date: 2026-12-01 13:10:00
"""

import re
from collections.abc import Callable

from alembic import op

revision = 'cache_0006'
down_revision = 'cache_0005'
branch_labels = None
depends_on = None

BATCH = 20_000
_SPACE = re.compile(r"\s+")
FTS_DDL = (
    "CREATE VIRTUAL TABLE account_search USING fts5(text, tokenize='trigram', detail='full')"
)
VOCAB_DDL = "CREATE VIRTUAL TABLE account_search_terms USING fts5vocab(account_search, 'row')"


def text_v2(account_id: int, name: str, mobile: str | None, email: str | None) -> str:
    """db.search.account_search_text as of this revision (frozen here on purpose)."""
    forms = []
    if mobile:
        forms.append(mobile)
        if mobile.startswith("+91"):
            forms.append("0" + mobile[3:])
    parts = [str(account_id), _SPACE.sub("", name).casefold(), *forms, (email or "").casefold()]
    return "\n".join(parts) + "\n\n"


def text_v1(account_id: int, name: str, mobile: str | None, email: str | None) -> str:
    """The text of cache_0001 (for downgrade)."""
    national = ""
    if mobile:
        national = mobile[3:] if mobile.startswith("+91") else mobile.lstrip("+")
    return "|".join([str(account_id), _SPACE.sub("", name).casefold(), national,
                     (email or "").casefold()])


def _rebuild(make: Callable[[int, str, str | None, str | None], str]) -> None:
    bind = op.get_bind()
    raw = bind.connection.driver_connection
    if raw is None:  # only on a closed connection, which alembic never hands over
        raise RuntimeError("cache_0006 needs an open sqlite3 connection")
    raw.execute("DROP TABLE IF EXISTS account_search")
    raw.execute(FTS_DDL)
    read = raw.execute("SELECT id, name, mobile, email FROM accounts ORDER BY id")
    while True:
        rows = read.fetchmany(BATCH)
        if not rows:
            break
        raw.executemany(
            "INSERT INTO account_search(rowid, text) VALUES (?, ?)",
            [(r[0], make(*r)) for r in rows],
        )


def upgrade() -> None:
    _rebuild(text_v2)
    op.execute(VOCAB_DDL)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS account_search_terms")
    _rebuild(text_v1)
