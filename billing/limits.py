"""The limits the server sets and every client applies: one home for each number.

The server sends its :class:`Limits` in the sign-in answer and in ``/health``
(docs/sync-api.md "Limits"); the desk applies what the server said and falls back to these
defaults only before it has heard from a server (offline sign-in).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from billing.money import DEFAULT_CEILING_PAISE

__all__ = ["DEFAULT_LIMITS", "MAX_COMMENT_CHARS", "Limits"]

MAX_COMMENT_CHARS = 2000
"""Longest internal comment on an account, in characters (after trimming)."""


@dataclass(frozen=True)
class Limits:
    """What one payment and one comment may be at most."""

    max_comment_chars: int = MAX_COMMENT_CHARS
    max_payment_paise: int = DEFAULT_CEILING_PAISE

    def __post_init__(self) -> None:
        for name in ("max_comment_chars", "max_payment_paise"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")

    def as_json(self) -> dict[str, int]:
        """The ``limits`` object of the sign-in answer and ``/health``."""
        return {
            "max_comment_chars": self.max_comment_chars,
            "max_payment_paise": self.max_payment_paise,
        }

    @classmethod
    def from_json(cls, data: Any) -> Limits:
        """The limits a server sent; a field that is missing or not a positive whole number
        (an older server, a damaged answer) keeps its default."""
        values: dict[str, int] = {}
        if isinstance(data, dict):
            for name in ("max_comment_chars", "max_payment_paise"):
                value = data.get(name)
                if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                    values[name] = value
        return cls(**values)


DEFAULT_LIMITS = Limits()
