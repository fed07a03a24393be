"""An invoice as a printable document: HTML for ``QTextDocument``, printed or saved as PDF."""

from __future__ import annotations

from html import escape
from pathlib import Path

from billing.money import amount_in_words
from billing.phone import format_mobile
from db.account_details.invoices import InvoiceDocument
from desktop.detail.format import format_date, format_inr
from desktop.widgets.pdf import write_html_pdf

COMPANY = "Terabyte Broadband"


def invoice_html(doc: InvoiceDocument) -> str:
    """The invoice as simple HTML (the subset ``QTextDocument`` renders)."""
    inv = doc.invoice
    due = inv.outstanding_paise
    plan = escape(doc.plan or "Broadband service")
    speed = f" ({doc.plan_speed_mbps} Mbps)" if doc.plan_speed_mbps else ""
    status = "PAID" if inv.status == "paid" or due <= 0 else "DUE"
    rows = [
        ("Invoice number", escape(inv.number)),
        ("Invoice date", format_date(inv.invoice_date)),
        ("Billing period", f"{format_date(inv.period_start)} to {format_date(inv.period_end)}"),
        ("Pay by", format_date(doc.last_payment_date)),
    ]
    meta = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
    customer = "<br>".join(
        escape(x)
        for x in (
            f"{doc.account_name} (Account {doc.account_id})",
            doc.billing_address or "",
            format_mobile(doc.mobile),
            doc.email or "",
        )
        if x
    )
    return f"""
<html><body style="font-family: sans-serif; font-size: 10pt;">
<table width="100%"><tr>
<td><h2 style="margin:0">{COMPANY}</h2>{escape(doc.branch)} branch</td>
<td align="right"><h2 style="margin:0">INVOICE</h2><b>{status}</b></td>
</tr></table>
<hr>
<table width="100%"><tr>
<td width="55%" valign="top"><b>Bill to</b><br>{customer}</td>
<td valign="top"><table cellspacing="2">{meta}</table></td>
</tr></table>
<br>
<table width="100%" border="1" cellspacing="0" cellpadding="5" style="border-collapse: collapse">
<tr style="background-color:#eeeeee"><th align="left">Description</th>
<th align="left">Period</th><th align="right">Amount</th></tr>
<tr><td>{plan}{speed} — {"prepaid" if doc.prepaid else "postpaid"} broadband</td>
<td>{format_date(inv.period_start)} – {format_date(inv.period_end)}</td>
<td align="right">{format_inr(inv.amount_paise)}</td></tr>
<tr><td colspan="2" align="right"><b>Total</b></td>
<td align="right"><b>{format_inr(inv.amount_paise)}</b></td></tr>
<tr><td colspan="2" align="right">Paid</td>
<td align="right">{format_inr(inv.paid_paise)}</td></tr>
<tr><td colspan="2" align="right"><b>Balance due</b></td>
<td align="right"><b>{format_inr(max(due, 0))}</b></td></tr>
</table>
<p>Amount in words: {escape(amount_in_words(inv.amount_paise))}</p>
<p style="color:#555555">Postpaid invoices may be paid up to and including
{format_date(doc.last_payment_date)}; if unpaid, the connection is suspended on
{format_date(doc.suspension_date)}. Pay at your branch counter, by UPI, card, cheque or bank
transfer. This is a computer-generated invoice.</p>
</body></html>
"""


def write_pdf(html: str, path: Path) -> Path:
    """Render ``html`` to an A4 PDF at ``path`` (safe to run off the GUI thread)."""
    return write_html_pdf(html, path, title="Invoice", creator=COMPANY)
