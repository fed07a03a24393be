"""Payment devices: the UPI status device over real HTTP, the demo device, the settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QSettings

from billing.rules import PaymentMethod
from desktop.kiosk.devices import (
    STATUS_URL_KEY,
    Confirmation,
    DemoUpiDevice,
    UpiStatusDevice,
    configured_device,
)
from desktop.kiosk.window import KioskWindow
from desktop.runtime.tasks import TaskRunner
from desktop.settings.upi_payee import DEMO_VPA, VPA_KEY, upi_payee
from tests.desktop.test_kiosk import kiosk_ctx  # noqa: F401
from tests.local_http import JsonHandler, serving


class _Gateway(JsonHandler):
    """A payment-status service: answers what ``answers[tr]`` holds, in turn."""

    answers: ClassVar[dict[str, list[dict]]] = {}
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        tr = parse_qs(urlsplit(self.path).query)["tr"][0]
        type(self).asked.append(tr)
        queue = self.answers[tr]
        self.answer(200, queue.pop(0) if len(queue) > 1 else queue[0])


@pytest.fixture
def gateway() -> Iterator[str]:
    _Gateway.answers, _Gateway.asked = {}, []
    with serving(_Gateway) as url:
        yield f"{url}/upi/status"


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner(qapp)
    yield runner
    runner.wait_idle()


def test_status_device_confirms_only_a_success_for_the_exact_amount(qtbot, gateway, tasks):
    _Gateway.answers["T-000001"] = [{"status": "pending"}, {"status": "pending"},
                                    {"status": "success", "utr": "412345678901",
                                     "amount_paise": 439_06}]
    device = UpiStatusDevice(tasks, gateway, poll_ms=50)
    with qtbot.waitSignal(device.confirmed, timeout=5000) as seen:
        device.start(439_06, "T-000001")
    assert seen.args[0] == Confirmation(PaymentMethod.UPI, "412345678901", 439_06)
    assert _Gateway.asked.count("T-000001") >= 3
    assert not device.waiting


def test_status_device_refuses_a_different_amount_or_a_failure(qtbot, gateway, tasks):
    _Gateway.answers["T-2"] = [{"status": "success", "utr": "412345678901",
                                "amount_paise": 100}]
    _Gateway.answers["T-3"] = [{"status": "failed"}]
    _Gateway.answers["T-4"] = [{"status": "success", "utr": "12", "amount_paise": 500}]
    for reference, amount in (("T-2", 439_06), ("T-3", 500), ("T-4", 500)):
        device = UpiStatusDevice(tasks, gateway, poll_ms=50)
        confirmed: list[object] = []
        device.confirmed.connect(confirmed.append)
        with qtbot.waitSignal(device.failed, timeout=5000):
            device.start(amount, reference)
        assert confirmed == [] and not device.waiting


def test_money_that_arrived_with_another_amount_sends_the_customer_to_staff(
        qtbot, gateway, tasks, caplog):
    """A success for another amount is money that arrived: not recorded here (the screen's
    choice was worked out for the amount asked), but the customer is told it is not lost
    and to see the staff, and the log names its UTR for them. Before, the screen said only
    that the amounts differed and nothing was recorded."""
    _Gateway.answers["T-6"] = [{"status": "success", "utr": "412345678909",
                                "amount_paise": 500_00}]
    device = UpiStatusDevice(tasks, gateway, poll_ms=50)
    with caplog.at_level("WARNING", logger="desktop.kiosk.devices"), \
            qtbot.waitSignal(device.failed, timeout=5000) as seen:
        device.start(439_06, "T-6")
    assert "not lost" in seen.args[0] and "staff" in seen.args[0]
    assert "412345678909" in caplog.text and "50000 paise received" in caplog.text
    assert "43906 paise asked" in caplog.text


def test_cancelled_device_ignores_a_late_answer(qtbot, gateway, tasks):
    _Gateway.answers["T-5"] = [{"status": "pending"}]
    device = UpiStatusDevice(tasks, gateway, poll_ms=50)
    confirmed: list[object] = []
    device.confirmed.connect(confirmed.append)
    device.start(500, "T-5")
    qtbot.waitUntil(lambda: "T-5" in _Gateway.asked)
    with qtbot.waitSignal(device.cancelled):
        device.cancel()
    _Gateway.answers["T-5"] = [{"status": "success", "utr": "412345678901", "amount_paise": 500}]
    qtbot.wait(300)
    assert confirmed == []


def test_demo_device_confirms_only_when_asked(qtbot):
    device = DemoUpiDevice()
    confirmed: list[Confirmation] = []
    device.confirmed.connect(confirmed.append)
    device.simulate_payment()  # not started: nothing
    device.start(1250_00, "K-1")
    qtbot.wait(100)
    assert confirmed == []
    device.simulate_payment()
    [confirmation] = confirmed
    assert confirmation.amount_paise == 1250_00 and len(confirmation.reference) == 12


def test_configured_device_from_settings(tmp_path, tasks):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert configured_device(settings, tasks, demo=False) is None  # nothing set up
    assert upi_payee(settings, demo=True).vpa == DEMO_VPA
    assert isinstance(configured_device(settings, tasks, demo=True), DemoUpiDevice)
    settings.setValue(VPA_KEY, "not a vpa")
    assert upi_payee(settings, demo=False) is None
    settings.setValue(VPA_KEY, "Terabyte.CBE@okaxis")
    assert configured_device(settings, tasks, demo=False) is None  # no status service
    settings.setValue(STATUS_URL_KEY, "https://pg.example.in/upi/status")
    assert isinstance(configured_device(settings, tasks, demo=False), UpiStatusDevice)
    assert upi_payee(settings, demo=False).vpa == "terabyte.cbe@okaxis"


def test_a_failed_upi_payment_is_told_in_tamil_on_a_tamil_kiosk(
        qtbot, qapp, gateway, kiosk_ctx):  # noqa: F811
    """The device's reason (the bank said failed, a different amount, an unusable answer)
    is part of what the customer reads: in the kiosk's language, not English."""
    from PySide6.QtWidgets import QLabel

    from desktop.kiosk.window import ACCOUNT, PAY
    from tests.desktop.i18n_helpers import has_tamil, tamil
    from tests.desktop.test_kiosk import DEMO_PAYEE, _account, _find, _tap_when_enabled

    device = UpiStatusDevice(kiosk_ctx.tasks, gateway, poll_ms=50)
    window = KioskWindow(kiosk_ctx, payment_device=device, payee=DEMO_PAYEE)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_may_close", True))
    window.resize(1366, 768)
    window.show()
    with tamil(qapp):
        row = _account(kiosk_ctx, "balance_paise >= 50000")
        _find(qtbot, window, str(row.id))
        qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
        _tap_when_enabled(qtbot, window, "kioskOption_payment")
        qtbot.waitUntil(lambda: window.current_page == PAY and window.pay_page.loaded)
        number = kiosk_ctx.outbox.device_code()
        message = window.findChild(QLabel, "kioskQrMessage")
        for answer in ({"status": "failed"},
                       {"status": "success", "utr": "412345678901", "amount_paise": 1},
                       {"status": "success", "utr": "12", "amount_paise": 1}):
            _Gateway.answers.clear()
            _Gateway.answers.update({f"{number}-{i:06d}": [answer] for i in range(1, 9)})
            _tap_when_enabled(qtbot, window, "kioskPayContinue")
            qtbot.waitUntil(lambda: message.text() != "")
            assert not any(word in message.text() for word in ("bank", "amount", "payment")), \
                message.text()
            assert has_tamil(message.text().split(" ")[0]), message.text()
            _tap_when_enabled(qtbot, window, "kioskQrCancel")
            qtbot.waitUntil(lambda: window.current_page == ACCOUNT)
            _tap_when_enabled(qtbot, window, "kioskOption_payment")
            qtbot.waitUntil(lambda: window.current_page == PAY and window.pay_page.loaded)
