"""The lazy tab: built and filled the first time it is shown, data read off the GUI thread."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from desktop.detail.table_model import widen_to_fit
from desktop.language.i18n import fill, is_language_change
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import Task, TaskControl

log = logging.getLogger(__name__)

#: Fields with a problem are drawn with a red border; pending values in amber.
TAB_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] { border: 2px solid #c62828; }
QLineEdit[conflict="true"], QPlainTextEdit[conflict="true"] { border: 2px solid #ef6c00; }
QLabel[role="message-error"] { color: #b71c1c; font-weight: bold; }
QLabel[role="message-ok"] { color: #1b5e20; }
QLabel[role="message-warn"] { color: #8a5a00; font-weight: bold; }
QLabel[role="pending"] { color: #8a5a00; font-style: italic; }
QLabel[role="section"] { font-weight: bold; font-size: 11pt; margin-top: 6px; }
QLabel[role="muted"] { color: #616161; }
"""


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a dynamic property used by :data:`TAB_STYLE` and re-polish the widget."""
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_message(label: QLabel, text: str, kind: str = "ok") -> None:
    """Show ``text`` in a message label styled as ``ok``, ``warn`` or ``error``."""
    label.setProperty("role", f"message-{kind}")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def section_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "section")
    return label


class DetailTab(QWidget):
    """One tab of the detail dialog.

    Subclasses implement :meth:`build` (widgets, GUI thread), :meth:`fetch` (runs on the
    database worker: read-only access to ``self.ctx`` engines and ``self.account_id``, never
    to widgets) and :meth:`populate` (GUI thread, with what ``fetch`` returned), and set their
    fixed texts in :meth:`retranslate_ui` (called after :meth:`build` and on every language
    change, when the data is also read again so :meth:`populate` words it anew).
    """

    #: The tab's title in the dialog.
    title = ""
    #: Emitted after :meth:`populate` ran (tests and the benchmark wait for it).
    loaded = Signal()
    #: Emitted after this tab queued a local write (the dialog refreshes and notifies).
    wrote = Signal()

    def __init__(self, ctx: AppContext, account_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id = account_id
        self._built = False
        self._stale = True
        self._task: Task | None = None
        self.load_count = 0
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 10, 10, 10)
        self._status = QLabel(QCoreApplication.translate("DetailTab", "Loading…"), self)
        self._status.setObjectName(f"{self.objectName() or 'tab'}Status")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._status)

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def is_loaded(self) -> bool:
        return self.load_count > 0 and not self._stale and self._task is None

    @property
    def is_loading(self) -> bool:
        return self._task is not None

    def ensure_loaded(self) -> None:
        """Build the widgets once and (re)load the data if it is missing or stale."""
        if not self._built:
            self._built = True
            content = QWidget(self)
            self.build(content)
            self._layout.addWidget(content, 1)
            self._content = content
            content.setVisible(False)
            self.retranslate_ui()
        if self._stale and self._task is None:
            self._start_load()

    def invalidate(self) -> None:
        """The data changed: reload now if shown, else on next show."""
        self._stale = True
        if self._built and self.isVisible():
            if self._task is not None:
                self._task.cancel()
                self._task = None
            self._start_load()

    def _start_load(self) -> None:
        self._stale = False
        task = self.ctx.tasks.run_db(f"detail {type(self).__name__} {self.account_id}", self._fetch)
        task.done.connect(self._on_loaded)
        task.error.connect(self._on_failed)
        self._task = task

    def _fetch(self, control: TaskControl) -> Any:
        return self.fetch()

    @Slot(object)
    def _on_loaded(self, data: object) -> None:
        if self.sender() is not self._task:
            return
        self._task = None
        if data is None:
            self._status.setText(fill(QCoreApplication.translate(
                "DetailTab", "Account %1 is not in the local copy."), self.account_id))
            self._status.setVisible(True)
            self._content.setVisible(False)
        else:
            self.populate(data)
            self._status.setVisible(False)
            self._content.setVisible(True)
            for view in self._content.findChildren(QTableView):
                widen_to_fit(view)
        self.load_count += 1
        self.loaded.emit()
        if self._stale:  # invalidated while loading
            self.invalidate()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        if self.sender() is not self._task:
            return
        self._task = None
        log.error("loading %s of account %s failed: %s", self.title, self.account_id, exc)
        self._status.setText(fill(QCoreApplication.translate(
            "DetailTab", "Could not read this tab from the local copy: %1"), exc))
        self._status.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event) and self._built:
            self.retranslate_ui()
            self.invalidate()  # populate() words the data in the new language
        super().changeEvent(event)

    # -- for subclasses -------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set the tab's fixed texts (labels, buttons, headers) in the current language."""

    def has_unsaved_input(self) -> bool:
        """Whether the user typed something here that is not saved (closing asks first)."""
        return False

    def build(self, content: QWidget) -> None:
        raise NotImplementedError

    def fetch(self) -> object:
        raise NotImplementedError

    def populate(self, data: Any) -> None:
        raise NotImplementedError
