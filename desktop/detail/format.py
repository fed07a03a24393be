"""How the detail dialog writes dates, moments, money, account states and the names of the
editable fields, in the current interface language (month names and day counts translated;
digits and Indian grouping stay)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject

from billing.lifecycle import DEFAULT_ZONE
from billing.money import format_inr
from db.contact_validation import FIELD_LABELS
from desktop.language.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "field_name",
    "format_date",
    "format_inr",
    "format_moment",
    "method_text",
    "month_name",
    "option_text",
    "plan_type_text",
    "relative_day",
    "status_text",
]

_MONTHS = (
    QT_TRANSLATE_NOOP("Month", "Jan"), QT_TRANSLATE_NOOP("Month", "Feb"),
    QT_TRANSLATE_NOOP("Month", "Mar"), QT_TRANSLATE_NOOP("Month", "Apr"),
    QT_TRANSLATE_NOOP("Month", "May"), QT_TRANSLATE_NOOP("Month", "Jun"),
    QT_TRANSLATE_NOOP("Month", "Jul"), QT_TRANSLATE_NOOP("Month", "Aug"),
    QT_TRANSLATE_NOOP("Month", "Sep"), QT_TRANSLATE_NOOP("Month", "Oct"),
    QT_TRANSLATE_NOOP("Month", "Nov"), QT_TRANSLATE_NOOP("Month", "Dec"),
)  # fmt: skip

_STATUSES = {
    "Active": QT_TRANSLATE_NOOP("AccountStatus", "Active"),
    "Suspended": QT_TRANSLATE_NOOP("AccountStatus", "Suspended"),
    "Inactive": QT_TRANSLATE_NOOP("AccountStatus", "Inactive"),
    "Terminated": QT_TRANSLATE_NOOP("AccountStatus", "Terminated"),
}


_OPTIONS = {
    "payment": QT_TRANSLATE_NOOP("PaymentKind", "Payment"),
    "advance": QT_TRANSLATE_NOOP("PaymentKind", "Advance"),
    "recharge": QT_TRANSLATE_NOOP("PaymentKind", "Recharge"),
}
_METHODS = {
    "cash": QT_TRANSLATE_NOOP("PaymentKind", "Cash"),
    "upi": QT_TRANSLATE_NOOP("PaymentKind", "UPI"),
    "card": QT_TRANSLATE_NOOP("PaymentKind", "Card"),
    "cheque": QT_TRANSLATE_NOOP("PaymentKind", "Cheque"),
    "bank_transfer": QT_TRANSLATE_NOOP("PaymentKind", "Bank transfer"),
}


def option_text(value: str) -> str:
    """What a payment was for (``billing.rules.PaymentOption`` value) as shown."""
    known = _OPTIONS.get(value)
    return QCoreApplication.translate("PaymentKind", known) if known else value


def method_text(value: str) -> str:
    """How it was paid (``billing.rules.PaymentMethod`` value) as shown."""
    known = _METHODS.get(value)
    return QCoreApplication.translate("PaymentKind", known) if known else value


def month_name(month: int) -> str:
    """The short month name, 1 → ``Jan`` (or the Tamil ``ஜன.``)."""
    return QCoreApplication.translate("Month", _MONTHS[month - 1])


def status_text(status: str) -> str:
    """An account status as shown (the stored value is English: ``Active``…)."""
    known = _STATUSES.get(status)
    return QCoreApplication.translate("AccountStatus", known) if known else status


def plan_type_text(prepaid: bool) -> str:
    if prepaid:
        return QCoreApplication.translate("AccountStatus", "Prepaid")
    return QCoreApplication.translate("AccountStatus", "Postpaid")


def format_date(day: date | None, *, pad: bool = False) -> str:
    """``27 Nov 2026`` (``05 Nov 2026`` with ``pad``; an em dash for none)."""
    if day is None:
        return "—"
    number = f"{day.day:02d}" if pad else str(day.day)
    return f"{number} {month_name(day.month)} {day.year}"


def format_moment(moment: datetime | None, zone: str = DEFAULT_ZONE) -> str:
    """A UTC moment as the business zone's local time: ``27 Nov 2026, 14:05``."""
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local.day} {month_name(local.month)} {local.year}, {local:%H:%M}"


class DayCount(QObject):
    """Day counts with Qt's plural forms (``tr`` on a QObject is what lupdate reads as a
    plural message; English plurals come from ``partner_desk_en.qm``)."""

    def ahead(self, days: int) -> str:
        return self.tr("in %n day(s)", "", days)

    def ago(self, days: int) -> str:
        return self.tr("%n day(s) ago", "", days)

    def left(self, days: int) -> str:
        return self.tr("%n day(s) left", "", days)

    def over(self, days: int) -> str:
        return self.tr("over by %n day(s)", "", days)

    def span(self, days: int) -> str:
        return self.tr("%n day(s)", "", days)


def relative_day(day: date, today: date) -> str:
    """``today``, ``tomorrow``, ``yesterday``, ``in 5 days`` or ``12 days ago``."""
    delta = (day - today).days
    if delta == 0:
        return QCoreApplication.translate("DayCount", "today")
    if delta == 1:
        return QCoreApplication.translate("DayCount", "tomorrow")
    if delta == -1:
        return QCoreApplication.translate("DayCount", "yesterday")
    return DayCount().ahead(delta) if delta > 0 else DayCount().ago(-delta)


#: The editable fields' names as shown (``db.contact_validation.FIELD_LABELS`` holds the
#: English ones the data layer uses in its messages).
_FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("FieldLabel", "Name"),
    "mobile": QT_TRANSLATE_NOOP("FieldLabel", "Mobile"),
    "alt_mobile": QT_TRANSLATE_NOOP("FieldLabel", "Alternate mobile"),
    "email": QT_TRANSLATE_NOOP("FieldLabel", "Email"),
    "installation_address": QT_TRANSLATE_NOOP("FieldLabel", "Installation address"),
    "billing_address": QT_TRANSLATE_NOOP("FieldLabel", "Billing address"),
    "ip_address": QT_TRANSLATE_NOOP("FieldLabel", "IP address"),
    "router_brand": QT_TRANSLATE_NOOP("FieldLabel", "Router brand"),
    "connection_type": QT_TRANSLATE_NOOP("FieldLabel", "Connection type"),
    "mac_address": QT_TRANSLATE_NOOP("FieldLabel", "MAC address"),
    "vlan": QT_TRANSLATE_NOOP("FieldLabel", "VLAN"),
    "status": QT_TRANSLATE_NOOP("FieldLabel", "Status"),
}


def field_name(field: str) -> str:
    """An editable field's name in the current language."""
    known = _FIELD_NAMES.get(field)
    if known is None:
        return FIELD_LABELS.get(field, field)
    return QCoreApplication.translate("FieldLabel", known)
