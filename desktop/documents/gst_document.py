"""A GST document (receipt voucher, tax invoice, credit note, refund voucher) as HTML for
``QTextDocument``: on screen, as an A4 PDF, and on a printer. Every figure comes from the
``GstDocument`` that ``billing.documents`` built; nothing is computed here."""

from __future__ import annotations

from html import escape
from pathlib import Path

from billing.documents import DocumentKind, GstDocument
from billing.gstin import STATES
from billing.money import format_inr
from billing.tax import format_rate
from desktop.widgets.pdf import write_html_pdf

__all__ = ["document_html", "document_lines", "write_pdf"]


def _date(value: object) -> str:
    return f"{value:%d-%m-%Y}"


def document_lines(doc: GstDocument) -> list[tuple[str, str]]:
    """The document's figures as (label, value), in print order: what the tests read."""
    t = doc.tax
    lines = [("Taxable value", format_inr(t.taxable_paise))]
    if t.intra_state:
        lines += [
            (f"CGST @ {format_rate(t.half_rate_bp)}", format_inr(t.cgst_paise)),
            (f"SGST @ {format_rate(t.half_rate_bp)}", format_inr(t.sgst_paise)),
        ]
    else:
        lines.append((f"IGST @ {format_rate(t.rate_bp)}", format_inr(t.igst_paise)))
    lines.append(("Total", format_inr(doc.total_paise)))
    return lines


def _party_block(title: str, rows: list[str]) -> str:
    body = "<br>".join(escape(r) for r in rows if r)
    return f"<b>{escape(title)}</b><br>{body}"


def document_html(doc: GstDocument) -> str:
    """The document as simple HTML (the subset ``QTextDocument`` renders)."""
    s, c, t = doc.supplier, doc.customer, doc.tax
    supplier = _party_block(s.legal_name, [
        *s.address.splitlines(),
        f"GSTIN: {s.gstin}",
        f"State: {s.state_code} - {STATES[s.state_code.zfill(2)]}",
    ])
    customer = _party_block("Bill to" if doc.kind is DocumentKind.TAX_INVOICE else "Received from"
                            if doc.kind is DocumentKind.RECEIPT_VOUCHER else "Issued to", [
        f"{c.name} (Account {c.account_id})",
        *(c.address or "").splitlines(),
        f"GSTIN: {c.gstin}" if c.gstin else "GSTIN: not registered",
    ])
    meta_rows = [
        ("Number", doc.number),
        ("Date", _date(doc.dated)),
        ("Place of supply", doc.place_of_supply_text),
        ("Reverse charge", "No"),
    ]
    if doc.original_number:
        meta_rows.append(("Against", f"{doc.original_number} dated "
                                     f"{_date(doc.original_date)}"))
    if doc.receipt_number:
        meta_rows.append(("Receipt", doc.receipt_number))
    if doc.payment_reference:
        meta_rows.append(("Paid by", doc.payment_reference))
    meta = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
                   for k, v in meta_rows)
    if t.intra_state:
        tax_heads = (f"<th align='right'>CGST {format_rate(t.half_rate_bp)}</th>"
                     f"<th align='right'>SGST {format_rate(t.half_rate_bp)}</th>")
        tax_cells = (f"<td align='right'>{format_inr(t.cgst_paise)}</td>"
                     f"<td align='right'>{format_inr(t.sgst_paise)}</td>")
        span = 5
    else:
        tax_heads = f"<th align='right'>IGST {format_rate(t.rate_bp)}</th>"
        tax_cells = f"<td align='right'>{format_inr(t.igst_paise)}</td>"
        span = 4
    totals = "".join(
        f"<tr><td colspan='{span}' align='right'>{escape(k)}</td>"
        f"<td align='right'>{'<b>' if k == 'Total' else ''}{v}{'</b>' if k == 'Total' else ''}"
        "</td></tr>"
        for k, v in document_lines(doc)
    )
    reason = (f"<p><b>Reason:</b> {escape(doc.reason)}</p>" if doc.reason else "")
    inclusive = {
        DocumentKind.RECEIPT_VOUCHER: "Received in advance of supply; the amount received "
        "includes GST as shown. A tax invoice follows when the service is supplied.",
        DocumentKind.TAX_INVOICE: "Tax is included in the amount billed as shown.",
        DocumentKind.CREDIT_NOTE: "This credit note reduces the taxable value and tax of "
        "the invoice named above.",
        DocumentKind.REFUND_VOUCHER: "Refund of the advance acknowledged by the receipt "
        "voucher named above, with its tax.",
    }[doc.kind]
    return f"""
<html><body style="font-family: sans-serif; font-size: 10pt;">
<table width="100%"><tr>
<td width="60%" valign="top">{supplier}</td>
<td align="right" valign="top"><h2 style="margin:0">{doc.kind.heading}</h2>
Original for recipient</td>
</tr></table>
<hr>
<table width="100%"><tr>
<td width="50%" valign="top">{customer}</td>
<td valign="top"><table cellspacing="2">{meta}</table></td>
</tr></table>
<br>
<table width="100%" border="1" cellspacing="0" cellpadding="5"
 style="border-collapse: collapse">
<tr style="background-color:#eeeeee"><th align="left">Description</th><th>SAC</th>
<th align="right">Taxable value</th>{tax_heads}<th align="right">Total</th></tr>
<tr><td>{escape(doc.description)}</td><td align="center">{escape(s.sac)}</td>
<td align="right">{format_inr(t.taxable_paise)}</td>{tax_cells}
<td align="right">{format_inr(doc.total_paise)}</td></tr>
{totals}
</table>
<p>Amount in words: <b>{escape(doc.words)}</b></p>
{reason}
<p style="color:#555555">{escape(inclusive)} This is a computer-generated document.</p>
<p align="right">For {escape(s.legal_name)}<br><br>Authorised signatory</p>
</body></html>
"""


def write_pdf(doc: GstDocument, path: Path) -> Path:
    """Render ``doc`` to an A4 PDF at ``path`` (safe to run off the GUI thread)."""
    return write_html_pdf(document_html(doc), path,
                          title=f"{doc.kind.heading.title()} {doc.number}",
                          creator=doc.supplier.legal_name)
