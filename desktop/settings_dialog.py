"""Settings: the server, the receipt printer and paper, the receipt header, the time zone
times are shown in, and the kiosk's staff PIN.

Keys (shared with the modules that read them):

| key | meaning | read by |
|---|---|---|
| ``sync/server`` | server URL | desktop.sync.session, About |
| ``receipts/escpos_kind`` | ``""`` (none), ``network`` or ``usb`` | ESC/POS printing |
| ``receipts/escpos_host`` / ``receipts/escpos_port`` | network printer | ESC/POS printing |
| ``receipts/escpos_usb_vendor`` / ``..._product`` | USB ids, hex | ESC/POS printing |
| ``receipts/paper_mm`` | 58 or 80 | receipts |
| ``receipts/header`` | lines printed at the top of a receipt | receipts |
| ``display/time_zone`` | ``""`` branch zone, ``local`` this PC, or an IANA name | views |
| ``kiosk/pin_hash`` | scrypt hash of the kiosk staff PIN (never the PIN) | kiosk |
| ``gst/*`` | the operator's GST details (its own dialog, GST details…) | desktop.documents |
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, QSettings, QUrl, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.kiosk.pin import PinError, check_pin_shape, set_pin, stored_pin_hash

SERVER = "sync/server"
PRINTER_KIND = "receipts/escpos_kind"
PRINTER_HOST = "receipts/escpos_host"
PRINTER_PORT = "receipts/escpos_port"
USB_VENDOR = "receipts/escpos_usb_vendor"
USB_PRODUCT = "receipts/escpos_usb_product"
PAPER_MM = "receipts/paper_mm"
HEADER = "receipts/header"
TIME_ZONE = "display/time_zone"

PRINTER_KINDS = ("", "network", "usb")
PAPER_WIDTHS = (58, 80)
BRANCH_ZONE = ""
LOCAL_ZONE = "local"
HEADER_MAX_LINES = 4
HEADER_MAX_CHARS = 48
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?$")
_HEX4 = re.compile(r"^[0-9A-Fa-f]{4}$")


@dataclass(frozen=True)
class DeskSettings:
    server_url: str = ""
    printer_kind: str = ""
    printer_host: str = ""
    printer_port: int = 9100
    usb_vendor: str = ""
    usb_product: str = ""
    paper_mm: int = 80
    receipt_header: str = ""
    time_zone: str = BRANCH_ZONE

    @classmethod
    def load(cls, settings: QSettings) -> DeskSettings:
        kind = str(settings.value(PRINTER_KIND, "", str) or "").lower()
        paper = int(settings.value(PAPER_MM, 80, int) or 80)
        return cls(
            server_url=str(settings.value(SERVER, "", str) or ""),
            printer_kind=kind if kind in PRINTER_KINDS else "",
            printer_host=str(settings.value(PRINTER_HOST, "", str) or ""),
            printer_port=int(settings.value(PRINTER_PORT, 9100, int) or 9100),
            usb_vendor=str(settings.value(USB_VENDOR, "", str) or ""),
            usb_product=str(settings.value(USB_PRODUCT, "", str) or ""),
            paper_mm=paper if paper in PAPER_WIDTHS else 80,
            receipt_header=str(settings.value(HEADER, "", str) or ""),
            time_zone=str(settings.value(TIME_ZONE, "", str) or ""),
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue(SERVER, self.server_url)
        settings.setValue(PRINTER_KIND, self.printer_kind)
        settings.setValue(PRINTER_HOST, self.printer_host)
        settings.setValue(PRINTER_PORT, self.printer_port)
        settings.setValue(USB_VENDOR, self.usb_vendor)
        settings.setValue(USB_PRODUCT, self.usb_product)
        settings.setValue(PAPER_MM, self.paper_mm)
        settings.setValue(HEADER, self.receipt_header)
        settings.setValue(TIME_ZONE, self.time_zone)
        settings.sync()

    def problems(self) -> list[str]:
        """What is wrong, each said with what to do; empty when the settings can be saved."""
        found: list[str] = []
        if self.server_url:
            url = QUrl(self.server_url, QUrl.ParsingMode.StrictMode)
            if not url.isValid() or url.scheme() not in ("http", "https") or not url.host():
                found.append("Server URL must look like https://portal.example.in.")
        if self.printer_kind == "network" and not _HOST.match(self.printer_host):
            found.append("Enter the printer's network name or IP address.")
        if self.printer_kind == "usb" and not (
            _HEX4.match(self.usb_vendor) and _HEX4.match(self.usb_product)
        ):
            found.append("USB vendor and product ids are 4 hex digits each, e.g. 04b8 and 0202.")
        lines = self.receipt_header.splitlines()
        if len(lines) > HEADER_MAX_LINES or any(len(x) > HEADER_MAX_CHARS for x in lines):
            found.append(f"Keep the receipt header to {HEADER_MAX_LINES} lines of at most "
                         f"{HEADER_MAX_CHARS} characters.")
        return found


def _zone_names() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z)


class SettingsDialog(QDialog):
    """Edits :class:`DeskSettings` (and the kiosk PIN); saves only when everything is valid."""

    def __init__(self, settings: QSettings, *, branch_zone: str = "Asia/Kolkata",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        current = DeskSettings.load(settings)
        layout = QVBoxLayout(self)

        server_box = QGroupBox("Server", self)
        server_form = QFormLayout(server_box)
        self.server = QLineEdit(current.server_url, server_box)
        self.server.setObjectName("settingsServerUrl")
        self.server.setPlaceholderText("https://portal.example.in")
        server_form.addRow("Server URL", self.server)
        self.zone = QComboBox(server_box)
        self.zone.setObjectName("settingsTimeZone")
        self.zone.addItem(f"Branch time zone ({branch_zone}, from the server)", BRANCH_ZONE)
        self.zone.addItem("This PC's time zone", LOCAL_ZONE)
        for name in _zone_names():
            self.zone.addItem(name, name)
        index = self.zone.findData(current.time_zone)
        self.zone.setCurrentIndex(max(0, index))
        server_form.addRow("Show times in", self.zone)
        layout.addWidget(server_box)

        printer_box = QGroupBox("Receipts", self)
        form = QFormLayout(printer_box)
        self.printer_kind = QComboBox(printer_box)
        self.printer_kind.setObjectName("settingsPrinterKind")
        for label, value in (("None (show and save only)", ""),
                             ("Network printer (host:port)", "network"),
                             ("USB printer (vendor:product)", "usb")):
            self.printer_kind.addItem(label, value)
        self.printer_kind.setCurrentIndex(max(0, self.printer_kind.findData(current.printer_kind)))
        form.addRow("Thermal printer", self.printer_kind)
        self.host = QLineEdit(current.printer_host, printer_box)
        self.host.setObjectName("settingsPrinterHost")
        self.host.setPlaceholderText("192.168.1.50")
        form.addRow("Printer host", self.host)
        self.port = QSpinBox(printer_box)
        self.port.setObjectName("settingsPrinterPort")
        self.port.setRange(1, 65535)
        self.port.setValue(current.printer_port)
        form.addRow("Printer port", self.port)
        hex_validator = QRegularExpressionValidator(QRegularExpression("[0-9A-Fa-f]{0,4}"), self)
        self.vendor = QLineEdit(current.usb_vendor, printer_box)
        self.vendor.setObjectName("settingsUsbVendor")
        self.vendor.setValidator(hex_validator)
        self.vendor.setPlaceholderText("04b8")
        form.addRow("USB vendor id", self.vendor)
        self.product = QLineEdit(current.usb_product, printer_box)
        self.product.setObjectName("settingsUsbProduct")
        self.product.setValidator(hex_validator)
        self.product.setPlaceholderText("0202")
        form.addRow("USB product id", self.product)
        self.paper = QComboBox(printer_box)
        self.paper.setObjectName("settingsPaperWidth")
        for mm in PAPER_WIDTHS:
            self.paper.addItem(f"{mm} mm", mm)
        self.paper.setCurrentIndex(self.paper.findData(current.paper_mm))
        form.addRow("Paper width", self.paper)
        self.header = QPlainTextEdit(current.receipt_header, printer_box)
        self.header.setObjectName("settingsReceiptHeader")
        self.header.setPlaceholderText("Terabyte Broadband\nCoimbatore branch · GSTIN …")
        self.header.setFixedHeight(90)
        form.addRow("Receipt header", self.header)
        layout.addWidget(printer_box)

        gst_box = QGroupBox("GST", self)
        gst_row = QVBoxLayout(gst_box)
        self.gst_button = QPushButton("GST &details of the operator…", gst_box)
        self.gst_button.setObjectName("settingsGst")
        self.gst_button.setAutoDefault(False)
        self.gst_button.clicked.connect(self._on_gst)
        gst_row.addWidget(self.gst_button)
        layout.addWidget(gst_box)

        kiosk_box = QGroupBox("Kiosk", self)
        kiosk_form = QFormLayout(kiosk_box)
        has_pin = stored_pin_hash(settings) is not None
        self.pin = QLineEdit(kiosk_box)
        self.pin.setObjectName("settingsKioskPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("set (4–12 digits)" if not has_pin else "unchanged")
        self.pin_again = QLineEdit(kiosk_box)
        self.pin_again.setObjectName("settingsKioskPinConfirm")
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        kiosk_form.addRow("New staff PIN", self.pin)
        kiosk_form.addRow("Repeat PIN", self.pin_again)
        layout.addWidget(kiosk_box)

        self.error = QLabel("", self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSave")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for edit in (self.server, self.host, self.vendor, self.product, self.pin,
                     self.pin_again):
            edit.textChanged.connect(self._validate)
        self.header.textChanged.connect(self._validate)
        self.printer_kind.currentIndexChanged.connect(self._validate)
        self._validate()

    def values(self) -> DeskSettings:
        return DeskSettings(
            server_url=self.server.text().strip().rstrip("/"),
            printer_kind=str(self.printer_kind.currentData()),
            printer_host=self.host.text().strip(),
            printer_port=self.port.value(),
            usb_vendor=self.vendor.text().strip().lower(),
            usb_product=self.product.text().strip().lower(),
            paper_mm=int(self.paper.currentData()),
            receipt_header=self.header.toPlainText().strip(),
            time_zone=str(self.zone.currentData()),
        )

    @Slot()
    def _on_gst(self) -> None:
        """Legal name, GSTIN, address, state, SAC and rate for GST documents."""
        from desktop.documents.gst_settings import GstSettingsDialog

        self.gst_dialog = GstSettingsDialog(self.settings, self)
        self.gst_dialog.open()

    def _pin_problem(self) -> str | None:
        pin, again = self.pin.text(), self.pin_again.text()
        if not pin and not again:
            return None
        try:
            check_pin_shape(pin)
        except PinError as exc:
            return str(exc)
        if pin != again:
            return "The two PINs differ; type the same PIN twice."
        return None

    @Slot()
    def _validate(self) -> None:
        kind = self.printer_kind.currentData()
        self.host.setEnabled(kind == "network")
        self.port.setEnabled(kind == "network")
        self.vendor.setEnabled(kind == "usb")
        self.product.setEnabled(kind == "usb")
        problems = self.values().problems()
        pin_problem = self._pin_problem()
        if pin_problem:
            problems.append(pin_problem)
        self.error.setText("\n".join(problems))
        self.save_button.setEnabled(not problems)

    def accept(self) -> None:
        values = self.values()
        if values.problems() or self._pin_problem():
            self._validate()
            return
        values.save(self.settings)
        if self.pin.text():
            set_pin(self.settings, self.pin.text())
        self.pin.clear()
        self.pin_again.clear()
        super().accept()
