"""Masking what a kiosk shows about a customer: a name and a mobile, never in full.

The kiosk (DESIGN.md "Roles and scopes") shows one account at a time with its name and
mobile masked, so that someone reading over a shoulder, or typing a guessed number, learns
next to nothing:

- a name keeps each word's first letter and, for words of three or more letters, its last
  letter; every word gets exactly three stars in between, so the length is not told either:
  ``Sneha Kumar`` → ``S***a K***r``, ``Li`` → ``L***``;
- a mobile shows at most its last three digits, never a leading one: ``+919876543210`` →
  ``+91 •••••••210``. Showing more lets a masked value and a look-up by mobile be combined
  into the number (with five of ten digits shown, the other 100,000 numbers could all be
  tried by look-ups). A number of any other shape shows at most its last two digits, and only
  when it has eight digits or more.

Pure functions (standard library only), the ONE home of the rule: the server masks what it
sends a kiosk (look-up answers, the kiosk's sealed offline rows) with them, and the kiosk
masks what it shows with them.
"""

from __future__ import annotations

import unicodedata

NAME_STARS = "***"
BULLET = "•"
#: Shown for a name with no letters to keep (empty, or only punctuation).
HIDDEN_NAME = "***"
HIDDEN_MOBILE = BULLET * 5


def _letters(word: str) -> list[str]:
    """The characters of ``word`` worth keeping at its ends: letters and digits, not the
    combining marks of scripts such as Tamil (a mark alone tells little and reads oddly)."""
    return [ch for ch in word if unicodedata.category(ch)[0] in ("L", "N")]


def mask_word(word: str) -> str:
    """``Sneha`` → ``S***a``; a word of one or two letters keeps only its first."""
    chars = _letters(word)
    if not chars:
        return ""
    if len(chars) < 3:
        return chars[0] + NAME_STARS
    return chars[0] + NAME_STARS + chars[-1]


def mask_name(name: str | None) -> str:
    """Every word of ``name`` masked with :func:`mask_word`, single-spaced."""
    words = [mask_word(w) for w in (name or "").split()]
    masked = " ".join(w for w in words if w)
    return masked or HIDDEN_NAME


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


#: The most trailing digits a masked mobile shows (DESIGN.md "Roles and scopes").
MOBILE_DIGITS_SHOWN = 3


def mask_mobile(mobile: str | None) -> str:
    """``+919876543210`` → ``+91 •••••••210``.

    Indian numbers (``+91`` and ten digits, or ten digits starting 6–9) keep only their last
    :data:`MOBILE_DIGITS_SHOWN` digits; other numbers show bullets and at most their last two.
    """
    digits = _digits(mobile or "")
    national: str | None = None
    if len(digits) == 12 and digits.startswith("91"):
        national = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        national = digits[1:]
    elif len(digits) == 10:
        national = digits
    if national is not None and national[0] in "6789":
        hidden = len(national) - MOBILE_DIGITS_SHOWN
        return f"+91 {BULLET * hidden}{national[-MOBILE_DIGITS_SHOWN:]}"
    if len(digits) >= 8:
        return BULLET * 5 + digits[-2:]
    return HIDDEN_MOBILE
