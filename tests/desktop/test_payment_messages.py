"""Refusals from billing/ and db/ in the interface language: one table in the desktop words
each message id (billing.messages.Msg) or code; English stays the refusal's own text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from billing.messages import ENGLISH, Msg
from billing.money import AmountError, parse_amount
from billing.reversal import ReversalError
from billing.rules import RuleError, cash_change_due
from desktop.payments.messages import CODE_TEXTS, TEXTS, error_text
from tests.desktop.i18n_helpers import has_tamil, tamil

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "partner_desk_ta.ts"


def test_the_desktop_table_has_every_id_with_billings_english() -> None:
    assert TEXTS == ENGLISH


def test_every_message_and_code_is_translated_in_the_ts() -> None:
    done = {}
    for context in ET.parse(TS).getroot():
        name = context.findtext("name")
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None:
                done[(name, message.findtext("source"))] = translation.text or ""
    for text in TEXTS.values():
        assert has_tamil(done.get(("BillingMessage", text), "")), text
    for text in CODE_TEXTS.values():
        assert has_tamil(done.get(("RefusalCode", text), "")), text


def _refusal(call) -> Exception:
    with pytest.raises((AmountError, RuleError, ReversalError)) as caught:
        call()
    return caught.value


def test_english_shows_the_refusal_as_billing_words_it(qapp) -> None:
    exc = _refusal(lambda: cash_change_due(50_000, 10_000))
    assert error_text(exc) == str(exc)
    reversal = ReversalError("Receipt CBE01-000007 is already reversed.", code="already_reversed")
    assert error_text(reversal) == str(reversal)  # English keeps the receipt number


def test_tamil_words_the_refusal_with_its_values(qapp) -> None:
    with tamil(qapp):
        short = error_text(_refusal(lambda: cash_change_due(50_000, 10_000)))
        empty = error_text(_refusal(lambda: parse_amount("")))
        decimals = error_text(_refusal(lambda: parse_amount("12.345")))
        reversal = error_text(ReversalError("Receipt X is already reversed.",
                                            code="already_reversed"))
        unknown = error_text(RuntimeError("disk full"))
    assert has_tamil(short) and "₹100.00" in short and "₹500.00" in short
    assert empty == "தொகையை உள்ளிடவும்."
    assert has_tamil(decimals) and "3" in decimals and "three" not in decimals
    assert has_tamil(reversal)
    assert unknown == "disk full"


def test_an_id_the_table_does_not_know_falls_back_to_english(qapp) -> None:
    class Odd(ValueError):
        msg = "no_such_id"
        msg_values = ()

    with tamil(qapp):
        assert error_text(Odd("as billing said")) == "as billing said"
    assert Msg("amount_empty") is Msg.AMOUNT_EMPTY


def test_day_close_float_refusal_is_tamil(qtbot, qapp, ctx) -> None:
    """A translated window that shows a billing refusal words it by its id."""
    from desktop.payments.day_close import DayCloseDialog

    with tamil(qapp):
        dialog = DayCloseDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.opening_float.setText("12.345")
        assert dialog._float_paise() is None
        assert has_tamil(dialog.float_error.text()), dialog.float_error.text()
        dialog.close()


def test_a_wrong_approver_password_is_refused_in_tamil(qapp) -> None:
    from sync.approval import ApprovalRefused

    refused = ApprovalRefused("Wrong username or password for the approver.",
                              "invalid_credentials")
    assert error_text(refused) == str(refused)
    with tamil(qapp):
        assert "கடவுச்சொல்" in error_text(refused)


def test_the_servers_generic_codes_are_worded_in_tamil(qapp) -> None:
    """Every code a server refusal carries (server/errors.py, the routes) has a wording; a
    refusal made from an answer without the server's body (``http_<status>``) too."""
    from server.errors import _STATUS_CODES
    from sync.errors import ApiError
    from sync.reversal_requests import RequestRefused

    shown = {"not_found", "forbidden", "conflict", "invalid_request", "unauthorized",
             "device_mismatch", "resync", "locked_out", "too_many_requests", "too_large",
             "internal_error", "not_synced"}
    assert shown <= set(CODE_TEXTS)
    assert {"not_found", "forbidden", "conflict", "invalid_request", "unauthorized",
            "resync", "too_large"} <= set(_STATUS_CODES.values())
    refusals = [RequestRefused("No such reversal request.", "not_found"),
                ApiError(403, "forbidden", "Only an administrator may revoke tokens."),
                ApiError(502, "http_502", "The server answered 502.")]
    for refused in refusals:
        assert error_text(refused) == str(refused)  # English: the server's own sentence
    with tamil(qapp):
        for refused in refusals:
            assert has_tamil(error_text(refused)), refused
        assert "சர்வர்" in error_text(refusals[2])
        assert error_text(ApiError(418, "teapot", "I'm a teapot.")) == "I'm a teapot."
