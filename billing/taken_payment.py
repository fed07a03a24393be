"""How money already taken at a counter is applied to the ledger's balance (the server's
side of a payment): dues first, the rest as advance credit; refused only for what no
cashier could have taken. What the counter may offer before the money changes hands is
:func:`billing.rules.check_payment`; both sides use the same options and limits from
:mod:`billing.rules`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from billing.money import DEFAULT_CEILING_PAISE, format_inr
from billing.rules import (
    OUTSTANDING_THRESHOLD_PAISE,
    PaymentOption,
    RuleError,
    _refuse_option,  # the refusal check_payment gives for an option the account lacks
    _require_int,  # the int-paise check every rule of billing.rules applies first
    balance_after,
    recharge_prefill,
)

__all__ = ["TakenPayment", "applied_as_label", "apply_taken_payment"]


@dataclass(frozen=True)
class TakenPayment:
    """How money already taken at a counter is applied to the ledger's balance.

    ``kind`` is ``"payment"`` (all of it to dues), ``"advance"`` (all of it to credit),
    ``"payment_and_advance"`` (dues first, the rest as credit) or ``"recharge"`` (the plan
    is extended for ``charge_paise``; the amount then lowers the balance like any payment).
    """

    kind: str
    amount_paise: int
    charge_paise: int
    balance_before_paise: int
    balance_after_paise: int
    dues_paid_paise: int
    """What went to what was owed (the plan charge included, for a Recharge)."""
    credit_paise: int
    """What became advance credit."""


_KIND_LABELS = {
    "payment": "payment",
    "advance": "advance",
    "payment_and_advance": "payment, the rest as advance",
    "recharge": "recharge",
}


def _apply(option: PaymentOption, amount_paise: int, balance_paise: int,
           charge_paise: int) -> TakenPayment:
    owed = max(0, balance_paise + charge_paise)
    if owed < OUTSTANDING_THRESHOLD_PAISE and option is not PaymentOption.RECHARGE:
        owed = 0  # rounding dust is not a due (is_outstanding)
    dues_paid = min(amount_paise, owed)
    credit = amount_paise - dues_paid
    if option is PaymentOption.RECHARGE:
        kind = "recharge"
    elif credit == 0:
        kind = "payment"
    elif dues_paid == 0:
        kind = "advance"
    else:
        kind = "payment_and_advance"
    return TakenPayment(
        kind=kind,
        amount_paise=amount_paise,
        charge_paise=charge_paise,
        balance_before_paise=balance_paise,
        balance_after_paise=balance_after(balance_paise, amount_paise, charge_paise),
        dues_paid_paise=dues_paid,
        credit_paise=credit,
    )


def apply_taken_payment(
    option: PaymentOption,
    amount_paise: int,
    *,
    balance_paise: int,
    prepaid: bool,
    charge_paise: int | None = 0,
    counter_balance_paise: int | None = None,
    ceiling_paise: int = DEFAULT_CEILING_PAISE,
) -> tuple[TakenPayment, TakenPayment | None]:
    """Apply a payment that was taken and recorded at a counter; RuleError only for what
    no cashier could have taken.

    The options (:func:`billing.rules.payment_options_paise`,
    :func:`billing.rules.check_payment`) decide what the dialog offers; once money is
    recorded it is applied by rule, never refused for the balance having moved: dues first,
    the rest as advance credit. A Recharge charges ``charge_paise``, the plan price recorded
    at the counter, whatever the plan costs now; any difference stays on the balance; None
    means no plan was chosen.

    Returns ``(applied, counter)``: how it is applied on ``balance_paise``, and, when that
    differs from what the cashier's preview on ``counter_balance_paise`` said, how the
    counter would have applied it (else None). Without a counter balance the preview is
    taken to be the option itself (a Payment to dues, an Advance to credit).

    Refused: a negative amount, zero (except a Recharge the counter's credit covered
    whole), over ``ceiling_paise``, a Recharge on a postpaid account, with a negative or
    over-ceiling charge, or whose amount is not what the counter asked
    (:func:`recharge_prefill` on the counter's balance).
    """
    option = PaymentOption(option)
    _require_int(amount_paise, "amount_paise")
    _require_int(balance_paise, "balance_paise")
    _require_int(ceiling_paise, "ceiling_paise")
    if counter_balance_paise is not None:
        _require_int(counter_balance_paise, "counter_balance_paise")
    if option is PaymentOption.RECHARGE:
        if not prepaid:
            raise _refuse_option(option, balance_paise, prepaid)
        if charge_paise is None:
            raise RuleError("Choose a plan to recharge.", code="no_plan")
        _require_int(charge_paise, "charge_paise")
        if not 0 <= charge_paise <= ceiling_paise:
            raise RuleError("The plan charge of a Recharge must be 0 to the limit of "
                            f"{format_inr(ceiling_paise)}.", code="amount_invalid")
    elif charge_paise:
        raise RuleError("Only a Recharge charges a plan.", code="amount_invalid")
    else:
        charge_paise = 0
    if amount_paise < 0:
        raise RuleError("Amount cannot be negative.", code="amount_invalid")
    if amount_paise == 0:
        covered = (
            option is PaymentOption.RECHARGE
            and counter_balance_paise is not None
            and recharge_prefill(charge_paise, counter_balance_paise) == 0
        )
        if not covered:
            raise RuleError("Amount must be more than zero.", code="amount_invalid")
    if amount_paise > ceiling_paise:
        raise RuleError(
            f"Amount {format_inr(amount_paise)} is over the limit of {format_inr(ceiling_paise)}.",
            code="over_ceiling",
        )
    if option is PaymentOption.RECHARGE and counter_balance_paise is not None:
        prefill = recharge_prefill(charge_paise, counter_balance_paise)
        if amount_paise != prefill:
            raise RuleError(
                f"Recharge amount must be {format_inr(prefill)}: plan price "
                f"{format_inr(charge_paise)} less the advance credit the counter showed.",
                code="amount_mismatch",
            )
    applied = _apply(option, amount_paise, balance_paise, charge_paise)
    if counter_balance_paise is not None:
        counter = _apply(option, amount_paise, counter_balance_paise, charge_paise)
        same = counter.kind == applied.kind
        if option is PaymentOption.RECHARGE:
            same = counter.balance_after_paise == applied.balance_after_paise
        return applied, None if same else counter
    natural = {PaymentOption.PAYMENT: ("payment", "payment_and_advance"),
               PaymentOption.ADVANCE: ("advance",), PaymentOption.RECHARGE: ("recharge",)}
    if applied.kind in natural[option]:
        return applied, None
    kind = natural[option][0]
    return applied, dataclasses.replace(applied, kind=kind)


def applied_as_label(kind: str) -> str:
    """How an applied kind reads in a notice: "advance", "payment, the rest as advance"."""
    return _KIND_LABELS.get(kind, kind)
