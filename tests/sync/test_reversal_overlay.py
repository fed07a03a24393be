"""A void queued on this desk counts in the balance it shows, exactly once: while pending,
after the server acknowledged it but before the pull brought the new balance, and not at
all once pulled (the cached balance has it then). Real server, real HTTP (issue 16)."""

from __future__ import annotations

import uuid

from billing.reversal import ReversalCause
from billing.roles import Role
from db.overlay import provisional_payments
from db.payments_local import load_account
from db.reversals_local import find_payment, record_reversal
from sync.approval import approve
from sync.offline_verifiers import OfflineVerifiers
from sync.user import CurrentUser
from tests.sync.conftest import STAFF, Desk, cached_account, payment_payload

CASHIER = ("cashier.cbe", "cashier-demo")
ME = CurrentUser("cashier.cbe", "Cashier, Coimbatore", Role.CASHIER, branch_id=1)
AMOUNT = 6_500
_NEXT = iter(range(100, 140))


def _shown(desk: Desk, account_id: int) -> tuple[int, int]:
    """(the account list's balance, the payment dialog's balance) as this desk shows them."""
    cached = cached_account(desk.cache, "id = ?", account_id)["balance_paise"]
    overlay = provisional_payments(desk.outbox, desk.cache).get(account_id)
    listed = cached + (overlay.delta_paise if overlay else 0)
    return listed, load_account(desk.cache, desk.outbox, account_id).balance_paise


def _void(desk: Desk, payment_uuid: str) -> str:
    payment = find_payment(desk.cache, desk.outbox, payment_uuid)
    assert payment is not None
    approval = approve(requester=ME, payment_uuid=payment_uuid, payment_branch_id=1,
                       username="staff.cbe", password="staff-demo", client=None,
                       verifiers=OfflineVerifiers(desk.data_dir))
    return record_reversal(desk.outbox, ME, payment, ReversalCause.VOID, "wrong account",
                           approval.approved_by, approval.token, approval.role).mutation_id


def _signed_in(desk: Desk) -> dict:
    desk.sign_in(STAFF)  # the supervisor's offline verifier is kept on this PC
    desk.sign_in(CASHIER)
    assert desk.cycle().run().ok
    # Accounts of its own: the session's server is shared with other sync tests, which
    # count log entries of the first accounts.
    return cached_account(
        desk.cache, "branch_id = 1 AND status != 'Terminated' AND balance_paise >= ? AND id >= "
        "(SELECT id FROM accounts WHERE branch_id = 1 ORDER BY id LIMIT 1 OFFSET ?)",
        50_000, next(_NEXT))


def test_a_void_counts_once_while_pending_acknowledged_and_pulled(desk: Desk) -> None:
    account = _signed_in(desk)
    before = account["balance_paise"]
    paid = desk.outbox.enqueue_payment(account_id=account["id"],
                                       payload=payment_payload(account, AMOUNT),
                                       created_by="cashier.cbe", mutation_id=str(uuid.uuid4()))
    assert desk.cycle().run().pushed == {"applied": 1}
    assert _shown(desk, account["id"]) == (before - AMOUNT, before - AMOUNT)

    _void(desk, paid.mutation_id)
    assert _shown(desk, account["id"]) == (before, before)  # pending

    cycle = desk.cycle()
    assert cycle.push() == {"applied": 1}  # acknowledged, not pulled yet
    assert cached_account(desk.cache, "id = ?", account["id"])["balance_paise"] == \
        before - AMOUNT
    assert _shown(desk, account["id"]) == (before, before)

    assert desk.cycle().run().ok  # pulled: the cache has the server's balance
    assert cached_account(desk.cache, "id = ?", account["id"])["balance_paise"] == before
    assert _shown(desk, account["id"]) == (before, before)
    assert provisional_payments(desk.outbox, desk.cache).get(account["id"]) is None


def test_a_payment_and_its_void_both_pending_leave_the_balance_as_it_was(desk: Desk) -> None:
    account = _signed_in(desk)
    before = account["balance_paise"]
    paid = desk.outbox.enqueue_payment(account_id=account["id"],
                                       payload=payment_payload(account, AMOUNT),
                                       created_by="cashier.cbe", mutation_id=str(uuid.uuid4()))
    _void(desk, paid.mutation_id)
    assert _shown(desk, account["id"]) == (before, before)
    assert desk.cycle().run().pushed == {"applied": 2}
    assert _shown(desk, account["id"]) == (before, before)
