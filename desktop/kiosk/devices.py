"""How a kiosk learns that money really arrived: payment devices.

A kiosk records a payment only when a device it trusts confirms it; there is no button a
customer (or anyone) can press to say "I paid". Every device speaks one small protocol,
:class:`PaymentDevice`:

- ``start(amount_paise, reference)`` begins waiting for exactly that amount under that
  reference (the receipt number);
- it then emits exactly one of ``confirmed(Confirmation)``, ``failed(message)`` (English,
  context ``KioskPay``: the screen shows it in the interface language) or ``cancelled()``;
- ``cancel()`` stops waiting (nothing is recorded; a late answer is ignored).

Implementations:

- :class:`UpiStatusDevice` — the customer pays the dynamic UPI QR; the kiosk asks the
  merchant's payment-status service (``kiosk/upi_status_url``, run by the acquiring bank or
  gateway that receives the UPI credit) every few seconds whether the transaction
  reference was paid, and accepts only a success for exactly the amount, with its
  12-digit UTR.
- :class:`DemoUpiDevice` — ``--demo`` only, and says so on screen: no bank is involved, so
  the payment is confirmed when staff touch the clearly labelled "Demo: simulate the
  customer's UPI payment" button (nothing confirms by itself).

A cash acceptor or card terminal plugs in as another :class:`PaymentDevice` subclass; none
is built into this release. The settings and the status service's answer are in
docs/windows-build.md ("Kiosk mode", "Payment devices").
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

import requests
from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot

from billing.rules import PaymentMethod
from desktop.language.i18n import QT_TRANSLATE_NOOP
from desktop.runtime.tasks import TaskControl, TaskRunner
from desktop.settings.upi_payee import upi_payee

log = logging.getLogger(__name__)

STATUS_URL_KEY = "kiosk/upi_status_url"
POLL_MS = 3000
_UTR = re.compile(r"^[0-9]{12}$", re.ASCII)
# Why a device gave up: the customer reads it, so the screen words it in the interface
# language (context KioskPay).
WRONG_AMOUNT = QT_TRANSLATE_NOOP(
    "KioskPay", "The amount received does not match the amount asked for. Your money is not "
    "lost: please show your UPI app to the staff, who will record it.")
BANK_FAILED = QT_TRANSLATE_NOOP(
    "KioskPay", "The bank says this UPI payment failed; no money was taken.")
NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "KioskPay", "The payment could not be confirmed. If money left your account, please "
    "show your UPI app to the staff.")


@dataclass(frozen=True)
class Confirmation:
    """Money that arrived: how, the device's own reference for it, and how much."""

    method: PaymentMethod
    reference: str
    amount_paise: int


class PaymentDevice(QObject):
    """The protocol every payment device follows (see the module text)."""

    confirmed = Signal(object)  # Confirmation
    failed = Signal(str)
    cancelled = Signal()

    #: How the money comes in; the ledger records this method.
    method = PaymentMethod.UPI
    #: The kiosk shows the UPI QR for this device.
    shows_upi_qr = False
    #: A demo device: the screen offers the simulate button and says DEMO.
    demo = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.amount_paise = 0
        self.reference = ""
        self.waiting = False

    def start(self, amount_paise: int, reference: str) -> None:
        self.amount_paise = amount_paise
        self.reference = reference
        self.waiting = True

    def cancel(self) -> None:
        if self.waiting:
            self.waiting = False
            self.cancelled.emit()

    def _confirm(self, reference: str, amount_paise: int) -> None:
        """Emit ``confirmed`` once, and only for exactly the amount asked for."""
        if not self.waiting:
            return
        if amount_paise != self.amount_paise:
            # The money arrived, but not what this screen's choice was worked out for (a
            # Recharge's plan, what the dues allow): staff record it at the counter under its
            # UTR (one UTR pays once, so it cannot be taken twice). Logged for them to find.
            log.warning("kiosk %s %s: %d paise received with UTR %s, %d paise asked for: "
                        "not recorded here; the customer was sent to the staff",
                        self.method.value, self.reference, amount_paise, reference,
                        self.amount_paise)
            self.waiting = False
            self.failed.emit(WRONG_AMOUNT)
            return
        self.waiting = False
        self.confirmed.emit(Confirmation(self.method, reference, amount_paise))

    def _fail(self, message: str) -> None:
        if self.waiting:
            self.waiting = False
            self.failed.emit(message)


class DemoUpiDevice(PaymentDevice):
    """``--demo``: confirms only when :meth:`simulate_payment` is called (the labelled demo
    button on the kiosk's payment screen), with a made-up 12-digit UTR."""

    shows_upi_qr = True
    demo = True

    def simulate_payment(self) -> None:
        utr = str(secrets.randbelow(9 * 10**11) + 10**11)
        log.info("kiosk DEMO: simulated UPI payment %s for %s", utr, self.reference)
        self._confirm(utr, self.amount_paise)


def _status_job(session: requests.Session, url: str, reference: str,
                _c: TaskControl) -> dict[str, Any]:
    response = session.get(url, params={"tr": reference}, timeout=(3.0, 5.0))
    response.raise_for_status()
    body = response.json()
    if not isinstance(body, dict):
        raise ValueError("the payment-status service did not answer a JSON object")
    return body


class UpiStatusDevice(PaymentDevice):
    """Asks the merchant's payment-status service whether the QR was paid.

    ``GET <status url>?tr=<receipt number>`` answers JSON ``{"status": "pending" |
    "success" | "failed", "utr": "<12 digits>", "amount_paise": <int>}``. Only ``success``
    with exactly the amount and a 12-digit UTR confirms; a network error just asks again.
    """

    shows_upi_qr = True

    def __init__(self, tasks: TaskRunner, status_url: str, parent: QObject | None = None,
                 *, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.status_url = status_url
        self.session = requests.Session()
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)
        self._asking = False

    def start(self, amount_paise: int, reference: str) -> None:
        super().start(amount_paise, reference)
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        super().cancel()

    @Slot()
    def _poll(self) -> None:
        if not self.waiting or self._asking:
            return
        self._asking = True
        task = self.tasks.run_net("kiosk UPI status", partial(
            _status_job, self.session, self.status_url, self.reference))
        task.done.connect(self._on_status)
        task.error.connect(self._on_status_error)

    @Slot(object)
    def _on_status(self, body: object) -> None:
        self._asking = False
        assert isinstance(body, dict)
        status = str(body.get("status", "")).lower()
        if status == "pending" or not self.waiting:
            return
        self._timer.stop()
        if status == "failed":
            self._fail(BANK_FAILED)
            return
        utr = str(body.get("utr", ""))
        amount = body.get("amount_paise")
        if status != "success" or not _UTR.match(utr) or not isinstance(amount, int) \
                or isinstance(amount, bool):
            log.error("kiosk UPI status: unusable answer %r", body)
            self._fail(NOT_CONFIRMED)
            return
        self._confirm(utr, amount)

    @Slot(object)
    def _on_status_error(self, exc: object) -> None:
        self._asking = False
        log.warning("kiosk UPI status not reachable (asking again): %s", exc)


def configured_device(settings: QSettings, tasks: TaskRunner, *, demo: bool
                      ) -> PaymentDevice | None:
    """The device this kiosk takes payments with, or None when none is set up."""
    if upi_payee(settings, demo=demo) is None:
        return None
    url = str(settings.value(STATUS_URL_KEY, "", str) or "").strip()
    if url.startswith(("https://", "http://")):
        return UpiStatusDevice(tasks, url)
    if demo:
        return DemoUpiDevice()
    log.warning("kiosk payments off: no UPI payment-status service set (%s)", STATUS_URL_KEY)
    return None
