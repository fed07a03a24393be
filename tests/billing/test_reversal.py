"""billing.reversal: who may approve, which payments may be reversed, what is owed again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.lifecycle import allocate_fifo, renewal_expiry
from billing.reversal import (
    ReversalCause,
    ReversalError,
    ReversalRequest,
    balance_after_reversal,
    check_reversal,
    dues_paid_by_reversed,
    expiry_after_recharge_reversal,
    reopen_newest_first,
)
from billing.roles import Role
from billing.rules import PaymentMethod


def _request(**changes: object) -> ReversalRequest:
    values: dict[str, object] = dict(
        cause=ReversalCause.VOID, reason="  wrong   account ", method=PaymentMethod.CASH,
        receipt_number="D1-000001", requested_by="cashier.cbe", approved_by="staff.cbe",
        already_reversed=False, in_current_session=True, same_branch=True,
    )
    values.update(changes)
    return ReversalRequest(**values)  # type: ignore[arg-type]


def test_a_clean_void_gives_the_tidied_reason() -> None:
    assert check_reversal(_request(), Role.BRANCH_STAFF) == "wrong account"


@pytest.mark.parametrize(("changes", "role", "code"), [
    ({"same_branch": False}, Role.BRANCH_STAFF, "other_branch"),
    ({"already_reversed": True}, Role.BRANCH_STAFF, "already_reversed"),
    ({"cause": ReversalCause.BOUNCE}, Role.BRANCH_STAFF, "not_a_cheque"),
    ({"in_current_session": False}, Role.BRANCH_STAFF, "session_closed"),
    ({"approved_by": "Cashier.CBE"}, Role.CASHIER, "self_approval"),
    ({}, Role.CASHIER, "approver_not_allowed"),
    ({}, None, "approver_not_allowed"),
    ({"reason": "   "}, Role.ADMIN, "no_reason"),
    ({"reason": "x" * 201}, Role.ADMIN, "reason_too_long"),
])
def test_refusals_say_what_is_wrong(changes: dict[str, object], role: Role | None,
                                    code: str) -> None:
    with pytest.raises(ReversalError) as caught:
        check_reversal(_request(**changes), role)
    assert caught.value.code == code
    assert caught.value.message.endswith(".")


def test_a_bounce_of_an_old_cheque_ignores_the_session() -> None:
    request = _request(cause=ReversalCause.BOUNCE, method=PaymentMethod.CHEQUE,
                       in_current_session=False)
    assert check_reversal(request, Role.ADMIN) == "wrong account"


def test_balance_goes_back_up_by_amount_and_charge() -> None:
    assert balance_after_reversal(-500, 2000, 50000) == 51500
    with pytest.raises(ValueError):
        balance_after_reversal(0, 0)
    with pytest.raises(TypeError):
        balance_after_reversal(0, 1.5)  # type: ignore[arg-type]


invoices = st.lists(st.integers(1, 10**7), min_size=1, max_size=6)


@given(invoices, st.integers(0, 6 * 10**7), st.integers(0, 6 * 10**7))
def test_reopening_undoes_a_fifo_payment(amounts: list[int], before: int, pay: int) -> None:
    """Paying oldest first, then taking that payment back newest first, leaves each invoice
    as it was whenever the payment was the last one in."""
    start = date(2026, 1, 1)
    dated = [(start + timedelta(days=30 * i), amt) for i, amt in enumerate(amounts)]
    owed_before = allocate_fifo(dated, before)
    paid_before = [amt - left for (_, amt), left in zip(dated, owed_before, strict=True)]
    owed_after = allocate_fifo(dated, min(before + pay, sum(amounts)))
    paid_after = [amt - left for (_, amt), left in zip(dated, owed_after, strict=True)]
    taken = sum(paid_after) - sum(paid_before)
    again = reopen_newest_first(
        [(d, amt, p) for (d, amt), p in zip(dated, paid_after, strict=True)], taken)
    assert again == paid_before


@given(st.integers(-10**9, 10**9), st.integers(1, 10**9), st.integers(0, 10**6),
       st.integers(0, 10**9))
def test_a_reversed_recharge_gives_back_its_money_and_takes_back_its_charge(
        balance: int, amount: int, bounce: int, plan_charge: int) -> None:
    after = balance_after_reversal(balance, amount, bounce, plan_charge)
    assert after - balance == amount + bounce - plan_charge


@given(st.dates(date(2020, 1, 1), date(2035, 1, 1)), st.integers(1, 400),
       st.integers(1, 400))
def test_reversing_a_recharge_takes_its_days_off_the_end(
        expiry: date, bought: int, later: int) -> None:
    today = expiry - timedelta(days=1)  # the plan was still running
    renewed = renewal_expiry(expiry, today, bought)
    assert expiry_after_recharge_reversal(renewed, bought) == expiry
    # A later renewal stacked on top keeps its own days.
    stacked = renewal_expiry(renewed, today, later)
    assert expiry_after_recharge_reversal(stacked, bought) == expiry + timedelta(days=later)


def test_reversing_a_recharge_of_no_plan_or_no_days() -> None:
    assert expiry_after_recharge_reversal(None, 30) is None
    with pytest.raises(ValueError):
        expiry_after_recharge_reversal(date(2026, 12, 1), 0)
    with pytest.raises(ValueError):
        balance_after_reversal(0, 100, 0, -1)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=-10**9, max_value=10**9))
def test_a_reversed_payment_reopens_at_most_what_it_paid_to_dues(amount: int, after: int) -> None:
    before = after + amount
    reopened = dues_paid_by_reversed(amount, after)
    assert 0 <= reopened <= amount
    assert reopened == min(amount, max(0, before))  # never its advance credit
