"""GST on a supply, computed once, in integer paise: the one function every side calls.

The rule (DESIGN.md "Tax"): GST at ``rate_bp`` basis points (18% = 1800 by default) on the
taxable value. Within the operator's state the tax is CGST + SGST, each half the rate;
across states it is IGST at the full rate. The tax is computed **once, as a whole**:

* tax-exclusive (a taxable value ``T``): ``tax = round_half_up(T × rate)``;
* tax-inclusive (a total ``G`` the customer paid): ``T = round_half_up(G / (1 + rate))``
  (CGST Rules, rule 35: value = total × 100 / (100 + rate)) and ``tax = G − T``, so taxable
  value + tax is exactly what was paid.

Then the whole is split: ``SGST = tax // 2`` and ``CGST = tax − SGST`` (an odd paisa goes
to CGST). So CGST + SGST equals IGST to the paisa for the same amount in any state, the two
halves differ by at most one paisa, and no paisa appears or vanishes between an
intra-state and an inter-state document.

Negative amounts and rates are refused (a reversal is its own document, with positive
figures), so no tax ever rounds to a negative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from billing.gstin import HOME_STATE_CODE, state_name
from billing.messages import Msg
from billing.refusal import Refusal

__all__ = [
    "DEFAULT_RATE_BP",
    "DEFAULT_SAC",
    "MAX_RATE_BP",
    "TaxError",
    "TaxSplit",
    "format_rate",
    "parse_rate",
    "split_exclusive",
    "split_inclusive",
]

DEFAULT_RATE_BP = 1800
"""GST 18% (in basis points): the rate for internet access services (SAC 998422)."""

DEFAULT_SAC = "998422"
"""Services Accounting Code of internet access services, printed on every document."""

MAX_RATE_BP = 10_000
"""Rates above 100% are a typing mistake."""

_RATE = re.compile(r"^(?P<whole>[0-9]{1,3})(?:\.(?P<frac>[0-9]{1,2}))?\s*%?$", re.ASCII)


class TaxError(Refusal, ValueError):
    """An amount, rate or state GST cannot be computed for; ``str(error)`` is for the user."""

    default_code = "tax_invalid"


@dataclass(frozen=True)
class TaxSplit:
    """Taxable value, the tax heads and the total, all integer paise."""

    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    rate_bp: int
    intra_state: bool

    @property
    def tax_paise(self) -> int:
        """All the GST on this supply."""
        return self.cgst_paise + self.sgst_paise + self.igst_paise

    @property
    def total_paise(self) -> int:
        """Taxable value plus GST: what the customer pays."""
        return self.taxable_paise + self.tax_paise

    @property
    def half_rate_bp(self) -> int:
        """CGST's (and SGST's) rate."""
        return self.rate_bp // 2


def _require_amount(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be int paise, not {type(value).__name__}")
    if value < 0:
        raise TaxError.of(Msg.TAX_NEGATIVE, value, code="tax_negative")
    return value


def _require_rate(rate_bp: object) -> int:
    if isinstance(rate_bp, bool) or not isinstance(rate_bp, int):
        raise TypeError(f"rate_bp must be int basis points, not {type(rate_bp).__name__}")
    if not 0 <= rate_bp <= MAX_RATE_BP or rate_bp % 2:
        raise TaxError.of(Msg.TAX_RATE_UNUSABLE,
                          format_rate(rate_bp) if rate_bp >= 0 else rate_bp,
                          code="rate_invalid")
    return rate_bp


def _round_div(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


def _is_intra(supplier_state: str, place_of_supply: str) -> bool:
    supplier = supplier_state.strip().zfill(2)
    place = place_of_supply.strip().zfill(2)
    state_name(supplier)
    state_name(place)
    return supplier == place


def _split(taxable: int, tax: int, rate_bp: int, intra: bool) -> TaxSplit:
    if intra:
        sgst = tax // 2
        return TaxSplit(taxable, tax - sgst, sgst, 0, rate_bp, True)
    return TaxSplit(taxable, 0, 0, tax, rate_bp, False)


def split_exclusive(
    taxable_paise: int,
    *,
    place_of_supply: str,
    supplier_state: str = HOME_STATE_CODE,
    rate_bp: int = DEFAULT_RATE_BP,
) -> TaxSplit:
    """GST on a taxable value (tax added on top): invoices for a plan price."""
    taxable = _require_amount(taxable_paise, "taxable_paise")
    rate = _require_rate(rate_bp)
    intra = _is_intra(supplier_state, place_of_supply)
    return _split(taxable, _round_div(taxable * rate, 10_000), rate, intra)


def split_inclusive(
    total_paise: int,
    *,
    place_of_supply: str,
    supplier_state: str = HOME_STATE_CODE,
    rate_bp: int = DEFAULT_RATE_BP,
) -> TaxSplit:
    """Taxable value and GST inside a total that includes the tax (money taken at the
    counter): taxable + tax == total, always."""
    total = _require_amount(total_paise, "total_paise")
    rate = _require_rate(rate_bp)
    intra = _is_intra(supplier_state, place_of_supply)
    taxable = _round_div(total * 10_000, 10_000 + rate)
    return _split(taxable, total - taxable, rate, intra)


def parse_rate(text: str) -> int:
    """A rate typed in settings ("18", "18%", "12.5") as basis points; TaxError if unfit."""
    if not isinstance(text, str):
        raise TypeError(f"rate must be str, not {type(text).__name__}")
    match = _RATE.match(text.strip())
    if match is None:
        if not text.strip():
            raise TaxError.of(Msg.TAX_RATE_EMPTY, code="rate_invalid")
        raise TaxError.of(Msg.TAX_RATE_NOT_PERCENT, text.strip(), code="rate_invalid")
    rate = int(match["whole"]) * 100 + int((match["frac"] or "").ljust(2, "0"))
    return _require_rate(rate)


def format_rate(rate_bp: int) -> str:
    """1800 → ``"18%"``, 250 → ``"2.5%"``."""
    whole, frac = divmod(rate_bp, 100)
    return f"{whole}%" if not frac else f"{whole}.{f'{frac:02d}'.rstrip('0')}%"
