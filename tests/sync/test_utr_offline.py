"""Two desks offline take the same UPI UTR: the second to reach the server is refused and
waits in "Needs attention" with the reason. The one refusal that is right: one UTR is one
movement of money, so it cannot have paid twice. Against the real server."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from billing.rules import RuleError
from db.outbox import MutationState
from db.utr_local import check_utr_unused
from sync import attention
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
