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
| ``receipts/afterRecord`` | ``show``, ``print`` or ``window`` (after a payment) | payment flow |
| ``counter/payKey`` | the key opening the first payment option (default F2) | main window |
| ``kiosk/upi_vpa`` / ``kiosk/upi_payee_name`` | who the kiosk's UPI QR pays | kiosk payments |
| ``kiosk/upi_status_url`` | the payment-status service that confirms UPI payments | kiosk |
| ``gst/*`` | the operator's GST details (its own dialog, GST details…) | desktop.documents |
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, QSettings, QUrl, Slot
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from billing.upi import MAX_NAME_CHARS, UpiError, validate_vpa
from desktop.counter_keys import DEFAULT_PAY_KEY, SETTINGS_PAY_KEY, pay_key_problem
from desktop.kiosk.devices import PAYEE_NAME_KEY, STATUS_URL_KEY, VPA_KEY
from desktop.kiosk.pin import PinError, check_pin_shape, set_pin, stored_pin_hash
from desktop.payments.flow import (
    AFTER_RECORD_CHOICES,
    AFTER_RECORD_PRINT,
    AFTER_RECORD_SHOW,
    AFTER_RECORD_WINDOW,
    SETTINGS_AFTER_RECORD,
)
from desktop.settings import setting_int

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
    after_record: str = AFTER_RECORD_SHOW
    pay_key: str = DEFAULT_PAY_KEY
    upi_vpa: str = ""
    upi_payee_name: str = ""
    upi_status_url: str = ""

    @classmethod
    def load(cls, settings: QSettings) -> DeskSettings:
        kind = str(settings.value(PRINTER_KIND, "", str) or "").lower()
        paper = setting_int(settings, PAPER_MM, 80) or 80
        after = str(settings.value(SETTINGS_AFTER_RECORD, AFTER_RECORD_SHOW, str) or "").lower()
        return cls(
            server_url=str(settings.value(SERVER, "", str) or ""),
            printer_kind=kind if kind in PRINTER_KINDS else "",
            printer_host=str(settings.value(PRINTER_HOST, "", str) or ""),
            printer_port=setting_int(settings, PRINTER_PORT, 9100) or 9100,
            usb_vendor=str(settings.value(USB_VENDOR, "", str) or ""),
            usb_product=str(settings.value(USB_PRODUCT, "", str) or ""),
            paper_mm=paper if paper in PAPER_WIDTHS else 80,
            receipt_header=str(settings.value(HEADER, "", str) or ""),
            time_zone=str(settings.value(TIME_ZONE, "", str) or ""),
            after_record=after if after in AFTER_RECORD_CHOICES else AFTER_RECORD_SHOW,
            pay_key=str(settings.value(SETTINGS_PAY_KEY, DEFAULT_PAY_KEY, str) or DEFAULT_PAY_KEY),
            upi_vpa=str(settings.value(VPA_KEY, "", str) or ""),
            upi_payee_name=str(settings.value(PAYEE_NAME_KEY, "", str) or ""),
            upi_status_url=str(settings.value(STATUS_URL_KEY, "", str) or ""),
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
        settings.setValue(SETTINGS_AFTER_RECORD, self.after_record)
        settings.setValue(SETTINGS_PAY_KEY, self.pay_key)
        settings.setValue(VPA_KEY, self.upi_vpa)
        settings.setValue(PAYEE_NAME_KEY, self.upi_payee_name)
        settings.setValue(STATUS_URL_KEY, self.upi_status_url)
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
        if self.upi_vpa:
            try:
                validate_vpa(self.upi_vpa)
            except UpiError as exc:
                found.append(str(exc))
        if len(self.upi_payee_name) > MAX_NAME_CHARS:
            found.append(f"Keep the UPI payee name to {MAX_NAME_CHARS} characters.")
        if self.upi_status_url:
            url = QUrl(self.upi_status_url, QUrl.ParsingMode.StrictMode)
            if not url.isValid() or url.scheme() not in ("http", "https") or not url.host():
                found.append("The UPI payment-status address must look like "
                             "https://pg.example.in/upi/status.")
        lines = self.receipt_header.splitlines()
        if len(lines) > HEADER_MAX_LINES or any(len(x) > HEADER_MAX_CHARS for x in lines):
            found.append(f"Keep the receipt header to {HEADER_MAX_LINES} lines of at most "
                         f"{HEADER_MAX_CHARS} characters.")
        if self.after_record == AFTER_RECORD_PRINT and not self.printer_kind:
            found.append("Printing each receipt at once needs a thermal printer: choose one "
                         "above, or let the receipt be shown.")
        key_problem = pay_key_problem(self.pay_key)
        if key_problem:
            found.append(f"Pay key: {key_problem}")
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

        counter_box = QGroupBox("Counter", self)
        counter_form = QFormLayout(counter_box)
        self.after_record = QComboBox(counter_box)
        self.after_record.setObjectName("settingsAfterRecord")
        for label, value in (
            ("Show the receipt; Quick Search is ready at once", AFTER_RECORD_SHOW),
            ("Print the receipt at once (thermal printer)", AFTER_RECORD_PRINT),
            ("Open the receipt window (Esc closes it)", AFTER_RECORD_WINDOW),
        ):
            self.after_record.addItem(label, value)
        self.after_record.setCurrentIndex(
            max(0, self.after_record.findData(current.after_record))
        )
        counter_form.addRow("After a payment", self.after_record)
        self.pay_key = QKeySequenceEdit(QKeySequence(current.pay_key), counter_box)
        self.pay_key.setObjectName("settingsPayKey")
        self.pay_key.setMaximumSequenceLength(1)
        self.pay_key.setClearButtonEnabled(True)
        self.pay_key.setToolTip("The key that opens the selected account's first payment "
                                "option. Click here and press the key.")
        counter_form.addRow("Pay key", self.pay_key)
        layout.addWidget(counter_box)
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
        self.upi_vpa = QLineEdit(current.upi_vpa, kiosk_box)
        self.upi_vpa.setObjectName("settingsUpiVpa")
        self.upi_vpa.setPlaceholderText("terabyte.cbe@okaxis")
        kiosk_form.addRow("UPI ID paid by the QR", self.upi_vpa)
        self.upi_name = QLineEdit(current.upi_payee_name, kiosk_box)
        self.upi_name.setObjectName("settingsUpiPayeeName")
        self.upi_name.setPlaceholderText("Terabyte Broadband")
        kiosk_form.addRow("UPI payee name", self.upi_name)
        self.upi_status = QLineEdit(current.upi_status_url, kiosk_box)
        self.upi_status.setObjectName("settingsUpiStatusUrl")
        self.upi_status.setPlaceholderText("https://pg.example.in/upi/status")
        kiosk_form.addRow("UPI payment-status address", self.upi_status)
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
                     self.pin_again, self.upi_vpa, self.upi_name, self.upi_status):
            edit.textChanged.connect(self._validate)
        self.header.textChanged.connect(self._validate)
        self.printer_kind.currentIndexChanged.connect(self._validate)
        self.after_record.currentIndexChanged.connect(self._validate)
        self.pay_key.keySequenceChanged.connect(self._validate)
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
            after_record=str(self.after_record.currentData()),
            pay_key=self.pay_key.keySequence().toString(),
            upi_vpa=self.upi_vpa.text().strip(),
            upi_payee_name=self.upi_name.text().strip(),
            upi_status_url=self.upi_status.text().strip(),
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
