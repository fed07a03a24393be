"""One account row as the table paints it: texts and colours formatted once, on any thread.

The first page is formatted on the database worker (:mod:`desktop.accounts.table_jobs`);
rows paged in later are formatted when first painted (``AccountsTableModel._cells_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from billing.money import format_inr
from billing.phone import format_mobile
from billing.rules import is_outstanding
from db.account_query import AccountRow
from db.overlay import PendingPayments
from desktop.detail.format import format_date

DUES_COLOUR = QColor("#b3261e")  # dues outstanding: a warning red
CREDIT_COLOUR = QColor("#1b6e34")  # advance credit: green
SUSPENDED_COLOUR = QColor("#b3261e")
MUTED_COLOUR = QColor("#607d8b")
_DUES_BRUSH = QBrush(DUES_COLOUR)
_CREDIT_BRUSH = QBrush(CREDIT_COLOUR)
_SUSPENDED_BRUSH = QBrush(SUSPENDED_COLOUR)
_MUTED_BRUSH = QBrush(MUTED_COLOUR)


@dataclass(frozen=True, slots=True)
class Cells:
    """One row as the view paints it: each column's text and colour, formatted once."""

    texts: tuple[str | None, ...]
    brushes: tuple[QBrush | None, ...]
    pending: bool  # the balance carries the "pending sync" mark


def row_cells(
    row: AccountRow,
    words: dict[str, str],
    now: datetime,
    pending: dict[int, PendingPayments],
) -> Cells:
    """Format ``row`` for painting (any thread: plain Python, translations looked up in
    ``words``, the interface language's words of :meth:`AccountsTableModel.retranslate`)."""
    waiting = pending.get(row.id)
    balance = row.balance_paise + (waiting.delta_paise if waiting else 0)
    if row.last_seen is None:
        seen = words["Never"]
    else:
        seen = relative_time(datetime.fromtimestamp(row.last_seen, UTC), now)
    texts = (
        None,
        str(row.id),
        row.name,
        row.branch_name,
        format_mobile(row.mobile),
        format_inr(balance),
        seen,
        words["Prepaid" if row.prepaid else "Postpaid"],
        words.get(row.status, row.status),
    )
    if is_outstanding(balance):
        balance_brush: QBrush | None = _DUES_BRUSH
    else:
        balance_brush = _CREDIT_BRUSH if balance < 0 else None
    brushes = (
        None, None, None, None, None,
        balance_brush,
        _MUTED_BRUSH if row.last_seen is None else None,
        None,
        _SUSPENDED_BRUSH if row.status == "Suspended" else None,
    )
    return Cells(texts, brushes, waiting is not None)


class TimeAgo(QObject):
    """How long ago, in the interface language with Qt's plural forms (``tr`` on a QObject
    is what lupdate reads as a plural message)."""

    def just_now(self) -> str:
        return self.tr("just now")

    def minutes(self, n: int) -> str:
        return self.tr("%n min ago", "", n)

    def hours(self, n: int) -> str:
        return self.tr("%n h ago", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s) ago", "", n)

    def months(self, n: int) -> str:
        return self.tr("%n month(s) ago", "", n)


_AGO = TimeAgo()


def relative_time(moment: datetime, now: datetime) -> str:
    """``3 h ago`` style: how long ago ``moment`` was (in the interface language)."""
    seconds = int((now - moment).total_seconds())
    if seconds < 0:
        return _AGO.just_now() if seconds > -300 else format_date(moment.date(), pad=True)
    if seconds < 60:
        return _AGO.just_now()
    if seconds < 3600:
        return _AGO.minutes(seconds // 60)
    if seconds < 86_400:
        return _AGO.hours(seconds // 3600)
    days = seconds // 86_400
    if days < 31:
        return _AGO.days(days)
    if days < 365:
        return _AGO.months(days // 30)
    return format_date(moment.date(), pad=True)
