"""The full ordered list of a common short search, read off one walk in name order.

A one- or two-character search (``k``, ``s``, ``sa``, ``08``) matches a large share of the
accounts (``s``: 671,117 of 1M). Finding them in the search text and then sorting them took
0.4-0.9 s at 1M accounts (issue 18). Here each account keeps, beside its name and rowid,
one bit per **gram** of a fixed dictionary, set exactly when its search text contains that
gram:

- every character of :data:`CHARS` (letters, digits, ``+ @ . _ -``);
- every pair of digits (IDs and mobiles hold them all: each is in 12-40% of accounts);
- the common pairs of names and e-mails and ``+91`` (:data:`COMMON_GRAMS`: the 110 pairs
  found in at least 5% of the 1M demo accounts' texts, most common first, and ``+91``);
- ``+916`` .. ``+919``: a mobile typed with its country code (:data:`MOBILE_STARTS`).

256 bits in five integers of up to 63 bits (``g0`` .. ``g4``) in :data:`TABLE`, a
``WITHOUT ROWID`` table whose key is ``(name, r)``, ``r`` the account's rowid in
``accounts``: its rows *are* in the Manage Account table's name order (ties by rowid).
Each row also holds ``h``, its rowid as 16 hex digits (the packed form of
:func:`db.account_id_list.ordered_rowids`). A search that is a gram of the dictionary then
reads its full list as one walk of this table with a bit test: no sort, no visit to the
search text (1M accounts: 85-153 ms for any such search at load 1.5, against 0.24-0.9 s to
find and sort). Any other search (a pair outside the dictionary, three characters or more,
Tamil, emoji) is answered as before (:mod:`db.account_search_plan`).
Which grams are in the dictionary only decides the speed, never the rows: each bit is exact.

Kept in step with the cache:

- the bits are written with the search text (:func:`write_grams`, from the sync's writers,
  the demo generator and migration ``cache_0010_search_grams``), from the text itself, so
  a bit can never disagree with the text it describes;
- triggers on ``accounts`` (migration ``cache_0010_search_grams``) move a renamed account's
  row to its new name and drop a deleted account's row, so the key always holds the
  account's current name and rowid. (``VACUUM`` may renumber the rowids of ``accounts``;
  the cache is never vacuumed.)
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

#: The gram table (migration cache_0010_search_grams).
TABLE = "account_search_by_name"

#: Single characters with a bit.
CHARS = "abcdefghijklmnopqrstuvwxyz0123456789+@._-"

_DIGITS = "0123456789"
DIGIT_PAIRS = tuple(a + b for a in _DIGITS for b in _DIGITS)

#: Pairs of names and e-mails in at least 5% of the 1M demo accounts' search texts (most
#: common first; "+9" and "+91" are in every Indian mobile). Measured once, then frozen:
#: changing this list changes the meaning of the stored bits (a migration must rewrite them).
COMMON_GRAMS = (
    "+91", "+9", ".c", "co", "an", "ma", "om", "am", "ai", "il", "l.", "ra", "ar", "sa",
    "@g", "gm", "my", "th", "ha", "na", "ya", "oo", "in", "ka", "as", "nd", "aj", "ga",
    "sh", "al", "ni", "hi", "a.", "la", "at", "pa", "ut", "mu", "lo", "i.", "re", "ri",
    "di", "el", "ok", "ia", "k.", "va", "o.", "us", "is", "ah", "ho", "ru", "es", "@y",
    ".i", ".k", ".s", "@o", "ou", "tl", "ff", "@r", "if", "ed", "fm", "su", "ve", "n.",
    "um", "ja", "da", "vi", "nn", "dh", "en", "ug", "se", "av", "h.", "ak", "pp", "ur",
    "ap", "ku", "ng", "2@", "1@", "3@", "6@", "8@", "5@", ".p", ".m", ".r", "9@", "7@",
    "4@", "0@", "hu", "br", "go", "iv", "ee", "it", "lv", "un", "ub", "mi", "nm",
)

#: A mobile typed with its country code: "+91 9" searches "+919", which a quarter of the
#: accounts hold (an Indian mobile starts with 6-9), and the next digit makes it rare.
MOBILE_STARTS = ("+916", "+917", "+918", "+919")

#: Every gram, in bit order: bit ``i`` is bit ``i % 63`` of column ``g{i // 63}``.
GRAMS: tuple[str, ...] = (*CHARS, *DIGIT_PAIRS, *COMMON_GRAMS, *MOBILE_STARTS)
BITS_PER_COLUMN = 63  # SQLite integers are signed 64-bit: the sign bit stays clear
COLUMNS = tuple(f"g{k}" for k in range(-(-len(GRAMS) // BITS_PER_COLUMN)))
assert len(set(GRAMS)) == len(GRAMS) <= len(COLUMNS) * BITS_PER_COLUMN

_BIT = {gram: 1 << i for i, gram in enumerate(GRAMS)}
_ONES = {c: _BIT[c] for c in CHARS}
_ONE_KEYS = frozenset(_ONES)
# pairs keyed as the tuples pairwise() makes: a text's pairs are found at C speed
_PAIRS = {(g[0], g[1]): b for g, b in _BIT.items() if len(g) == 2}
_PAIR_KEYS = frozenset(_PAIRS)
_LONGER = tuple((g, b) for g, b in _BIT.items() if len(g) > 2)
_COLUMN_MASK = (1 << BITS_PER_COLUMN) - 1


def gram_bits(text: str) -> tuple[int, ...]:
    """The gram bits of one search text, one integer per column of :data:`COLUMNS`."""
    value = sum(map(_ONES.__getitem__, _ONE_KEYS.intersection(text)))
    value += sum(map(_PAIRS.__getitem__, _PAIR_KEYS.intersection(pairwise(text))))
    for gram, bit in _LONGER:
        if gram in text:
            value |= bit
    return tuple((value >> (BITS_PER_COLUMN * k)) & _COLUMN_MASK for k in range(len(COLUMNS)))


def gram_term(query: str) -> tuple[str, int] | None:
    """The column and bit that say "the text contains ``query``" (already normalised), or
    ``None`` when ``query`` is not a gram of the dictionary."""
    bit = _BIT.get(query)
    if bit is None:
        return None
    position = bit.bit_length() - 1
    return COLUMNS[position // BITS_PER_COLUMN], 1 << (position % BITS_PER_COLUMN)


#: ``h``: the rowid as 16 hex digits, the form in which ``ordered_rowids`` hands a list over,
#: stored so that a walk concatenates it instead of formatting each rowid with ``printf``
#: (1M accounts, "a": 269 -> 146 ms, load 3).
PACKED_ROWID = "printf('%016x', rowid)"

_WRITE_SQL = (
    f"INSERT OR REPLACE INTO {TABLE} (name, r, h, {', '.join(COLUMNS)}) "
    f"SELECT name, rowid, {PACKED_ROWID}, {', '.join('?' for _ in COLUMNS)} "
    "FROM accounts WHERE id = ?"
)


def write_grams(raw: Any, texts: Iterable[tuple[Any, str]],
                bits: Iterable[tuple[int, ...]] | None = None) -> None:
    """Write the gram rows of these accounts (``(account id, search text)``), after their
    ``accounts`` rows: the name and rowid are read from there. ``bits``: each text's
    :func:`gram_bits`, when already made (in the same order). ``raw``: a ``sqlite3``
    connection inside the caller's transaction."""
    if bits is None:
        raw.executemany(_WRITE_SQL, [(*gram_bits(t), i) for i, t in texts])
    else:
        raw.executemany(_WRITE_SQL, [(*b, i) for (i, _t), b in zip(texts, bits, strict=True)])


def grams_in(text: str) -> list[str]:
    """Every gram of the dictionary that ``text`` contains, in bit order: what
    :func:`gram_bits` sets, as texts."""
    return [gram for gram in GRAMS if gram in text]
