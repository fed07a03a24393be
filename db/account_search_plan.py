"""How a quick search is answered: the plan chooser (walk, trigram phrase or trigram OR).

Quick search has one meaning at every length (see :mod:`db.search`): the typed text is part
of the account ID, name, mobile or e-mail. How it is found depends on how common it is, which
:func:`search_plan` measures on a sample of the search text:

- common (at least ``WALK_MIN_SHARE`` of the accounts: ``k``, ``98``, ``+91``, ``raj``): the
  first page walks the current sort order and tests each account's search text, stopping
  when the page is full; the full list is the matches sorted or, when most accounts match,
  every account but the few that do not;
- three characters or more, less common: the FTS5 trigram index, the text as one quoted
  phrase;
- a rare text that starts with ``+`` (a mobile typed with its country code,
  ``+91 98765 43210``): the trigram index, the text *without* its ``+`` as the phrase, and
  each match's text then tested for the whole text. Every Indian mobile holds the trigram
  ``+91``, so the whole phrase read its 3M-entry list (3M accounts: 21-30 ms a look-up
  for 1-55 matches; 8-12 ms without the ``+``);
- one or two characters, less common (``ab``, ``yv``): the trigram index's own vocabulary
  lists every trigram that starts with them (the indexed text ends with two separators, so
  every character is the start of a trigram), and those trigrams, each a quoted phrase, are
  OR-ed into one FTS5 query.

A search that is a gram of :mod:`db.account_search_grams` (one character, a digit pair, a
common pair, ``+91``) and has no sidebar filter reads its full list, first page and count
off that module's table, walked in name order with a bit test: when sorted by name, no
sort at all. Any other search that contains grams of the dictionary (``kum``: ``k``,
``u``, ``m``, ``ku``, ``um``) may read its *first page* off the same walk: only rows with
all of its grams' bits are candidates, and each candidate's text is then tested. Whether
that walk is short enough is read off the sample too (:meth:`SearchPlan.walk_cost`):
``bh`` is in 2% of the accounts, but only in names that start with "Bh", a quarter of the
way down the name order.

Every path gives exactly the same rows; only the time differs. The plan becomes a WHERE term
in :func:`db.account_where._search_terms`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Connection

from db.account_search_grams import gram_bits, gram_term
from db.account_search_sample import SEARCH_TEXT, Sample, measure
from db.search import MIN_INDEXED_QUERY, fts_phrase, normalise_query

#: Longer than any indexed search text can be (id + name + mobile + email + separators);
#: such a query matches nothing, so it is answered without asking the index.
MAX_SEARCH_CHARS = 420


def search_text(typed: str) -> str:
    """What quick search looks for: normalised, without characters SQLite cannot hold."""
    return normalise_query(typed)


#: At or above this share of accounts, a search walks the sort order for its first page and
#: count (the page is full after ~PAGE / share rows); below it, the index finds the matches
#: and they are sorted. Measured at 1M (count to 10,001 + first page, load 4-6): walking
#: wins from ~5% ("kum" 6.4%: 33 vs 55 ms; "raj" 19%: 18 vs 157 ms) and loses below it
#: ("ab" 2.4%: 119 vs 37 ms; "sar" 1.8%: 5.1 s vs 32 ms). "+91", which every account
#: contains, took 1,058 ms through the index.
WALK_MIN_SHARE = 0.05

#: At or above this share, the full list of a search is every account of the filters
#: but the few that do not contain it (``NOT IN``): the sort index is then walked without a
#: table visit (1M accounts, "1": 2.8 s -> 0.8 s under load 6).
COMPLEMENT_MIN_SHARE = 0.5

#: A text starting with "+" is looked up without its "+" (then tested whole) when the sample
#: says at most this many accounts hold it: each match's text is then read once more, which
#: costs more than the "+91" list saves for common ones ("+9188", 83,197 matches at 3M: its
#: full list 214 -> 350 ms; "+9188338", 55 matches: 21 -> 11 ms).
PLUS_REWRITE_MAX_MATCHES = 2_000

#: The trigram index's vocabulary (cache_0006): one row per trigram, in byte order.
VOCABULARY = "account_search_terms"

#: A walk's length is estimated from at least this many sampled matches: one or two say
#: little (at 3M accounts, "590616": one sampled match 48,024 rows down, the 120th match
#: more than 600,000 rows down).
MIN_SAMPLED_HITS = 3


@dataclass(frozen=True)
class SearchPlan:
    """How one quick search is answered (see the module's docstring)."""

    text: str
    #: an FTS5 MATCH expression of quoted phrases (``None``: test each row's text instead)
    match: str | None = None
    #: ``match`` finds more than the text (the text without its leading "+"): each match's
    #: text is tested for the text itself (see :func:`matching_ids_sql`)
    verify: bool = False
    #: common: the first page and a capped count walk the rows and test each one's text
    walks: bool = False
    impossible: bool = False
    #: the share of accounts that contain the text, measured on a sample
    share: float = 0.0
    #: the text is a gram of :mod:`db.account_search_grams`: its column and bit there
    gram: tuple[str, int] | None = None
    #: the bits of every gram of the dictionary in the text, one int per gram column: a
    #: gram row without all of them cannot match (``None``: the text holds no gram)
    mask: tuple[int, ...] | None = None
    #: what the sample says of a walk of the name order (``None``: not measured)
    sample: Sample | None = None

    def walk_cost(self, wanted: int, *, descending: bool) -> tuple[float, float]:
        """Rows of the name order walked to find ``wanted`` matches, and how many of them
        pass the gram bits and have their text tested: estimated from the sample, and
        on the long side (``inf`` when the sample cannot tell)."""
        sample = self.sample
        if sample is None or self.mask is None:
            return math.inf, math.inf
        places = sample.places if not descending else tuple(1 - p for p in reversed(sample.places))
        # The k-th sampled match stands for the match ~k * accounts / seen down the list:
        # no sooner than the wanted-th.
        k = max(1, math.ceil(wanted * sample.seen / max(1, sample.accounts)))
        if max(k, MIN_SAMPLED_HITS) > len(places):  # too few to say where they are
            return math.inf, math.inf
        rows = places[k - 1] * sample.accounts
        return rows, rows * sample.candidates / sample.seen


class _Measure(Enum):
    MEASURE = "measure"


#: "Measure the search's plan here": the default of the list functions that can be handed
#: the plan already measured for the same change.
MEASURE = _Measure.MEASURE
GivenPlan = SearchPlan | None | _Measure


def plan_for(conn: Connection, typed: str, given: GivenPlan) -> SearchPlan | None:
    """``given``, or the plan of ``typed`` measured now when ``given`` is :data:`MEASURE`."""
    return search_plan(conn, typed) if isinstance(given, _Measure) else given


def query_share(conn: Connection, q: str) -> float:
    """The share of accounts whose search text contains ``q``, measured on a sample."""
    return measure(conn, q).share


def trigrams_starting_with(conn: Connection, q: str) -> list[str]:
    """Every trigram in the index that starts with ``q`` (one or two characters)."""
    rows = conn.exec_driver_sql(
        f"SELECT term FROM {VOCABULARY} WHERE term >= ? AND term < ?",
        (q, q + "\U0010ffff"),
    )
    return [r[0] for r in rows if r[0].startswith(q)]


def search_plan(conn: Connection, typed: str) -> SearchPlan | None:
    """How ``typed`` is searched; ``None`` when nothing is typed."""
    q = search_text(typed)
    if not q:
        return None
    if len(q) > MAX_SEARCH_CHARS:
        return SearchPlan(q, impossible=True)
    sample = measure(conn, q)
    share = sample.share
    gram = gram_term(q)
    bits = gram_bits(q)
    mask = bits if any(bits) else None
    phrase = fts_phrase(q) if len(q) >= MIN_INDEXED_QUERY else None
    if share >= WALK_MIN_SHARE:
        return SearchPlan(q, match=phrase, walks=True, share=share, gram=gram, mask=mask,
                          sample=sample)
    if phrase is not None and q.startswith("+") and len(q) >= MIN_INDEXED_QUERY + 2 and (
        share * sample.accounts <= PLUS_REWRITE_MAX_MATCHES
    ):
        return SearchPlan(q, match=fts_phrase(q[1:]), verify=True, share=share, gram=gram,
                          mask=mask, sample=sample)
    if phrase is not None:
        return SearchPlan(q, match=phrase, share=share, gram=gram, mask=mask, sample=sample)
    terms = trigrams_starting_with(conn, q)
    if not terms:
        return SearchPlan(q, impossible=True, share=share)
    return SearchPlan(q, match=" OR ".join(fts_phrase(t) for t in terms), share=share,
                      gram=gram, mask=mask, sample=sample)


def matching_ids_sql(plan: SearchPlan) -> str:
    """The ids of the accounts that hold ``plan``'s text, through the trigram index (the
    plan has a ``match``); parameters ``:phrase`` (``plan.match``) and ``:short``
    (``plan.text``, used when ``plan.verify``)."""
    if not plan.verify:
        return "SELECT rowid FROM account_search WHERE account_search MATCH :phrase"
    return (
        f"SELECT f.rowid FROM account_search f JOIN {SEARCH_TEXT} s ON s.id = f.rowid "
        "WHERE account_search MATCH :phrase AND instr(s.c0, :short) > 0"
    )
