"""How the detail dialog writes dates, moments and money."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from billing.lifecycle import DEFAULT_ZONE
from billing.money import format_inr

__all__ = ["format_date", "format_inr", "format_moment", "relative_day"]


def format_date(day: date | None) -> str:
    """``27 Nov 2026`` (or an em dash for none)."""
    if day is None:
        return "—"
    return f"{day.day} {day:%b %Y}"


def format_moment(moment: datetime | None, zone: str = DEFAULT_ZONE) -> str:
    """A UTC moment as the business zone's local time: ``27 Nov 2026, 14:05``."""
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day} {local:%b %Y, %H:%M}"


def relative_day(day: date, today: date) -> str:
    """``today``, ``tomorrow``, ``yesterday``, ``in 5 days`` or ``12 days ago``."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"
