"""The Account ID as a Code 128 barcode and a QR code, for receipts and invoices.

Both carry only the Account ID's digits, so a scanner in keyboard mode types the ID into
the counter (see ``desktop.accounts.scanner``) exactly as a cashier would. The images are PNG,
rendered with python-barcode and qrcode (Pillow), and go into the HTML documents as
``data:`` URLs (Qt's text documents, and so the screen, the PDF and Qt's printers, show
them without a resource loader).
"""

from __future__ import annotations

import base64
import io

import qrcode
from barcode import Code128
from barcode.writer import ImageWriter
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

#: Module width (mm at the writer's dpi) and bar height: scannable from an 80 mm slip.
_BARCODE_OPTIONS = {
    "module_width": 0.3,
    "module_height": 7.0,
    "quiet_zone": 4.0,
    "font_size": 0,
    "text_distance": 0,
    "write_text": False,
    "dpi": 203,  # thermal printers' resolution
}


def code128_png(account_id: int) -> bytes:
    """A Code 128 barcode of the Account ID (no human-readable line: the receipt prints
    the ID beside it)."""
    out = io.BytesIO()
    Code128(str(int(account_id)), writer=ImageWriter()).write(out, options=_BARCODE_OPTIONS)
    return out.getvalue()


def qr_png(account_id: int, box_size: int = 4) -> bytes:
    """A QR code of the Account ID."""
    return text_qr_png(str(int(account_id)), box_size)


def text_qr_png(payload: str, box_size: int = 4) -> bytes:
    """A QR code of any text (a UPI intent on a pay-later slip, for instance)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=2)
    code.add_data(payload)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out, format="PNG")
    return out.getvalue()


def _data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def image_html(png: bytes) -> str:
    """``<img>`` of a PNG at its own pixel size, as a ``data:`` URL."""
    return _img(png)


def _img(png: bytes) -> str:
    # At its own pixel size: a scaled-down barcode blurs its bars past decoding.
    with Image.open(io.BytesIO(png)) as picture:
        width, height = picture.size
    return f"<img src='{_data_url(png)}' width='{width}' height='{height}'/>"


def account_codes_html(account_id: int) -> str:
    """A centred block: the barcode, the QR code and the ID under them."""
    return (
        "<p align='center' style='margin-top:6px'>"
        f"{_img(code128_png(account_id))}&nbsp;&nbsp;{_img(qr_png(account_id))}<br/>"
        f"<span style='font-size:8pt'>Account ID {int(account_id)}</span></p>"
    )


def with_account_codes(html: str, account_id: int) -> str:
    """``html`` with the codes block at the end of its body."""
    block = account_codes_html(account_id)
    marker = "</body>"
    if marker in html:
        head, _, tail = html.rpartition(marker)
        return head + block + marker + tail
    return html + block
