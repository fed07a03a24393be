"""Receipt content: the PDF's text (pypdf) and the ESC/POS bytes (python-escpos Dummy)."""

from __future__ import annotations

import time
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from escpos.printer import Dummy, Network
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from billing.money import amount_in_words
from billing.rules import PaymentMethod, PaymentOption
from db.outbox import MutationState
from db.payments_local import build_payment_payload, load_account, record_payment
from desktop.payments.escpos_receipt import (
    LINE_CHARS,
    open_configured_printer,
    print_receipt,
    receipt_lines,
)
from desktop.payments.receipt import ReceiptDialog
from desktop.payments.receipt_data import ReceiptData
from desktop.payments.receipt_document import write_pdf
from tests.desktop.test_payment_support import pick_account, set_account

TAKEN = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)  # 12:00 IST


def _mutation(ctx, *, method=PaymentMethod.CASH, reference=None, tendered=200_000):
    account_id = pick_account(ctx, prepaid=False)
    set_account(ctx, account_id, balance_paise=123_456)
    account = load_account(ctx.cache_engine, ctx.outbox, account_id)
    payload = build_payment_payload(
        account, option=PaymentOption.PAYMENT, method=method, reference=reference,
        amount_paise=123_456, charge_paise=0, plan_id=None, tendered_paise=tendered,
        taken_at=TAKEN)
    mutation = record_payment(ctx.outbox, account_id=account_id, payload=payload,
                              created_by=ctx.user.username, mutation_id=str(uuid.uuid4()))
    return account, mutation


def _data(ctx, **kwargs) -> ReceiptData:
    account, mutation = _mutation(ctx, **kwargs)
    return ReceiptData.from_mutation(mutation, account_name=account.name, mobile=account.mobile,
                                     cashier="Kavitha Staff", zone="Asia/Kolkata",
                                     branch="Coimbatore")


def _pdf_text(path: Path) -> str:
    """The PDF's words with single spaces (extraction turns spaces into tabs and breaks
    lines where the layout wrapped; NFKC undoes ligatures such as "ﬀ")."""
    text = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_receipt_fields_from_the_outbox(ctx) -> None:
    data = _data(ctx)
    device = ctx.outbox.device_code()
    assert data.receipt_number == f"{device}-000001" and data.device_code == device
    assert data.pending_sync and not data.duplicate
    assert data.balance_after_paise == 0 and data.change_paise == 200_000 - 123_456
    assert data.local_time.strftime("%H:%M") == "12:00"  # business zone, not the PC's


def test_pdf_says_everything_and_reprint_says_duplicate(qtbot, ctx, tmp_path: Path) -> None:
    data = _data(ctx, method=PaymentMethod.CHEQUE, reference="CHQ 004512", tendered=None)
    dialog = ReceiptDialog(ctx, data)
    qtbot.addWidget(dialog)
    first = tmp_path / "first.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        dialog.save_pdf(first)
    content = _pdf_text(first)
    for expected in (data.receipt_number, str(data.account_id), data.account_name,
                     "₹1,234.56", "Cheque", "CHQ 004512", "Kavitha Staff", "PENDING SYNC",
                     "27-11-2026 12:00", "Coimbatore", "New balance"):
        assert expected in content, expected
    assert amount_in_words(123_456) in content
    assert "DUPLICATE" not in content
    second = tmp_path / "second.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        dialog.save_pdf(second)
    assert "DUPLICATE" in _pdf_text(second)


def test_synced_receipt_has_no_pending_mark_and_shows_the_document_number(ctx,
                                                                         tmp_path: Path) -> None:
    account, mutation = _mutation(ctx)
    ctx.outbox.record_results([(mutation.mutation_id, MutationState.APPLIED, {
        "payment": {"document_number": "PAY/CBE/26-27/000000777", "balance_after_paise": 0,
                    "receipt_number": mutation.payload["receipt_number"]}})])
    synced = ctx.outbox.get(mutation.mutation_id)
    data = ReceiptData.from_mutation(synced, account_name=account.name, mobile=account.mobile,
                                     cashier="K", zone="Asia/Kolkata")
    assert not data.pending_sync and data.document_number == "PAY/CBE/26-27/000000777"
    text = _pdf_text(write_pdf(data, tmp_path / "r.pdf"))
    assert "PENDING SYNC" not in text and "PAY/CBE/26-27/000000777" in text


@pytest.mark.parametrize("paper", [58, 80])
def test_escpos_bytes(ctx, paper: int) -> None:
    data = _data(ctx, method=PaymentMethod.UPI, reference="UPI-99821", tendered=None)
    printer = Dummy()
    print_receipt(printer, data, paper_mm=paper)
    out = printer.output
    assert out.startswith(b"\x1b")  # ESC commands first
    assert data.receipt_number.encode() in out
    assert b"Rs.1,234.56" in out and "₹".encode() not in out
    assert b"UPI-99821" in out and b"PENDING SYNC" in out
    assert b"Rupees One Thousand Two Hundred" in out
    assert b"\x1dV" in out  # paper cut
    assert b"DUPLICATE" not in out
    for line in receipt_lines(data, LINE_CHARS[paper]):
        assert len(line) <= LINE_CHARS[paper]


def test_header_from_settings_on_every_form(ctx, tmp_path: Path) -> None:
    ctx.settings.setValue("receipts/header", "12 Avinashi Road, Coimbatore\nGSTIN 33ABCDE1234F1Z5")
    from desktop.payments.receipt import header_lines

    data = ReceiptData(**{**_data(ctx).__dict__, "header": header_lines(ctx)})
    assert data.header == ("12 Avinashi Road, Coimbatore", "GSTIN 33ABCDE1234F1Z5")
    printer = Dummy()
    print_receipt(printer, data, paper_mm=58)
    assert b"GSTIN 33ABCDE1234F1Z5" in printer.output
    assert "GSTIN 33ABCDE1234F1Z5" in _pdf_text(write_pdf(data, tmp_path / "h.pdf"))


@pytest.mark.parametrize("paper", [58, 80])
def test_a_long_header_line_is_wrapped_on_the_thermal_receipt_not_cut(ctx, paper: int) -> None:
    """The address's PIN code and the phone number at the end of a header line print whole
    on narrow paper, as the screen and the PDF show them."""
    address = "Shop 4, 12 Avinashi Road, Peelamedu, Coimbatore 641004"
    contact = "GSTIN 33ABCDE1234F1Z5  Ph 0422 2345678"
    branch = "Coimbatore North (Peelamedu) branch office"
    data = ReceiptData(**{**_data(ctx).__dict__, "header": (address, contact),
                          "branch": branch})
    printer = Dummy()
    print_receipt(printer, data, paper_mm=paper)
    # Each printed line as text (the ESC/POS commands before it end with a 0 byte).
    lines = [line.rsplit(b"\x00", 1)[-1].decode() for line in printer.output.split(b"\n")]
    printed = " ".join(line.strip() for line in lines)
    for text in (address, contact, branch):
        assert text in printed, text
    header = [line for line in lines if any(w in line for w in ("Shop", "Ph ", "641004"))]
    assert header and all(len(line) <= LINE_CHARS[paper] for line in header)


def test_thermal_reprint_from_the_dialog_is_a_duplicate(qtbot, ctx) -> None:
    data = _data(ctx)
    dialog = ReceiptDialog(ctx, data)
    qtbot.addWidget(dialog)
    printers = [Dummy(), Dummy()]
    for printer in printers:
        with qtbot.waitSignal(dialog.printed, timeout=10_000):
            dialog.print_thermal(printer)
    assert b"DUPLICATE" not in printers[0].output
    assert b"** DUPLICATE **" in printers[1].output


class _OfflinePrinter(Dummy):
    """A thermal printer that is switched off: nothing comes out."""

    def _raw(self, msg: bytes) -> None:
        raise OSError("printer is offline")


def test_a_print_that_failed_leaves_the_next_one_the_original(qtbot, ctx,
                                                               monkeypatch) -> None:
    """The customer got nothing from a print that failed: the print that comes out next is
    the original, and only the one after it says DUPLICATE."""
    first, second = Dummy(), Dummy()
    printers: list[Dummy] = [_OfflinePrinter(), first, second]
    monkeypatch.setattr("desktop.payments.escpos_receipt.open_configured_printer",
                        lambda _settings: printers.pop(0))
    dialog = ReceiptDialog(ctx, _data(ctx))
    qtbot.addWidget(dialog)
    button = dialog.findChild(QPushButton, "printThermal")
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "printer is offline" in dialog.findChild(QLabel, "receiptStatus").text()
    for _ in (first, second):
        with qtbot.waitSignal(dialog.printed, timeout=10_000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert b"DUPLICATE" not in first.output
    assert b"** DUPLICATE **" in second.output



class _SlowPrinter(Dummy):
    """A thermal printer that takes its time over each command (a network printer)."""

    def _raw(self, msg: bytes) -> None:
        time.sleep(0.01)
        super()._raw(msg)


def test_a_double_click_on_thermal_printer_prints_one_original(qtbot, ctx,
                                                                monkeypatch) -> None:
    """A second click while the first print is still going out (jobs run on several
    threads) must print a DUPLICATE, never a second original of the same payment."""
    printers: list[Dummy] = [_SlowPrinter(), _SlowPrinter()]
    outputs = list(printers)
    monkeypatch.setattr("desktop.payments.escpos_receipt.open_configured_printer",
                        lambda _settings: printers.pop(0))
    dialog = ReceiptDialog(ctx, _data(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    done: list[str] = []
    dialog.printed.connect(lambda kind, _number: done.append(kind))
    button = dialog.findChild(QPushButton, "printThermal")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=20_000)
    assert sorted(b"** DUPLICATE **" in p.output for p in outputs) == [False, True]

def test_thermal_without_a_printer_says_how_to_set_one(qtbot, ctx) -> None:
    dialog = ReceiptDialog(ctx, _data(ctx))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as blocker:
        dialog.print_thermal()
    assert "No receipt printer is set up" in blocker.args[0]
    assert "Settings" in dialog.status.text()


def test_printer_from_settings(ctx) -> None:
    assert open_configured_printer(ctx.settings) is None
    ctx.settings.setValue("receipts/escpos_kind", "network")
    ctx.settings.setValue("receipts/escpos_host", "192.0.2.10")
    ctx.settings.setValue("receipts/escpos_port", 9100)
    printer = open_configured_printer(ctx.settings)
    assert isinstance(printer, Network) and printer.host == "192.0.2.10"
    assert printer.port == 9100


def test_a_usb_printer_with_ids_that_are_not_hex_is_no_printer(ctx) -> None:
    """The counter and the kiosk share one printer opener; bad ids (a typo in Settings)
    mean 'no printer set up', which the counter then explains, not a ValueError."""
    ctx.settings.setValue("receipts/escpos_kind", "usb")
    ctx.settings.setValue("receipts/escpos_usb_vendor", "04b8")
    ctx.settings.setValue("receipts/escpos_usb_product", "not-hex")
    assert open_configured_printer(ctx.settings) is None


def test_paper_chars_follow_the_paper_width_setting(ctx) -> None:
    from desktop.payments.escpos_receipt import paper_chars

    assert paper_chars(ctx.settings) == 48
    ctx.settings.setValue("receipts/paper_mm", 58)
    assert paper_chars(ctx.settings) == 32
    ctx.settings.setValue("receipts/paper_mm", "wide")
    assert paper_chars(ctx.settings) == 48


def test_the_kiosk_lays_out_the_same_receipt_data(ctx) -> None:
    from desktop.kiosk.receipt import receipt_from_mutation, receipt_lines

    account, mutation = _mutation(ctx)
    kiosk = receipt_from_mutation(mutation, masked_name="K**** R****", zone="Asia/Kolkata",
                                  header="Terabyte Broadband\nCoimbatore")
    counter = ReceiptData.from_mutation(mutation, account_name="K**** R****", mobile="",
                                        cashier=mutation.created_by, zone="Asia/Kolkata",
                                        header=("Terabyte Broadband", "Coimbatore"))
    assert kiosk == counter
    text = "\n".join(receipt_lines(kiosk, 48))
    assert "K**** R****" in text and account.name not in text and account.mobile not in text
    assert "Coimbatore" in text and "PENDING SYNC" in text
