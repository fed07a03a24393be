"""A QR code widget for a UPI intent (``billing.upi.upi_intent``), big enough to scan.

Drawn from the ``qrcode`` package's module matrix with whole-pixel modules (no scaling
blur), black on white with the quiet zone the standard asks for. The kiosk's payment
screen uses it; the counter's payment dialog can show the same widget.
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: A phone camera reads a UPI QR reliably from ~40 cm when it is at least this wide.
MIN_SIDE_PX = 300
QUIET_ZONE_MODULES = 4


class UpiQrWidget(QWidget):
    """Shows one payload as a QR code (medium error correction); square, white behind."""

    def __init__(self, parent: QWidget | None = None, *, min_side: int = MIN_SIDE_PX) -> None:
        super().__init__(parent)
        self.setObjectName("upiQr")
        self._payload = ""
        self._matrix: list[list[bool]] = []
        self._min_side = min_side
        self.setMinimumSize(min_side, min_side)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def payload(self) -> str:
        return self._payload

    @property
    def modules(self) -> int:
        """Modules per side, quiet zone included (0 when empty)."""
        return len(self._matrix)

    def set_payload(self, payload: str) -> None:
        """Encode ``payload`` (an empty string clears the code)."""
        self._payload = payload
        if payload:
            code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                                 border=QUIET_ZONE_MODULES)
            code.add_data(payload.encode("utf-8"))
            code.make(fit=True)
            self._matrix = [[bool(cell) for cell in row] for row in code.get_matrix()]
        else:
            self._matrix = []
        self.setToolTip(payload)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._min_side + 60, self._min_side + 60)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def image(self, side: int | None = None) -> QImage:
        """The code as an image ``side`` pixels wide (default: as drawn on screen)."""
        side = side or min(self.width(), self.height())
        picture = QImage(side, side, QImage.Format.Format_RGB32)
        picture.fill(QColor("white"))
        painter = QPainter(picture)
        self._draw(painter, QRect(0, 0, side, side))
        painter.end()
        return picture

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        area = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        painter.fillRect(area, QColor("white"))
        self._draw(painter, area)
        painter.end()

    def _draw(self, painter: QPainter, area: QRect) -> None:
        count = len(self._matrix)
        if not count:
            return
        module = max(1, area.width() // count)
        offset_x = area.x() + (area.width() - module * count) // 2
        offset_y = area.y() + (area.height() - module * count) // 2
        painter.setPen(Qt.PenStyle.NoPen)
        black = QColor("black")
        for y, row in enumerate(self._matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(offset_x + x * module, offset_y + y * module,
                                     module, module, black)
