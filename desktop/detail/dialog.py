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

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from billing.rules import is_outstanding
from db.account_details.general import AccountHeader, load_header
from desktop.detail.format import format_inr, plan_type_text, status_text
from desktop.detail.tabs.base import DetailTab
from desktop.language.i18n import QT_TRANSLATE_NOOP, Retranslating, fill
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

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
        ("general", QT_TRANSLATE_NOOP("DetailTabs", "General Details"), "general",
         "GeneralTab"),
        ("contact", QT_TRANSLATE_NOOP("DetailTabs", "Contact Details"), "contact",
         "ContactTab"),
        ("orders", QT_TRANSLATE_NOOP("DetailTabs", "Order"), "orders", "OrdersTab"),
        ("billing", QT_TRANSLATE_NOOP("DetailTabs", "Billing Details"), "billing",
         "BillingTab"),
        ("technical", QT_TRANSLATE_NOOP("DetailTabs", "Technical Details"), "technical",
         "TechnicalTab"),
        ("invoices", QT_TRANSLATE_NOOP("DetailTabs", "Invoice"), "invoices", "InvoicesTab"),
        ("payments", QT_TRANSLATE_NOOP("DetailTabs", "Payment"), "payments", "PaymentsTab"),
        ("tags", QT_TRANSLATE_NOOP("DetailTabs", "Tag"), "tags", "TagsTab"),
        ("comments", QT_TRANSLATE_NOOP("DetailTabs", "Comments"), "comments", "CommentsTab"),
        ("log", QT_TRANSLATE_NOOP("DetailTabs", "Log"), "log", "LogTab"),
    )
)
TAB_KEYS = tuple(spec.key for spec in TAB_SPECS)


def tab_title(spec: TabSpec) -> str:
    """The tab's title in the current language."""
    return QCoreApplication.translate("DetailTabs", spec.title)


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


class AccountDetailDialog(Retranslating, QDialog):
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
        self._missing = False
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1080, 660)

        self._main_layout = layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title_label = QLabel(self)
        self.title_label.setObjectName("detailTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # the customer's name
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        top.addWidget(self.title_label, 1)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("detailSummary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.summary_label)
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        self._pages: dict[str, _TabPage] = {}
        for spec in TAB_SPECS:
            page = _TabPage(spec, self.tabs)
            self.tabs.addTab(page, tab_title(spec))
            self._pages[spec.key] = page
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(self)
        buttons.setObjectName("detailButtons")
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("detailClose")
        # Not the dialog's default button: Enter in a contact field would close the dialog
        # and throw the typed change away (Esc or the button close it).
        self.close_button.setAutoDefault(False)
        buttons.rejected.connect(self._on_close_button)
        layout.addWidget(buttons)

        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh)
        ctx.events.accounts_changed.connect(self._on_accounts_changed)
        ctx.events.outbox_changed.connect(self._on_outbox_changed)
        ctx.events.cache_reset.connect(self._on_cache_reset)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.retranslate_ui()

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

    def retranslate_ui(self) -> None:
        """Titles, tab names and the summary in the current language."""
        for index, spec in enumerate(TAB_SPECS):
            self.tabs.setTabText(index, tab_title(spec))
        self.close_button.setText(self.tr("Close"))
        # Every tab title shown whole: Tamil titles are longer, so the dialog is made wide
        # enough for the tab bar (up to a 1366-pixel screen) instead of scrolling the tabs.
        margins = self._main_layout.contentsMargins()
        needed = self.tabs.tabBar().sizeHint().width() + margins.left() + margins.right()
        self.setMinimumWidth(min(needed, 1366))
        self._show_header()

    def _show_header(self) -> None:
        header = self.header
        if header is None:
            account = fill(self.tr("Account %1"), self.account_id)
            self.setWindowTitle(account)
            self.title_label.setText(
                fill(self.tr("Account %1 is not in the local copy"), self.account_id)
                if self._missing else account)
            return
        self.setWindowTitle(fill(self.tr("Account %1 — %2"), header.id, header.name))
        self.title_label.setText(f"{header.name} · {header.id}")
        balance = header.provisional_balance_paise
        if is_outstanding(balance):
            money = fill(self.tr("%1 due"), format_inr(balance))
        elif balance < 0:
            money = fill(self.tr("%1 credit"), format_inr(-balance))
        else:
            money = self.tr("nothing due")
        text = f"{status_text(header.status)} · {plan_type_text(header.prepaid)} · {money}"
        if header.pending_payments:
            text += " " + self.tr("(pending sync)")
        self.summary_label.setText(text)

    @Slot(object)
    def _on_header(self, header: object) -> None:
        if not isinstance(header, AccountHeader):
            self._missing = True
            self._show_header()
            return
        self.header = header
        self._show_header()
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

    # -- closing: typing that is not saved is not thrown away without asking --------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self._may_close():
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # the window's X (a spontaneous close); close() from code (the Close button after
        # asking, the app shutting down, tests) does not ask
        if event.spontaneous() and not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    @Slot()
    def _on_close_button(self) -> None:
        if self._may_close():
            self.close()

    def _may_close(self) -> bool:
        """True when nothing typed is unsaved, or the user chose to close without saving."""
        unsaved = [tab_title(spec) for spec in TAB_SPECS
                   if (tab := self._pages[spec.key].tab) is not None and tab.has_unsaved_input()]
        return not unsaved or self._discard_confirmed(unsaved)

    def _discard_confirmed(self, tabs: list[str]) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), fill(self.tr(
            "What you typed in %1 is not saved. Close without saving it?"), ", ".join(tabs)),
            parent=self)
        box.setObjectName("discardUnsavedInput")
        discard = box.addButton(self.tr("Close without saving"),
                                QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardUnsaved")
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepEditing")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

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
