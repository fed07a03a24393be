"""The editable form shared by the Contact and Technical tabs.

Syntax is checked as the user types (fields marked, message shown); the full check and the
conflict check run again on Save, in :func:`db.local_writes.save_edit` — the one path every
edit takes into the outbox. Invalid input keeps the form as typed, marks the field and says
what to do; nothing is written. A conflict (the account changed underneath, or another
unsent edit changed the field) is refused and the current values are shown.
"""

from __future__ import annotations

import logging
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.roles import Action
from db.account_details.fields import EditableState, load_editable_state
from db.contact_validation import ValidationFailed, clean_fields
from db.local_writes import EditConflict, EditResult, WriteRefused, save_edit
from desktop.detail.format import field_name
from desktop.detail.tabs.base import TAB_STYLE, DetailTab, set_flag, show_message
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill
from desktop.payments.messages import error_text
from desktop.runtime.tasks import TaskControl

log = logging.getLogger(__name__)

_PLACEHOLDERS = {
    "optional": QT_TRANSLATE_NOOP("FieldsFormTab", "optional"),
    "name@example.com (optional)": QT_TRANSLATE_NOOP("FieldsFormTab",
                                                     "name@example.com (optional)"),
    "1 to 4094": QT_TRANSLATE_NOOP("FieldsFormTab", "1 to 4094"),
}


class FieldSpec(NamedTuple):
    field: str
    object_name: str
    multiline: bool = False
    placeholder: str = ""


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


class FieldsFormTab(DetailTab):
    """A form over some of the account's editable fields."""

    specs: tuple[FieldSpec, ...] = ()
    action: Action = Action.EDIT
    prefix = "fields"  # object names: <prefix>Save, <prefix>Discard, <prefix>Message

    def build(self, content: QWidget) -> None:
        content.setStyleSheet(TAB_STYLE)
        self.may_edit = self.ctx.user.may(self.action)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = form = QFormLayout()
        form.setVerticalSpacing(8)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.pending_labels: dict[str, QLabel] = {}
        for spec in self.specs:
            editor: QLineEdit | QPlainTextEdit
            if spec.multiline:
                editor = QPlainTextEdit(content)
                editor.setFixedHeight(58)
                editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
                editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                editor.setTabChangesFocus(True)
                editor.textChanged.connect(self._on_changed)
            else:
                editor = QLineEdit(content)
                editor.textEdited.connect(self._on_changed)
            editor.setObjectName(spec.object_name)
            editor.setReadOnly(not self.may_edit)
            pending = QLabel(content)
            pending.setObjectName(f"{spec.object_name}Pending")
            pending.setProperty("role", "pending")
            pending.setVisible(False)
            row = QVBoxLayout()
            row.setSpacing(1)
            row.addWidget(editor)
            row.addWidget(pending)
            form.addRow(QLabel(content), row)
            self.editors[spec.field] = editor
            self.pending_labels[spec.field] = pending
        outer.addLayout(form)

        self.message = QLabel(content)
        self.message.setObjectName(f"{self.prefix}Message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        outer.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.discard_button = QPushButton(content)
        self.discard_button.setObjectName(f"{self.prefix}Discard")
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton(content)
        self.save_button.setObjectName(f"{self.prefix}Save")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        outer.addStretch(1)
        if not self.may_edit:
            self.save_button.setVisible(False)
            self.discard_button.setVisible(False)
            self.read_only_note = QLabel(content)
            self.read_only_note.setProperty("role", "muted")
            self.read_only_note.setObjectName(f"{self.prefix}ReadOnly")
            outer.insertWidget(1, self.read_only_note)

        self.state: EditableState | None = None
        self._saving = False
        self._update_buttons()

    def retranslate_ui(self) -> None:
        for index, spec in enumerate(self.specs):
            item = self.form.itemAt(index, QFormLayout.ItemRole.LabelRole)
            caption = item.widget() if item is not None else None
            if isinstance(caption, QLabel):
                caption.setText(f"{field_name(spec.field)}:")
            placeholder = _PLACEHOLDERS.get(spec.placeholder)
            self.editors[spec.field].setPlaceholderText(
                QCoreApplication.translate("FieldsFormTab", placeholder) if placeholder
                else spec.placeholder)
        self.discard_button.setText(QCoreApplication.translate("FieldsFormTab",
                                                               "Discard changes"))
        self.save_button.setText(QCoreApplication.translate("FieldsFormTab", "Save changes"))
        if not self.may_edit:
            self.read_only_note.setText(QCoreApplication.translate(
                "FieldsFormTab", "Your role may view these details but not change them."))

    # -- data -----------------------------------------------------------------------------

    def fetch(self) -> EditableState | None:
        return load_editable_state(self.ctx.cache_engine, self.ctx.outbox, self.account_id)

    def populate(self, data: EditableState) -> None:
        if self.is_dirty() and self.state is not None:
            # Keep what the user is typing; their save is checked against the new values.
            moved = [
                field_name(f)
                for f in self.editors
                if _as_text(data.values.get(f)) != _as_text(self.state.values.get(f))
            ]
            if data.version != self.state.version or moved:
                show_message(
                    self.message,
                    fill(QCoreApplication.translate(
                        "FieldsFormTab", "This account was changed elsewhere while you were "
                        "editing (%1). Your save will be checked against the current values.")
                        if moved else QCoreApplication.translate(
                        "FieldsFormTab", "This account was changed elsewhere while you were "
                        "editing. Your save will be checked against the current values."),
                        ", ".join(moved)),
                    "warn",
                )
            self._show_pending(data)
            return
        self.state = data
        for field, editor in self.editors.items():
            self._set_text(editor, _as_text(data.values.get(field)))
            set_flag(editor, "invalid", False)  # a conflict mark stays until the field is edited
        self._show_pending(data)
        self._show_refused(data)
        self._update_buttons()

    def _show_refused(self, data: EditableState) -> None:
        """Say so when an earlier edit of these fields was not applied by the server."""
        from db.account_details.pending import refusal_reason

        mine = [m for m in data.refused if set(m.payload.get("fields") or {}) & set(self.editors)]
        if mine and not self.message.text():
            latest = mine[-1]
            names = ", ".join(field_name(f) for f in (latest.payload.get("fields") or {}))
            show_message(
                self.message,
                fill(QCoreApplication.translate(
                    "FieldsFormTab", "An earlier change of %1 by %2 was not applied by the "
                    "server: %3. The values shown are the server's."),
                    names, latest.created_by, refusal_reason(latest)),
                "warn",
            )

    def _show_pending(self, data: EditableState) -> None:
        for field, label in self.pending_labels.items():
            who = data.pending_fields.get(field)
            label.setText(fill(QCoreApplication.translate(
                "FieldsFormTab", "pending sync — changed by %1"), who) if who else "")
            label.setVisible(bool(who))

    @staticmethod
    def _set_text(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.blockSignals(True)
            editor.setPlainText(text)
            editor.blockSignals(False)
        else:
            editor.setText(text)

    @staticmethod
    def _text(editor: QLineEdit | QPlainTextEdit) -> str:
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def typed_values(self) -> dict[str, str]:
        return {field: self._text(editor) for field, editor in self.editors.items()}

    def changed_values(self) -> dict[str, str]:
        """Fields whose text differs from what was loaded."""
        if self.state is None:
            return {}
        return {
            f: text
            for f, text in self.typed_values().items()
            if text.strip() != _as_text(self.state.values.get(f)).strip()
        }

    def is_dirty(self) -> bool:
        return bool(self._built and self.changed_values())

    def has_unsaved_input(self) -> bool:
        return self.is_dirty()

    # -- validation as you type -------------------------------------------------------------

    @Slot()
    def _on_changed(self) -> None:
        self._validate()
        self._update_buttons()

    def _validate(self) -> list[str]:
        """Mark the changed fields that fail validation; return their names."""
        changed = self.changed_values()
        bad: dict[str, str] = {}
        if changed:
            try:
                clean_fields(changed, current=self.state.values if self.state else None)
            except ValidationFailed as exc:
                bad = {e.field: error_text(e) for e in exc.errors}
        for field, editor in self.editors.items():
            set_flag(editor, "invalid", field in bad)
            if field in changed:
                set_flag(editor, "conflict", False)
        if bad:
            show_message(self.message, "\n".join(bad.values()), "error")
        elif self.message.property("role") == "message-error":
            show_message(self.message, "")
        return list(bad)

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(self.may_edit and dirty and not self._saving)
        self.discard_button.setEnabled(dirty and not self._saving)

    # -- save -------------------------------------------------------------------------------

    @Slot()
    def discard(self) -> None:
        if self.state is not None:
            for field, editor in self.editors.items():
                self._set_text(editor, _as_text(self.state.values.get(field)))
                set_flag(editor, "invalid", False)
                set_flag(editor, "conflict", False)
        show_message(self.message, "")
        self._update_buttons()
        self.invalidate()

    @Slot()
    def save(self) -> None:
        """Validate, then queue the edit on the database worker."""
        if not self.may_edit or self.state is None or self._saving:
            return
        changed = self.changed_values()
        if not changed:
            show_message(self.message, QCoreApplication.translate(
                "FieldsFormTab", "Nothing to save: no field was changed."), "warn")
            return
        invalid = self._validate()
        if invalid:
            self.editors[invalid[0]].setFocus()
            return
        state = self.state
        before = {f: state.values.get(f) for f in changed}
        user = self.ctx.user.username

        def work(control: TaskControl) -> EditResult | Exception:
            try:
                return save_edit(
                    self.ctx.cache_engine,
                    self.ctx.outbox,
                    account_id=self.account_id,
                    base_version=state.version,
                    before=before,
                    values=changed,
                    created_by=user,
                )
            except (ValidationFailed, EditConflict, WriteRefused) as exc:
                return exc  # an answer for the user, not a failure to log

        self._saving = True
        self._update_buttons()
        task = self.ctx.tasks.run_db(f"save edit {self.account_id}", work)
        task.done.connect(self._on_saved)
        task.error.connect(self._on_save_failed)

    @Slot(object)
    def _on_saved(self, result: object) -> None:
        if isinstance(result, Exception):
            self._on_save_failed(result)
            return
        self._saving = False
        assert isinstance(result, EditResult)
        if result.mutation is None:
            show_message(self.message, QCoreApplication.translate(
                "FieldsFormTab", "Nothing to save: the values are unchanged."), "warn")
            self._update_buttons()
            return
        names = ", ".join(field_name(f) for f in result.changed)
        show_message(self.message, fill(QCoreApplication.translate(
            "FieldsFormTab", "Saved %1. The change is pending sync with the server."), names),
            "ok")
        # Show the stored (normalised) values, e.g. a mobile as +91…, until the reload lands.
        for field, value in result.changed.items():
            self._set_text(self.editors[field], _as_text(value))
        if self.state is not None:
            pending = dict.fromkeys(result.changed, self.ctx.user.username)
            self.state = self.state._replace(
                values={**self.state.values, **result.changed},
                pending_fields={**self.state.pending_fields, **pending},
            )
        self._update_buttons()
        self.wrote.emit()

    @Slot(object)
    def _on_save_failed(self, exc: object) -> None:
        self._saving = False
        if isinstance(exc, ValidationFailed):
            for field in exc.fields:
                if field in self.editors:
                    set_flag(self.editors[field], "invalid", True)
            show_message(self.message, error_text(exc), "error")
        elif isinstance(exc, EditConflict):
            self._show_conflict(exc)
        elif isinstance(exc, WriteRefused):
            show_message(self.message, error_text(exc), "error")
        else:
            log.error("saving an edit of account %s failed: %s", self.account_id, exc)
            show_message(self.message, fill(QCoreApplication.translate(
                "FieldsFormTab", "The change could not be saved: %1"), exc), "error")
        self._update_buttons()

    def _show_conflict(self, exc: EditConflict) -> None:
        typed = self.typed_values()
        lines = [error_text(exc)]
        for field in exc.fields:
            if field in self.editors:
                empty = QCoreApplication.translate("FieldsFormTab", "(empty)")
                lines.append(fill(QCoreApplication.translate(
                    "FieldsFormTab", "• %1: now %2 — you typed %3"), field_name(field),
                    _as_text(exc.current.get(field)) or empty,
                    typed.get(field, "").strip() or empty))
        if self.state is not None:
            self.state = EditableState(
                self.account_id, exc.version, dict(exc.current), dict(exc.current), {}, ()
            )
        for field, editor in self.editors.items():
            self._set_text(editor, _as_text(exc.current.get(field)))
            set_flag(editor, "invalid", False)
            set_flag(editor, "conflict", field in exc.fields)
        show_message(self.message, "\n".join(lines), "error")
        self.invalidate()
