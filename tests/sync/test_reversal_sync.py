"""A void made offline reaches the server exactly once, even when the server's answer is
lost on the way back; a void approved online uses the server's one-use token. Real server,
real HTTP (issue 16)."""

from __future__ import annotations

import uuid

import pytest

from billing.reversal import ReversalCause
from billing.roles import Role
from db.outbox import MutationState
from db.reversals_local import find_payment, record_reversal
from sync.approval import ApprovalRefused, approve
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.http_session import make_session
from sync.offline_verifiers import OfflineVerifiers
from sync.user import CurrentUser
from tests.sync.conftest import STAFF, Desk, FaultProxy, LiveServer, cached_account, payment_payload

CASHIER = ("cashier.cbe", "cashier-demo")
ME = CurrentUser("cashier.cbe", "Cashier, Coimbatore", Role.CASHIER, branch_id=1)


def _signed_in_cashier(desk: Desk) -> None:
    """The supervisor signed in on this PC once (their verifier is kept); now the cashier."""
    desk.sign_in(STAFF)
    desk.sign_in(CASHIER)
    assert desk.cycle().run().ok


def _take(desk: Desk, amount: int) -> tuple[dict, str]:
    account = cached_account(desk.cache, "branch_id = 1 AND balance_paise >= ?", amount)
    m = desk.outbox.enqueue_payment(account_id=account["id"],
                                    payload=payment_payload(account, amount),
                                    created_by="cashier.cbe", mutation_id=str(uuid.uuid4()))
    return account, m.mutation_id


def test_offline_void_reaches_the_server_once_though_the_answer_is_lost(
        desk: Desk, live_server: LiveServer, fault_proxy: FaultProxy) -> None:
    _signed_in_cashier(desk)
    account, payment_uuid = _take(desk, 7_500)
    payment = find_payment(desk.cache, desk.outbox, payment_uuid)
    assert payment is not None
    # Offline: no client, only the supervisor's verifier on this PC can vouch for them.
    approval = approve(requester=ME, payment_uuid=payment_uuid, payment_branch_id=1,
                       username="staff.cbe", password="staff-demo", client=None,
                       verifiers=OfflineVerifiers(desk.data_dir))
    assert approval.offline
    reversal = record_reversal(desk.outbox, ME, payment, ReversalCause.VOID, "wrong account",
                               approval.approved_by, approval.token, approval.role)

    via_proxy = SyncClient(fault_proxy.url, session=make_session(retries=0))
    via_proxy.set_token(desk.secrets.get_token(live_server.url, "cashier.cbe"))
    fault_proxy.drop_push_responses = 1
    lost = SyncCycle(via_proxy, desk.cache, desk.outbox).run()
    via_proxy.close()
    assert lost.offline and not lost.ok
    assert desk.outbox.get(reversal.mutation_id).state is MutationState.PENDING

    again = desk.cycle().run()
    assert again.ok and again.pushed == {"duplicate": 2}
    kept = desk.outbox.get(reversal.mutation_id)
    assert kept.state is MutationState.DUPLICATE
    assert kept.result["reversal"]["approved_offline"] is True
    assert live_server.scalar(
        "SELECT count(*) FROM payment_reversals WHERE reversal_uuid = ?",
        reversal.mutation_id) == 1
    assert live_server.scalar("SELECT balance_paise FROM accounts WHERE id = ?",
                              account["id"]) == account["balance_paise"]
    assert live_server.scalar(
        "SELECT count(*) FROM log_entries WHERE account_id = ? AND description LIKE ?",
        account["id"], "Void of receipt%approved by staff.cbe offline%") == 1


def test_online_approval_checks_the_password_at_the_server(
        desk: Desk, live_server: LiveServer) -> None:
    _signed_in_cashier(desk)
    _account, payment_uuid = _take(desk, 2_000)
    assert desk.cycle().run().pushed == {"applied": 1}
    client = desk.auth.client
    verifiers = OfflineVerifiers(desk.data_dir)
    with pytest.raises(ApprovalRefused) as wrong:
        approve(requester=ME, payment_uuid=payment_uuid, payment_branch_id=1,
                username="staff.cbe", password="nope", client=client, verifiers=verifiers)
    assert wrong.value.code == "invalid_credentials"
    approval = approve(requester=ME, payment_uuid=payment_uuid, payment_branch_id=1,
                       username="staff.cbe", password="staff-demo", client=client,
                       verifiers=verifiers)
    assert approval.token and approval.role is Role.BRANCH_STAFF
    payment = find_payment(desk.cache, desk.outbox, payment_uuid)
    assert payment is not None
    reversal = record_reversal(desk.outbox, ME, payment, ReversalCause.VOID, "wrong amount",
                               approval.approved_by, approval.token, approval.role)
    assert desk.cycle().run().pushed == {"applied": 1}
    assert desk.outbox.get(reversal.mutation_id).result["reversal"]["approved_offline"] is False
    # The pull brings the reversal's log entry: the account's Log tab shows it.
    with desk.cache.connect() as conn:
        logged = conn.exec_driver_sql(
            "SELECT description FROM log_entries WHERE account_id = ? AND description "
            "LIKE ?", (payment.account_id, f"Void of receipt {payment.receipt_number}%"),
        ).scalars().all()
    assert len(logged) == 1 and "wrong amount" in logged[0] and "staff.cbe online" in logged[0]
