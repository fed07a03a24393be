"""Quick-search text: how accounts are indexed and how typed text becomes a literal query.

User text never reaches FTS5 syntax: it is normalised and then quoted as one phrase, so
quotes, ``*``, ``AND``, ``NEAR(`` and apostrophes are matched as the characters they are.
"""

from __future__ import annotations

import re

#: The trigram tokenizer needs three characters to use its index.
MIN_INDEXED_QUERY = 3

_SPACE = re.compile(r"\s+")


def normalise_query(text: str) -> str:
    """Case-folded text without spaces, and without a leading +91 / 0 on a phone number."""
    folded = _SPACE.sub("", text).casefold()
    digits = folded.replace("-", "")
    if digits.startswith("+91"):
        return digits[3:]
    if digits.startswith("+"):
        return digits[1:]
    if digits.isdigit() and len(digits) == 11 and digits.startswith("0"):
        return digits[1:]
    return folded


def national_mobile(e164: str | None) -> str:
    """``+919876543210`` → ``9876543210`` (other numbers unchanged but for the plus)."""
    if not e164:
        return ""
    return e164[3:] if e164.startswith("+91") else e164.lstrip("+")


def account_search_text(account_id: int, name: str, mobile: str | None, email: str | None) -> str:
    """The text indexed for one account: ID, name, national mobile and email, normalised."""
    parts = [
        str(account_id),
        _SPACE.sub("", name).casefold(),
        national_mobile(mobile),
        (email or "").casefold(),
    ]
    return "|".join(parts)


def fts_phrase(query: str) -> str:
    """``query`` (already normalised) as one literal FTS5 phrase."""
    return '"' + query.replace('"', '""') + '"'


def like_pattern(query: str, escape: str = "\\") -> str:
    """``query`` as a literal LIKE substring pattern (``%`` and ``_`` escaped)."""
    escaped = (
        query.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")
    )
    return f"%{escaped}%"
