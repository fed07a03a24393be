"""Comments: internal notes, newest first, with author and time; add a comment."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from billing.roles import Action
from db.account_details.comments import CommentRow, load_comments
from db.contact_validation import ValidationFailed
from db.local_writes import add_comment, check_comment
from db.outbox import Mutation
from desktop.detail.format import format_moment
from desktop.detail.tabs.base import TAB_STYLE, DetailTab, set_flag, show_message
from desktop.payments.messages import error_text
from desktop.runtime.tasks import TaskControl

log = logging.getLogger(__name__)


class CommentsTab(DetailTab):
    title = "Comments"

    def build(self, content: QWidget) -> None:
        content.setStyleSheet(TAB_STYLE)
        self.may_comment = self.ctx.user.may(Action.COMMENT)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.count = QLabel(content)
        self.count.setObjectName("commentCount")
        layout.addWidget(self.count)
        self.view = QTextBrowser(content)
        self.view.setObjectName("commentList")
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        self.editor = QPlainTextEdit(content)
        self.editor.setObjectName("commentText")
        self.editor.setFixedHeight(70)
        self.editor.textChanged.connect(self._on_text)
        layout.addWidget(self.editor)
        self.message = QLabel(content)
        self.message.setObjectName("commentMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_button = QPushButton(content)
        self.add_button.setObjectName("addComment")
        self.add_button.clicked.connect(self.submit)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        if not self.may_comment:
            self.editor.setVisible(False)
            self.add_button.setVisible(False)
        self._busy = False

    def has_unsaved_input(self) -> bool:
        return bool(self._built and self.may_comment and not self._busy
                    and self.editor.toPlainText().strip())

    def retranslate_ui(self) -> None:
        self.editor.setPlaceholderText(
            self.tr("Add an internal note (at most %1 characters)…")
            .replace("%1", str(self.ctx.limits.max_comment_chars)))
        self.add_button.setText(self.tr("Add comment"))

    def fetch(self) -> list[CommentRow]:
        return load_comments(self.ctx.cache_engine, self.ctx.outbox, self.account_id)

    def populate(self, data: list[CommentRow]) -> None:
        self.comments = data
        zone = self.ctx.business_zone
        parts = []
        pending_sync = escape(self.tr("— pending sync"))
        for c in data:
            pending = (
                f' <span style="color:#8a5a00"><i>{pending_sync}</i></span>' if c.pending else ""
            )
            body = escape(c.body).replace("\n", "<br>")
            parts.append(
                f'<p style="margin-bottom:10px"><b>{escape(c.author)}</b> '
                f'<span style="color:#616161">{format_moment(c.created_at, zone)}</span>{pending}'
                f"<br>{body}</p>"
            )
        none_yet = escape(self.tr("No comments yet."))
        self.view.setHtml("".join(parts) or f"<p><i>{none_yet}</i></p>")
        self.count.setText(self.tr("%n comment(s), newest first.", "", len(data)))

    @Slot()
    def _on_text(self) -> None:
        set_flag(self.editor, "invalid", False)
        if self.message.property("role") == "message-error":
            show_message(self.message, "")

    @Slot()
    def submit(self) -> None:
        if not self.may_comment or self._busy:
            return
        body = self.editor.toPlainText()
        outbox, user, account_id = self.ctx.outbox, self.ctx.user.username, self.account_id
        most = self.ctx.limits.max_comment_chars
        try:
            check_comment(body, most)  # the same check runs again inside add_comment
        except ValidationFailed as exc:
            self._refuse(error_text(exc))
            return

        def work(control: TaskControl) -> Mutation:
            return add_comment(outbox, account_id=account_id, body=body, created_by=user,
                               max_chars=most)

        self._busy = True
        self.add_button.setEnabled(False)
        task = self.ctx.tasks.run_db(f"comment {account_id}", work)
        task.done.connect(self._on_added)
        task.error.connect(self._on_failed)

    def _refuse(self, message: str) -> None:
        set_flag(self.editor, "invalid", True)
        show_message(self.message, message, "error")

    @Slot(object)
    def _on_added(self, mutation: object) -> None:
        self._busy = False
        self.add_button.setEnabled(True)
        self.editor.clear()
        show_message(self.message, self.tr("Comment added; pending sync with the server."), "ok")
        self.wrote.emit()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self._busy = False
        self.add_button.setEnabled(True)
        if not isinstance(exc, ValidationFailed):
            log.error("adding a comment to account %s failed: %s", self.account_id, exc)
        self._refuse(error_text(exc))
