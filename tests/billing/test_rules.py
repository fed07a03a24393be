from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.money import DEFAULT_CEILING_PAISE
from billing.rules import (
    OUTSTANDING_THRESHOLD_PAISE,
    PaymentMethod,
    PaymentOption,
    PaymentPreview,
    RuleError,
    balance_after,
    balance_before,
    balance_change,
    cash_change_due,
    check_payment,
    is_outstanding,
    payment_options,
    payment_options_paise,
    recharge_prefill,
    validate_reference,
)

PAYMENT, ADVANCE, RECHARGE = PaymentOption.PAYMENT, PaymentOption.ADVANCE, PaymentOption.RECHARGE

# (balance in rupees, prepaid, options in order)
OPTIONS_TABLE = [
    ("100000", False, [PAYMENT]),
    ("100000", True, [PAYMENT]),
    ("1.01", False, [PAYMENT]),
    ("1.01", True, [PAYMENT]),
    ("1.00", False, [PAYMENT]),
    ("1.00", True, [PAYMENT]),
    ("1", True, [PAYMENT]),
    ("0.99", False, [ADVANCE]),
    ("0.99", True, [RECHARGE, ADVANCE]),
    ("0.999", True, [RECHARGE, ADVANCE]),
    ("0", False, [ADVANCE]),
    ("0", True, [RECHARGE, ADVANCE]),
    ("0.00", True, [RECHARGE, ADVANCE]),
    ("-0.50", False, [ADVANCE]),
    ("-0.50", True, [RECHARGE, ADVANCE]),
    ("-500", False, [ADVANCE]),
    ("-500", True, [RECHARGE, ADVANCE]),
]


@pytest.mark.parametrize(("balance", "prepaid", "options"), OPTIONS_TABLE)
def test_payment_options_table(balance, prepaid, options):
    assert payment_options(Decimal(balance), prepaid) == options


@pytest.mark.parametrize(
    ("balance", "prepaid", "options"),
    [(100000, True, [PAYMENT]), (1, False, [PAYMENT]), (0, True, [RECHARGE, ADVANCE]),
     (0, False, [ADVANCE]), (-500, True, [RECHARGE, ADVANCE]), (-500, False, [ADVANCE])],
)  # fmt: skip
def test_payment_options_accepts_int_rupees(balance, prepaid, options):
    assert payment_options(balance, prepaid) == options


@pytest.mark.parametrize(("balance", "prepaid", "options"), OPTIONS_TABLE)
def test_payment_options_paise_matches_rupees(balance, prepaid, options):
    paise = int(Decimal(balance) * 100)  # "0.999" truncates to 99, still dust
    assert payment_options_paise(paise, prepaid) == options


@pytest.mark.parametrize("balance", [1.0, 0.99, 0.0, -5.0, float("nan")])
def test_payment_options_refuses_float(balance):
    with pytest.raises(TypeError):
        payment_options(balance, prepaid=True)


@pytest.mark.parametrize("balance", ["1.00", None, True])
def test_payment_options_refuses_other_types(balance):
    with pytest.raises(TypeError):
        payment_options(balance, prepaid=True)


@pytest.mark.parametrize("balance", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_payment_options_refuses_non_finite(balance):
    with pytest.raises(ValueError):
        payment_options(balance, prepaid=False)


def test_payment_options_paise_refuses_float():
    with pytest.raises(TypeError):
        payment_options_paise(100.0, prepaid=False)


@pytest.mark.parametrize(
    ("paise", "outstanding"), [(99, False), (100, True), (101, True), (0, False), (-100, False)]
)
def test_is_outstanding(paise, outstanding):
    assert is_outstanding(paise) is outstanding
    assert OUTSTANDING_THRESHOLD_PAISE == 100


@given(st.integers(min_value=-(10**12), max_value=10**12), st.booleans())
def test_payment_options_invariants(balance_paise, prepaid):
    options = payment_options_paise(balance_paise, prepaid)
    assert options
    assert (PAYMENT in options) != (ADVANCE in options)
    assert (RECHARGE in options) == (prepaid and balance_paise < 100)
    assert (PAYMENT in options) == (balance_paise >= 100)
    assert len(set(options)) == len(options)
    rupees = Decimal(balance_paise).scaleb(-2)
    assert payment_options(rupees, prepaid) == options


def test_enum_values_and_labels():
    assert [o.value for o in PaymentOption] == ["payment", "advance", "recharge"]
    assert [o.label for o in PaymentOption] == ["Payment", "Advance", "Recharge"]
    assert PaymentOption("recharge") is RECHARGE
    assert PAYMENT == "payment"
    assert [m.value for m in PaymentMethod] == ["cash", "upi", "card", "cheque", "bank_transfer"]
    assert [m.label for m in PaymentMethod] == ["Cash", "UPI", "Card", "Cheque", "Bank transfer"]
    assert [m.requires_reference for m in PaymentMethod] == [False, True, True, True, True]


@pytest.mark.parametrize(
    ("price", "balance", "prefill"),
    [
        (50000, 0, 50000),
        (50000, 50, 50000),
        (50000, -20000, 30000),
        (50000, -50000, 0),
        (50000, -80000, 0),
        (0, 0, 0),
        (0, -100, 0),
    ],
)
def test_recharge_prefill(price, balance, prefill):
    assert recharge_prefill(price, balance) == prefill


def test_recharge_prefill_refuses_negative_price():
    with pytest.raises(ValueError):
        recharge_prefill(-1, 0)


def _error(option, amount, **kwargs):
    with pytest.raises(RuleError) as caught:
        check_payment(option, amount, **kwargs)
    return caught.value


def test_partial_payment():
    preview = check_payment(PAYMENT, 30000, balance_paise=100000, prepaid=False)
    assert preview == PaymentPreview(
        option=PAYMENT,
        amount_paise=30000,
        balance_before_paise=100000,
        balance_after_paise=70000,
        remaining_due_paise=70000,
        credit_created_paise=0,
        is_partial=True,
        needs_overpay_confirmation=False,
        charge_paise=0,
    )


def test_exact_payment():
    preview = check_payment(PAYMENT, 100000, balance_paise=100000, prepaid=True)
    assert preview.balance_after_paise == 0
    assert preview.remaining_due_paise == 0
    assert preview.credit_created_paise == 0
    assert not preview.is_partial
    assert not preview.needs_overpay_confirmation


def test_payment_leaving_dust_is_not_partial():
    preview = check_payment(PAYMENT, 99950, balance_paise=100000, prepaid=False)
    assert preview.balance_after_paise == 50
    assert preview.remaining_due_paise == 0
    assert not preview.is_partial


def test_payment_leaving_one_rupee_is_partial():
    preview = check_payment(PAYMENT, 99900, balance_paise=100000, prepaid=False)
    assert preview.remaining_due_paise == 100
    assert preview.is_partial


def test_over_payment_creates_credit_and_needs_confirmation():
    preview = check_payment(PAYMENT, 150000, balance_paise=100000, prepaid=False)
    assert preview.needs_overpay_confirmation
    assert preview.credit_created_paise == 50000
    assert preview.balance_after_paise == -50000
    assert preview.remaining_due_paise == 0
    assert not preview.is_partial


def test_payment_one_paisa_over_needs_confirmation():
    preview = check_payment(PAYMENT, 100001, balance_paise=100000, prepaid=False)
    assert preview.needs_overpay_confirmation
    assert preview.credit_created_paise == 1


@pytest.mark.parametrize("prepaid", [False, True])
def test_advance_on_zero_balance(prepaid):
    preview = check_payment(ADVANCE, 20000, balance_paise=0, prepaid=prepaid)
    assert preview.balance_after_paise == -20000
    assert preview.credit_created_paise == 20000
    assert preview.remaining_due_paise == 0
    assert not preview.is_partial
    assert not preview.needs_overpay_confirmation
    assert preview.charge_paise == 0


def test_advance_on_credit_balance_adds_credit():
    preview = check_payment(ADVANCE, 20000, balance_paise=-50000, prepaid=False)
    assert preview.balance_after_paise == -70000
    assert preview.credit_created_paise == 20000


def test_advance_on_dust_balance_counts_only_new_credit():
    preview = check_payment(ADVANCE, 1000, balance_paise=99, prepaid=False)
    assert preview.balance_after_paise == -901
    assert preview.credit_created_paise == 901


@pytest.mark.parametrize("balance", [100, 101, 500000])
@pytest.mark.parametrize("prepaid", [False, True])
def test_advance_refused_while_dues_open(balance, prepaid):
    error = _error(ADVANCE, 1000, balance_paise=balance, prepaid=prepaid)
    assert error.code == "dues_open"
    assert "Payment" in str(error)


@pytest.mark.parametrize("balance", [99, 0, -100])
def test_payment_refused_when_nothing_outstanding(balance):
    error = _error(PAYMENT, 99, balance_paise=balance, prepaid=False)
    assert error.code == "not_outstanding"
    assert "Advance" in str(error)


def test_recharge_pays_plan_less_credit():
    preview = check_payment(
        RECHARGE, 30000, balance_paise=-20000, prepaid=True, plan_price_paise=50000
    )
    assert preview.charge_paise == 50000
    assert preview.balance_after_paise == 0
    assert preview.credit_created_paise == 0
    assert preview.remaining_due_paise == 0


def test_recharge_fully_covered_by_credit_accepts_zero():
    preview = check_payment(RECHARGE, 0, balance_paise=-80000, prepaid=True, plan_price_paise=50000)
    assert preview.amount_paise == 0
    assert preview.balance_after_paise == -30000
    assert preview.credit_created_paise == 0
    assert preview.charge_paise == 50000


def test_recharge_credit_equal_to_price_accepts_zero():
    preview = check_payment(RECHARGE, 0, balance_paise=-50000, prepaid=True, plan_price_paise=50000)
    assert preview.balance_after_paise == 0


@pytest.mark.parametrize("amount", [1, 50000])
def test_recharge_covered_by_credit_refuses_other_amounts(amount):
    error = _error(RECHARGE, amount, balance_paise=-80000, prepaid=True, plan_price_paise=50000)
    assert error.code == "amount_mismatch"
    assert "₹0.00" in str(error)


@pytest.mark.parametrize("amount", [29999, 30001, 50000])
def test_recharge_amount_must_equal_prefill(amount):
    error = _error(RECHARGE, amount, balance_paise=-20000, prepaid=True, plan_price_paise=50000)
    assert error.code == "amount_mismatch"
    assert "₹300.00" in str(error)


def test_recharge_without_credit_zero_refused():
    error = _error(RECHARGE, 0, balance_paise=0, prepaid=True, plan_price_paise=50000)
    assert error.code == "amount_invalid"


def test_recharge_on_dust_balance_keeps_dust():
    preview = check_payment(RECHARGE, 50000, balance_paise=40, prepaid=True, plan_price_paise=50000)
    assert preview.balance_after_paise == 40


@pytest.mark.parametrize("balance", [0, 100000, -500])
def test_recharge_on_postpaid_refused(balance):
    error = _error(RECHARGE, 50000, balance_paise=balance, prepaid=False, plan_price_paise=50000)
    assert error.code == "postpaid_recharge"
    assert "prepaid" in str(error)


def test_recharge_refused_while_dues_open():
    error = _error(RECHARGE, 50000, balance_paise=100, prepaid=True, plan_price_paise=50000)
    assert error.code == "dues_open"


def test_recharge_needs_plan():
    error = _error(RECHARGE, 50000, balance_paise=0, prepaid=True)
    assert error.code == "no_plan"
    assert "plan" in str(error)


def test_ceiling():
    preview = check_payment(ADVANCE, DEFAULT_CEILING_PAISE, balance_paise=0, prepaid=False)
    assert preview.amount_paise == DEFAULT_CEILING_PAISE
    error = _error(ADVANCE, DEFAULT_CEILING_PAISE + 1, balance_paise=0, prepaid=False)
    assert error.code == "over_ceiling"
    error = _error(PAYMENT, 12_00_000_00, balance_paise=20_00_000_00, prepaid=False)
    assert str(error) == "Amount ₹12,00,000.00 is over the limit of ₹10,00,000.00."


def test_custom_ceiling():
    check_payment(ADVANCE, 5000, balance_paise=0, prepaid=False, ceiling_paise=5000)
    error = _error(ADVANCE, 5001, balance_paise=0, prepaid=False, ceiling_paise=5000)
    assert error.code == "over_ceiling"


def test_recharge_over_ceiling():
    error = _error(
        RECHARGE, 12_00_000_00, balance_paise=0, prepaid=True, plan_price_paise=12_00_000_00
    )
    assert error.code == "over_ceiling"


@pytest.mark.parametrize(("option", "balance"), [(PAYMENT, 100000), (ADVANCE, 0), (ADVANCE, -100)])
@pytest.mark.parametrize("amount", [0, -1, -100000])
def test_zero_and_negative_amounts_refused(option, balance, amount):
    error = _error(option, amount, balance_paise=balance, prepaid=True)
    assert error.code == "amount_invalid"


def test_negative_recharge_refused_even_when_prefill_is_zero():
    error = _error(RECHARGE, -1, balance_paise=-80000, prepaid=True, plan_price_paise=50000)
    assert error.code == "amount_invalid"


def test_option_given_as_string():
    preview = check_payment("advance", 100, balance_paise=0, prepaid=False)
    assert preview.option is ADVANCE


@pytest.mark.parametrize("amount", [100.0, Decimal("100")])
def test_check_payment_refuses_non_int_amount(amount):
    with pytest.raises(TypeError):
        check_payment(ADVANCE, amount, balance_paise=0, prepaid=False)


def test_rule_error_shape():
    error = _error(PAYMENT, 100, balance_paise=0, prepaid=False)
    assert isinstance(error, ValueError)
    assert error.as_dict() == {"code": "not_outstanding", "message": str(error)}


balances = st.integers(min_value=-(10**9), max_value=10**9)
amounts = st.integers(min_value=1, max_value=DEFAULT_CEILING_PAISE)


@given(balances, amounts, st.booleans())
def test_payment_and_advance_arithmetic(balance, amount, prepaid):
    option = PAYMENT if balance >= 100 else ADVANCE
    preview = check_payment(option, amount, balance_paise=balance, prepaid=prepaid)
    assert preview.balance_after_paise == balance - amount
    assert preview.charge_paise == 0
    assert preview.credit_created_paise >= 0
    assert preview.remaining_due_paise >= 0
    after = preview.balance_after_paise
    assert preview.credit_created_paise == max(0, -after) - max(0, -balance)
    assert preview.remaining_due_paise == (after if after >= 100 else 0)
    assert preview.is_partial == (option is PAYMENT and after >= 100)
    assert preview.needs_overpay_confirmation == (option is PAYMENT and amount > balance)


@given(
    st.integers(min_value=-(10**9), max_value=99),
    st.integers(min_value=0, max_value=DEFAULT_CEILING_PAISE),
)
def test_recharge_arithmetic(balance, price):
    amount = recharge_prefill(price, balance)
    preview = check_payment(
        RECHARGE, amount, balance_paise=balance, prepaid=True, plan_price_paise=price
    )
    assert preview.balance_after_paise == balance + price - amount
    assert preview.charge_paise == price
    assert preview.credit_created_paise == 0
    assert preview.remaining_due_paise == 0
    assert not preview.is_partial
    assert not preview.needs_overpay_confirmation
    assert 0 <= amount <= price


@given(balances, st.integers(min_value=-(10**9), max_value=10**9), st.booleans(), st.booleans())
def test_check_payment_offers_only_listed_options(balance, amount, prepaid, with_plan):
    for option in PaymentOption:
        try:
            check_payment(
                option,
                amount,
                balance_paise=balance,
                prepaid=prepaid,
                plan_price_paise=50000 if with_plan else None,
            )
        except RuleError as error:
            offered = option in payment_options_paise(balance, prepaid)
            eligibility = {"not_outstanding", "dues_open", "postpaid_recharge"}
            assert (error.code in eligibility) == (not offered)
            assert error.code in eligibility | {
                "no_plan", "amount_invalid", "over_ceiling", "amount_mismatch",
            }  # fmt: skip
        else:
            assert option in payment_options_paise(balance, prepaid)


@pytest.mark.parametrize(
    ("method", "reference", "expected"),
    [
        (PaymentMethod.CASH, "", ""),
        (PaymentMethod.CASH, "  ", ""),
        (PaymentMethod.CASH, " till 3 ", "till 3"),
        (PaymentMethod.UPI, " 412345678901 ", "412345678901"),
        (PaymentMethod.CARD, "A1B2C3", "A1B2C3"),
        (PaymentMethod.CHEQUE, "000123", "000123"),
        (PaymentMethod.BANK_TRANSFER, "SBIN0001234 UTR 99", "SBIN0001234 UTR 99"),
        ("upi", "x", "x"),
        (PaymentMethod.UPI, "R" * 64, "R" * 64),
    ],
)
def test_validate_reference_accepts(method, reference, expected):
    assert validate_reference(method, reference) == expected


@pytest.mark.parametrize(
    "method", [PaymentMethod.UPI, PaymentMethod.CARD, PaymentMethod.CHEQUE,
               PaymentMethod.BANK_TRANSFER],
)  # fmt: skip
@pytest.mark.parametrize("reference", ["", "   ", "\t\n"])
def test_validate_reference_required(method, reference):
    with pytest.raises(RuleError) as caught:
        validate_reference(method, reference)
    assert caught.value.code == "reference_required"
    assert str(caught.value).startswith("Enter ")


@pytest.mark.parametrize(
    ("method", "reference"),
    [
        (PaymentMethod.UPI, "R" * 65),
        (PaymentMethod.CASH, "R" * 65),
        (PaymentMethod.UPI, "12\n34"),
        (PaymentMethod.CHEQUE, "12\x0034"),
        (PaymentMethod.CARD, "ab\x1bcd"),
    ],
)
def test_validate_reference_refuses(method, reference):
    with pytest.raises(RuleError) as caught:
        validate_reference(method, reference)
    assert caught.value.code == "reference_invalid"


def test_validate_reference_unknown_method():
    with pytest.raises(ValueError):
        validate_reference("bitcoin", "abc")


@pytest.mark.parametrize(
    ("amount", "tendered", "change"), [(45050, 50000, 4950), (50000, 50000, 0), (1, 200000, 199999)]
)
def test_cash_change_due(amount, tendered, change):
    assert cash_change_due(amount, tendered) == change


def test_cash_change_due_refuses_short_tender():
    with pytest.raises(RuleError) as caught:
        cash_change_due(50000, 49999)
    assert caught.value.code == "tendered_short"
    assert "₹500.00" in str(caught.value)


@given(
    before=st.integers(-10**9, 10**9),
    amount=st.integers(0, 10**9),
    charge=st.integers(0, 10**9),
)
def test_balance_before_undoes_balance_after(before: int, amount: int, charge: int) -> None:
    after = balance_after(before, amount, charge)
    assert after == before + charge - amount
    assert balance_before(after, amount, charge) == before
    assert balance_change(amount, charge) == after - before


def test_a_recharge_preview_moves_the_balance_by_the_shared_rule() -> None:
    preview = check_payment(PaymentOption.RECHARGE, 40_000, balance_paise=-10_000,
                            prepaid=True, plan_price_paise=50_000)
    assert preview.balance_after_paise == balance_after(-10_000, 40_000, 50_000) == 0
