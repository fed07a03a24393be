"""How a mobile number is written wherever a person reads it: ``+91 74571 23754``.

One function, so the table, the detail dialog, the payment dialog, receipts and exports
cannot drift apart. Numbers are stored in E.164 (``+917457123754``); anything that is not an
Indian mobile in that form is shown as stored.
"""

from __future__ import annotations

__all__ = ["format_mobile"]


def format_mobile(e164: str | None) -> str:
    """``+917457123754`` → ``+91 74571 23754``; None or "" → ""; other shapes unchanged."""
    if not e164:
        return ""
    text = e164.strip()
    digits = text[3:]
    if text.startswith("+91") and len(digits) == 10 and digits.isascii() and digits.isdigit():
        return f"+91 {digits[:5]} {digits[5:]}"
    return text
