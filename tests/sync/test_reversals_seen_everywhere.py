"""A void, a bounced cheque and a cleared cheque made at one desk show at every other desk
of the branch after its pull: the server's payment_reversals and cheque_clearances are
pulled like payments (issue 16). Two desks, one real server over HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from billing.reversal import ReversalCause, is_reversed, register_mark
from billing.roles import Role
from db.register_query import RegisterFilter, register_rows
from db.reversals_local import (
    check_cheque_mark,
    find_payment,
    record_cheque_cleared,
    record_reversal,
    reversal_marks,
)
from sync.approval import approve
from sync.offline_verifiers import OfflineVerifiers
from sync.user import CurrentUser
from tests.sync.conftest import STAFF, Desk, LiveServer, cached_account, make_desk, payment_payload

CASHIER = ("cashier.cbe", "cashier-demo")
ME = CurrentUser("cashier.cbe", "Cashier, Coimbatore", Role.CASHIER, branch_id=1)
CHEQUE = "004512 / Indian Bank / 2026-11-20"


#: Accounts of their own (the session's server is shared with other sync tests, which
#: count log entries of the first accounts).
_NEXT = iter(range(60, 100))


def _take(desk: Desk, amount: int, method: str = "cash") -> str:
    account = cached_account(
        desk.cache, "branch_id = 1 AND status != 'Terminated' AND balance_paise >= ? AND id >= "
        "(SELECT id FROM accounts WHERE branch_id = 1 ORDER BY id LIMIT 1 OFFSET ?)",
        amount, next(_NEXT))
    payload = payment_payload(account, amount)
    if method == "cheque":
        payload.update(method="cheque", reference=CHEQUE)
    m = desk.outbox.enqueue_payment(account_id=account["id"], payload=payload,
                                    created_by="cashier.cbe", mutation_id=str(uuid.uuid4()))
    return m.mutation_id


def _today() -> RegisterFilter:
    today = datetime.now(UTC).date()
    return RegisterFilter(date_from=today - timedelta(days=1), date_to=today + timedelta(days=1))


def _register_status(desk: Desk, payment_uuid: str) -> str | None:
    """What desk's register says of the payment beside its sync state (as its model does)."""
    [row] = [r for r in register_rows(desk.cache, desk.outbox, _today())
             if r.payment_uuid == payment_uuid]
    return register_mark(row.method, reversal_marks(desk.outbox, desk.cache)
                         .get(payment_uuid))


def test_a_void_at_one_desk_shows_in_the_other_desks_register(
        tmp_path: Path, live_server: LiveServer) -> None:
    a = make_desk(tmp_path / "a", live_server)
    b = make_desk(tmp_path / "b", live_server)
    try:
        a.sign_in(CASHIER)
        b.sign_in(STAFF)
        assert a.cycle().run().ok and b.cycle().run().ok
        voided = _take(a, 3_000)
        bounced = _take(a, 4_000, "cheque")
        cleared = _take(a, 5_000, "cheque")
        assert a.cycle().run().pushed == {"applied": 3}
        verifiers = OfflineVerifiers(a.data_dir)
        for payment_uuid, cause in ((voided, ReversalCause.VOID),
                                    (bounced, ReversalCause.BOUNCE)):
            approval = approve(requester=ME, payment_uuid=payment_uuid, payment_branch_id=1,
                               username="staff.cbe", password="staff-demo",
                               client=a.auth.client, verifiers=verifiers)
            payment = find_payment(a.cache, a.outbox, payment_uuid)
            assert payment is not None
            record_reversal(a.outbox, ME, payment, cause, "wrong account",
                            approval.approved_by, approval.token, approval.role)
        payment = find_payment(a.cache, a.outbox, cleared)
        assert payment is not None
        record_cheque_cleared(a.outbox, ME, payment)
        assert a.cycle().run().pushed == {"applied": 3}

        assert b.cycle().run().ok
        assert _register_status(b, voided) == "Voided"
        assert _register_status(b, bounced) == "Cheque bounced"
        assert _register_status(b, cleared) == "Cleared"
        # Desk B queued nothing: it knows all this from its pull alone.
        assert b.outbox.pending() == []
        # And it refuses a second void of the payment desk A voided.
        on_b = find_payment(b.cache, b.outbox, voided)
        assert on_b is not None and is_reversed(on_b.pulled_mark)
    finally:
        a.close()
        b.close()


def test_a_cheque_nobody_marked_is_pending_clearance_everywhere(
        tmp_path: Path, live_server: LiveServer) -> None:
    a = make_desk(tmp_path / "a", live_server)
    b = make_desk(tmp_path / "b", live_server)
    try:
        a.sign_in(CASHIER)
        b.sign_in(STAFF)
        assert a.cycle().run().ok
        cheque = _take(a, 2_500, "cheque")
        assert a.cycle().run().ok and b.cycle().run().ok
        assert _register_status(b, cheque) == "Pending clearance"
        payment = find_payment(b.cache, b.outbox, cheque)
        assert payment is not None
        check_cheque_mark(b.outbox, payment)  # B may still mark it cleared or bounced
    finally:
        a.close()
        b.close()
