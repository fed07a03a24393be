"""Quick-search text: how accounts are indexed and how typed text becomes a literal query.

One meaning at every length: the typed text, without its spaces and case-folded, is a
**substring** of one of the account's fields — the account ID, the name (spaces removed),
the mobile as stored (``+919876543210``, so ``98765``, ``+91 98765`` and ``+9198765`` all
match), the mobile with the trunk ``0`` (``09876543210``) or the e-mail.

Typing one more character never widens the result: :func:`normalise_query` works character
by character (spaces and NULs dropped, case folded; hyphens dropped in text that starts with
``+`` and in the digits a text starts with, a phone number such as ``098765-43210``: whether
a hyphen goes depends only on what was typed before it), so the query of a longer text
always contains the query of its prefix, and a field that contains the longer one contains
the shorter one.

The fields are joined with a newline, which a query never holds (all white space is dropped),
so a match never spans two fields; two more end the text, so that each character of each
field is the first of a trigram of the index (how one- and two-character queries use it).

User text never reaches FTS5 syntax: it is quoted as one phrase, so quotes, ``*``, ``AND``,
``NEAR(`` and apostrophes are matched as the characters they are.
"""

from __future__ import annotations

import re

#: The trigram tokenizer needs three characters to use its index.
MIN_INDEXED_QUERY = 3

#: Between the fields of the indexed text; a normalised query never contains it.
FIELD_SEPARATOR = "\n"

_SPACE = re.compile(r"\s+")
#: The digits (and hyphens between them) a typed phone number starts with.
_LEADING_NUMBER = re.compile(r"[0-9][0-9-]*")


def normalise_query(text: str) -> str:
    """Case-folded text without white space or NULs; a phone number (it starts with ``+``, or
    its digits start the text) also without hyphens. The result for ``text + c`` always
    contains the result for ``text`` (see the module's docstring)."""
    folded = _SPACE.sub("", text).casefold().replace("\x00", "")
    if folded.startswith("+"):
        return folded.replace("-", "")
    number = _LEADING_NUMBER.match(folded)
    if number is None:
        return folded
    return number.group().replace("-", "") + folded[number.end():]


def national_mobile(e164: str | None) -> str:
    """``+919876543210`` → ``9876543210`` (other numbers unchanged but for the plus)."""
    if not e164:
        return ""
    return e164[3:] if e164.startswith("+91") else e164.lstrip("+")


def mobile_forms(e164: str | None) -> list[str]:
    """The mobile as it is searched: as stored, and with the trunk 0 for an Indian one."""
    if not e164:
        return []
    forms = [e164]
    if e164.startswith("+91"):
        forms.append("0" + e164[3:])
    return forms


def account_search_text(account_id: int, name: str, mobile: str | None, email: str | None) -> str:
    """The text indexed for one account: its searched fields, each normalised."""
    parts = [
        str(account_id),
        _SPACE.sub("", name).casefold(),
        *mobile_forms(mobile),
        (email or "").casefold(),
    ]
    # Two separators at the end: every character of every field then starts a trigram,
    # which is how a one- or two-character query finds its accounts (db.account_query).
    return FIELD_SEPARATOR.join(parts) + FIELD_SEPARATOR * 2


def fts_phrase(query: str) -> str:
    """``query`` (already normalised) as one literal FTS5 phrase."""
    return '"' + query.replace('"', '""') + '"'


def like_pattern(query: str, escape: str = "\\") -> str:
    """``query`` as a literal LIKE substring pattern (``%`` and ``_`` escaped)."""
    escaped = (
        query.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")
    )
    return f"%{escaped}%"
