"""Windows opened in English follow a language change while open (issue 19): the payments
register and the void / bounce dialog word their captions, buttons, headers, cells,
totals, refusals and status line anew when Settings switches to Tamil, and back.

(The void requests dialog's test is in test_void_requests.py: it needs that module's
server.)"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QPushButton

from billing.reversal import ReversalCause
from billing.rules import PaymentMethod
from desktop.payments.register import PaymentsRegister
from desktop.payments.register_model import COL_DATE, COL_METHOD, COL_STATUS, COL_TYPE
from desktop.payments.void_dialog import ReversalDialog
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_void import CHEQUE, _pay, cashier_ctx  # noqa: F401  (a fixture)

LEFT = Qt.MouseButton.LeftButton


def _language_changes() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def _caption(window, field) -> str:
    """The text of ``field``'s caption in its form."""
    for form in window.findChildren(QFormLayout):
        label = form.labelForField(field)
        if label is not None:
            return label.text()
    raise AssertionError(f"{field.objectName()} has no caption")


def test_an_open_register_switches_language(qtbot, qapp, cashier_ctx):  # noqa: F811
    ctx = cashier_ctx
    payment = _pay(ctx)  # taken today, pending sync
    window = PaymentsRegister(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        window.show()
    model, header = window.model, window.table.horizontalHeader()
    [row] = [i for i, r in enumerate(model.rows) if r.payment_uuid == payment.payment_uuid]
    assert window.windowTitle() == "Payments register"
    assert _caption(window, window.date_from) == "From:"
    assert window.reprint.text() == "&Reprint receipt"
    assert window.method.itemText(0) == "All" and window.method.itemText(1) == "Cash"
    assert model.headerData(COL_DATE, Qt.Orientation.Horizontal) == "Document Date"
    assert model.index(row, COL_STATUS).data() == "Pending sync"
    assert model.index(row, COL_TYPE).data() == "Postpaid"  # a payment on a postpaid account
    assert window.ptype.itemText(window.ptype.findData("prepaid")) == "Prepaid"
    assert " · total " in window.totals.text()
    heard: list[tuple] = []
    model.headerDataChanged.connect(lambda *args: heard.append(args))
    window.table.clearSelection()
    qtbot.mouseClick(window.reprint, LEFT)  # nothing chosen: the status line says so
    assert window.status.text() == "Select a payment to reprint its receipt."

    with tamil(qapp):
        _language_changes()
        assert window.windowTitle() == "கட்டணப் பதிவேடு"
        assert _caption(window, window.date_from) == "முதல்:"
        assert window.reprint.text() == "ரசீதை மீண்டும் அச்சிடு (&R)"
        assert window.method.itemText(0) == "அனைத்தும்"
        assert window.method.itemText(1) == "ரொக்கம்"
        assert heard, "the view is told to read the headers again"
        assert model.headerData(COL_DATE, Qt.Orientation.Horizontal) == "ஆவணத் தேதி"
        assert header.sectionSizeHint(COL_DATE) <= window.table.columnWidth(COL_DATE)
        assert model.index(row, COL_STATUS).data() == "ஒத்திசைவு நிலுவையில்"
        assert model.index(row, COL_METHOD).data() == "ரொக்கம்"
        assert model.index(row, COL_TYPE).data() == "போஸ்ட்பெய்டு"
        assert window.ptype.itemText(window.ptype.findData("prepaid")) == "ப்ரீபெய்டு"
        assert "மொத்தம்" in window.totals.text() and "total" not in window.totals.text()
        assert has_tamil(window.status.text())
        if os.environ.get("TAMIL_PREVIEW"):
            qtbot.wait(50)  # Qt's queued layout passes
            window.grab().save(os.path.join(os.environ["TAMIL_PREVIEW"], "register_live.png"))
    _language_changes()
    assert window.windowTitle() == "Payments register"
    assert " · total " in window.totals.text()
    assert window.status.text() == "Select a payment to reprint its receipt."
    window.close()


def test_an_open_void_dialog_switches_language_with_its_refusal(
        qtbot, qapp, cashier_ctx):  # noqa: F811
    ctx = cashier_ctx
    dialog = ReversalDialog(ctx, _pay(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    approve = dialog.findChild(QPushButton, "approveReversal")
    cancel = dialog.findChild(QPushButton, "cancelReversal")
    reason = dialog.findChild(QLineEdit, "reversalReason")
    assert approve.text() == "&Approve and void" and cancel.text() == "Cancel"
    assert dialog.windowTitle().startswith("Void payment — receipt")
    # The cashier approving their own void: refused, in English first.
    qtbot.keyClicks(reason, "wrong account")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "approverUser"), "cashier.cbe")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "approverPassword"), "cashier-demo")
    error = dialog.findChild(QLabel, "reversalError")
    qtbot.mouseClick(approve, LEFT)
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    english_error = error.text()
    assert not has_tamil(english_error)
    assert _caption(dialog, reason) == "&Reason:"

    with tamil(qapp):
        _language_changes()
        assert approve.text() == "ஒப்புதல் அளித்து செல்லாததாக்கு (&A)"
        assert cancel.text() == "ரத்துசெய்"
        assert _caption(dialog, reason) == "காரணம் (&R):"
        assert has_tamil(dialog.windowTitle())
        assert has_tamil(dialog.findChild(QLabel, "reversalPayment").text())
        assert has_tamil(dialog.findChild(QLabel, "reversalEffect").text())
        assert has_tamil(dialog.findChild(QLabel, "reversalHint").text())
        assert has_tamil(reason.placeholderText())
        assert has_tamil(error.text()), error.text()
        assert reason.text() == "wrong account"  # what was typed stays
        qtbot.wait(50)  # Qt's queued layout passes
        for button in dialog.findChildren(QPushButton):  # grown to the longer words
            assert button.width() >= button.sizeHint().width(), button.text()
        if os.environ.get("TAMIL_PREVIEW"):
            qtbot.wait(50)
            dialog.grab().save(os.path.join(os.environ["TAMIL_PREVIEW"], "void_live.png"))
    _language_changes()
    assert approve.text() == "&Approve and void"
    assert error.text() == english_error
    dialog.close()


def test_an_open_bounce_dialog_switches_language(qtbot, qapp, cashier_ctx):  # noqa: F811
    ctx = cashier_ctx
    payment = _pay(ctx, method=PaymentMethod.CHEQUE, reference=CHEQUE)
    dialog = ReversalDialog(ctx, payment, ReversalCause.BOUNCE)
    qtbot.addWidget(dialog)
    dialog.show()
    approve = dialog.findChild(QPushButton, "approveReversal")
    assert approve.text() == "&Approve: cheque bounced"
    with tamil(qapp):
        _language_changes()
        assert has_tamil(approve.text()) and "(&A)" in approve.text()
        assert has_tamil(dialog.windowTitle())
    _language_changes()
    assert approve.text() == "&Approve: cheque bounced"
    dialog.close()
