"""The settings dialog round-trips every value and refuses what it cannot save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from desktop.help.about import AboutDialog
from desktop.kiosk.pin import PIN_KEY, verify_pin
from desktop.runtime.pyside_guard import guard_singletons
from desktop.settings.dialog import DeskSettings, SettingsDialog
from desktop.settings.store import open_settings

# PySide6 6.12.0 on Python 3.11 leaks references to None/True/False (see that module).
guard_singletons()


@pytest.fixture
def settings(data_dir):
    return open_settings(data_dir)


def _open(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_round_trip_through_the_widgets(qtbot, settings, data_dir):
    dialog = _open(qtbot, settings)
    save = dialog.findChild(QPushButton, "settingsSave")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsServerUrl"), "https://portal.example.in/")
    _choose(dialog.findChild(QComboBox, "settingsPrinterKind"), "network")
    assert not save.isEnabled()  # a network printer needs a host
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsPrinterHost"), "192.168.1.50")
    dialog.findChild(QSpinBox, "settingsPrinterPort").setValue(9101)
    _choose(dialog.findChild(QComboBox, "settingsPaperWidth"), 58)
    header = dialog.findChild(QPlainTextEdit, "settingsReceiptHeader")
    qtbot.keyClicks(header, "Terabyte Broadband")
    qtbot.keyClick(header, Qt.Key.Key_Return)
    qtbot.keyClicks(header, "Coimbatore branch")
    _choose(dialog.findChild(QComboBox, "settingsTimeZone"), "local")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsKioskPin"), "4321")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsKioskPinConfirm"), "4321")
    assert save.isEnabled(), dialog.findChild(type(dialog.error), "settingsError").text()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted

    again = DeskSettings.load(open_settings(data_dir))  # a fresh reader of the same file
    assert again == DeskSettings(
        server_url="https://portal.example.in", printer_kind="network",
        printer_host="192.168.1.50", printer_port=9101, paper_mm=58,
        receipt_header="Terabyte Broadband\nCoimbatore branch", time_zone="local")
    stored = settings.value(PIN_KEY, "", str)
    assert verify_pin("4321", stored) and "4321" not in stored

    reopened = _open(qtbot, settings)
    assert reopened.values() == again
    reopened.reject()


def test_usb_printer_and_bad_input(qtbot, settings):
    dialog = _open(qtbot, settings)
    save = dialog.findChild(QPushButton, "settingsSave")
    server = dialog.findChild(QLineEdit, "settingsServerUrl")
    qtbot.keyClicks(server, "portal")
    assert not save.isEnabled()
    assert "https://" in dialog.error.text()
    server.clear()
    _choose(dialog.findChild(QComboBox, "settingsPrinterKind"), "usb")
    vendor = dialog.findChild(QLineEdit, "settingsUsbVendor")
    qtbot.keyClicks(vendor, "04bz8")  # the validator drops the z
    assert vendor.text() == "04b8"
    assert not save.isEnabled()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsUsbProduct"), "0202")
    assert save.isEnabled()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsKioskPin"), "12")
    assert not save.isEnabled() and "4 to 12 digits" in dialog.error.text()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsKioskPin"), "34")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsKioskPinConfirm"), "1235")
    assert not save.isEnabled() and "differ" in dialog.error.text()
    dialog.findChild(QLineEdit, "settingsKioskPinConfirm").clear()
    dialog.findChild(QLineEdit, "settingsKioskPin").clear()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    loaded = DeskSettings.load(settings)
    assert (loaded.printer_kind, loaded.usb_vendor, loaded.usb_product) == ("usb", "04b8", "0202")
    assert settings.value(PIN_KEY, "", str) == ""


def test_cancel_changes_nothing(qtbot, settings):
    DeskSettings(server_url="https://a.example.in").save(settings)
    dialog = _open(qtbot, settings)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsServerUrl"), "x")
    dialog.reject()
    assert DeskSettings.load(settings).server_url == "https://a.example.in"


def test_about_shows_version_and_server(qtbot, settings, data_dir):
    from desktop import __version__

    DeskSettings(server_url="https://portal.example.in").save(settings)
    about = AboutDialog(settings, data_dir=data_dir, log_dir=data_dir / "logs")
    qtbot.addWidget(about)
    about.open()
    assert about.objectName() == "aboutDialog"
    assert about.findChild(QLabel, "aboutVersion").text() == __version__
    assert about.findChild(QLabel, "aboutServer").text() == "https://portal.example.in"
    about.reject()
