"""A supervisor decides a cashier's void request at their own desk (issue 16): the cashier
sends it from the void dialog (``sendRequest``), the supervisor's ``voidRequestsDialog``
lists it from the real server and Approve reverses the payment there, once; a request
decided meanwhile is refused with the reason; the requester cannot decide their own.

Set VOID_REQUESTS_SCREENSHOT=1 to write docs/screenshots/void-requests.png."""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableWidget
from sqlalchemy import text

from billing.documents import DocumentKind
from billing.roles import Role
from db.document_numbers import series_counter
from db.reversals_local import find_payment
from desktop.accounts.main_window import MainWindow
from desktop.documents.gst_settings import KEYS
from desktop.documents.viewer import GstDocumentViewer
from desktop.payments.void_dialog import ReversalDialog
from desktop.payments.void_requests import VoidRequestsDialog
from desktop.sync.engine import SyncEngine
from server.config import Settings
from server.embedded import EmbeddedServer, start_server
from sync.client import SyncClient
from sync.cycle import SyncCycle
from sync.user import CurrentUser
from tests.conftest import DEMO_TODAY
from tests.desktop.conftest import make_context
from tests.desktop.i18n_helpers import has_tamil, tamil

LEFT = Qt.MouseButton.LeftButton
SHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "void-requests.png"
NOON = datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 6, 30, tzinfo=UTC)
CASHIER = CurrentUser("cashier.cbe", "Ravi Cashier", Role.CASHIER, branch_id=1)


class _Clock:
    def __call__(self) -> datetime:
        return NOON


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    url = f"sqlite:///{tmp_path_factory.mktemp('requests') / 'server.sqlite3'}"
    handle = start_server(url, 120, settings=Settings(
        db_url=url, clock=_Clock(), lifecycle_interval_seconds=0, scrypt_n=2**12))
    yield handle
    handle.stop()


def _sql(server: EmbeddedServer, query: str, **params: Any) -> list[Any]:
    with server.database.write.begin() as conn:
        return list(conn.execute(text(query), params).all())


def _sign_in(ctx: Any, server: EmbeddedServer, username: str, password: str) -> None:
    client = SyncClient(server.url)
    client.sign_in(username, password)
    ctx.sync = SyncEngine(ctx, client, live=False)


@pytest.fixture
def cashier(qapp: Any, tmp_path: Path, server: EmbeddedServer) -> Iterator[Any]:
    folder = tmp_path / "cashier"
    folder.mkdir()
    context = make_context(folder, None, qapp, user=CASHIER)
    _sign_in(context, server, "cashier.cbe", "cashier-demo")
    yield context
    context.tasks.wait_idle()
    context.sync.client.close()
    context.cache_engine.dispose()
    context.outbox.engine.dispose()
    context.sync = None
    gc.collect()  # its engine's QTimer dies here, on the GUI thread, not in a later worker


@pytest.fixture
def staff(ctx: Any, server: EmbeddedServer) -> Iterator[Any]:
    _sign_in(ctx, server, "staff.cbe", "staff-demo")
    yield ctx
    ctx.tasks.wait_idle()
    ctx.sync.client.close()
    ctx.sync = None
    gc.collect()  # as above


def _taken(cashier: Any, server: EmbeddedServer, amount: int = 35_000) -> str:
    """A cash payment the cashier took in this session and the server has."""
    [account] = _sql(server, "SELECT id, balance_paise FROM accounts WHERE branch_id = 1 "
                     "AND status != 'Terminated' AND id NOT IN (SELECT account_id FROM "
                     "payments WHERE receipt_number LIKE 'D%') ORDER BY id LIMIT 1")
    payload = {"option": "payment", "method": "cash", "reference": None,
               "amount_paise": amount, "plan_id": None, "charge_paise": 0,
               "balance_before_paise": account.balance_paise,
               "taken_at": int(NOON.timestamp()), "branch_id": 1, "tendered_paise": None}
    m = cashier.outbox.enqueue_payment(account_id=account.id, payload=payload,
                                       created_by="cashier.cbe", mutation_id=str(uuid.uuid4()))
    assert SyncCycle(cashier.sync.client, cashier.cache_engine, cashier.outbox).push() == \
        {"applied": 1}
    return m.mutation_id


def _send_request(qtbot: Any, cashier: Any, payment_uuid: str, reason: str) -> None:
    payment = find_payment(cashier.cache_engine, cashier.outbox, payment_uuid)
    assert payment is not None
    dialog = ReversalDialog(cashier, payment)
    qtbot.addWidget(dialog)
    dialog.show()
    send = dialog.findChild(QPushButton, "sendRequest")
    assert not send.isEnabled()  # a reason first
    qtbot.keyClicks(dialog.findChild(QLineEdit, "reversalReason"), reason)
    assert send.isEnabled()
    with qtbot.waitSignal(cashier.events.notice, timeout=10_000) as notice:
        qtbot.mouseClick(send, LEFT)
    assert "sent to a supervisor" in notice.args[0]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def _open(qtbot: Any, ctx: Any) -> VoidRequestsDialog:
    dialog = VoidRequestsDialog(ctx)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def _select(qtbot: Any, dialog: VoidRequestsDialog, receipt: str) -> None:
    table = dialog.findChild(QTableWidget, "voidRequestsTable")
    [row] = [r for r in range(table.rowCount()) if table.item(r, 0).text() == receipt]
    rect = table.visualItemRect(table.item(row, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert dialog.selected() is not None and dialog.selected().receipt_number == receipt


def _reversals(server: EmbeddedServer, payment_uuid: str) -> int:
    return _sql(server, "SELECT count(*) FROM payment_reversals r JOIN payments p ON "
                "p.id = r.payment_id WHERE p.payment_uuid = :u", u=payment_uuid)[0][0]


def test_the_supervisor_approves_at_their_desk_and_the_payment_is_reversed_once(
        qtbot: Any, cashier: Any, staff: Any, server: EmbeddedServer) -> None:
    payment_uuid = _taken(cashier, server)
    receipt = cashier.outbox.get(payment_uuid).payload["receipt_number"]
    _send_request(qtbot, cashier, payment_uuid, "wrong account")
    assert _reversals(server, payment_uuid) == 0  # waits for the supervisor

    first = _open(qtbot, staff)
    second = _open(qtbot, staff)  # an older list, still showing the request
    _select(qtbot, first, receipt)
    table = first.findChild(QTableWidget, "voidRequestsTable")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == receipt)
    assert table.item(row, 4).text() == "wrong account"
    assert table.item(row, 5).text() == "cashier.cbe"
    if os.environ.get("VOID_REQUESTS_SCREENSHOT"):
        qtbot.wait(100)
        first.grab().save(str(SHOT))
    with qtbot.waitSignal(first.decided, timeout=10_000) as decided:
        qtbot.mouseClick(first.findChild(QPushButton, "approveRequestButton"), LEFT)
    assert decided.args[0].state == "approved"
    status = first.findChild(QLabel, "voidRequestsStatus").text()
    assert f"Receipt {receipt} reversed (REV/" in status
    assert _reversals(server, payment_uuid) == 1
    assert receipt not in [first.findChild(QTableWidget, "voidRequestsTable").item(r, 0).text()
                           for r in range(table.rowCount())]

    # The second list still offers it: the server refuses, with the reason, and nothing
    # is reversed twice.
    _select(qtbot, second, receipt)
    qtbot.mouseClick(second.findChild(QPushButton, "approveRequestButton"), LEFT)
    label = second.findChild(QLabel, "voidRequestsStatus")
    qtbot.waitUntil(lambda: "already approved" in label.text(), timeout=10_000)
    assert _reversals(server, payment_uuid) == 1
    first.close()
    second.close()


def test_declining_reverses_nothing(qtbot: Any, cashier: Any, staff: Any,
                                    server: EmbeddedServer) -> None:
    payment_uuid = _taken(cashier, server, 12_000)
    receipt = cashier.outbox.get(payment_uuid).payload["receipt_number"]
    _send_request(qtbot, cashier, payment_uuid, "customer changed their mind")
    dialog = _open(qtbot, staff)
    _select(qtbot, dialog, receipt)
    with qtbot.waitSignal(dialog.decided, timeout=10_000) as decided:
        qtbot.mouseClick(dialog.findChild(QPushButton, "declineRequestButton"), LEFT)
    assert decided.args[0].state == "declined"
    assert "request declined; nothing reversed" in \
        dialog.findChild(QLabel, "voidRequestsStatus").text()
    assert _reversals(server, payment_uuid) == 0
    dialog.close()


def test_the_menu_entry_is_for_supervisors_and_a_cashier_lists_only_their_own(
        qtbot: Any, qapp: Any, tmp_path: Path, demo_cache_template: Path, cashier: Any,
        staff: Any) -> None:
    folder = tmp_path / "counter"
    folder.mkdir()
    counter = make_context(folder, demo_cache_template, qapp, user=CASHIER)
    window = MainWindow(counter)
    qtbot.addWidget(window)
    # a cashier follows the requests they sent (the server lists their own)
    assert window.findChild(QAction, "openVoidRequests").isVisible()
    window.close()
    counter.tasks.wait_idle()
    counter.cache_engine.dispose()
    counter.outbox.engine.dispose()
    dialog = _open(qtbot, cashier)  # the server lists a cashier's own requests only
    assert all(r.requested_by == "cashier.cbe" for r in dialog.requests)
    assert not dialog.findChild(QPushButton, "approveRequestButton").isVisible()
    assert not dialog.findChild(QPushButton, "declineRequestButton").isVisible()
    dialog.close()
    supervisor = MainWindow(staff)
    qtbot.addWidget(supervisor)
    supervisor.show()
    action = supervisor.findChild(QAction, "openVoidRequests")
    assert action.isVisible()
    action.trigger()
    opened = supervisor.findChild(VoidRequestsDialog, "voidRequestsDialog")
    assert opened is not None
    qtbot.waitUntil(lambda: opened.findChild(QLabel, "voidRequestsStatus").text() != ""
                    and "Asking" not in opened.findChild(QLabel, "voidRequestsStatus").text(),
                    timeout=10_000)
    action.trigger()  # brought forward, not opened twice
    assert len(supervisor.findChildren(VoidRequestsDialog, "voidRequestsDialog")) == 1
    opened.close()
    supervisor.close()


def test_an_open_void_requests_dialog_switches_language(
        qtbot: Any, qapp: Any, cashier: Any, staff: Any, server: EmbeddedServer) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.payments.void_requests import COL_WHAT
    from tests.desktop.i18n_helpers import has_tamil, tamil

    payment_uuid = _taken(cashier, server, 9_000)
    receipt = cashier.outbox.get(payment_uuid).payload["receipt_number"]
    _send_request(qtbot, cashier, payment_uuid, "wrong amount")
    dialog = _open(qtbot, staff)
    table = dialog.findChild(QTableWidget, "voidRequestsTable")
    status = dialog.findChild(QLabel, "voidRequestsStatus")
    approve = dialog.findChild(QPushButton, "approveRequestButton")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == receipt)
    assert dialog.windowTitle() == "Void requests"
    assert table.horizontalHeaderItem(0).text() == "Receipt"
    assert table.item(row, COL_WHAT).text() == "Void"
    assert approve.text() == "&Approve and reverse"
    assert "waiting" in status.text()
    english_status = status.text()

    with tamil(qapp):
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert dialog.windowTitle() == "செல்லாததாக்கக் கோரிக்கைகள்"
        assert table.horizontalHeaderItem(0).text() == "ரசீது"
        assert table.horizontalHeaderItem(COL_WHAT).text() == "கோரியது"
        assert table.item(row, COL_WHAT).text() == "செல்லாததாக்கு"
        assert approve.text() == "ஒப்புதல் அளித்துத் திரும்பப் பெறு (&A)"
        assert dialog.findChild(QPushButton, "closeRequestsButton").text() == "மூடு"
        assert has_tamil(dialog.findChild(QLabel, "voidRequestsIntro").text())
        assert has_tamil(status.text()) and "waiting" not in status.text()
        assert table.item(row, 4).text() == "wrong amount"  # data stays as typed
        qtbot.wait(50)  # Qt's queued layout passes
        for button in dialog.findChildren(QPushButton):
            if button.isVisible():  # a supervisor's dialog hides the cashier's button
                assert button.width() >= button.sizeHint().width(), button.text()
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert table.item(row, COL_WHAT).text() == "Void"
    assert status.text() == english_status
    dialog.close()


def test_a_request_gone_from_the_server_is_refused_in_tamil(
        qtbot: Any, qapp: Any, cashier: Any, staff: Any, server: EmbeddedServer) -> None:
    """The supervisor's list still shows a request the server no longer has: Approve gets
    the server's 404 ``not_found`` over HTTP, shown by its code in Tamil; nothing reversed."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from tests.desktop.i18n_helpers import has_tamil, tamil

    payment_uuid = _taken(cashier, server, 7_000)
    receipt = cashier.outbox.get(payment_uuid).payload["receipt_number"]
    _send_request(qtbot, cashier, payment_uuid, "typed the wrong amount")
    dialog = _open(qtbot, staff)
    _select(qtbot, dialog, receipt)
    with server.database.write.begin() as conn:  # gone from the server meanwhile
        conn.execute(text("DELETE FROM reversal_requests WHERE payment_uuid = :u"),
                     {"u": payment_uuid})
    status = dialog.findChild(QLabel, "voidRequestsStatus")
    with tamil(qapp):
        qtbot.mouseClick(dialog.findChild(QPushButton, "approveRequestButton"), LEFT)
        qtbot.waitUntil(lambda: "சர்வரில் இல்லை" in status.text(), timeout=10_000)
        assert status.text() == (
            "இது சர்வரில் இல்லை (இன்னும் ஒத்திசைக்கப்படாமல் இருக்கலாம், அல்லது "
            "நீக்கப்பட்டிருக்கலாம்). ஒத்திசைத்து, புதுப்பித்து, மீண்டும் முயற்சிக்கவும்.")
        assert has_tamil(status.text()) and "No such" not in status.text()
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert status.text() == "No such reversal request."  # English: the server's own words
    assert _reversals(server, payment_uuid) == 0
    dialog.close()


GST = {"legal_name": "Terabyte Broadband Private Limited", "gstin": "33AACCM9093R1ZP",
       "address": "12 Avinashi Road\nCoimbatore 641018", "state": "33", "sac": "998422",
       "rate": "18"}


def _numbers(ctx: Any) -> int:
    """Credit notes this desk numbered in the demo date's financial year."""
    return series_counter(ctx.outbox, DocumentKind.CREDIT_NOTE, NOON.date())


def _document(qtbot: Any, dialog: VoidRequestsDialog) -> GstDocumentViewer:
    qtbot.mouseClick(dialog.findChild(QPushButton, "requestDocumentButton"), LEFT)
    qtbot.waitUntil(lambda: dialog.viewer is not None and dialog.viewer.isVisible(),
                    timeout=10_000)
    viewer = dialog.viewer
    dialog.viewer = None
    return viewer


def test_an_approved_request_gets_its_credit_note_once_at_the_desk_that_took_the_payment(
        qtbot: Any, qapp: Any, tmp_path: Path, cashier: Any, staff: Any,
        server: EmbeddedServer) -> None:
    """Approved at the supervisor's desk, the reversal has a GST credit note: the cashier's
    list shows the request approved, and GST document issues it from this desk's series,
    naming the original receipt, the reason and the approver; opened again, the same
    number; a desk that did not take the payment issues none."""
    for key, value in GST.items():
        cashier.settings.setValue(KEYS[key], value)
    payment_uuid = _taken(cashier, server, 21_000)
    receipt = cashier.outbox.get(payment_uuid).payload["receipt_number"]
    _send_request(qtbot, cashier, payment_uuid, "charged the wrong account")
    mine = _open(qtbot, cashier)
    _select(qtbot, mine, receipt)
    button = mine.findChild(QPushButton, "requestDocumentButton")
    assert button.isVisible() and not button.isEnabled(), "nothing to issue while it waits"
    table = mine.findChild(QTableWidget, "voidRequestsTable")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == receipt)
    assert table.item(row, 7).text() == "Waiting"
    mine.close()

    supervisor = _open(qtbot, staff)
    _select(qtbot, supervisor, receipt)
    assert not supervisor.findChild(QPushButton, "requestDocumentButton").isVisible()
    with qtbot.waitSignal(supervisor.decided, timeout=10_000):
        qtbot.mouseClick(supervisor.findChild(QPushButton, "approveRequestButton"), LEFT)
    supervisor.close()
    assert _numbers(staff) == 0, "the approving desk issues no document of its own"

    mine = _open(qtbot, cashier)
    _select(qtbot, mine, receipt)
    table = mine.findChild(QTableWidget, "voidRequestsTable")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == receipt)
    assert table.item(row, 7).text() == "Approved by staff.cbe"
    with tamil(qapp):
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert table.item(row, 7).text() == "staff.cbe ஒப்புதல் அளித்தார்"
        assert has_tamil(mine.findChild(QPushButton, "requestDocumentButton").text())
        assert has_tamil(mine.findChild(QLabel, "voidRequestsIntro").text())
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    assert table.item(row, 7).text() == "Approved by staff.cbe"
    if os.environ.get("VOID_REQUESTS_SCREENSHOT"):
        qtbot.wait(100)
        mine.grab().save(str(SHOT.with_name("void-requests-cashier.png")))
    before = _numbers(cashier)
    viewer = _document(qtbot, mine)
    doc = viewer.doc
    assert doc.kind is DocumentKind.CREDIT_NOTE
    assert doc.total_paise == 21_000
    # a Payment of dues: the credit note names the document the server gave the payment
    taken = find_payment(cashier.cache_engine, cashier.outbox, payment_uuid)
    assert taken.document_number and taken.document_number.startswith("PAY/")
    assert doc.original_number == taken.document_number and doc.receipt_number == receipt
    assert doc.original_date == NOON.date()
    assert "charged the wrong account" in doc.reason and "staff.cbe" in doc.reason
    assert doc.number.startswith("C") and len(doc.number) == 16
    words = viewer.browser.toPlainText()
    assert doc.number in words and receipt in words
    assert _numbers(cashier) == before + 1
    viewer.close()
    again = _document(qtbot, mine)
    assert again.doc.number == doc.number and again.doc.dated == doc.dated
    assert _numbers(cashier) == before + 1, "numbered once per request"
    again.close()
    mine.close()

    # Another desk of the same cashier did not take the payment: no document there.
    folder = tmp_path / "other-desk"
    folder.mkdir()
    other = make_context(folder, None, qapp, user=CASHIER)
    for key, value in GST.items():
        other.settings.setValue(KEYS[key], value)
    _sign_in(other, server, "cashier.cbe", "cashier-demo")
    try:
        elsewhere = _open(qtbot, other)
        _select(qtbot, elsewhere, receipt)
        qtbot.mouseClick(elsewhere.findChild(QPushButton, "requestDocumentButton"), LEFT)
        status = elsewhere.findChild(QLabel, "voidRequestsStatus")
        qtbot.waitUntil(lambda: "not taken at this desk" in status.text(), timeout=10_000)
        assert elsewhere.viewer is None
        assert _numbers(other) == 0
        elsewhere.close()
    finally:
        other.tasks.wait_idle()
        other.sync.client.close()
        other.cache_engine.dispose()
        other.outbox.engine.dispose()
        other.sync = None
        gc.collect()
