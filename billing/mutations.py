"""What a desk may ask the server to change: the ``kind`` of a pushed mutation.

One enum for both ends of docs/sync-api.md "Push": the desk's outbox stores it and the
server validates and dispatches on it; its values are what travels and what both store.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["MutationKind"]


class MutationKind(StrEnum):
    PAYMENT = "payment"  # payment, advance and recharge: billing.rules.PaymentOption in payload
    EDIT = "edit"
    COMMENT = "comment"
    TAG_ADD = "tag_add"
    TAG_REMOVE = "tag_remove"
    DAY_CLOSE = "day_close"  # a closed cash session's report (billing.day_close); no account
    REVERSAL = "reversal"  # a void or a bounced cheque: billing.reversal, docs/sync-api.md
    CHEQUE_CLEARED = "cheque_cleared"  # the bank paid a cheque: no longer pending clearance
