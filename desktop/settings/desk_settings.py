"""The desk's settings as one value (:class:`DeskSettings`): read from QSettings, checked
(each problem said with what to do), and saved. The Settings dialog edits it.

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
| ``ui/language`` | ``en`` or ``ta``; applied at once and at the next start | language.i18n |
| ``receipts/tamil_mode`` | ``raster`` (Tamil as an image) or ``text`` | ESC/POS printing |
| ``kiosk/pin_hash`` | scrypt hash of the kiosk staff PIN (never the PIN) | kiosk |
| ``receipts/afterRecord`` | ``show``, ``print`` or ``window`` (after a payment) | payment flow |
| ``counter/payKey`` | the key opening the first payment option (default F2) | main window |
| ``upi/vpa`` / ``upi/payee_name`` | who the UPI QR pays (settings.upi_payee) | payments, kiosk |
| ``kiosk/upi_status_url`` | the payment-status service that confirms UPI payments | kiosk |
| ``gst/*`` | the operator's GST details (its own dialog, GST details…) | desktop.documents |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSettings, QUrl

from billing.upi import MAX_NAME_CHARS, UpiError, validate_vpa
from desktop.accounts.counter_keys import DEFAULT_PAY_KEY, SETTINGS_PAY_KEY, pay_key_problem
from desktop.kiosk.devices import STATUS_URL_KEY
from desktop.language.i18n import (
    ENGLISH,
    LANGUAGES,
    store_language,
    stored_language,
)
from desktop.payments.flow import (
    AFTER_RECORD_CHOICES,
    AFTER_RECORD_PRINT,
    AFTER_RECORD_SHOW,
    SETTINGS_AFTER_RECORD,
)
from desktop.settings.store import setting_int
from desktop.settings.upi_payee import store_payee, stored_payee
from sync.server_address import server_address

SERVER = "sync/server"
PRINTER_KIND = "receipts/escpos_kind"
PRINTER_HOST = "receipts/escpos_host"
PRINTER_PORT = "receipts/escpos_port"
USB_VENDOR = "receipts/escpos_usb_vendor"
USB_PRODUCT = "receipts/escpos_usb_product"
PAPER_MM = "receipts/paper_mm"
HEADER = "receipts/header"
TIME_ZONE = "display/time_zone"
TAMIL_MODE = "receipts/tamil_mode"

TAMIL_RASTER = "raster"
TAMIL_TEXT = "text"
TAMIL_MODES = (TAMIL_RASTER, TAMIL_TEXT)

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
    language: str = ENGLISH
    tamil_mode: str = TAMIL_RASTER

    @classmethod
    def load(cls, settings: QSettings) -> DeskSettings:
        kind = str(settings.value(PRINTER_KIND, "", str) or "").lower()
        paper = setting_int(settings, PAPER_MM, 80) or 80
        after = str(settings.value(SETTINGS_AFTER_RECORD, AFTER_RECORD_SHOW, str) or "").lower()
        vpa, payee_name = stored_payee(settings)
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
            upi_vpa=vpa,
            upi_payee_name=payee_name,
            upi_status_url=str(settings.value(STATUS_URL_KEY, "", str) or ""),
            language=stored_language(settings),
            tamil_mode=mode if (mode := str(settings.value(TAMIL_MODE, "", str) or ""))
            in TAMIL_MODES else TAMIL_RASTER,
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
        store_payee(settings, self.upi_vpa, self.upi_payee_name)
        settings.setValue(STATUS_URL_KEY, self.upi_status_url)
        settings.setValue(TAMIL_MODE, self.tamil_mode)
        store_language(settings, self.language)  # syncs

    def problems(self) -> list[str]:
        """What is wrong, each said with what to do; empty when the settings can be saved."""
        found: list[str] = []
        if self.server_url and server_address(self.server_url) is None:
            found.append(QCoreApplication.translate(
                "DeskSettings", "Server URL must look like https://portal.example.in."))
        if self.printer_kind == "network" and not _HOST.match(self.printer_host):
            found.append(QCoreApplication.translate(
                "DeskSettings", "Enter the printer's network name or IP address."))
        if self.printer_kind == "usb" and not (
            _HEX4.match(self.usb_vendor) and _HEX4.match(self.usb_product)
        ):
            found.append(QCoreApplication.translate(
                "DeskSettings",
                "USB vendor and product ids are 4 hex digits each, e.g. 04b8 and 0202."))
        if self.upi_vpa:
            try:
                validate_vpa(self.upi_vpa)
            except UpiError:  # billing's English text; the desk says it in its language
                found.append(QCoreApplication.translate(
                    "DeskSettings", "The UPI ID must look like name@bank: letters, digits, "
                    "'.', '-' or '_' before the @ (for example terabyte.cbe@okaxis)."))
        if len(self.upi_payee_name) > MAX_NAME_CHARS:
            found.append(QCoreApplication.translate(
                "DeskSettings", "Keep the UPI payee name to %1 characters.")
                .replace("%1", str(MAX_NAME_CHARS)))
        if self.upi_status_url:
            url = QUrl(self.upi_status_url, QUrl.ParsingMode.StrictMode)
            if not url.isValid() or url.scheme() not in ("http", "https") or not url.host():
                found.append(QCoreApplication.translate(
                    "DeskSettings", "The UPI payment-status address must look like "
                    "https://pg.example.in/upi/status."))
        lines = self.receipt_header.splitlines()
        if len(lines) > HEADER_MAX_LINES or any(len(x) > HEADER_MAX_CHARS for x in lines):
            found.append(QCoreApplication.translate(
                "DeskSettings", "Keep the receipt header to %1 lines of at most %2 characters.")
                .replace("%1", str(HEADER_MAX_LINES)).replace("%2", str(HEADER_MAX_CHARS)))
        if self.after_record == AFTER_RECORD_PRINT and not self.printer_kind:
            found.append(QCoreApplication.translate(
                "DeskSettings", "Printing each receipt at once needs a thermal printer: choose "
                "one above, or let the receipt be shown."))
        key_problem = pay_key_problem(self.pay_key)
        if key_problem:
            found.append(QCoreApplication.translate("DeskSettings", "Pay key: %1")
                         .replace("%1", key_problem))
        if self.language not in LANGUAGES:
            found.append(QCoreApplication.translate(
                "DeskSettings", "Choose English or Tamil as the language."))
        return found
