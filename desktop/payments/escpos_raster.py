"""Tamil on ESC/POS thermal printers: the lines drawn to a 1-bit raster, figures kept as text.

Thermal printers' character tables have no Tamil; python-escpos (like every ESC/POS library)
then prints "?" for each letter. Here a line that the printer cannot print as text is drawn
with the shipped Noto Sans Tamil (desktop/language/fonts.py) into a 1-bit image exactly the paper's
width in dots (58 mm = 384, 80 mm = 576) and sent with the printer's raster image command,
``GS v 0``. Lines that are plain ASCII (amounts, receipt numbers, dates, rules) stay text, in
the printer's own crisp font; a line that is a Tamil label followed by a figure is split, the
label drawn and the figure printed as text, right-aligned, under it.

:class:`RasterTextPrinter` wraps any python-escpos printer and is what
``escpos_receipt.print_receipt`` writes to; ``receipts/tamil_mode`` (Settings: "Tamil on the
printer") chooses ``raster`` (the default) or ``text`` for a printer that has a Tamil font.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter

from desktop.language.fonts import tamil_font

log = logging.getLogger(__name__)

PAPER_DOTS = {58: 384, 80: 576}
"""Printable width of the paper in dots at 203 dpi (8 dots per mm)."""

TEXT_PIXELS = 24
"""Letter size of the drawn lines: the height of the printer's own font A (12 × 24 dots)."""

MAX_RASTER_ROWS = 255
"""Rows per ``GS v 0`` command; taller drawings are sent in several (some printers' buffers
take no more in one command)."""

GS_V_0 = b"\x1dv0"
"""``GS v 0``: print raster bit image (followed by m, xL, xH, yL, yH and the rows)."""

RASTER = "raster"
TEXT = "text"


def printable_as_text(line: str) -> bool:
    """True when every character is printable ASCII: what any code page prints."""
    return all(" " <= ch <= "~" for ch in line)


def paper_dots(paper_mm: int) -> int:
    """Dots across the paper; ValueError for a width the printers here do not use."""
    try:
        return PAPER_DOTS[paper_mm]
    except KeyError:
        raise ValueError(f"paper width {paper_mm} mm: use 58 or 80 mm") from None


def _wrap(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``width`` pixels (a word wider
    than the paper is broken by characters)."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]  # fits: keep its spacing (a label column stays a column)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while metrics.horizontalAdvance(word) > width:
            cut = len(word)
            while cut > 1 and metrics.horizontalAdvance(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def render_lines(text: str, paper_mm: int, *, align: str = "left",
                 pixel_size: int = TEXT_PIXELS, bold: bool = False) -> QImage:
    """``text`` drawn black on white, wrapped to the paper, as a grayscale QImage exactly
    ``paper_dots(paper_mm)`` wide."""
    width = paper_dots(paper_mm)
    font = tamil_font(pixel_size)
    font.setBold(bold)
    metrics = QFontMetrics(font)
    lines = _wrap(text, metrics, width)
    line_height = metrics.lineSpacing()
    image = QImage(width, line_height * len(lines), QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setFont(font)
        painter.setPen(QColor("black"))
        flags = {"center": Qt.AlignmentFlag.AlignHCenter,
                 "right": Qt.AlignmentFlag.AlignRight}.get(align, Qt.AlignmentFlag.AlignLeft)
        for row, line in enumerate(lines):
            box = QRect(0, row * line_height, width, line_height)
            painter.drawText(box, int(flags | Qt.AlignmentFlag.AlignVCenter), line)
    finally:
        painter.end()
    return image


_TO_BIT = bytes(0x31 if value < 128 else 0x30 for value in range(256))
"""Grey value → ``b"1"`` (a dot: dark) or ``b"0"`` (paper), for packing rows into bits."""


def raster_rows(image: QImage) -> tuple[int, list[bytes]]:
    """The image as 1-bit rows for ``GS v 0``: (bytes per row, rows), dark pixels = 1,
    leftmost pixel in the highest bit."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    row_bytes = (width + 7) // 8
    data = bytes(grey.constBits())
    rows = []
    for y in range(height):
        pixels = data[y * stride: y * stride + width].translate(_TO_BIT)
        pixels = pixels.ljust(row_bytes * 8, b"0")
        rows.append(int(pixels, 2).to_bytes(row_bytes, "big"))
    return row_bytes, rows


def raster_commands(image: QImage) -> bytes:
    """``GS v 0`` commands printing ``image`` (split every :data:`MAX_RASTER_ROWS` rows)."""
    row_bytes, rows = raster_rows(image)
    out = bytearray()
    for start in range(0, len(rows), MAX_RASTER_ROWS):
        chunk = rows[start: start + MAX_RASTER_ROWS]
        out += GS_V_0 + bytes([0]) + row_bytes.to_bytes(2, "little")
        out += len(chunk).to_bytes(2, "little") + b"".join(chunk)
    return bytes(out)


def split_figure(line: str) -> tuple[str, str]:
    """(words, trailing figure): ``"தொகை      Rs.1,250.00"`` → ``("தொகை", "Rs.1,250.00")``.

    The figure is the printable-ASCII tail after the last character that is not, when it
    holds a digit; otherwise it is empty and the whole line is words.
    """
    last = max((i for i, ch in enumerate(line) if not printable_as_text(ch)), default=-1)
    head, tail = line[: last + 1], line[last + 1:]
    if tail.strip() and any(ch.isdigit() for ch in tail):
        return head.rstrip(), tail.strip()
    return line, ""


class RasterTextPrinter:
    """A python-escpos printer whose ``textln`` draws what the printer cannot print as text.

    Everything else (``set``, ``cut``, ``close``…) goes to the wrapped printer; the
    alignment last set is remembered so drawn lines are placed the same way as text.
    """

    def __init__(self, printer: Any, paper_mm: int, *, line_chars: int) -> None:
        self.printer = printer
        self.paper_mm = paper_mm
        self.dots = paper_dots(paper_mm)
        self.line_chars = line_chars
        self.align = "left"
        self.bold = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.printer, name)

    def set(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("align") is not None:
            self.align = str(kwargs["align"])
        if kwargs.get("bold") is not None:
            self.bold = bool(kwargs["bold"])
        self.printer.set(*args, **kwargs)

    def set_with_default(self, *args: Any, **kwargs: Any) -> None:
        self.align = str(kwargs.get("align") or "left")
        self.bold = bool(kwargs.get("bold") or False)
        self.printer.set_with_default(*args, **kwargs)

    def textln(self, text: str = "") -> None:
        if printable_as_text(text):
            self.printer.textln(text)
            return
        words, figure = split_figure(text)
        self.image_lines(words)
        if figure:
            self.printer.textln(figure.rjust(self.line_chars))

    def image_lines(self, text: str) -> None:
        """Draw ``text`` (wrapped to the paper) and send it as raster image commands."""
        image = render_lines(text, self.paper_mm, align=self.align, bold=self.bold)
        # The raw command: python-escpos's image() prints to stdout and refuses images
        # wider than its profile's guess; the bytes are the same GS v 0 either way.
        self.printer._raw(raster_commands(image))
