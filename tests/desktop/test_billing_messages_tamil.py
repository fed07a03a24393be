"""Messages made below the desktop, shown in Tamil (issue 19): the due list's "Why", the
GSTIN refusals of GST settings, the staff PIN rules of Settings and the server's refusals
in the void requests dialog. Each carries a message id (billing.messages.Msg) or a code that
desktop/payments/messages.py words; English stays exactly what billing wrote."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from billing.messages import Msg, english
from db.due_list_query import DueRow
from desktop.kiosk.pin import PinError, check_pin_shape
from desktop.payments.due_list import COLUMNS, DueListWindow, reason_text
from desktop.payments.messages import error_text
from tests.conftest import DEMO_TODAY
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_payment_support import pick_account, set_account

WHY = COLUMNS.index("Why")


def _why_cells(window: DueListWindow) -> dict[int, str]:
    return {row.account_id: window.table.item(i, WHY).text()
            for i, row in enumerate(window.rows)}


def test_the_due_lists_why_column_is_tamil(qtbot, qapp, ctx) -> None:
    expired = pick_account(ctx, prepaid=True)
    set_account(ctx, expired, balance_paise=0, plan_expiry=DEMO_TODAY - timedelta(days=1))
    window = DueListWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    day = DEMO_TODAY - timedelta(days=1)
    english_why = _why_cells(window)
    assert english_why[expired] == f"plan expired {day:%d %b %Y}"  # as before
    assert all(not has_tamil(text) for text in english_why.values())
    with tamil(qapp):  # the open window words its rows again
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        cells = _why_cells(window)
        assert cells[expired] == f"திட்டம் {day.day:02d} நவ. {day.year} அன்று காலாவதியானது"
        for account_id, text in cells.items():
            assert has_tamil(text) and "invoice" not in text and "plan" not in text, \
                (account_id, text)
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert _why_cells(window) == english_why
    window.close()


@pytest.mark.parametrize(("why", "values", "tamil_words"), [
    (Msg.DUE_PLAN_EXPIRES_TODAY, (), "திட்டம் இன்று காலாவதியாகிறது"),
    (Msg.DUE_INVOICE_AFTER_GRACE, (date(2026, 11, 5),),
     "05 நவ. 2026 தேதியிட்ட விலைப்பட்டியல் சலுகைக் காலத்துக்குப் பின்னும் செலுத்தப்படவில்லை"),
    (Msg.DUE_INVOICE_LAST_DAY, (date(2026, 11, 12),),
     "12 நவ. 2026 தேதியிட்ட விலைப்பட்டியல்: செலுத்தக் கடைசி நாள்"),
    (Msg.DUE_INVOICE_DAYS_LEFT, (date(2026, 11, 13), 2),
     "13 நவ. 2026 தேதியிட்ட விலைப்பட்டியல்: செலுத்த 2 நாட்கள் உள்ளன"),
])
def test_every_due_reason_in_both_languages(qapp, why, values, tamil_words) -> None:
    english_text = english(why, *(f"{v:%d %b %Y}" if isinstance(v, date) else v
                                  for v in values))
    row = DueRow("c", 1, "n", "m", False, 0, DEMO_TODAY, english_text, None,  # type: ignore
                 why, values)
    assert reason_text(row) == english_text
    with tamil(qapp):
        assert reason_text(row) == tamil_words


def test_a_bad_gstin_is_refused_in_tamil_in_gst_settings(qtbot, qapp, ctx) -> None:
    from desktop.documents.gst_settings import GstSettingsDialog

    with tamil(qapp):
        dialog = GstSettingsDialog(ctx.settings)
        qtbot.addWidget(dialog)
        dialog.show()
        gstin = dialog.findChild(QLineEdit, "gstGstin")
        error = dialog.findChild(QLabel, "gstSettingsError")
        gstin.clear()
        qtbot.keyClicks(gstin, "33AACCM9093R1Z")  # 14 characters
        assert error.text() == ("GSTIN இல் 14 எழுத்துகள் உள்ளன; GSTIN இல் சரியாக 15 இருக்கும், "
                                "எ.கா. 33AACCM9093R1ZP.")
        gstin.clear()
        qtbot.keyClicks(gstin, "33AACCM9093R1ZQ")  # wrong check character
        assert has_tamil(error.text()) and "33AACCM9093R1ZQ" in error.text()
        assert "check character" not in error.text()
        dialog.close()


def test_staff_pin_rules_are_tamil_in_settings(qtbot, qapp, data_dir) -> None:
    from desktop.settings.dialog import SettingsDialog
    from desktop.settings.store import open_settings

    with pytest.raises(PinError) as caught:
        check_pin_shape("12")
    assert str(caught.value) == "Use 4 to 12 digits for the staff PIN."  # English as before
    with tamil(qapp):
        dialog = SettingsDialog(open_settings(data_dir))
        qtbot.addWidget(dialog)
        dialog.open()
        for typed, words in (("12", "பணியாளர் PIN க்கு 4 முதல் 12 இலக்கங்களைப் பயன்படுத்தவும்."),
                             ("12a4", "பணியாளர் PIN இலக்கங்கள் மட்டுமே.")):
            for name in ("settingsKioskPin", "settingsKioskPinConfirm"):
                field = dialog.findChild(QLineEdit, name)
                field.clear()
                qtbot.keyClicks(field, typed)
            error = dialog.findChild(QLabel, "settingsError").text()
            assert words in error, error
        dialog.reject()



def test_a_malformed_upi_id_is_refused_in_tamil_in_settings(qtbot, qapp, data_dir) -> None:
    """The UPI ID's refusal is worded in the interface language like every other field's
    (it was billing's English text on a Tamil screen), and nothing can be saved."""
    from desktop.settings.dialog import SettingsDialog
    from desktop.settings.store import open_settings

    with tamil(qapp):
        dialog = SettingsDialog(open_settings(data_dir))
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsUpiVpa"), "terabyte cbe")
        error = dialog.findChild(QLabel, "settingsError").text()
        assert "யுபிஐ ஐடி name@bank போல இருக்க வேண்டும்" in error, error
        assert "is not a UPI ID" not in error
        assert not dialog.findChild(QPushButton, "settingsSave").isEnabled()
        dialog.reject()

def test_the_server_unreachable_refusal_of_void_requests_is_tamil(qtbot, qapp, ctx) -> None:
    from desktop.payments.void_requests import VoidRequestsDialog
    from sync.reversal_requests import RequestRefused

    assert ctx.sync is None  # signed in offline: the list needs the server
    with tamil(qapp):
        dialog = VoidRequestsDialog(ctx)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=10_000):
            dialog.show()
        status = dialog.findChild(QLabel, "voidRequestsStatus").text()
        assert "சர்வர்" in status and "server" not in status, status
        dialog.close()
    refused = RequestRefused("Listing requests needs the server; sign in online first.",
                             "offline")
    assert error_text(refused) == str(refused)  # English: the refusal's own words


def test_an_empty_card_field_is_named_in_tamil(qtbot, qapp, ctx) -> None:
    """billing puts "(empty)" in a refusal for a field left empty; in Tamil the desk words
    it too, not only the sentence around it."""
    from billing.rules import PaymentMethod
    from tests.desktop.test_payment_references import _dialog, _error, _field

    with tamil(qapp):
        _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CARD)
        qtbot.keyClicks(_field(dialog, "referenceField"), "a1b2c3")  # no last 4 digits
        said = _error(dialog)
        assert has_tamil(said) and "(காலி)" in said and "(empty)" not in said
        qtbot.keyClicks(_field(dialog, "cardLast4Field"), "42")
        assert has_tamil(_error(dialog)) and "42" in _error(dialog)
        dialog.close()
    _flow, dialog = _dialog(qtbot, ctx, PaymentMethod.CARD, nth=1)
    qtbot.keyClicks(_field(dialog, "referenceField"), "a1b2c3")
    assert _error(dialog).startswith("Card last digits (empty):")  # English as billing wrote
    dialog.close()
