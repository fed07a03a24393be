"""The kiosk's UPI payee and payment-status service are set in Settings, checked by
``billing.upi`` and read back by the kiosk's payment device."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from desktop.kiosk.devices import UpiStatusDevice, configured_device
from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.tasks import TaskRunner
from desktop.settings.dialog import SettingsDialog
from desktop.settings.store import open_settings
from desktop.settings.upi_payee import PAYEE_NAME_KEY, VPA_KEY, upi_payee

guard_singletons()


def test_upi_payee_is_set_in_settings_and_checked(qtbot, qapp, data_dir):
    settings = open_settings(data_dir)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    save = dialog.findChild(QPushButton, "settingsSave")
    vpa = dialog.findChild(QLineEdit, "settingsUpiVpa")
    qtbot.keyClicks(vpa, "terabyte cbe")
    assert not save.isEnabled() and "UPI ID" in dialog.error.text()
    vpa.clear()
    qtbot.keyClicks(vpa, "Terabyte.CBE@okaxis")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "settingsUpiPayeeName"), "Terabyte CBE")
    status = dialog.findChild(QLineEdit, "settingsUpiStatusUrl")
    qtbot.keyClicks(status, "pg.example.in")
    assert not save.isEnabled() and "payment-status" in dialog.error.text()
    status.clear()
    qtbot.keyClicks(status, "https://pg.example.in/upi/status")
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    payee = upi_payee(settings, demo=False)
    assert payee is not None and payee.vpa == "terabyte.cbe@okaxis"
    assert payee.name == "Terabyte CBE"
    tasks = TaskRunner(qapp)
    assert isinstance(configured_device(settings, tasks, demo=False), UpiStatusDevice)


def test_a_payee_kept_under_the_old_kiosk_keys_moves_to_the_shared_ones_on_save(
        qtbot, data_dir):
    settings = open_settings(data_dir)
    settings.setValue("kiosk/upi_vpa", "old.kiosk@okaxis")
    settings.setValue("kiosk/upi_payee_name", "Old Kiosk Name")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLineEdit, "settingsUpiVpa").text() == "old.kiosk@okaxis"
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert settings.value(VPA_KEY) == "old.kiosk@okaxis"
    assert settings.value(PAYEE_NAME_KEY) == "Old Kiosk Name"
    assert not settings.contains("kiosk/upi_vpa") and not settings.contains(
        "kiosk/upi_payee_name")
    assert upi_payee(settings).vpa == "old.kiosk@okaxis"
