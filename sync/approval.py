"""A second person's approval of a reversal: the supervisor types their own username and
password on this desk. Online the server checks the password and gives a one-use approval
token; without the server only the supervisor's offline verifier on this PC
(sync.offline_verifiers, kept for users who signed in here) can vouch for them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from billing.refusal import Refusal
from billing.reversal import ReversalError, check_approver
from billing.roles import Role
from sync.client import SyncClient
from sync.errors import ApiError, OfflineError
from sync.offline_verifiers import MAX_OFFLINE_DAYS, OfflineVerifiers
from sync.user import CurrentUser

__all__ = ["Approval", "ApprovalRefused", "approve"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Approval:
    approved_by: str
    display_name: str
    role: Role
    token: str | None
    """The server's one-use approval token; None when approved offline."""

    @property
    def offline(self) -> bool:
        return self.token is None


class ApprovalRefused(Refusal):
    """``str(error)`` is for the cashier and the supervisor; ``code`` for machines."""


def _offline(verifiers: OfflineVerifiers, requester: CurrentUser, username: str,
             password: str, payment_branch_id: int) -> Approval:
    known = verifiers.verify(username, password)
    if known is None:
        raise ApprovalRefused(
            "Wrong username or password for the approver, or they have not signed in on "
            f"this PC in the last {MAX_OFFLINE_DAYS} days (without the server only their "
            "sign-in kept here can vouch for them). Ask them to type it again.",
            "invalid_credentials")
    try:
        role: Role | None = Role(str(known.profile.get("role")))
    except ValueError:
        role = None
    if role is Role.BRANCH_STAFF and known.profile.get("branch_id") != payment_branch_id:
        role = None
    try:
        check_approver(requester.username, username, role)
    except ReversalError as exc:
        raise ApprovalRefused(exc.message, exc.code) from None
    assert role is not None
    return Approval(username, str(known.profile.get("display_name") or username), role, None)


def approve(*, requester: CurrentUser, payment_uuid: str, payment_branch_id: int,
            username: str, password: str, client: SyncClient | None,
            verifiers: OfflineVerifiers) -> Approval:
    """The approval, or ApprovalRefused saying what is wrong (nothing is written).

    ``client``: the signed-in server connection, or None when working offline. A payment
    the server does not have yet (still in the outbox) is approved offline."""
    name = username.strip().lower()
    if not name or not password:
        raise ApprovalRefused("The supervisor types their username and password.",
                              "invalid_payload")
    try:
        check_approver(requester.username, name, Role.ADMIN)  # the requester themselves?
    except ReversalError as exc:
        raise ApprovalRefused(exc.message, exc.code) from None
    if client is not None:
        try:
            answer = client.approve_reversal(payment_uuid, name, password)
        except OfflineError:
            log.info("approval of %s: server unreachable, using the offline verifier",
                     payment_uuid)
        except ApiError as exc:
            if exc.code != "not_found":
                raise ApprovalRefused(exc.message, exc.code) from None
            log.info("approval of %s: not on the server yet, using the offline verifier",
                     payment_uuid)
        else:
            return Approval(name, str(answer.get("display_name") or name),
                            Role(str(answer["role"])), str(answer["approval_token"]))
    return _offline(verifiers, requester, name, password, payment_branch_id)
