"""One shape for "refused, and why": what the rules, the tax and GSTIN checks and the sync
client raise when they say no.

``str(error)`` (also ``error.message``) is the sentence for the person at the desk: what is
wrong and what to do; ``error.code`` is the stable word for machines (the server's error
bodies, tests, the desk's translations by code).
"""

from __future__ import annotations

from typing import Self

from billing.messages import Msg, english

__all__ = ["Refusal"]


class Refusal(Exception):
    """Something refused, with the reason for a person and a code for machines."""

    #: The code when the raiser gives none.
    default_code = "refused"

    def __init__(self, message: str, code: str | None = None, *, msg: Msg | None = None,
                 values: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code if code is not None else self.default_code
        #: The message's id and values, for the desk to word it in its language
        #: (billing.messages); None when the refusal has only its English text.
        self.msg = msg
        self.msg_values = values

    @classmethod
    def of(cls, msg: Msg, *values: object, code: str | None = None) -> Self:
        """The refusal ``msg`` (its English text from billing.messages) with ``values``."""
        return cls(english(msg, *values), code=code, msg=msg, values=values)
