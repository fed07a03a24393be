"""Tamil on thermal printers: the ESC/POS bytes of a Tamil receipt carry Tamil as GS v 0
raster images exactly the paper's width, never "?", while the figures stay text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from escpos.printer import Dummy
from PySide6.QtGui import QImage

from billing.money_ta import amount_in_words_ta
from billing.rules import PaymentMethod, PaymentOption
from desktop.payments.escpos_raster import (
    GS_V_0,
    MAX_RASTER_ROWS,
    PAPER_DOTS,
    RasterTextPrinter,
    raster_commands,
    raster_rows,
    render_lines,
    split_figure,
)
from desktop.payments.escpos_receipt import print_receipt
from desktop.payments.receipt_data import ReceiptData
from tests.desktop.i18n_helpers import tamil


def _tamil_receipt() -> ReceiptData:
    return ReceiptData(
        receipt_number="CBE01-000042", account_id=100234, account_name="முருகன் செல்வம்",
        mobile="98******21", option=PaymentOption.PAYMENT, method=PaymentMethod.CASH,
        reference=None, amount_paise=123_456, balance_before_paise=123_456,
        balance_after_paise=0, cashier="கவிதா", taken_at=datetime(2026, 11, 27, 6, 30,
                                                                  tzinfo=UTC),
        zone="Asia/Kolkata", pending_sync=True, branch="கோயம்புத்தூர் கிளை",
        header=("12 அவிநாசி சாலை, கோயம்புத்தூர்", "GSTIN 33ABCDE1234F1Z5"))


def split_raster(out: bytes) -> tuple[bytes, list[tuple[int, int, bytes]]]:
    """(every byte outside the raster images, [(bytes per row, rows, data)] of each GS v 0)."""
    text = bytearray()
    images = []
    i = 0
    while True:
        at = out.find(GS_V_0, i)
        if at < 0:
            text += out[i:]
            return bytes(text), images
        text += out[i:at]
        mode = out[at + 3]
        assert mode == 0  # normal density
        row_bytes = int.from_bytes(out[at + 4: at + 6], "little")
        rows = int.from_bytes(out[at + 6: at + 8], "little")
        start = at + 8
        images.append((row_bytes, rows, out[start: start + row_bytes * rows]))
        i = start + row_bytes * rows


@pytest.mark.parametrize("paper", [58, 80])
def test_tamil_receipt_prints_tamil_as_raster_at_the_paper_width(qapp, paper):
    data = _tamil_receipt()
    printer = Dummy()
    with tamil(qapp):
        print_receipt(printer, data, paper_mm=paper)
    text, images = split_raster(printer.output)
    assert images, "no GS v 0 raster image in the output"
    assert all(row_bytes * 8 == PAPER_DOTS[paper] for row_bytes, _, _ in images)
    assert all(0 < rows <= MAX_RASTER_ROWS for _, rows, _ in images)
    assert all(any(data) for _, _, data in images)  # something is drawn in each
    assert b"?" not in text  # no letter fell back to the code page's "?"
    # the figures stay text, in the printer's own font
    for figure in (b"CBE01-000042", b"100234", b"Rs.1,234.56", b"GSTIN 33ABCDE1234F1Z5"):
        assert figure in text
    assert b"\x1dV" in text  # and the paper is cut
    # every Tamil line went to the image; none of its bytes leaked into the text stream
    assert "ர".encode() not in text and "ர".encode("utf-16-le") not in text


def test_text_mode_leaves_tamil_to_the_printer_and_that_prints_question_marks(qapp):
    """What every ESC/POS library does with Tamil: the reason the raster exists."""
    printer = Dummy()
    with tamil(qapp):
        print_receipt(printer, _tamil_receipt(), paper_mm=80, tamil_mode="text")
    text, images = split_raster(printer.output)
    assert not images
    assert b"?" in text


def test_english_receipt_has_no_raster(qapp):
    data = ReceiptData(**{**_tamil_receipt().__dict__, "account_name": "Murugan Selvam",
                          "branch": "Coimbatore", "header": (), "cashier": "Kavitha"})
    printer = Dummy()
    print_receipt(printer, data, paper_mm=80)
    text, images = split_raster(printer.output)
    assert not images and b"Murugan Selvam" in text and b"RECEIPT" in text


def test_tamil_receipt_says_the_amount_in_tamil_words(qapp, monkeypatch):
    drawn: list[str] = []
    monkeypatch.setattr(RasterTextPrinter, "image_lines",
                        lambda self, text: drawn.append(text))
    with tamil(qapp):
        print_receipt(Dummy(), _tamil_receipt(), paper_mm=80)
    said = " ".join(drawn)
    assert "ரசீது" in said  # RECEIPT, translated
    for word in amount_in_words_ta(123_456).split():
        assert word in said
    assert "முருகன் செல்வம்" in said


def test_raster_rows_pack_dark_pixels_left_bit_first():
    image = QImage(16, 2, QImage.Format.Format_Grayscale8)
    image.fill(255)
    image.setPixel(0, 0, 0)  # top-left dark
    image.setPixel(15, 1, 0)  # bottom-right dark
    row_bytes, rows = raster_rows(image)
    assert row_bytes == 2 and rows == [b"\x80\x00", b"\x00\x01"]
    assert raster_commands(image) == GS_V_0 + b"\x00\x02\x00\x02\x00" + b"\x80\x00\x00\x01"


def test_tall_drawings_are_split_into_several_commands(qapp):
    image = render_lines(" ".join(["நிலுவை"] * 300), 58)
    assert image.height() > MAX_RASTER_ROWS
    _, images = split_raster(raster_commands(image))
    assert len(images) == -(-image.height() // MAX_RASTER_ROWS)
    assert sum(rows for _, rows, _ in images) == image.height()


@pytest.mark.parametrize("paper", [58, 80])
def test_long_tamil_text_wraps_inside_the_paper(qapp, paper):
    image = render_lines(amount_in_words_ta(99_99_99_999), paper)
    assert image.width() == PAPER_DOTS[paper]
    one_line = render_lines("நிலுவை", paper).height()
    assert image.height() > one_line  # wrapped, not cut off at the edge


def test_unknown_paper_is_refused(qapp):
    with pytest.raises(ValueError, match="58 or 80"):
        render_lines("நிலுவை", 76)


@pytest.mark.parametrize(
    ("line", "words", "figure"),
    [
        ("தொகை      Rs.1,234.56", "தொகை", "Rs.1,234.56"),
        ("கணக்கு எண்  100234", "கணக்கு எண்", "100234"),
        ("முருகன் செல்வம்", "முருகன் செல்வம்", ""),
        ("ரசீது (copy)", "ரசீது (copy)", ""),
    ],
)
def test_split_figure(line, words, figure):
    assert split_figure(line) == (words, figure)


@pytest.mark.parametrize("paper", [58, 80])
def test_tamil_kiosk_slip_prints_tamil_as_raster_at_the_paper_width(qapp, paper):
    """The kiosk's slip goes the counter receipt's way: Tamil drawn at the paper's width,
    the figures as text, no "?" anywhere."""
    from desktop.kiosk.receipt import print_receipt as print_kiosk_slip
    from desktop.payments.escpos_receipt import LINE_CHARS

    printer = Dummy()
    with tamil(qapp):
        print_kiosk_slip(printer, _tamil_receipt(), LINE_CHARS[paper])
    text, images = split_raster(printer.output)
    assert images, "no GS v 0 raster image in the kiosk slip"
    assert all(row_bytes * 8 == PAPER_DOTS[paper] for row_bytes, _, _ in images)
    assert b"?" not in text
    for figure in (b"CBE01-000042", b"100234", b"Rs.1,234.56"):
        assert figure in text
    assert "ர".encode() not in text and b"\x1dV" in text


def test_tamil_kiosk_slip_words_are_tamil(qapp, monkeypatch):
    from desktop.kiosk.receipt import print_receipt as print_kiosk_slip

    drawn: list[str] = []
    monkeypatch.setattr(RasterTextPrinter, "image_lines",
                        lambda self, text: drawn.append(text))
    with tamil(qapp):
        print_kiosk_slip(Dummy(), _tamil_receipt(), 48)
    said = " ".join(drawn)
    for word in ("ரசீது", "ரசீது எண்", "தொகை", "நன்றி", "ஒத்திசைவு நிலுவையில்"):
        assert word in said, word


def test_tamil_counter_receipt_labels_are_tamil(qapp, monkeypatch):
    drawn: list[str] = []
    monkeypatch.setattr(RasterTextPrinter, "image_lines",
                        lambda self, text: drawn.append(text))
    with tamil(qapp):
        print_receipt(Dummy(), _tamil_receipt(), paper_mm=80)
    said = " ".join(drawn)
    for word in ("ரசீது எண்", "தொகை", "புதிய நிலுவை", "காசாளர்", "ரொக்கம்"):
        assert word in said, word
