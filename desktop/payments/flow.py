"""Taking a payment from the table or the detail dialog: ``start_payment``.

The flow loads the account (with its pending outbox payments laid over it) off the GUI
thread, shows Plan Selection for a Recharge, then the payment dialog, and finally the
receipt. One flow per account at a time: a flow is a child of ``ctx.events`` named
``paymentFlow-<account id>``, and ``start_payment`` on an account that already has one only
brings its window to the front. So a second dialog on the same account cannot take the money
a second time (each dialog has its own idempotency key, so two dialogs would be two
payments); within one dialog the key and the dialog's state stop double clicks and held Enter.

By keyboard: Plan Selection opens with "Continue with current plan" focused (Enter takes
it), the payment dialog with the amount focused and Enter confirming a valid form. What
happens after the payment is recorded is a setting, ``receipts/afterRecord``:

- ``show`` (default): the receipt window opens beside the main window without taking the
  focus, so the counter is ready for the next customer at once;
- ``print``: the same, and the receipt is printed on the configured thermal printer
  without another key (a failure is said in the receipt window);
- ``window``: the receipt window opens and takes the focus (Esc closes it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from billing.money import format_inr
from billing.roles import Action
from billing.rules import PaymentOption, is_outstanding
from db.outbox import Mutation
from db.payments_local import AccountForPayment, PlanChoice, load_account, plans_for_account
from desktop.detail.format import option_text
from desktop.language.i18n import fill
from desktop.payments.payment_dialog import PaymentDialog
from desktop.payments.plan_selection import PlanSelectionDialog
from desktop.payments.receipt import ReceiptDialog, header_lines
from desktop.payments.receipt_data import ReceiptData
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Loaded:
    account: AccountForPayment
    current: PlanChoice | None
    others: list[PlanChoice]
    branch: str | None


def _load_job(ctx: AppContext, account_id: int, _control: TaskControl) -> _Loaded:
    account = load_account(ctx.cache_engine, ctx.outbox, account_id, ctx.business_zone)
    current: PlanChoice | None = None
    others: list[PlanChoice] = []
    if account.prepaid:
        current, others = plans_for_account(ctx.cache_engine, account)
    with ctx.cache_engine.connect() as conn:
        branch = conn.execute(
            text("SELECT name FROM branches WHERE id = :id"), {"id": account.branch_id}
        ).scalar()
    return _Loaded(account, current, others, branch)


#: What happens once a payment is recorded (see the module docstring).
SETTINGS_AFTER_RECORD = "receipts/afterRecord"
AFTER_RECORD_SHOW, AFTER_RECORD_PRINT, AFTER_RECORD_WINDOW = "show", "print", "window"
AFTER_RECORD_CHOICES = (AFTER_RECORD_SHOW, AFTER_RECORD_PRINT, AFTER_RECORD_WINDOW)


def after_record(ctx: AppContext) -> str:
    value = str(ctx.settings.value(SETTINGS_AFTER_RECORD, AFTER_RECORD_SHOW) or "").lower()
    return value if value in AFTER_RECORD_CHOICES else AFTER_RECORD_SHOW


def flow_name(account_id: int) -> str:
    return f"paymentFlow-{account_id}"


def active_flow(ctx: AppContext, account_id: int) -> PaymentFlow | None:
    """The flow open on ``account_id``, if any."""
    return ctx.events.findChild(PaymentFlow, flow_name(account_id))


def start_payment(
    ctx: AppContext, account_id: int, option: PaymentOption, parent: QWidget | None
) -> PaymentFlow | None:
    """Open (without blocking) Plan Selection for a Recharge, then the payment dialog.

    If this account already has a payment open, that window is raised instead: one payment
    dialog per account, so one payment cannot be taken twice from two windows. Returns the
    new flow, or None when none was started.
    """
    if not ctx.user.may(Action.TAKE_PAYMENT):
        log.warning("%s may not take payments", ctx.user.username)
        return None
    existing = active_flow(ctx, account_id)
    if existing is not None:
        log.info("payment for account %s already open; raising it", account_id)
        existing.raise_window()
        return None
    flow = PaymentFlow(ctx, account_id, PaymentOption(option), parent)
    flow.start()
    return flow


class PaymentFlow(QObject):
    """One payment on one account, from loading to the receipt."""

    #: The receipt window is on screen (the payment is durable by then).
    receipt_shown = Signal(object)
    #: The flow is over (recorded, cancelled or failed); it deletes itself after.
    finished = Signal()
    #: Loading failed (e.g. the account is not in the cache); the message is for the user.
    failed = Signal(str)

    def __init__(
        self, ctx: AppContext, account_id: int, option: PaymentOption, parent: QWidget | None
    ) -> None:
        super().__init__(ctx.events)
        self.setObjectName(flow_name(account_id))
        self.ctx = ctx
        self.account_id = account_id
        self.option = option
        self.parent_widget = parent
        self.loaded: _Loaded | None = None
        self.plan_dialog: PlanSelectionDialog | None = None
        self.payment_dialog: PaymentDialog | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self._notice: str | None = None
        self._plan: PlanChoice | None = None

    def start(self) -> None:
        task = self.ctx.tasks.run_db(
            "load account for payment", partial(_load_job, self.ctx, self.account_id)
        )
        task.done.connect(self._on_loaded)
        task.error.connect(self._on_load_failed)

    def raise_window(self) -> None:
        for window in (self.payment_dialog, self.plan_dialog):
            if window is not None and window.isVisible():
                window.raise_()
                window.activateWindow()
                return

    @Slot(object)
    def _on_load_failed(self, exc: object) -> None:
        log.warning("cannot take a payment on %s: %s", self.account_id, exc)
        self.failed.emit(str(exc))
        self._finish()

    @Slot(object)
    def _on_loaded(self, loaded: object) -> None:
        assert isinstance(loaded, _Loaded)
        self.loaded = loaded
        account = loaded.account
        offered = account.options
        notice = None
        option = self.option
        if option not in offered:
            # The balance moved since the button was drawn (a sync, another payment): the
            # rules decide what this account may take now.
            option = offered[0]
            notice = fill(
                self.tr("%1 is not available now (provisional balance %2); taking %3 "
                        "instead."),
                option_text(self.option.value), format_inr(account.balance_paise),
                option_text(option.value))
        self.option = option
        for refused in account.refused:
            line = fill(
                self.tr("Head office refused payment %1 of %2: %3 It is not in the balance; "
                        "settle it under Needs attention."),
                refused.receipt_number, format_inr(refused.amount_paise), refused.message)
            notice = f"{notice}\n{line}" if notice else line
        self._notice = notice
        if option is PaymentOption.RECHARGE:
            dialog = PlanSelectionDialog(
                account, loaded.current, loaded.others, self.ctx.today(), self.parent_widget
            )
            self.plan_dialog = dialog
            dialog.chosen.connect(self._on_plan_chosen)
            dialog.accepted.connect(self._on_plan_accepted)
            dialog.rejected.connect(self._on_cancelled)
            dialog.open()
            if dialog.continue_button is not None:
                # Enter takes the current plan (the table would activate its first row).
                dialog.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._open_payment(None, notice)

    @Slot(object)
    def _on_plan_chosen(self, plan: object) -> None:
        assert isinstance(plan, PlanChoice)
        self._plan = plan

    @Slot()
    def _on_plan_accepted(self) -> None:
        # Opened once Plan Selection is hidden, so the payment dialog gets the focus (and
        # its amount field the keys) instead of the window under Plan Selection.
        if self._plan is not None:
            self._open_payment(self._plan, None)

    def _open_payment(self, plan: PlanChoice | None, notice: str | None) -> None:
        notice = notice or self._notice
        assert self.loaded is not None
        dialog = PaymentDialog(
            self.ctx, self.loaded.account, self.option, self.parent_widget, plan=plan,
            notice=notice,
        )
        self.payment_dialog = dialog
        dialog.recorded.connect(self._on_recorded)
        dialog.rejected.connect(self._on_cancelled)
        self.ctx.events.accounts_changed.connect(self._on_accounts_changed)
        dialog.open()

    @Slot(list)
    def _on_accounts_changed(self, account_ids: list) -> None:
        """The account may have moved while the dialog is open (an empty list: many did):
        load it again for the dialog."""
        dialog = self.payment_dialog
        if dialog is None or dialog.state != dialog.READY or (
                account_ids and self.account_id not in account_ids):
            return
        task = self.ctx.tasks.run_db(
            "reload account for payment", partial(_load_job, self.ctx, self.account_id))
        task.done.connect(self._on_reloaded)

    @Slot(object)
    def _on_reloaded(self, loaded: object) -> None:
        assert isinstance(loaded, _Loaded)
        dialog = self.payment_dialog
        if dialog is not None and dialog.isVisible():
            dialog.account_moved(loaded.account)

    @Slot(object)
    def _on_recorded(self, mutation: object) -> None:
        assert isinstance(mutation, Mutation) and self.loaded is not None
        dialog = self.payment_dialog
        assert dialog is not None
        account = self.loaded.account
        events = self.ctx.events
        events.outbox_changed.emit()
        events.accounts_changed.emit([account.id])
        checked = dialog.checked
        new_expiry = checked.outcome.new_expiry if checked else None
        data = ReceiptData.from_mutation(
            mutation,
            account_name=account.name,
            mobile=account.mobile,
            cashier=self.ctx.user.display_name,
            zone=self.ctx.business_zone,
            plan_name=dialog.plan.name if dialog.plan else None,
            new_expiry=new_expiry,
            branch=self.loaded.branch,
            header=header_lines(self.ctx),
        )
        offer_recharge = (
            account.prepaid
            and data.option is PaymentOption.PAYMENT
            and not is_outstanding(data.balance_after_paise)
        )
        receipt = ReceiptDialog(self.ctx, data, self.parent_widget, offer_recharge=offer_recharge)
        self.receipt_dialog = receipt
        mode = after_record(self.ctx)
        if mode != AFTER_RECORD_WINDOW:
            receipt.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        receipt.show()
        if mode == AFTER_RECORD_PRINT:
            receipt.print_thermal()
        self.receipt_shown.emit(receipt)
        self._finish()

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish()

    def _finish(self) -> None:
        # Free the account for the next payment at once; the object goes when Qt is idle.
        self.setObjectName("")
        self.setParent(None)
        for dialog in (self.plan_dialog, self.payment_dialog):
            if dialog is not None and not dialog.isVisible():
                dialog.deleteLater()
        self.finished.emit()
        self.deleteLater()

