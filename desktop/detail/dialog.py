"""The account detail dialog: ten tabs in the source's order, each loaded when first shown.

Opening costs one primary-key read for the title (on the database worker) and the General
tab; every other tab builds its widgets and reads its data the first time it is shown.
Pending local writes are laid over the cache by ``db.account_details``; the dialog refreshes
when ``ctx.events`` says the account or the outbox changed.
"""

from __future__ import annotations

import logging

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

from db.account_details import AccountHeader, load_header
from desktop.context import AppContext
from desktop.detail.format import format_inr
from desktop.detail.tabs.base import DetailTab
from desktop.detail.tabs.billing import BillingTab
from desktop.detail.tabs.comments import CommentsTab
from desktop.detail.tabs.contact import ContactTab
from desktop.detail.tabs.general import GeneralTab
from desktop.detail.tabs.invoices import InvoicesTab
from desktop.detail.tabs.log import LogTab
from desktop.detail.tabs.orders import OrdersTab
from desktop.detail.tabs.payments import PaymentsTab
from desktop.detail.tabs.tags import TagsTab
from desktop.detail.tabs.technical import TechnicalTab
from desktop.tasks import TaskControl

log = logging.getLogger(__name__)

#: (key, class) in the order of the source text; each tab widget is named ``detailTab_<key>``.
TAB_CLASSES: tuple[tuple[str, type[DetailTab]], ...] = (
    ("general", GeneralTab),
    ("contact", ContactTab),
    ("orders", OrdersTab),
    ("billing", BillingTab),
    ("technical", TechnicalTab),
    ("invoices", InvoicesTab),
    ("payments", PaymentsTab),
    ("tags", TagsTab),
    ("comments", CommentsTab),
    ("log", LogTab),
)


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
        self.pages: dict[str, DetailTab] = {}
        for key, cls in TAB_CLASSES:
            page = cls(ctx, account_id, self.tabs)
            page.setObjectName(f"detailTab_{key}")
            page.wrote.connect(self._on_local_write)
            self.tabs.addTab(page, cls.title)
            self.pages[key] = page
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
        if eager:
            for page in self.pages.values():
                page.ensure_loaded()
        else:
            self.pages["general"].ensure_loaded()

    # -- pages ------------------------------------------------------------------------------

    def page(self, key: str) -> DetailTab:
        return self.pages[key]

    def show_tab(self, key: str) -> DetailTab:
        """Make a tab current (which loads it) and return it."""
        page = self.pages[key]
        self.tabs.setCurrentWidget(page)
        return page

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, DetailTab):
            page.ensure_loaded()

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
        if balance >= 100:
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
        for page in self.pages.values():
            page.invalidate()

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
