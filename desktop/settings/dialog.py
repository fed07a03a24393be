"""Settings: the server, the receipt printer and paper, the receipt header, the time zone
times are shown in, the interface language, and the kiosk's staff PIN.

The keys and the checks are :mod:`desktop.settings.desk_settings`'s; this dialog edits a
:class:`DeskSettings` and saves it only when it has no problems.
"""

from __future__ import annotations

import zoneinfo

from PySide6.QtCore import QCoreApplication, QRegularExpression, QSettings, Slot
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.kiosk.pin import PinError, check_pin_shape, set_pin, stored_pin_hash
from desktop.language.i18n import (
    LANGUAGES,
    Retranslating,
    set_language,
)
from desktop.payments.flow import (
    AFTER_RECORD_PRINT,
    AFTER_RECORD_SHOW,
    AFTER_RECORD_WINDOW,
)
from desktop.payments.messages import error_text
from desktop.settings.desk_settings import (
    BRANCH_ZONE,
    LOCAL_ZONE,
    PAPER_WIDTHS,
    PRINTER_KINDS,
    TAMIL_MODES,
    TAMIL_RASTER,
    TAMIL_TEXT,
    DeskSettings,
)


def _zone_names() -> list[str]:
    return sorted(z for z in zoneinfo.available_timezones() if "/" in z)


class SettingsDialog(Retranslating, QDialog):
    """Edits :class:`DeskSettings` (and the kiosk PIN); saves only when everything is valid.

    Saving a new language switches the running app to it
    (:func:`desktop.language.i18n.set_language`).
    """

    def __init__(self, settings: QSettings, *, branch_zone: str = "Asia/Kolkata",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.branch_zone = branch_zone
        self.setObjectName("settingsDialog")
        current = DeskSettings.load(settings)
        self.has_pin = stored_pin_hash(settings) is not None
        layout = QVBoxLayout(self)
        # Two columns, so the dialog fits a 1366×768 screen in either language.
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right)
        layout.addLayout(columns)

        self.server_box = QGroupBox(self)
        self.server_form = QFormLayout(self.server_box)
        self.server = QLineEdit(current.server_url, self.server_box)
        self.server.setObjectName("settingsServerUrl")
        self.server.setPlaceholderText("https://portal.example.in")
        self.server_form.addRow(QLabel(self), self.server)
        self.zone = QComboBox(self.server_box)
        self.zone.setObjectName("settingsTimeZone")
        self.zone.addItem("", BRANCH_ZONE)
        self.zone.addItem("", LOCAL_ZONE)
        for name in _zone_names():
            self.zone.addItem(name, name)
        index = self.zone.findData(current.time_zone)
        self.zone.setCurrentIndex(max(0, index))
        self.server_form.addRow(QLabel(self), self.zone)
        self.language = QComboBox(self.server_box)
        self.language.setObjectName("settingsLanguage")
        for code, name in LANGUAGES.items():  # each language named in itself, never translated
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.server_form.addRow(QLabel(self), self.language)
        left.addWidget(self.server_box)

        self.printer_box = QGroupBox(self)
        self.form = QFormLayout(self.printer_box)
        self.printer_kind = QComboBox(self.printer_box)
        self.printer_kind.setObjectName("settingsPrinterKind")
        for value in PRINTER_KINDS:
            self.printer_kind.addItem("", value)
        self.printer_kind.setCurrentIndex(max(0, self.printer_kind.findData(current.printer_kind)))
        self.form.addRow(QLabel(self), self.printer_kind)
        self.host = QLineEdit(current.printer_host, self.printer_box)
        self.host.setObjectName("settingsPrinterHost")
        self.host.setPlaceholderText("192.168.1.50")
        self.form.addRow(QLabel(self), self.host)
        self.port = QSpinBox(self.printer_box)
        self.port.setObjectName("settingsPrinterPort")
        self.port.setRange(1, 65535)
        self.port.setValue(current.printer_port)
        self.form.addRow(QLabel(self), self.port)
        hex_validator = QRegularExpressionValidator(QRegularExpression("[0-9A-Fa-f]{0,4}"), self)
        self.vendor = QLineEdit(current.usb_vendor, self.printer_box)
        self.vendor.setObjectName("settingsUsbVendor")
        self.vendor.setValidator(hex_validator)
        self.vendor.setPlaceholderText("04b8")
        self.form.addRow(QLabel(self), self.vendor)
        self.product = QLineEdit(current.usb_product, self.printer_box)
        self.product.setObjectName("settingsUsbProduct")
        self.product.setValidator(hex_validator)
        self.product.setPlaceholderText("0202")
        self.form.addRow(QLabel(self), self.product)
        self.paper = QComboBox(self.printer_box)
        self.paper.setObjectName("settingsPaperWidth")
        for mm in PAPER_WIDTHS:
            self.paper.addItem(f"{mm} mm", mm)
        self.paper.setCurrentIndex(self.paper.findData(current.paper_mm))
        self.form.addRow(QLabel(self), self.paper)
        self.tamil_mode = QComboBox(self.printer_box)
        self.tamil_mode.setObjectName("settingsTamilMode")
        for value in TAMIL_MODES:
            self.tamil_mode.addItem("", value)
        self.tamil_mode.setCurrentIndex(max(0, self.tamil_mode.findData(current.tamil_mode)))
        self.form.addRow(QLabel(self), self.tamil_mode)
        self.header = QPlainTextEdit(current.receipt_header, self.printer_box)
        self.header.setObjectName("settingsReceiptHeader")
        self.header.setFixedHeight(90)
        self.form.addRow(QLabel(self), self.header)
        left.addWidget(self.printer_box)
        left.addStretch(1)

        self.counter_box = QGroupBox(self)
        self.counter_form = QFormLayout(self.counter_box)
        self.after_record = QComboBox(self.counter_box)
        self.after_record.setObjectName("settingsAfterRecord")
        for value in (AFTER_RECORD_SHOW, AFTER_RECORD_PRINT, AFTER_RECORD_WINDOW):
            self.after_record.addItem("", value)
        self.after_record.setCurrentIndex(
            max(0, self.after_record.findData(current.after_record))
        )
        self.counter_form.addRow(QLabel(self), self.after_record)
        self.pay_key = QKeySequenceEdit(QKeySequence(current.pay_key), self.counter_box)
        self.pay_key.setObjectName("settingsPayKey")
        self.pay_key.setMaximumSequenceLength(1)
        self.pay_key.setClearButtonEnabled(True)
        self.counter_form.addRow(QLabel(self), self.pay_key)
        right.addWidget(self.counter_box)
        self.gst_box = QGroupBox(self)
        gst_row = QVBoxLayout(self.gst_box)
        self.gst_button = QPushButton(self.gst_box)
        self.gst_button.setObjectName("settingsGst")
        self.gst_button.setAutoDefault(False)
        self.gst_button.clicked.connect(self._on_gst)
        gst_row.addWidget(self.gst_button)
        right.addWidget(self.gst_box)
        # One payee for the counter's payment dialog and the kiosk (desktop.settings.upi_payee).
        self.upi_box = QGroupBox(self)
        self.upi_form = QFormLayout(self.upi_box)
        self.upi_vpa = QLineEdit(current.upi_vpa, self.upi_box)
        self.upi_vpa.setObjectName("settingsUpiVpa")
        self.upi_vpa.setPlaceholderText("terabyte.cbe@okaxis")
        self.upi_form.addRow(QLabel(self), self.upi_vpa)
        self.upi_name = QLineEdit(current.upi_payee_name, self.upi_box)
        self.upi_name.setObjectName("settingsUpiPayeeName")
        self.upi_name.setPlaceholderText("Terabyte Broadband")
        self.upi_form.addRow(QLabel(self), self.upi_name)
        right.addWidget(self.upi_box)

        self.kiosk_box = QGroupBox(self)
        self.kiosk_form = QFormLayout(self.kiosk_box)
        self.pin = QLineEdit(self.kiosk_box)
        self.pin.setObjectName("settingsKioskPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit(self.kiosk_box)
        self.pin_again.setObjectName("settingsKioskPinConfirm")
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.kiosk_form.addRow(QLabel(self), self.pin)
        self.kiosk_form.addRow(QLabel(self), self.pin_again)
        self.upi_status = QLineEdit(current.upi_status_url, self.kiosk_box)
        self.upi_status.setObjectName("settingsUpiStatusUrl")
        self.upi_status.setPlaceholderText("https://pg.example.in/upi/status")
        self.kiosk_form.addRow(QLabel(self), self.upi_status)
        right.addWidget(self.kiosk_box)
        right.addStretch(1)

        self.error = QLabel("", self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        # Our own buttons, not standard ones: a button box re-labels its standard buttons on
        # every language change from Qt's own catalogue, which has no Tamil.
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("settingsSave")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
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
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every text of the dialog, in the current language (again on a language change)."""
        self.setWindowTitle(self.tr("Settings"))
        self.server_box.setTitle(self.tr("Server"))
        rows = (
            (self.server_form, self.server, self.tr("Server URL")),
            (self.server_form, self.zone, self.tr("Show times in")),
            (self.server_form, self.language, self.tr("Language")),
            (self.form, self.printer_kind, self.tr("Thermal printer")),
            (self.form, self.host, self.tr("Printer host")),
            (self.form, self.port, self.tr("Printer port")),
            (self.form, self.vendor, self.tr("USB vendor id")),
            (self.form, self.product, self.tr("USB product id")),
            (self.form, self.paper, self.tr("Paper width")),
            (self.form, self.tamil_mode, self.tr("Tamil on the printer")),
            (self.form, self.header, self.tr("Receipt header")),
            (self.counter_form, self.after_record, self.tr("After a payment")),
            (self.counter_form, self.pay_key, self.tr("Pay key")),
            (self.kiosk_form, self.pin, self.tr("New staff PIN")),
            (self.kiosk_form, self.pin_again, self.tr("Repeat PIN")),
            (self.upi_form, self.upi_vpa, self.tr("UPI ID paid by the QR")),
            (self.upi_form, self.upi_name, self.tr("UPI payee name")),
            (self.kiosk_form, self.upi_status, self.tr("UPI payment-status address")),
        )
        for form, field, caption in rows:
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(caption)
        self.zone.setItemText(0, self.tr("Branch time zone (%1, from the server)")
                              .replace("%1", self.branch_zone))
        self.zone.setItemText(1, self.tr("This PC's time zone"))
        kinds = {"": self.tr("None (show and save only)"),
                 "network": self.tr("Network printer (host:port)"),
                 "usb": self.tr("USB printer (vendor:product)")}
        for i in range(self.printer_kind.count()):
            self.printer_kind.setItemText(i, kinds[str(self.printer_kind.itemData(i))])
        modes = {TAMIL_RASTER: self.tr("As an image (any printer)"),
                 TAMIL_TEXT: self.tr("As text (printer has a Tamil font)")}
        for i in range(self.tamil_mode.count()):
            self.tamil_mode.setItemText(i, modes[str(self.tamil_mode.itemData(i))])
        self.printer_box.setTitle(self.tr("Receipts"))
        self.header.setPlaceholderText(self.tr("Terabyte Broadband\nCoimbatore branch · GSTIN …"))
        self.counter_box.setTitle(self.tr("Counter"))
        after = {AFTER_RECORD_SHOW: self.tr("Show the receipt; Quick Search is ready at once"),
                 AFTER_RECORD_PRINT: self.tr("Print the receipt at once (thermal printer)"),
                 AFTER_RECORD_WINDOW: self.tr("Open the receipt window (Esc closes it)")}
        for i in range(self.after_record.count()):
            self.after_record.setItemText(i, after[str(self.after_record.itemData(i))])
        self.pay_key.setToolTip(self.tr("The key that opens the selected account's first "
                                        "payment option. Click here and press the key."))
        self.gst_box.setTitle(self.tr("GST"))
        self.gst_button.setText(self.tr("GST &details of the operator…"))
        self.upi_box.setTitle(self.tr("UPI QR (counter and kiosk)"))
        self.kiosk_box.setTitle(self.tr("Kiosk"))
        self.pin.setPlaceholderText(self.tr("unchanged") if self.has_pin
                                    else self.tr("set (4–12 digits)"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
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
            language=str(self.language.currentData()),
            tamil_mode=str(self.tamil_mode.currentData()),
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
            return error_text(exc)
        if pin != again:
            return self.tr("The two PINs differ; type the same PIN twice.")
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
        app = QCoreApplication.instance()
        if app is not None:
            set_language(app, values.language)  # the whole app changes now, no restart
        super().accept()
