"""A notice for the user: its English text, carrying its message ids for the desk to word.

Notices tell the user what happened to their data: the local copy rebuilt, signed in
offline, a payment applied otherwise than the counter previewed. They are made below the
desktop (``db``, ``sync``), which has no Qt and no translations, and they travel as text:
into the log, joined with other notices, compared in tests. So :class:`Notice` is a
``str`` (its English) that also keeps ``parts``, each message id with its values and the
separator before it, the way ``markupsafe.Markup`` is a ``str`` that keeps what it is. The
desk words each part in the interface language
(``desktop.payments.messages.notice_text``); plain text is shown as it is.
"""

from __future__ import annotations

from billing.messages import Msg, english

__all__ = ["Notice", "join_notices"]

#: (separator before it, message id, values) for each part of a notice
Part = tuple[str, Msg, tuple[object, ...]]


class Notice(str):
    """``english(msg, *values)``, with ``parts`` for the desk."""

    parts: tuple[Part, ...]

    def __new__(cls, msg: Msg, *values: object) -> Notice:
        made = super().__new__(cls, english(msg, *values))
        made.parts = (("", msg, values),)
        return made

    @classmethod
    def _of_parts(cls, parts: tuple[Part, ...]) -> Notice:
        made = super().__new__(cls, "".join(sep + english(m, *v) for sep, m, v in parts))
        made.parts = parts
        return made


def join_notices(*notices: str | None, sep: str = " ") -> str | None:
    """The notices given (None skipped) joined with ``sep``: a :class:`Notice` when each is
    one, else plain text; None when there is none."""
    present = [n for n in notices if n]
    if not present:
        return None
    if not all(isinstance(n, Notice) for n in present):
        return sep.join(present)
    parts: list[Part] = []
    for notice in present:
        assert isinstance(notice, Notice)
        first, *rest = notice.parts
        parts.append((sep if parts else "", first[1], first[2]))
        parts.extend(rest)
    return Notice._of_parts(tuple(parts))
