"""The account table's columns: their order, titles, sort keys and the model's own roles."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.account_query import SortKey
from desktop.language.i18n import QT_TRANSLATE_NOOP

(
    COL_TAG,
    COL_ID,
    COL_NAME,
    COL_BRANCH,
    COL_MOBILE,
    COL_BALANCE,
    COL_LAST_SEEN,
    COL_PLAN,
    COL_STATUS,
) = range(9)
HEADERS = [
    "",
    QT_TRANSLATE_NOOP("AccountsTable", "Account ID"),
    QT_TRANSLATE_NOOP("AccountsTable", "Account Name"),
    QT_TRANSLATE_NOOP("AccountsTable", "Branch Name"),
    QT_TRANSLATE_NOOP("AccountsTable", "Mobile"),
    QT_TRANSLATE_NOOP("AccountsTable", "Balance"),
    QT_TRANSLATE_NOOP("AccountsTable", "Last Seen"),
    QT_TRANSLATE_NOOP("AccountsTable", "Plan Type"),
    QT_TRANSLATE_NOOP("AccountsTable", "Status"),
]
"""Column titles (English; shown in the interface language)."""
#: The database sort key behind each sortable column (the tag column does not sort).
SORT_KEYS: dict[int, SortKey] = {
    COL_ID: SortKey.ID,
    COL_NAME: SortKey.NAME,
    COL_BRANCH: SortKey.BRANCH,
    COL_MOBILE: SortKey.MOBILE,
    COL_BALANCE: SortKey.BALANCE,
    COL_LAST_SEEN: SortKey.LAST_SEEN,
    COL_PLAN: SortKey.PLAN_TYPE,
    COL_STATUS: SortKey.STATUS,
}
COLUMN_OF_SORT = {key: col for col, key in SORT_KEYS.items()}
#: Columns whose text is aligned right (figures): the model's alignment and the table's paint.
RIGHT_ALIGNED = frozenset({COL_ID, COL_BALANCE})

#: Custom roles.
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the AccountRow
BALANCE_ROLE = Qt.ItemDataRole.UserRole + 3  # provisional balance, int paise
PENDING_ROLE = Qt.ItemDataRole.UserRole + 4  # PendingPayments | None
