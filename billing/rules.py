"""The shared balance rule: which payment options an account shows, and what a payment does.

Balance is what the customer owes, in paise: positive means dues, zero or negative means
nothing owed (negative is advance credit). The GUI calls ``check_payment`` before saving and
the server runs it again; neither trusts the other. How the server applies money a counter
has already taken is :func:`billing.taken_payment.apply_taken_payment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from billing.messages import Msg
from billing.money import DEFAULT_CEILING_PAISE, format_inr
from billing.refusal import Refusal

__all__ = [
    "OUTSTANDING_THRESHOLD_PAISE",
    "REFERENCE_MAX_CHARS",
    "PaymentMethod",
    "PaymentOption",
    "PaymentPreview",
    "RuleError",
    "balance_after",
    "balance_before",
    "balance_change",
    "cash_change_due",
    "check_payment",
    "is_outstanding",
    "payment_options",
    "payment_options_paise",
    "recharge_prefill",
    "validate_reference",
]

OUTSTANDING_THRESHOLD_PAISE = 100
"""A balance of ₹1.00 or more is a due; anything below is rounding dust."""

REFERENCE_MAX_CHARS = 64


class PaymentOption(StrEnum):
    """What a payment is for; the value is stored in the ledger."""

    PAYMENT = "payment"
    ADVANCE = "advance"
    RECHARGE = "recharge"

    @property
    def label(self) -> str:
        """Button text."""
        return self.value.capitalize()


class PaymentMethod(StrEnum):
    """How the money came in; the value is stored in the ledger."""

    CASH = "cash"
    UPI = "upi"
    CARD = "card"
    CHEQUE = "cheque"
    BANK_TRANSFER = "bank_transfer"

    @property
    def label(self) -> str:
        """Display name."""
        return _METHOD_LABELS[self]

    @property
    def requires_reference(self) -> bool:
        """True for every method but cash."""
        return self is not PaymentMethod.CASH


_METHOD_LABELS = {
    PaymentMethod.CASH: "Cash",
    PaymentMethod.UPI: "UPI",
    PaymentMethod.CARD: "Card",
    PaymentMethod.CHEQUE: "Cheque",
    PaymentMethod.BANK_TRANSFER: "Bank transfer",
}
_REFERENCE_NAMES = {
    PaymentMethod.UPI: "the UPI transaction ID",
    PaymentMethod.CARD: "the card approval code",
    PaymentMethod.CHEQUE: "the cheque number",
    PaymentMethod.BANK_TRANSFER: "the bank transfer reference (UTR)",
}


class RuleError(Refusal, ValueError):
    """A payment the rules refuse. ``str(error)`` is for the user, ``code`` for machines."""

    def __init__(self, message: str, *, code: str, msg: Msg | None = None,
                 values: tuple[object, ...] = ()) -> None:
        super().__init__(message, code, msg=msg, values=values)

    def as_dict(self) -> dict[str, str]:
        """The server's error body: ``{"code": ..., "message": ...}``."""
        return {"code": self.code, "message": self.message}


def _require_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be int paise, not {type(value).__name__}")
    return value


def is_outstanding(balance_paise: int) -> bool:
    """True when the customer owes ₹1.00 or more."""
    return _require_int(balance_paise, "balance_paise") >= OUTSTANDING_THRESHOLD_PAISE


def balance_change(amount_paise: int, charge_paise: int = 0) -> int:
    """How a payment moves the balance: a Recharge first charges the plan price
    (``charge_paise``), then the amount paid lowers what is owed. The one place this is said."""
    return _require_int(charge_paise, "charge_paise") - _require_int(amount_paise, "amount_paise")


def balance_after(balance_before_paise: int, amount_paise: int, charge_paise: int = 0) -> int:
    """The balance after a payment: ``before + charge - amount``."""
    return _require_int(balance_before_paise, "balance_before_paise") + balance_change(
        amount_paise, charge_paise
    )


def balance_before(balance_after_paise: int, amount_paise: int, charge_paise: int = 0) -> int:
    """The balance a payment started from, given the balance it left: the inverse of
    :func:`balance_after` (a Recharge's plan charge counts, or a reprint is off by it)."""
    return _require_int(balance_after_paise, "balance_after_paise") - balance_change(
        amount_paise, charge_paise
    )


def _options(outstanding: bool, prepaid: bool) -> list[PaymentOption]:
    if outstanding:
        return [PaymentOption.PAYMENT]
    if prepaid:
        return [PaymentOption.RECHARGE, PaymentOption.ADVANCE]
    return [PaymentOption.ADVANCE]


def payment_options(balance: Decimal | int, prepaid: bool) -> list[PaymentOption]:
    """Options to show, in order, for a balance in rupees (Decimal or int, never float)."""
    if isinstance(balance, bool) or not isinstance(balance, Decimal | int):
        raise TypeError(f"balance must be Decimal or int rupees, not {type(balance).__name__}")
    if isinstance(balance, Decimal) and not balance.is_finite():
        raise ValueError(f"balance must be a finite amount, not {balance}")
    threshold = Decimal(OUTSTANDING_THRESHOLD_PAISE).scaleb(-2)
    return _options(balance >= threshold, bool(prepaid))


def payment_options_paise(balance_paise: int, prepaid: bool) -> list[PaymentOption]:
    """Options to show, in order, for a balance in paise."""
    return _options(is_outstanding(balance_paise), bool(prepaid))


def recharge_prefill(plan_price_paise: int, balance_paise: int) -> int:
    """What a recharge asks for: the plan price less any advance credit, never below zero."""
    _require_int(plan_price_paise, "plan_price_paise")
    _require_int(balance_paise, "balance_paise")
    if plan_price_paise < 0:
        raise ValueError("plan_price_paise cannot be negative")
    credit = max(0, -balance_paise)
    return max(0, plan_price_paise - credit)


@dataclass(frozen=True)
class PaymentPreview:
    """What a checked payment will do to the balance; the dialog shows it before saving."""

    option: PaymentOption
    amount_paise: int
    balance_before_paise: int
    balance_after_paise: int
    remaining_due_paise: int
    """Still due after the payment when that is outstanding (>= ₹1.00), else 0."""
    credit_created_paise: int
    """New advance credit from an over-payment or an advance; never negative."""
    is_partial: bool
    """A Payment that leaves an amount outstanding."""
    needs_overpay_confirmation: bool
    """A Payment larger than the balance: ask before turning the excess into credit."""
    charge_paise: int
    """The plan price a Recharge charges; 0 for the other options."""


def _refuse_option(option: PaymentOption, balance_paise: int, prepaid: bool) -> RuleError:
    balance = format_inr(balance_paise)
    if option is PaymentOption.PAYMENT:
        return RuleError.of(Msg.NOT_OUTSTANDING, balance, code="not_outstanding")
    if option is PaymentOption.RECHARGE and not prepaid:
        return RuleError.of(Msg.POSTPAID_RECHARGE, code="postpaid_recharge")
    return RuleError.of(Msg.DUES_OPEN, balance, code="dues_open")


def check_payment(
    option: PaymentOption,
    amount_paise: int,
    *,
    balance_paise: int,
    prepaid: bool,
    plan_price_paise: int | None = None,
    ceiling_paise: int = DEFAULT_CEILING_PAISE,
) -> PaymentPreview:
    """Check a payment against the rules and preview its effect; raise RuleError if refused.

    Checks, in order: the option is offered for this balance; a Recharge has a plan; the
    amount is positive (a Recharge fully covered by credit takes 0) and within the ceiling;
    a Recharge amount equals ``recharge_prefill``.
    """
    option = PaymentOption(option)
    _require_int(amount_paise, "amount_paise")
    _require_int(balance_paise, "balance_paise")
    _require_int(ceiling_paise, "ceiling_paise")
    if option not in payment_options_paise(balance_paise, prepaid):
        raise _refuse_option(option, balance_paise, prepaid)

    charge = 0
    prefill = None
    if option is PaymentOption.RECHARGE:
        if plan_price_paise is None:
            raise RuleError.of(Msg.NO_PLAN, code="no_plan")
        prefill = recharge_prefill(plan_price_paise, balance_paise)
        charge = plan_price_paise

    if amount_paise < 0:
        raise RuleError.of(Msg.AMOUNT_NEGATIVE, code="amount_invalid")
    if amount_paise == 0 and prefill != 0:
        raise RuleError.of(Msg.AMOUNT_ZERO, code="amount_invalid")
    if amount_paise > ceiling_paise:
        raise RuleError.of(Msg.AMOUNT_OVER_LIMIT, format_inr(amount_paise),
                           format_inr(ceiling_paise), code="over_ceiling")
    if prefill is not None and amount_paise != prefill:
        credit = max(0, -balance_paise)
        raise RuleError.of(Msg.RECHARGE_AMOUNT, format_inr(prefill), format_inr(charge),
                           format_inr(credit), code="amount_mismatch")

    after = balance_after(balance_paise, amount_paise, charge)
    remaining = after if is_outstanding(after) else 0
    credit_created = max(0, max(0, -after) - max(0, -balance_paise))
    is_payment = option is PaymentOption.PAYMENT
    return PaymentPreview(
        option=option,
        amount_paise=amount_paise,
        balance_before_paise=balance_paise,
        balance_after_paise=after,
        remaining_due_paise=remaining,
        credit_created_paise=credit_created,
        is_partial=is_payment and remaining > 0,
        needs_overpay_confirmation=is_payment and amount_paise > balance_paise,
        charge_paise=charge,
    )




def validate_reference(method: PaymentMethod, reference: str) -> str:
    """Return the reference stripped; RuleError if a non-cash method has none or it is bad."""
    method = PaymentMethod(method)
    if reference is None:
        reference = ""
    if not isinstance(reference, str):
        raise TypeError(f"reference must be str, not {type(reference).__name__}")
    text = reference.strip()
    if not text and method.requires_reference:
        raise RuleError.of(Msg.REFERENCE_REQUIRED, _REFERENCE_NAMES[method], method.label,
                           code="reference_required")
    if len(text) > REFERENCE_MAX_CHARS:
        raise RuleError.of(Msg.REFERENCE_TOO_LONG, len(text), REFERENCE_MAX_CHARS,
                           code="reference_invalid")
    if not text.isprintable():
        raise RuleError.of(Msg.REFERENCE_CONTROL, code="reference_invalid")
    return text


def cash_change_due(amount_paise: int, tendered_paise: int) -> int:
    """Change to hand back for cash; RuleError if less than the amount was tendered."""
    _require_int(amount_paise, "amount_paise")
    _require_int(tendered_paise, "tendered_paise")
    if amount_paise < 0:
        raise RuleError.of(Msg.AMOUNT_NEGATIVE, code="amount_invalid")
    if tendered_paise < amount_paise:
        raise RuleError.of(Msg.TENDERED_SHORT, format_inr(tendered_paise),
                           format_inr(amount_paise), code="tendered_short")
    return tendered_paise - amount_paise
