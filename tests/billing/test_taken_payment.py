"""billing.taken_payment.apply_taken_payment: money taken at a counter is applied whatever the
balance became since (issue 16); only what no cashier could have taken is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.rules import PaymentOption, RuleError, check_payment, recharge_prefill
from billing.taken_payment import apply_taken_payment

CEILING = 10_000_000
balances = st.integers(-5_000_000, 5_000_000)
amounts = st.integers(1, CEILING)


@given(option=st.sampled_from([PaymentOption.PAYMENT, PaymentOption.ADVANCE]),
       amount=amounts, balance=balances, counter=balances)
def test_any_balance_takes_the_money_dues_first(option: PaymentOption, amount: int,
                                                 balance: int, counter: int) -> None:
    applied, _ = apply_taken_payment(option, amount, balance_paise=balance, prepaid=False,
                                     counter_balance_paise=counter, ceiling_paise=CEILING)
    assert applied.balance_after_paise == balance - amount
    assert applied.dues_paid_paise + applied.credit_paise == amount
    assert applied.dues_paid_paise == (min(amount, balance) if balance >= 100 else 0)


@given(option=st.sampled_from(list(PaymentOption)), balance=balances, amount=amounts,
       charge=st.integers(0, CEILING))
def test_nothing_to_report_when_the_server_balance_is_the_counters(
        option: PaymentOption, balance: int, amount: int, charge: int) -> None:
    if option is PaymentOption.RECHARGE:
        amount = recharge_prefill(charge, balance)  # 0 when the credit covers the plan
    else:
        charge = 0
    _, differs = apply_taken_payment(option, amount, balance_paise=balance, prepaid=True,
                                     charge_paise=charge, counter_balance_paise=balance,
                                     ceiling_paise=CEILING)
    assert differs is None


@given(balance=balances, counter=balances, charge=st.integers(1, CEILING // 2))
def test_a_recharge_charges_what_the_counter_recorded(balance: int, counter: int,
                                                       charge: int) -> None:
    amount = recharge_prefill(charge, counter)
    if amount == 0:
        return
    applied, differs = apply_taken_payment(
        PaymentOption.RECHARGE, amount, balance_paise=balance, prepaid=True,
        charge_paise=charge, counter_balance_paise=counter, ceiling_paise=CEILING)
    assert applied.kind == "recharge"
    assert applied.balance_after_paise == balance + charge - amount
    assert (differs is None) == (balance == counter)


def test_the_dialog_still_refuses_what_the_server_now_applies() -> None:
    """The options decide what is offered; applying is a separate rule."""
    with pytest.raises(RuleError) as refused:
        check_payment(PaymentOption.PAYMENT, 500, balance_paise=0, prepaid=False)
    assert refused.value.code == "not_outstanding"
    applied, counter = apply_taken_payment(PaymentOption.PAYMENT, 500, balance_paise=0,
                                           prepaid=False, counter_balance_paise=500)
    assert applied.kind == "advance" and applied.credit_paise == 500
    assert counter is not None and counter.kind == "payment"


@pytest.mark.parametrize(
    ("option", "amount", "kwargs", "code"),
    [
        (PaymentOption.PAYMENT, 0, {}, "amount_invalid"),
        (PaymentOption.ADVANCE, -1, {}, "amount_invalid"),
        (PaymentOption.PAYMENT, CEILING + 1, {}, "over_ceiling"),
        (PaymentOption.RECHARGE, 100, {"charge_paise": None}, "no_plan"),
        (PaymentOption.RECHARGE, 100, {"prepaid": False, "charge_paise": 100}, "postpaid_recharge"),
        (PaymentOption.RECHARGE, 100, {"charge_paise": 500, "counter_balance_paise": 0},
         "amount_mismatch"),
        (PaymentOption.RECHARGE, 0, {"charge_paise": 500, "counter_balance_paise": 0},
         "amount_invalid"),
        (PaymentOption.PAYMENT, 100, {"charge_paise": 100}, "amount_invalid"),
    ],
)
def test_what_no_cashier_could_have_taken(option: PaymentOption, amount: int,
                                          kwargs: dict, code: str) -> None:
    args = {"balance_paise": 1000, "prepaid": True, "ceiling_paise": CEILING, **kwargs}
    with pytest.raises(RuleError) as refused:
        apply_taken_payment(option, amount, **args)
    assert refused.value.code == code
