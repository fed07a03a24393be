"""The account detail dialog: ten tabs in the source's order, each loaded when first shown.

Opening costs one primary-key read for the title (on the database worker) and the General
tab; every other tab builds its widgets and reads its data the first time it is shown.
Pending local writes are laid over the cache by ``db.account_details``; the dialog refreshes
when ``ctx.events`` says the account or the outbox changed.
"""

from __future__ import annotations

import importlib
import logging
from typing import NamedTuple

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from billing.rules import is_outstanding
from db.account_details import AccountHeader, load_header
from desktop.context import AppContext
from desktop.detail.format import format_inr
from desktop.detail.tabs.base import DetailTab
from desktop.tasks import TaskControl

log = logging.getLogger(__name__)


class TabSpec(NamedTuple):
    key: str
    title: str
    module: str  # imported when the tab is first shown
    class_name: str


#: The tabs in the order of the source text; the widget of each is named ``detailTab_<key>``
#: (its page in the tab widget ``detailPage_<key>``).
TAB_SPECS: tuple[TabSpec, ...] = tuple(
    TabSpec(key, title, f"desktop.detail.tabs.{module}", class_name)
    for key, title, module, class_name in (
        ("general", "General Details", "general", "GeneralTab"),
        ("contact", "Contact Details", "contact", "ContactTab"),
        ("orders", "Order", "orders", "OrdersTab"),
        ("billing", "Billing Details", "billing", "BillingTab"),
        ("technical", "Technical Details", "technical", "TechnicalTab"),
        ("invoices", "Invoice", "invoices", "InvoicesTab"),
        ("payments", "Payment", "payments", "PaymentsTab"),
        ("tags", "Tag", "tags", "TagsTab"),
        ("comments", "Comments", "comments", "CommentsTab"),
        ("log", "Log", "log", "LogTab"),
    )
)
TAB_KEYS = tuple(spec.key for spec in TAB_SPECS)


class _TabPage(QWidget):
    """A tab's page: empty until first shown, then it imports and builds the tab."""

    def __init__(self, spec: TabSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"detailPage_{spec.key}")
        self.tab: DetailTab | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self, dialog: AccountDetailDialog) -> DetailTab:
        if self.tab is None:
            cls = getattr(importlib.import_module(self.spec.module), self.spec.class_name)
            tab = cls(dialog.ctx, dialog.account_id, self)
            tab.setObjectName(f"detailTab_{self.spec.key}")
            tab.wrote.connect(dialog._on_local_write)
            self._layout.addWidget(tab)
            self.tab = tab
        return self.tab


class AccountDetailDialog(QDialog):
    """Everything about one account; non-modal, several may be open at once."""

    #: The header row arrived (or was refreshed).
    header_loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        account_id: int,
        parent: QWidget | None = None,
        *,
        eager: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id = account_id
        self.header: AccountHeader | None = None
        self.setObjectName("accountDetailDialog")
        self.setWindowTitle(f"Account {account_id}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1080, 660)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title_label = QLabel(f"Account {account_id}", self)
        self.title_label.setObjectName("detailTitle")
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        top.addWidget(self.title_label, 1)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("detailSummary")
        top.addWidget(self.summary_label)
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, _TabPage] = {}
        for spec in TAB_SPECS:
            page = _TabPage(spec, self.tabs)
            self.tabs.addTab(page, spec.title)
            self._pages[spec.key] = page
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("detailButtons")
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh)
        ctx.events.accounts_changed.connect(self._on_accounts_changed)
        ctx.events.outbox_changed.connect(self._on_outbox_changed)
        ctx.events.cache_reset.connect(self._on_cache_reset)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self._load_header()
        for key in TAB_KEYS if eager else ("general",):
            self.tab(key).ensure_loaded()

    # -- pages ------------------------------------------------------------------------------

    @property
    def pages(self) -> dict[str, DetailTab]:
        """The tabs built so far (a tab is built when first shown), by key."""
        return {key: page.tab for key, page in self._pages.items() if page.tab is not None}

    def tab(self, key: str) -> DetailTab:
        """The tab for ``key``, built (not loaded) if it was not yet."""
        return self._pages[key].build(self)

    def show_tab(self, key: str) -> DetailTab:
        """Make a tab current (which builds and loads it) and return it."""
        self.tabs.setCurrentWidget(self._pages[key])
        return self.tab(key)

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, _TabPage):
            self.tab(page.spec.key).ensure_loaded()

    # -- header -----------------------------------------------------------------------------

    def _load_header(self) -> None:
        engine, outbox, account_id = self.ctx.cache_engine, self.ctx.outbox, self.account_id

        def work(control: TaskControl) -> AccountHeader | None:
            return load_header(engine, outbox, account_id)

        task = self.ctx.tasks.run_db(f"detail header {account_id}", work)
        task.done.connect(self._on_header)

    @Slot(object)
    def _on_header(self, header: object) -> None:
        if not isinstance(header, AccountHeader):
            self.title_label.setText(f"Account {self.account_id} is not in the local copy")
            return
        self.header = header
        self.setWindowTitle(f"Account {header.id} — {header.name}")
        self.title_label.setText(f"{header.name} · {header.id}")
        balance = header.provisional_balance_paise
        text = f"{header.status} · {'Prepaid' if header.prepaid else 'Postpaid'} · "
        if is_outstanding(balance):
            text += f"{format_inr(balance)} due"
        elif balance < 0:
            text += f"{format_inr(-balance)} credit"
        else:
            text += "nothing due"
        if header.pending_payments:
            text += " (pending sync)"
        self.summary_label.setText(text)
        self.header_loaded.emit()

    # -- refresh ----------------------------------------------------------------------------

    @Slot(list)
    def _on_accounts_changed(self, ids: list) -> None:
        if not ids or self.account_id in ids:
            self._refresh.start()

    @Slot()
    def _on_outbox_changed(self) -> None:
        self._refresh.start()

    @Slot()
    def _on_cache_reset(self) -> None:
        self._refresh.start()

    @Slot()
    def refresh(self) -> None:
        """Re-read the header and every tab (shown ones now, others when next shown)."""
        self._load_header()
        for tab in self.pages.values():
            tab.invalidate()

    @Slot()
    def _release(self) -> None:
        _OPEN.discard(self)

    @Slot()
    def _on_local_write(self) -> None:
        # Other views (the account table, other dialogs) learn of the write; this dialog
        # refreshes through the same signals.
        self.ctx.events.outbox_changed.emit()
        self.ctx.events.accounts_changed.emit([self.account_id])


#: Parent-less dialogs opened by :func:`open_account_detail`, kept alive until closed (a
#: Python-owned top-level widget would otherwise be deleted with its last reference).
_OPEN: set[AccountDetailDialog] = set()


def open_account_detail(
    ctx: AppContext, account_id: int, parent: QWidget | None
) -> AccountDetailDialog:
    """Show the detail dialog for ``account_id`` (non-blocking) and return it.

    The dialog deletes itself when closed; callers need not keep a reference.
    """
    dialog = AccountDetailDialog(ctx, account_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        _OPEN.add(dialog)
        dialog.finished.connect(dialog._release)
    dialog.show()
    return dialog
