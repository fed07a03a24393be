"""The sync status widget (``syncStatus``): online/offline, last synced, pending writes,
errors, the initial-sync progress bar (counts and rate) and the "Needs attention" list of
rejected and conflicting writes with keep-mine / take-theirs for edits."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from billing.money import format_count
from db.outbox import Mutation
from desktop.detail.format import month_name
from desktop.language.i18n import fill, is_language_change
from desktop.runtime.tasks import TaskControl
from desktop.sync.engine import SyncEngine, SyncStatus
from sync import attention

log = logging.getLogger(__name__)

_ROLE_MUTATION = Qt.ItemDataRole.UserRole + 1


def _when(epoch: float | None, now: float | None = None) -> str:
    """When the last sync was, in the interface language."""
    if not epoch:
        return QCoreApplication.translate("SyncStatus", "Never synced")
    now = now if now is not None else time.time()
    ago = max(0, int(now - epoch))
    if ago < 60:
        return QCoreApplication.translate("SyncStatus", "Synced just now")
    if ago < 3600:
        return fill(QCoreApplication.translate("SyncStatus", "Synced %1 min ago"), ago // 60)
    moment = datetime.fromtimestamp(epoch)
    return fill(QCoreApplication.translate("SyncStatus", "Last synced %1"),
                f"{moment:%d} {month_name(moment.month)} {moment:%H:%M}")


class SyncStatusWidget(QWidget):
    """Shows how sync is going; lives in the main window's sync bar."""

    #: The user pressed "Sign out" (the session decides whether it may happen).
    sign_out_requested = Signal()

    def __init__(self, ctx: Any, engine: SyncEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.ctx = ctx
        self.engine = engine
        self._progress_started: float | None = None
        self._mutations: list[Mutation] = []

        self._status: SyncStatus | None = None
        self.state_label = QLabel(self.tr("Not synced yet"), self)
        self.state_label.setObjectName("syncState")
        self.last_label = QLabel(_when(None), self)
        self.last_label.setObjectName("syncLastSynced")
        self.pending_label = QLabel(self.tr("Nothing waiting to send"), self)
        self.pending_label.setObjectName("syncPending")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("syncError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.attention_button = QPushButton(self)
        self.attention_button.setObjectName("showNeedsAttention")
        self.attention_button.setCheckable(True)
        self.attention_button.hide()
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncNow")
        self.sign_out_button = QPushButton(self)
        self.sign_out_button.setObjectName("signOut")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(18)
        for w in (self.state_label, self.last_label, self.pending_label):
            row.addWidget(w)
        row.addWidget(self.error_label, 1)
        row.addStretch(0)
        for b in (self.attention_button, self.sync_button, self.sign_out_button):
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            row.addWidget(b)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(260)
        self.progress_text = QLabel(self)
        self.progress_text.setObjectName("syncProgressText")
        progress_row = QHBoxLayout()
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.progress_text, 1)
        self.progress.hide()
        self.progress_text.hide()

        self.attention_box = QGroupBox(self)
        self.attention_box.setObjectName("needsAttention")
        self.attention_list = QListWidget(self.attention_box)
        self.attention_list.setObjectName("needsAttentionList")
        self.attention_list.setWordWrap(True)
        self.keep_mine = QPushButton(self.attention_box)
        self.keep_mine.setObjectName("keepMine")
        self.take_theirs = QPushButton(self.attention_box)
        self.take_theirs.setObjectName("takeTheirs")
        self.retry_button = QPushButton(self.attention_box)
        self.retry_button.setObjectName("retryWrite")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.retry_button, self.take_theirs, self.keep_mine):
            buttons.addWidget(b)
        box = QVBoxLayout(self.attention_box)
        box.addWidget(self.attention_list)
        box.addLayout(buttons)
        self.attention_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addLayout(row)
        layout.addLayout(progress_row)
        layout.addWidget(self.attention_box)

        self.sync_button.clicked.connect(engine.sync_now)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.attention_button.toggled.connect(self.attention_box.setVisible)
        self.attention_list.currentRowChanged.connect(self._update_buttons)
        self.keep_mine.clicked.connect(self._on_keep_mine)
        self.take_theirs.clicked.connect(self._on_take_theirs)
        self.retry_button.clicked.connect(self._on_retry)
        engine.status_changed.connect(self.show_status)
        engine.progress.connect(self.show_progress)
        engine.finished.connect(self._on_finished)
        ctx.events.outbox_changed.connect(self.reload_attention)
        self._update_buttons()
        self.retranslate_ui()
        self.show_status(engine.status())
        self.reload_attention()

    def retranslate_ui(self) -> None:
        """Every text in the interface language (at start and on a language change)."""
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setToolTip(
            self.tr("Send waiting changes and fetch the latest from the server"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.sign_out_button.setToolTip(self.tr(
            "Sign out and remove the local copy of the accounts (waiting changes are kept)"))
        self.keep_mine.setText(self.tr("Keep mine"))
        self.keep_mine.setToolTip(self.tr("Send your edit again over the server's current values"))
        self.take_theirs.setText(self.tr("Take theirs"))
        self.take_theirs.setToolTip(self.tr("Drop your edit; keep what the server has"))
        self.retry_button.setText(self.tr("Send again"))
        self.retry_button.setToolTip(
            self.tr("Send this refused change to the server again, unchanged"))
        self._word_attention(len(self._mutations))
        if self._status is not None:
            self.show_status(self._status)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)

    def _word_attention(self, count: int) -> None:
        text = fill(self.tr("Needs attention (%1)"), count)
        self.attention_box.setTitle(text)
        self.attention_button.setText(text)

    # -- status ------------------------------------------------------------------------------

    @Slot(object)
    def show_status(self, status: object) -> None:
        assert isinstance(status, SyncStatus)
        self._status = status
        if status.syncing:
            state, colour = "⟳ " + self.tr("Syncing…"), "#1a73e8"
        elif status.online is None:
            state, colour = "● " + self.tr("Connecting…"), "#5f6368"
        elif not status.online:
            state, colour = "● " + self.tr("Offline"), "#b3261e"
        elif not status.signed_in:  # the server answers, but this session has no token
            state, colour = "● " + self.tr("Sign-in needed"), "#b06000"
        else:
            state, colour = "● " + self.tr("Online"), "#188038"
        self.state_label.setText(state)
        self.state_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.last_label.setText(_when(status.last_synced_at))
        if status.pending:
            self.pending_label.setText(fill(
                self.tr("%1 change(s) waiting to send", "", status.pending),
                format_count(status.pending)))
        else:
            self.pending_label.setText(self.tr("Nothing waiting to send"))
        self.error_label.setText(status.error or "")
        self.error_label.setVisible(bool(status.error))
        self.error_label.setToolTip(status.error or "")
        # Without a token "Sync now" still finds out whether the server can be reached.
        self.sync_button.setEnabled(not status.syncing)
        if status.needs_attention:
            self.attention_button.setText(
                fill(self.tr("Needs attention (%1)"), status.needs_attention))
            self.attention_button.show()
        elif not self._mutations:
            self.attention_button.hide()

    def show_message(self, text: str) -> None:
        """A sentence for the user in the error line (e.g. why sign-out was refused)."""
        self.error_label.setText(text)
        self.error_label.setToolTip(text)
        self.error_label.setVisible(bool(text))

    @Slot(int, int, str)
    def show_progress(self, done: int, total: int, label: str) -> None:
        now = time.perf_counter()
        if self._progress_started is None:
            self._progress_started = now
        elapsed = max(now - self._progress_started, 1e-6)
        rate = done / elapsed if elapsed > 0.05 else 0
        self.progress.setRange(0, total if total > 0 else 0)
        if total > 0:
            self.progress.setValue(min(done, total))
            text = fill(self.tr("Initial sync: %1 of %2 %3"), format_count(done),
                        format_count(total), label)
        else:
            text = fill(self.tr("Initial sync: %1 %2"), format_count(done), label)
        if rate:
            text += " · " + fill(self.tr("%1 rows/s"), format_count(round(rate)))
        self.progress_text.setText(text)
        self.progress.setToolTip(text)
        self.progress.show()
        self.progress_text.show()

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        self._progress_started = None
        self.progress.hide()
        self.progress_text.hide()
        self.reload_attention()

    # -- needs attention ---------------------------------------------------------------------

    @Slot()
    def reload_attention(self) -> None:
        task = self.ctx.tasks.run_db("needs attention", self._load_attention)
        task.done.connect(self._show_attention)

    def _load_attention(self, _control: TaskControl) -> list[Mutation]:
        return self.ctx.outbox.needing_attention()

    @Slot(object)
    def _show_attention(self, items: object) -> None:
        assert isinstance(items, list)
        self._mutations = items
        selected = self._current()
        self.attention_list.clear()
        for m in items:
            item = QListWidgetItem(attention.describe(m))
            item.setData(_ROLE_MUTATION, m.mutation_id)
            item.setToolTip(item.text())
            self.attention_list.addItem(item)
            if selected is not None and selected.mutation_id == m.mutation_id:
                self.attention_list.setCurrentItem(item)
        if items and self.attention_list.currentRow() < 0:
            self.attention_list.setCurrentRow(0)
        self._word_attention(len(items))
        if items:
            self.attention_button.show()
        else:
            self.attention_button.setChecked(False)
            self.attention_button.hide()
            self.attention_box.hide()
        self._update_buttons()

    def _current(self) -> Mutation | None:
        row = self.attention_list.currentRow()
        if 0 <= row < len(self._mutations):
            return self._mutations[row]
        return None

    @Slot()
    def _update_buttons(self) -> None:
        m = self._current()
        sides = m is not None and attention.can_choose_side(m)
        self.keep_mine.setEnabled(sides)
        self.take_theirs.setEnabled(sides)
        self.retry_button.setEnabled(m is not None and not sides)

    def _settle(self, action: str) -> None:
        m = self._current()
        if m is None:
            return
        fn = {"keep": attention.keep_mine, "theirs": attention.take_theirs,
              "retry": attention.retry}[action]
        for b in (self.keep_mine, self.take_theirs, self.retry_button):
            b.setEnabled(False)
        task = self.ctx.tasks.run_db(f"attention {action}", partial(_run, fn, self.ctx, m))
        task.done.connect(self._on_settled)
        task.error.connect(self._on_settle_error)

    @Slot()
    def _on_keep_mine(self) -> None:
        self._settle("keep")

    @Slot()
    def _on_take_theirs(self) -> None:
        self._settle("theirs")

    @Slot()
    def _on_retry(self) -> None:
        self._settle("retry")

    @Slot(object)
    def _on_settled(self, _result: object) -> None:
        self.ctx.events.outbox_changed.emit()
        self.engine.sync_now()

    @Slot(object)
    def _on_settle_error(self, exc: object) -> None:
        self.error_label.setText(str(exc))
        self.error_label.show()
        self._update_buttons()


def _run(fn: Any, ctx: Any, m: Mutation, _control: TaskControl) -> None:
    fn(ctx.outbox, m)
