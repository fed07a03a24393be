"""Two desks offline take the same UPI UTR: the second to reach the server is refused and
waits in "Needs attention" with the reason. The one refusal that is right: one UTR is one
movement of money, so it cannot have paid twice. Against the real server."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from billing.reversal import ReversalCause
from billing.roles import Role
from billing.rules import RuleError
from db.outbox import MutationState
from db.reversals_local import find_payment, record_reversal
from db.utr_local import check_utr_unused
from sync import attention
from sync.user import CurrentUser
from tests.sync.conftest import Desk, LiveServer, cached_account, make_desk, payment_payload

UTR = "812345678901"


def _take_upi(desk: Desk, account: dict, utr: str) -> str:
    """What the payment dialog does offline: the desk's own check, then the outbox."""
    payload = {**payment_payload(account, 10_000, option="advance"), "method": "upi",
               "reference": utr}
    check_utr_unused(desk.cache, desk.outbox, "upi", utr)
    m = desk.outbox.enqueue_payment(account_id=account["id"], payload=payload,
                                    created_by="staff.cbe", mutation_id=str(uuid.uuid4()))
    return m.mutation_id


def test_second_desk_with_the_same_utr_lands_in_needs_attention(
    desk: Desk, live_server: LiveServer, tmp_path: Path
) -> None:
    other = make_desk(tmp_path / "desk-b", live_server)
    try:
        for d in (desk, other):
            d.sign_in()
            assert d.cycle().run().ok
        first = cached_account(desk.cache, "branch_id = 1 AND balance_paise <= 0")
        second = cached_account(other.cache, "branch_id = 1 AND balance_paise <= 0 AND id > ?",
                                first["id"])
        # Both offline: neither desk knows of the other's payment, so both take it.
        mine = _take_upi(desk, first, UTR)
        theirs = _take_upi(other, second, UTR)

        assert desk.cycle().push() == {"applied": 1}
        outcome = other.cycle().run()
        assert outcome.pushed == {"rejected": 1} and outcome.needs_attention == 1
        refused = other.outbox.get(theirs)
        assert refused is not None and refused.state is MutationState.REJECTED
        assert refused.result["error"]["code"] == "reference_used"
        receipt = desk.outbox.get(mine).payload["receipt_number"]
        line = attention.describe(refused)
        assert f"UTR {UTR} was already used by receipt {receipt}" in line

        assert live_server.scalar(
            "SELECT count(*) FROM payments WHERE reference = ?", UTR) == 1
        assert live_server.scalar(
            "SELECT account_id FROM payments WHERE reference = ?", UTR) == first["id"]
        # Now desk B has pulled desk A's payment: its own check refuses the UTR at once.
        with pytest.raises(RuleError, match=f"already used by receipt {receipt}"):
            check_utr_unused(other.cache, other.outbox, "upi", UTR)
    finally:
        other.close()


def _void(desk: Desk, payment_uuid: str) -> None:
    """What the void dialog records: asked by the signed-in staff, approved on this PC by a
    second person (an administrator)."""
    found = find_payment(desk.cache, desk.outbox, payment_uuid)
    assert found is not None
    record_reversal(desk.outbox, CurrentUser("staff.cbe", "Staff", Role.BRANCH_STAFF,
                                             branch_id=1),
                    found, ReversalCause.VOID, "wrong account", "admin", None, Role.ADMIN)


def test_a_voided_upi_payment_frees_its_utr_for_the_right_account(
    desk: Desk, live_server: LiveServer
) -> None:
    """Taken on the wrong account, voided with a second person, taken again on the right
    one with the same UTR: the desk's check and the server both let it, offline and after
    sync; a third use is refused again. Before, the UTR stayed "used" for ever."""
    desk.sign_in()
    assert desk.cycle().run().ok
    wrong = cached_account(desk.cache, "branch_id = 1 AND balance_paise <= 0")
    right = cached_account(desk.cache, "branch_id = 1 AND balance_paise <= 0 AND id > ?",
                           wrong["id"])
    utr = "712345678905"
    mistaken = _take_upi(desk, wrong, utr)
    with pytest.raises(RuleError, match="already used"):
        check_utr_unused(desk.cache, desk.outbox, "upi", utr)
    _void(desk, mistaken)
    moved = _take_upi(desk, right, utr)  # offline: the void is only in the outbox
    with pytest.raises(RuleError, match="already used by receipt"):
        check_utr_unused(desk.cache, desk.outbox, "upi", utr)

    outcome = desk.cycle().run()
    assert outcome.ok and outcome.pushed == {"applied": 3}, outcome.pushed
    assert live_server.scalar(
        "SELECT account_id FROM payments p JOIN payment_utrs u ON u.payment_id = p.id "
        "WHERE u.utr = ?", utr) == right["id"]
    receipt = desk.outbox.get(moved).payload["receipt_number"]
    # pulled: the void is in the cache now, the moved payment still uses the UTR
    with pytest.raises(RuleError, match=f"already used by receipt {receipt}"):
        check_utr_unused(desk.cache, desk.outbox, "upi", utr)
