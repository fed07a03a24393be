"""The payment dialog's "After this payment" panel, as text: the new balance, a part
payment, advance credit, plan validity, reconnection or suspension, from ``billing``'s
``PaymentPreview`` and ``db.payments_local.payment_outcome``. No widget here.

The texts stay in the ``PaymentDialog`` translation context, where they were written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from billing.lifecycle import AccountStatus
from billing.money import format_inr
from billing.rules import PaymentPreview
from db.payments_local import PaymentOutcome
from desktop.detail.format import format_date
from desktop.language.i18n import fill

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate looks for (``translate("Context", "text")``)."""


def preview_html(preview: PaymentPreview, outcome: PaymentOutcome, *, prepaid: bool) -> str:
    """The effect of the payment, one line each, as rich text for ``previewPanel``."""
    lines = []
    after = preview.balance_after_paise
    if after < 0:
        lines.append(fill(translate("PaymentDialog", "New balance: <b>%1</b> (advance credit %2)"),
                          format_inr(after), format_inr(-after)))
    else:
        lines.append(fill(translate("PaymentDialog", "New balance: <b>%1</b>"), format_inr(after)))
    if preview.is_partial:
        lines.append(fill(translate("PaymentDialog", "Part payment: <b>%1</b> stays due."),
                          format_inr(preview.remaining_due_paise)))
    if preview.credit_created_paise:
        lines.append(fill(translate("PaymentDialog", "Advance credit created: <b>%1</b>"),
                          format_inr(preview.credit_created_paise)))
    if outcome.new_expiry is not None:
        lines.append(fill(translate("PaymentDialog", "Plan valid until <b>%1</b>."),
                          format_date(outcome.new_expiry, pad=True)))
    if outcome.reconnects:
        lines.append("<b>" + translate("PaymentDialog",
                                       "This payment reconnects the suspended account.")
                     + "</b>")
    elif outcome.status_after is AccountStatus.SUSPENDED:
        if prepaid:
            lines.append(translate("PaymentDialog",
                                   "The account stays suspended until it is recharged."))
        else:
            lines.append(translate("PaymentDialog",
                                   "The account stays suspended: an invoice is still unpaid "
                                   "past its grace."))
    if outcome.suspends_on is not None and outcome.status_after is AccountStatus.ACTIVE:
        lines.append(fill(translate("PaymentDialog",
                                    "Suspends on <b>%1</b> unless paid or renewed."),
                          format_date(outcome.suspends_on, pad=True)))
    return "<br/>".join(lines)
