"""Tag: the account's tags; add and remove from the shared, scope-limited tag list."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.roles import Action
from db.account_details.tags import TagsView, load_tags
from db.local_writes import WriteRefused, add_tag, remove_tag
from db.outbox import Mutation
from desktop.detail.tabs.base import TAB_STYLE, DetailTab, section_label, show_message
from desktop.payments.messages import error_text
from desktop.runtime.tasks import TaskControl

log = logging.getLogger(__name__)


class TagsTab(DetailTab):
    title = "Tag"

    def build(self, content: QWidget) -> None:
        content.setStyleSheet(TAB_STYLE)
        self.may_tag = self.ctx.user.may(Action.TAG)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = section_label("", content)
        layout.addWidget(self.heading)
        self.tag_list = QListWidget(content)
        self.tag_list.setObjectName("tagList")
        self.tag_list.setMaximumHeight(220)
        self.tag_list.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.tag_list)
        row = QHBoxLayout()
        self.remove_button = QPushButton(content)
        self.remove_button.setObjectName("removeTag")
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.add_label = QLabel(content)
        row.addWidget(self.add_label)
        self.choice = QComboBox(content)
        self.choice.setObjectName("tagChoice")
        self.choice.setMinimumWidth(200)
        row.addWidget(self.choice)
        self.add_button = QPushButton(content)
        self.add_button.setObjectName("addTag")
        self.add_button.clicked.connect(self.add_chosen)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.message = QLabel(content)
        self.message.setObjectName("tagMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.note = QLabel(content)
        self.note.setObjectName("tagNote")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        layout.addWidget(self.note)
        layout.addStretch(1)
        if not self.may_tag:
            for widget in (self.remove_button, self.add_button, self.choice, self.add_label):
                widget.setVisible(False)
        self._busy = False
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Tags on this account"))
        self.remove_button.setText(self.tr("Remove selected tag"))
        self.add_label.setText(self.tr("Add:"))
        self.add_button.setText(self.tr("Add tag"))
        self.note.setText(
            self.tr("Tags come from a shared list: those for all branches plus this branch's "
                    "own.") if self.may_tag
            else self.tr("Your role may view tags but not change them."))

    def fetch(self) -> TagsView | None:
        return load_tags(self.ctx.cache_engine, self.ctx.outbox, self.account_id)

    def populate(self, data: TagsView) -> None:
        self.tag_list.clear()
        for tag in data.tags:
            text = tag.name + (" " + self.tr("(pending sync)") if tag.pending else "")
            item = QListWidgetItem(f"●  {text}")
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setForeground(QBrush(QColor(tag.colour)))
            self.tag_list.addItem(item)
        if not data.tags:
            empty = QListWidgetItem(self.tr("No tags yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tag_list.addItem(empty)
        self.choice.clear()
        for tag in data.available:
            self.choice.addItem(tag.name, tag.id)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        selected = [
            i for i in self.tag_list.selectedItems() if i.data(Qt.ItemDataRole.UserRole) is not None
        ]
        self.remove_button.setEnabled(self.may_tag and bool(selected) and not self._busy)
        self.add_button.setEnabled(self.may_tag and self.choice.count() > 0 and not self._busy)

    @Slot()
    def add_chosen(self) -> None:
        tag_id = self.choice.currentData()
        if tag_id is None or not self.may_tag:
            return
        self._write(int(tag_id), add=True)

    @Slot()
    def remove_selected(self) -> None:
        items = self.tag_list.selectedItems()
        if not items or not self.may_tag:
            return
        tag_id = items[0].data(Qt.ItemDataRole.UserRole)
        if tag_id is not None:
            self._write(int(tag_id), add=False)

    def _write(self, tag_id: int, *, add: bool) -> None:
        cache, outbox, user = self.ctx.cache_engine, self.ctx.outbox, self.ctx.user.username
        account_id = self.account_id
        write = add_tag if add else remove_tag

        def work(control: TaskControl) -> Mutation | WriteRefused:
            try:
                return write(cache, outbox, account_id=account_id, tag_id=tag_id, created_by=user)
            except WriteRefused as exc:
                return exc  # an answer for the user, not a failure to log

        self._busy = True
        self._update_buttons()
        task = self.ctx.tasks.run_db(f"tag {account_id}", work)
        task.done.connect(self._on_written)
        task.error.connect(self._on_refused)

    @Slot(object)
    def _on_written(self, mutation: object) -> None:
        if isinstance(mutation, WriteRefused):
            self._on_refused(mutation)
            return
        self._busy = False
        added = getattr(mutation, "kind", "") == "tag_add"
        show_message(self.message,
                     self.tr("Tag added; pending sync with the server.") if added
                     else self.tr("Tag removed; pending sync with the server."), "ok")
        self.wrote.emit()

    @Slot(object)
    def _on_refused(self, exc: object) -> None:
        self._busy = False
        if not isinstance(exc, WriteRefused):
            log.error("tag change on account %s failed: %s", self.account_id, exc)
        show_message(self.message, error_text(exc), "error")
        self._update_buttons()
        self.invalidate()
