"""The operator's GST details (Settings → GST): legal name, GSTIN, address, state, SAC and
rate. Read typed from ``QSettings``; every check is ``billing``'s."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.documents import DocumentError, Supplier
from billing.gstin import HOME_STATE_CODE, STATES, GstinError, state_name, validate_gstin
from billing.messages import Msg
from billing.tax import DEFAULT_RATE_BP, DEFAULT_SAC, TaxError, format_rate, parse_rate
from desktop.payments.messages import error_text

log = logging.getLogger(__name__)

KEYS = {
    "legal_name": "gst/legal_name",
    "gstin": "gst/gstin",
    "address": "gst/address",
    "state": "gst/state",
    "sac": "gst/sac",
    "rate": "gst/rate",
}
_ERROR_STYLE = "color: #b00020;"


def _text(settings: QSettings, key: str, default: str = "") -> str:
    return str(settings.value(KEYS[key], default, str) or default)


def load_supplier(settings: QSettings) -> Supplier:
    """The operator as documents name them; DocumentError / GstinError / TaxError (all
    ValueError) saying what to set when the settings are incomplete or wrong."""
    supplier = Supplier(
        legal_name=_text(settings, "legal_name").strip(),
        gstin=_text(settings, "gstin").strip(),
        address=_text(settings, "address").strip(),
        state_code=_text(settings, "state", HOME_STATE_CODE).strip(),
        sac=_text(settings, "sac", DEFAULT_SAC).strip(),
        rate_bp=parse_rate(_text(settings, "rate", format_rate(DEFAULT_RATE_BP))),
    )
    if not supplier.gstin:
        raise DocumentError.of(Msg.DOC_GSTIN_UNSET)
    return supplier.check()


def tax_basis(settings: QSettings) -> tuple[str, int]:
    """(operator's state code, rate in basis points) for tax totals; TaxError / GstinError
    if the settings hold a bad rate or state. Defaults: Tamil Nadu, 18%."""
    state = _text(settings, "state", HOME_STATE_CODE).strip().zfill(2)
    state_name(state)
    return state, parse_rate(_text(settings, "rate", format_rate(DEFAULT_RATE_BP)))


class GstSettingsDialog(QDialog):
    """Edit the operator's GST details; Save only when billing accepts every field."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("gstSettingsDialog")
        self.setWindowTitle(self.tr("GST details of the operator"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.legal_name = QLineEdit(_text(settings, "legal_name"), self)
        self.legal_name.setObjectName("gstLegalName")
        self.gstin = QLineEdit(_text(settings, "gstin"), self)
        self.gstin.setObjectName("gstGstin")
        self.gstin.setMaxLength(20)
        self.gstin.setPlaceholderText(self.tr("15 characters, like 33AACCM9093R1ZP"))
        self.address = QPlainTextEdit(_text(settings, "address"), self)
        self.address.setObjectName("gstAddress")
        self.address.setFixedHeight(70)
        self.state = QComboBox(self)
        self.state.setObjectName("gstState")
        for code, name in STATES.items():
            self.state.addItem(f"{code} - {name}", code)
        self.state.setCurrentIndex(self.state.findData(_text(settings, "state", HOME_STATE_CODE)))
        self.sac = QLineEdit(_text(settings, "sac", DEFAULT_SAC), self)
        self.sac.setObjectName("gstSac")
        self.rate = QLineEdit(_text(settings, "rate", format_rate(DEFAULT_RATE_BP)), self)
        self.rate.setObjectName("gstRate")
        self.error = QLabel(self)
        self.error.setObjectName("gstSettingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        form.addRow(self.tr("&Legal name:"), self.legal_name)
        form.addRow(self.tr("&GSTIN:"), self.gstin)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("S&tate:"), self.state)
        form.addRow(self.tr("&SAC:"), self.sac)
        form.addRow(self.tr("&Rate (%):"), self.rate)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.save = QPushButton(self.tr("Save"), self)
        self.save.setObjectName("saveGstSettings")
        self.save.setDefault(True)
        self.save.clicked.connect(self.accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        for field in (self.legal_name, self.gstin, self.sac, self.rate):
            field.textChanged.connect(self._validate)
        self.address.textChanged.connect(self._validate)
        self.state.currentIndexChanged.connect(self._validate)
        self._validate()

    def _supplier(self) -> Supplier:
        gstin = self.gstin.text()
        supplier = Supplier(
            legal_name=self.legal_name.text().strip(),
            gstin=validate_gstin(gstin, state=self.state.currentData()) if gstin.strip()
            else "",
            address=self.address.toPlainText().strip(),
            state_code=self.state.currentData(),
            sac=self.sac.text().strip(),
            rate_bp=parse_rate(self.rate.text()),
        )
        if not supplier.gstin:
            raise DocumentError(self.tr(
                "Enter the operator's GSTIN: 15 characters, like 33AACCM9093R1ZP."))
        return supplier.check()

    @Slot()
    def _validate(self) -> None:
        try:
            self._supplier()
        except (DocumentError, GstinError, TaxError) as exc:
            self.error.setText(error_text(exc))
            self.save.setEnabled(False)
            return
        self.error.setText("")
        self.save.setEnabled(True)

    def accept(self) -> None:
        try:
            supplier = self._supplier()
        except (DocumentError, GstinError, TaxError) as exc:
            self.error.setText(error_text(exc))
            return
        values = {
            "legal_name": supplier.legal_name, "gstin": supplier.gstin,
            "address": supplier.address, "state": supplier.state_code, "sac": supplier.sac,
            "rate": format_rate(supplier.rate_bp).rstrip("%"),
        }
        for key, value in values.items():
            self.settings.setValue(KEYS[key], value)
        self.settings.sync()
        log.info("GST settings saved (GSTIN %s, state %s)", supplier.gstin, supplier.state_code)
        super().accept()
