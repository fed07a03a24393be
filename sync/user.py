"""Who is signed in: the user the server (or a kept offline verifier) vouched for."""

from __future__ import annotations

from dataclasses import dataclass

from billing.roles import Action, Role, may


@dataclass(frozen=True)
class CurrentUser:
    """Who is signed in on this PC (the desktop keeps it in ``AppContext.user``)."""

    username: str
    display_name: str
    role: Role
    branch_id: int | None = None
    reseller_id: int | None = None

    def may(self, action: Action | str) -> bool:
        return may(self.role, action)
