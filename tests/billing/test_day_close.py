"""The day close report (billing.day_close): what the desk builds, the server accepts; a
report whose figures do not add up is refused with what is wrong."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from billing.day_close import (
    DENOMINATIONS_PAISE,
    CloseError,
    ClosePayment,
    check_report,
    close_report,
    gst_per_method,
)
from billing.rules import PaymentMethod
from billing.tax import split_inclusive

methods = st.sampled_from([m.value for m in PaymentMethod])
payments = st.lists(st.builds(ClosePayment, st.text(min_size=1, max_size=12), methods,
                              st.integers(1, 10_000_000), st.none()), max_size=20)


def build(counts: dict[int, int], opening: int, paid_out: int,
          taken: list[ClosePayment]) -> dict[str, Any]:
    totals: dict[str, int] = {}
    for p in taken:
        totals[p.method] = totals.get(p.method, 0) + p.amount_paise
    return close_report(
        session_id=7, branch_id=1, counted_by="cashier.cbe", opened_at=1_000,
        closed_at=2_000, denominations=counts, opening_float_paise=opening,
        cash_payments_paise=totals.get("cash", 0), paid_out_paise=paid_out,
        method_totals=totals, payment_count=len(taken), payments=taken,
        unsynced_at_close=len(taken) // 2, gst_basis=("33", 1800))


@given(st.dictionaries(st.sampled_from(DENOMINATIONS_PAISE), st.integers(0, 500)),
       st.integers(0, 1_000_000), st.integers(0, 1_000_000), payments)
def test_every_report_the_desk_builds_adds_up(counts: dict[int, int], opening: int,
                                              paid_out: int, taken: list[ClosePayment]) -> None:
    body = build(counts, opening, paid_out, taken)
    report = check_report(body)
    assert report.counted_paise == sum(v * n for v, n in counts.items())
    cash = sum(p.amount_paise for p in taken if p.method == "cash")
    assert report.expected_paise == opening + cash - paid_out
    assert report.difference_paise == report.counted_paise - report.expected_paise
    assert body["voids"] == []


@given(st.sampled_from(["counted_paise", "expected_paise", "difference_paise",
                        "cash_payments_paise", "opening_float_paise"]),
       st.integers(1, 10_000))
def test_a_changed_figure_is_refused(field: str, delta: int) -> None:
    body = build({50_000: 2}, 10_000, 0, [ClosePayment("R1", "cash", 5_000, None)])
    body[field] += delta
    with pytest.raises(CloseError):
        check_report(body)


@pytest.mark.parametrize("spoil, words", [
    (lambda b: b["denominations"].update({"70000": 1}), "not a note or coin"),
    (lambda b: b.update(paid_out_paise=1.5), "paid_out_paise must be a whole number"),
    (lambda b: b.update(payment_count=True), "payment_count must be a whole number"),
    (lambda b: b["method_totals"].update(gold=1), "method_totals must map"),
    (lambda b: b.update(voids=[{"receipt_number": "R1"}]), "each void needs"),
    (lambda b: b.update(voids=[{"receipt_number": "R1", "method": "cash", "cause": "void",
                                "amount_paise": -5}]), "amount_paise in voids"),
    (lambda b: b.update(references="none"), "references must be a list"),
    (lambda b: b.update(counted_by=""), "counted_by must be text"),
    (lambda b: b.update(unsynced_at_close=9), "unsynced_at_close is more than"),
    (lambda b: b.update(opened_at=3_000), "opened_at is after closed_at"),
    (lambda b: b["gst"]["per_method"]["cash"].update(cgst_paise=-1), "cgst_paise in gst"),
])
def test_a_broken_report_says_what_is_wrong(spoil: Any, words: str) -> None:
    body = build({50_000: 2}, 10_000, 0, [ClosePayment("R1", "cash", 5_000, None)])
    check_report(copy.deepcopy(body))
    spoil(body)
    with pytest.raises(CloseError, match=words):
        check_report(body)


def test_references_and_gst_per_method() -> None:
    taken = [ClosePayment("R1", "upi", 11_800, "412345678901"),
             ClosePayment("R2", "cheque", 23_600, "123456 / SBI / 2026-11-27"),
             ClosePayment("R3", "cash", 500, None),
             ClosePayment("R4", "upi", 100, "412345678902")]
    body = build({}, 0, 0, taken)
    assert body["references"] == [
        {"receipt_number": "R1", "method": "upi", "amount_paise": 11_800,
         "utr": "412345678901"},
        {"receipt_number": "R2", "method": "cheque", "amount_paise": 23_600,
         "cheque_number": "123456", "bank": "SBI", "cheque_date": "2026-11-27"},
        {"receipt_number": "R4", "method": "upi", "amount_paise": 100,
         "utr": "412345678902"}]
    gst = gst_per_method(taken, "33", 1800)
    assert list(gst) == ["cash", "upi", "cheque"]  # in PaymentMethod order
    assert gst["upi"]["amount_paise"] == 11_900
    one = split_inclusive(11_800, place_of_supply="33", supplier_state="33", rate_bp=1800)
    two = split_inclusive(100, place_of_supply="33", supplier_state="33", rate_bp=1800)
    assert gst["upi"]["taxable_paise"] == one.taxable_paise + two.taxable_paise
    assert gst["upi"]["cgst_paise"] + gst["upi"]["sgst_paise"] + gst["upi"]["taxable_paise"] \
        == 11_900
    assert body["gst"]["per_method"] == gst and body["gst"]["error"] is None
