"""Quick Search's keys in the main window: Enter on an Account ID selects that account,
Enter on other text or Down moves to the first row, Enter in the table opens the account.

A scanner types like a keyboard (``desktop.accounts.scanner`` routes its keys here), so an
exact Account ID, typed or scanned, selects exactly that account once the list for that very
text is in; a scanned code that is no Account ID says so and nothing is selected. The texts
keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Slot

from db import account_query as aq
from desktop.accounts.table_columns import COL_NAME
from desktop.language.i18n import fill
from desktop.runtime.context import AppContext

if TYPE_CHECKING:
    from desktop.accounts.main_window import MainWindow


def exact_account_id(text: str) -> int | None:
    """The Account ID ``text`` is, when it is one (digits only, as typed or scanned)."""
    stripped = text.strip()
    if stripped.isdigit() and stripped.isascii() and len(stripped) <= 18:
        return int(stripped)
    return None


class QuickSearch(QObject):
    """Enter and Down in Quick Search, Enter in the table (see the module docstring)."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._focus_table_on_load = False
        #: Enter on an exact Account ID: select it once the result for that text is in.
        self._exact_id: int | None = None
        window.sidebar.search.returnPressed.connect(self.search_returned)
        window.sidebar.search.installEventFilter(self)
        window.table.installEventFilter(self)

    def _say(self, text: str, ms: int) -> None:
        self._window.statusBar().showMessage(text, ms)

    def forget(self) -> None:
        """The search text or a filter changed: what was asked for the old text is void."""
        self._focus_table_on_load = False
        self._exact_id = None

    def on_loaded(self) -> None:
        """The first page of a result is in."""
        if self._focus_table_on_load:
            self.focus_table()

    def on_ids_ready(self) -> None:
        """The full ordered list of a result is in: an entered Account ID can be found."""
        if self._exact_id is not None and not self._window.model.waiting:
            self._select_exact()

    @Slot()
    def search_returned(self) -> None:
        """Enter in Quick Search (typed or ending a scan): an exact Account ID selects that
        account; a scanned code that is no Account ID says so; other text moves to the
        first row."""
        window = self._window
        scan, window.keys.last_scan = window.keys.last_scan, None
        search = window.sidebar.search
        account_id = exact_account_id(search.text())
        if account_id is None and scan is not None:
            window.sidebar.flush()
            self._say(fill(QCoreApplication.translate("MainWindow",
                "The scanned code “%1” is not an Account ID (Account IDs are digits "
                "only). Scan the barcode on the customer's receipt or invoice, or type the "
                "ID."), scan), 15_000)
            search.selectAll()  # the next scan replaces it
            return
        if account_id is None:
            self.search_entered()
            return
        self._exact_id = account_id
        window.sidebar.flush()
        model = window.model
        if model.ids_ready and not model.busy and not model.waiting:
            self._select_exact()

    def _select_exact(self) -> None:
        """Select the account whose ID was entered, in the list for that very text."""
        account_id, self._exact_id = self._exact_id, None
        if account_id is None:
            return
        window, model = self._window, self._window.model
        with self._ctx.cache_engine.connect() as conn:  # one primary-key lookup
            rowid = aq.rowid_of_account(conn, account_id)
        position = model.position_of_rowid(rowid) if rowid is not None else None
        if position is None:
            self._say(fill(QCoreApplication.translate("MainWindow",
                "No account has the ID %1. Check the number, or search by name "
                "or mobile (Down moves to the list)."), account_id), 15_000)
            window.sidebar.search.setFocus(Qt.FocusReason.OtherFocusReason)
            window.sidebar.search.selectAll()
            return
        index = model.index(position, COL_NAME)
        window.table.setFocus(Qt.FocusReason.OtherFocusReason)
        window.table.setCurrentIndex(index)
        window.table.scrollTo(index)
        self._say(fill(QCoreApplication.translate("MainWindow", "Account %1 selected."),
                       account_id), 5_000)

    @Slot()
    def search_entered(self) -> None:
        """Down (or Enter on text that is no Account ID) in Quick Search: search now, then
        move to the first row."""
        self._window.sidebar.flush()
        model = self._window.model
        if model.busy or model.waiting:
            self._focus_table_on_load = True
        else:
            self.focus_table()

    def focus_table(self) -> None:
        self._focus_table_on_load = False
        table, model = self._window.table, self._window.model
        if model.rowCount() > 0:
            table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not table.currentIndex().isValid():
                table.setCurrentIndex(model.index(0, COL_NAME))

    @Slot(str)
    def on_scan_ignored(self, code: str) -> None:
        self._say(fill(QCoreApplication.translate("MainWindow",
            "A scan (%1) was ignored because a window is open over the account list; "
            "nothing was typed or paid. Finish or cancel that window, then scan again."), code),
            15_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            table = self._window.table
            if watched is table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._window.open_index(table.currentIndex())
                return True
            if watched is self._window.sidebar.search and key == Qt.Key.Key_Down:
                self.search_entered()
                return True
        return super().eventFilter(watched, event)
