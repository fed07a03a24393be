"""The Manage Account filter sidebar: six lists, quick search and one "clear all".

Each list offers only values inside the user's scope (see
``db.account_filter_options.filter_options``) and the area, staff and reseller lists follow
the chosen branch. Changes are debounced: the
sidebar emits :attr:`FilterSidebar.changed` once typing pauses, never on every keystroke.
It also emits :attr:`FilterSidebar.edited` at once, on every change, so the table can drop
what it shows before it is painted again (a result is only ever shown for the inputs the
sidebar holds now).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.roles import Role
from db import account_query as aq
from db.account_filter_options import Choice, FilterOptions, filter_options
from db.account_query import AccountFilter
from desktop.detail.format import status_text
from desktop.language.i18n import QT_TRANSLATE_NOOP, is_language_change
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl

ANY = QT_TRANSLATE_NOOP("FilterSidebar", "All")
"""The first entry of each list (no choice); shown in the interface language."""
_LISTS = (
    ("branch", QT_TRANSLATE_NOOP("FilterSidebar", "Branch Name")),
    ("area", QT_TRANSLATE_NOOP("FilterSidebar", "Area Name")),
    ("status", QT_TRANSLATE_NOOP("FilterSidebar", "Account Status")),
    ("manager", QT_TRANSLATE_NOOP("FilterSidebar", "Account Manager")),
    ("sales", QT_TRANSLATE_NOOP("FilterSidebar", "Sales Executive")),
    ("reseller", QT_TRANSLATE_NOOP("FilterSidebar", "Reseller Name")),
)
#: Debounce after a keystroke in Quick Search / after a list choice (milliseconds).
TYPING_DEBOUNCE_MS = 150
CHOICE_DEBOUNCE_MS = 30


def scope_of(ctx: AppContext) -> aq.Scope:
    """The rows a user may list: own branch for staff and cashiers, own reseller for
    partners, everything for administrators (the server enforces the same)."""
    user = ctx.user
    if user.role in (Role.BRANCH_STAFF, Role.CASHIER):
        return aq.Scope(branch_id=user.branch_id)
    if user.role is Role.PARTNER:
        return aq.Scope(reseller_id=user.reseller_id)
    return aq.Scope()


def load_filter_options(engine: Any, scope: aq.Scope, _control: TaskControl) -> FilterOptions:
    """The values each list may offer (runs on the database worker)."""
    with engine.connect() as conn:
        return filter_options(conn, scope)


class FilterSidebar(QWidget):
    """Emits :attr:`changed` (debounced) whenever the filter the table should show changes."""

    changed = Signal()
    #: Emitted at once (not debounced) whenever the filter changed: what the table shows
    #: is for older inputs from this moment on.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterSidebar")
        self._options = FilterOptions([], [], [], [], [], [])
        self._updating = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._emit_changed)

        self.search = QLineEdit(self)
        self.search.setObjectName("quickSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(10_000)
        self.branch = self._combo("filterBranch")
        self.area = self._combo("filterArea")
        self.status = self._combo("filterStatus")
        self.manager = self._combo("filterAccountManager")
        self.sales = self._combo("filterSalesExecutive")
        self.reseller = self._combo("filterReseller")
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clearFilters")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.title = QLabel(self)
        self.title.setObjectName("quickSearchTitle")
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setContentsMargins(0, 8, 0, 0)
        self.captions: dict[str, QLabel] = {}
        for attribute, _label in _LISTS:
            caption = QLabel(self)
            caption.setObjectName(getattr(self, attribute).objectName() + "Caption")
            self.captions[attribute] = caption
            form.addRow(caption, getattr(self, attribute))
        layout.addLayout(form)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)

        self.search.textChanged.connect(self._on_typed)
        self.branch.currentIndexChanged.connect(self._on_branch)
        for combo in (self.area, self.status, self.manager, self.sales, self.reseller):
            combo.currentIndexChanged.connect(self._on_choice)
        self.clear_button.clicked.connect(self.clear)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every text in the interface language (at start and on a language change)."""
        self.search.setPlaceholderText(self.tr("ID, name, mobile or email"))
        self.search.setToolTip(self.tr(
            "Quick search (Ctrl+F): part of an account ID, name, mobile or email.\n"
            "Ignores case, spaces and +91. Esc clears it."))
        self.clear_button.setText(self.tr("Clear all filters"))
        self.clear_button.setToolTip(self.tr("Show every account again"))
        self.title.setText("<b>" + self.tr("Quick Search") + "</b>")
        for attribute, label in _LISTS:
            text = QCoreApplication.translate("FilterSidebar", label)
            self.captions[attribute].setText(text)
            combo: QComboBox = getattr(self, attribute)
            combo.setAccessibleName(text)
            combo.setItemText(0, QCoreApplication.translate("FilterSidebar", ANY))
        for index in range(1, self.status.count()):
            self.status.setItemText(index, status_text(str(self.status.itemData(index))))

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.addItem(ANY, None)
        return combo

    # -- options -------------------------------------------------------------------------

    def set_options(self, options: FilterOptions) -> None:
        """Fill the lists (keeping the current choices where they still exist)."""
        state = self.state()
        self._options = options
        self._updating = True
        try:
            _fill(self.branch, [(c.label, c.id) for c in options.branches])
            _fill(self.status, [(status_text(s), s) for s in options.statuses])
            self._fill_dependents()
        finally:
            self._updating = False
        self.restore(state, emit=False)

    def _fill_dependents(self) -> None:
        branch = self.branch.currentData()
        many_branches = len(self._options.branches) > 1 and branch is None
        names: dict[int | None, str] = {c.id: c.label for c in self._options.branches}

        def items(choices: list[Choice]) -> list[tuple[str, Any]]:
            chosen = [c for c in choices if branch is None or c.branch_id == branch]
            if many_branches:
                return [(f"{c.label} — {names.get(c.branch_id, '')}", c.id) for c in chosen]
            return [(c.label, c.id) for c in chosen]

        _fill(self.area, items(self._options.areas))
        _fill(self.manager, items(self._options.account_managers))
        _fill(self.sales, items(self._options.sales_executives))
        _fill(self.reseller, items(self._options.resellers))

    # -- state ---------------------------------------------------------------------------

    def current_filter(self) -> AccountFilter:
        return AccountFilter(
            branch_id=self.branch.currentData(),
            area_id=self.area.currentData(),
            status=self.status.currentData(),
            account_manager_id=self.manager.currentData(),
            sales_executive_id=self.sales.currentData(),
            reseller_id=self.reseller.currentData(),
            search=self.search.text(),
        )

    def state(self) -> dict[str, Any]:
        """The list choices (not the search text) as plain values, for QSettings."""
        f = self.current_filter()
        return {
            "branch": f.branch_id,
            "area": f.area_id,
            "status": f.status,
            "manager": f.account_manager_id,
            "sales": f.sales_executive_id,
            "reseller": f.reseller_id,
        }

    def restore(self, state: dict[str, Any], *, emit: bool = True) -> None:
        """Choose the saved values that still exist; unknown ones fall back to "All"."""
        self._updating = True
        try:
            _choose(self.branch, state.get("branch"))
            self._fill_dependents()
            _choose(self.area, state.get("area"))
            _choose(self.status, state.get("status"))
            _choose(self.manager, state.get("manager"))
            _choose(self.sales, state.get("sales"))
            _choose(self.reseller, state.get("reseller"))
        finally:
            self._updating = False
        if emit:
            self._edited(CHOICE_DEBOUNCE_MS)

    @Slot()
    def clear(self) -> None:
        """One click: every list back to "All" and the search empty."""
        self._updating = True
        try:
            self.branch.setCurrentIndex(0)
            self._fill_dependents()
            for combo in (self.area, self.status, self.manager, self.sales, self.reseller):
                combo.setCurrentIndex(0)
            self.search.clear()
        finally:
            self._updating = False
        self._edited(0)

    def has_filters(self) -> bool:
        return not self.current_filter().is_empty

    # -- change handling -----------------------------------------------------------------

    @Slot(str)
    def _on_typed(self, _text: str) -> None:
        if not self._updating:
            self._edited(TYPING_DEBOUNCE_MS)

    @Slot(int)
    def _on_branch(self, _index: int) -> None:
        if self._updating:
            return
        self._updating = True
        try:
            self._fill_dependents()  # choices of another branch fall back to "All"
        finally:
            self._updating = False
        self._edited(CHOICE_DEBOUNCE_MS)

    @Slot(int)
    def _on_choice(self, _index: int) -> None:
        if not self._updating:
            self._edited(CHOICE_DEBOUNCE_MS)

    def _edited(self, msecs: int) -> None:
        """The filter changed: say so now, run it once the input pauses for ``msecs``."""
        self.edited.emit()
        self._timer.start(msecs)

    def flush(self) -> None:
        """Emit a pending change now (Enter in the search box)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit_changed()

    @Slot()
    def _emit_changed(self) -> None:
        # Always: the table runs a query only when its filter differs or it is waiting for
        # one (an "emitted already" memory here missed edits that came back to old text).
        self.changed.emit()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return
        super().keyPressEvent(event)


def _fill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(QCoreApplication.translate("FilterSidebar", ANY), None)
        for label, value in items:
            combo.addItem(label, value)
        _choose(combo, current)
    finally:
        combo.blockSignals(False)


def _choose(combo: QComboBox, value: Any) -> None:
    position = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(max(0, position))
