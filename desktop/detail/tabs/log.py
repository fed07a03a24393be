"""Log: every change to the account — date, user, description (field: old → new) — with the
system's status changes and a pending line for each of this device's unsent writes."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from db.account_details.log import LogRow, load_log
from desktop.detail.format import format_moment
from desktop.detail.table_model import RowsTableModel, fit_columns, make_table_view
from desktop.detail.tabs.base import DetailTab
from desktop.language.i18n import QT_TRANSLATE_NOOP

LOG_HEADERS = (
    QT_TRANSLATE_NOOP("LogTab", "When"), QT_TRANSLATE_NOOP("LogTab", "User"),
    QT_TRANSLATE_NOOP("LogTab", "Description"), QT_TRANSLATE_NOOP("LogTab", "State"),
)


class LogTab(DetailTab):
    title = "Log"

    def build(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.filter_label = QLabel(content)
        top.addWidget(self.filter_label)
        self.filter = QLineEdit(content)
        self.filter.setObjectName("logFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter)
        top.addWidget(self.filter, 1)
        self.count = QLabel(content)
        self.count.setObjectName("logCount")
        top.addWidget(self.count)
        layout.addLayout(top)
        self.model = RowsTableModel(LOG_HEADERS, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = make_table_view("logTable", self.model, content)
        self.table.setModel(self.proxy)
        fit_columns(self.table, (140, 120, 520))
        layout.addWidget(self.table, 1)

    def retranslate_ui(self) -> None:
        self.filter_label.setText(self.tr("Filter:"))
        self.filter.setPlaceholderText(
            self.tr("Text in any column, e.g. mobile, system, Suspended"))
        self.model.set_headers([self.tr(header) for header in LOG_HEADERS])

    def fetch(self) -> list[LogRow]:
        return load_log(self.ctx.cache_engine, self.ctx.outbox, self.account_id)

    def populate(self, data: list[LogRow]) -> None:
        zone = self.ctx.business_zone
        rows = [
            (format_moment(r.at, zone), r.user, r.description, r.state or self.tr("Recorded"))
            for r in data
        ]
        states = [
            "pending" if r.state == "pending sync" else ("issue" if r.state else "") for r in data
        ]
        self.model.set_rows(rows, row_state=states, payloads=data)
        self._update_count()

    @Slot(str)
    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(total))
            if shown != total else self.tr("%n entry(s)", "", total))

    def visible_rows(self) -> list[tuple[str, ...]]:
        """The rows the filter lets through, as shown (for tests)."""
        out = []
        for row in range(self.proxy.rowCount()):
            out.append(
                tuple(str(self.proxy.index(row, c).data()) for c in range(self.proxy.columnCount()))
            )
        return out
