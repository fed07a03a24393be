"""The day close report: counted cash by denomination, expected cash (opening float + cash
payments − cash paid out), the difference, the totals per method and the session's GST, in
the app's language, for the screen, the PDF (A5) and the printer."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject

from billing.money import format_inr
from db.cash_session import CashSession, DayClose
from desktop.detail.format import method_text
from desktop.documents.tax_summary import session_payments, session_tax_html
from desktop.language.i18n import fill
from desktop.runtime.context import AppContext
from desktop.widgets.pdf import A5, write_html_pdf


def gst_html(ctx: AppContext, session_id: int, gst: tuple[str, int] | str,
             pulled_reversals: Iterable[Mapping[str, Any]] = ()) -> str:
    """The session's GST and references (desktop.documents.tax_summary), without the
    payments the close left out (``pulled_reversals`` as given to the close); a bad GST
    setting is said in the report and never stops the close."""
    if isinstance(gst, str):
        shown = fill(QCoreApplication.translate("DayCloseReport", "GST totals not shown: %1"),
                     gst)
        return f"<p><i>{html.escape(shown)}</i></p>"
    payments = session_payments(ctx.outbox, session_id, pulled_reversals)
    return session_tax_html(payments, gst[0], gst[1], method_text)


def _denomination_label(paise: int) -> str:
    return f"₹{paise // 100}"  # ₹10 and ₹20 come as notes and as coins: counted together


class DayCloseReport(QObject):
    """The close report's words (a QObject so its counts use Qt's plural forms)."""

    def payments(self, count: int) -> str:
        return self.tr("%n payment(s)", "", count)

    def html(self, close: DayClose, session: CashSession, cashier: str, zone: str,
             gst_html: str = "") -> str:
        tz = ZoneInfo(zone)
        rows = "".join(
            f"<tr><td>{_denomination_label(v)}</td><td align='right'>{n}</td>"
            f"<td align='right'>{format_inr(v * n)}</td></tr>"
            for v, n in close.denominations.items() if n
        )
        methods = "".join(
            f"<tr><td>{method_text(m)}</td><td align='right' colspan='2'>"
            f"{format_inr(p)}</td></tr>"
            for m, p in close.method_totals.items()
        )
        outcome = {"shortage": self.tr("SHORTAGE"), "excess": self.tr("EXCESS"),
                   "balanced": self.tr("BALANCED")}[close.outcome]
        title = fill(self.tr("Day close — cash session %1"), close.session_id)
        opened = fill(self.tr("Opened %1 by %2; counted %3 by %4."),
                      f"{session.opened_at.astimezone(tz):%d-%m-%Y %H:%M}",
                      html.escape(session.opened_by),
                      f"{close.counted_at.astimezone(tz):%d-%m-%Y %H:%M}", html.escape(cashier))
        counted, pieces, amount = self.tr("Counted"), self.tr("Pieces"), self.tr("Amount")
        counted_cash, expected = self.tr("Counted cash"), self.tr("Expected cash")
        opening, cash_in = self.tr("Opening float"), self.tr("+ Cash payments")
        paid_out = self.tr("− Cash paid out")
        difference = fill(self.tr("Difference (%1)"), outcome)
        taken = fill(self.tr("Taken in this session (%1)"), self.payments(close.payment_count))
        return (
            "<html><body style='font-family:sans-serif;font-size:10pt'>"
            f"<h3 align='center'>{title}</h3><p>{opened}</p>"
            "<table width='100%' cellspacing='0' cellpadding='2'>"
            f"<tr><th align='left'>{counted}</th><th align='right'>{pieces}</th>"
            f"<th align='right'>{amount}</th></tr>{rows}"
            f"<tr><td><b>{counted_cash}</b></td><td></td><td align='right'><b>"
            f"{format_inr(close.counted_paise)}</b></td></tr></table><br/>"
            "<table width='100%' cellspacing='0' cellpadding='2'>"
            f"<tr><td>{opening}</td><td align='right'>"
            f"{format_inr(close.opening_float_paise)}</td></tr>"
            f"<tr><td>{cash_in}</td><td align='right'>"
            f"{format_inr(close.cash_payments_paise)}</td></tr>"
            f"<tr><td>{paid_out}</td><td align='right'>"
            f"{format_inr(close.paid_out_paise)}</td></tr>"
            f"<tr><td><b>{expected}</b></td><td align='right'><b>"
            f"{format_inr(close.expected_paise)}</b></td></tr>"
            f"<tr><td><b>{counted_cash}</b></td><td align='right'><b>"
            f"{format_inr(close.counted_paise)}</b></td></tr>"
            f"<tr><td><b>{difference}</b></td><td align='right'><b>"
            f"{format_inr(close.difference_paise)}</b></td></tr></table><br/>"
            f"<b>{taken}</b><table width='100%' cellspacing='0' cellpadding='2'>{methods}</table>"
            f"<br/>{gst_html}</body></html>"
        )


def close_html(close: DayClose, session: CashSession, cashier: str, zone: str,
               gst_html: str = "") -> str:
    """The close report, for the screen, the PDF and the printer (in the app's language)."""
    return DayCloseReport().html(close, session, cashier, zone, gst_html)


def write_close_pdf(close: DayClose, session: CashSession, cashier: str, zone: str,
                    path: Path, gst_html: str = "") -> Path:
    title = fill(QCoreApplication.translate("DayCloseReport", "Day close %1"), close.session_id)
    return write_html_pdf(close_html(close, session, cashier, zone, gst_html), path,
                          title=title, page=A5, margins_mm=10)
