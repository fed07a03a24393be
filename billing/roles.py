"""Roles and what each may do (DESIGN.md "Roles and scopes").

The server enforces these; the desktop only hides what a role may not use.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    PARTNER = "partner"
    BRANCH_STAFF = "branch_staff"
    CASHIER = "cashier"
    KIOSK = "kiosk"

    @property
    def label(self) -> str:
        return _LABELS[self]


class Action(StrEnum):
    EDIT = "edit"
    EDIT_TECHNICAL = "edit_technical"
    COMMENT = "comment"
    TAG = "tag"
    TAKE_PAYMENT = "take_payment"
    LIST_ACCOUNTS = "list_accounts"


_LABELS = {
    Role.ADMIN: "Administrator",
    Role.PARTNER: "Partner (reseller / LCO)",
    Role.BRANCH_STAFF: "Branch staff",
    Role.CASHIER: "Cashier",
    Role.KIOSK: "Kiosk",
}

_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.PARTNER: frozenset(
        {Action.EDIT, Action.COMMENT, Action.TAG, Action.TAKE_PAYMENT, Action.LIST_ACCOUNTS}
    ),
    Role.BRANCH_STAFF: frozenset(
        {Action.EDIT, Action.EDIT_TECHNICAL, Action.COMMENT, Action.TAG, Action.TAKE_PAYMENT,
         Action.LIST_ACCOUNTS}
    ),
    Role.CASHIER: frozenset({Action.COMMENT, Action.TAKE_PAYMENT, Action.LIST_ACCOUNTS}),
    Role.KIOSK: frozenset({Action.TAKE_PAYMENT}),
}


def may(role: Role | str, action: Action | str) -> bool:
    """Whether ``role`` may perform ``action``."""
    return Action(action) in _ALLOWED[Role(role)]
