"""The sign-in dialog (``signInDialog``).

Signs in against the server off the GUI thread; when the server cannot be reached a user
who signed in here before is let in offline. When the server runs in demo mode the dialog
lists the demo roles; choosing one fills in its user name and password.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing.roles import Role
from desktop import APP_NAME
from desktop.language.i18n import Retranslating
from desktop.payments.messages import error_text, notice_text
from desktop.runtime.tasks import TaskControl, TaskRunner
from sync.auth import Authenticator, SignedIn, SignInFailed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoRole:
    """A demo account the sign-in screen offers (only when the server is a demo)."""

    username: str
    password: str
    label: str
    kind: str = "user"  # or "device": a kiosk's device code and secret


def roles_from_json(item: dict[str, Any]) -> DemoRole:
    """One entry of ``GET /api/v1/demo/users`` as a :class:`DemoRole`."""
    role = str(item.get("role") or "")
    try:
        role_label = Role(role).label
    except ValueError:
        role_label = role
    label = str(item.get("display_name") or role_label)
    return DemoRole(str(item["username"]), str(item["password"]), label,
                    str(item.get("kind") or "user"))


class SignInDialog(Retranslating, QDialog):
    """User name, password (and server); emits :attr:`signed_in` and accepts on success."""

    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        auth: Authenticator,
        tasks: TaskRunner,
        server: str = "",
        *,
        demo_roles: list[DemoRole] | None = None,
        username: str = "",
        keyring_warning: str | None = None,
        kiosk: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.auth = auth
        self.tasks = tasks
        self._busy = False

        self.heading = QLabel(self)
        self.server_field = QLineEdit(server, self)
        self.server_field.setObjectName("signInServer")
        self.server_field.setPlaceholderText("https://portal.example.in")
        self.username_field = QLineEdit(username, self)
        self.username_field.setObjectName("signInUsername")
        self.password_field = QLineEdit(self)
        self.password_field.setObjectName("signInPassword")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        # A kiosk signs in as a device (its code and secret, bound to one branch), not as
        # a person; the server answers with a device token.
        self.device_box = QCheckBox(self)
        self.device_box.setObjectName("signInAsDevice")
        self.device_box.setChecked(kiosk)
        self.device_box.toggled.connect(self._on_device_toggled)
        form = QFormLayout()
        form.addRow(QLabel(self), self.server_field)
        form.addRow(QLabel(self), self.username_field)
        form.addRow(QLabel(self), self.password_field)
        form.addRow(QLabel(self), self.device_box)
        self._server_label = form.labelForField(self.server_field)
        self._user_label = form.labelForField(self.username_field)
        self._password_label = form.labelForField(self.password_field)

        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        self.keyring_note = QLabel(notice_text(keyring_warning or ""), self)
        self.keyring_note.setObjectName("signInKeyringWarning")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #8a5300;")
        self.keyring_note.setVisible(bool(keyring_warning))

        self.demo_list = QListWidget(self)
        self.demo_list.setObjectName("demoRoles")
        self.demo_heading = QLabel(self)
        self._roles: list[DemoRole] = []
        self.set_demo_roles(demo_roles or [])
        self.demo_list.currentItemChanged.connect(self._on_demo_chosen)
        self.demo_list.itemDoubleClicked.connect(self._on_demo_double_clicked)

        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("signInCancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.demo_heading)
        layout.addWidget(self.demo_list)
        layout.addWidget(self.message)
        layout.addWidget(self.keyring_note)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)

        self.sign_in_button.clicked.connect(self._on_sign_in)
        self.cancel_button.clicked.connect(self.reject)
        for field in (self.server_field, self.username_field, self.password_field):
            field.textChanged.connect(self._validate)
            field.returnPressed.connect(self._on_sign_in)
        self.retranslate_ui()
        self._validate()
        (self.password_field if username else self.username_field).setFocus()

    def retranslate_ui(self) -> None:
        """Every text of the dialog, in the current language (again on a language change)."""
        self.setWindowTitle(self.tr("Sign in — %1").replace("%1", APP_NAME))
        heading = self.tr("Sign in to the partner portal")
        self.heading.setText(f"<b>{heading}</b>")
        self.device_box.setText(self.tr("This PC is a kiosk: sign in with its device code"))
        if isinstance(self._server_label, QLabel):
            self._server_label.setText(self.tr("Server"))
        self.demo_heading.setText(self.tr("Demo server — choose a role to try it as:"))
        self.sign_in_button.setText(self.tr("Signing in…") if self._busy else self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._on_device_toggled(self.device_box.isChecked())
        for i in range(self.demo_list.count()):
            item = self.demo_list.item(i)
            item.setToolTip(self.tr("Password: %1").replace(
                "%1", str(item.data(Qt.ItemDataRole.UserRole)[1])))

    @Slot(bool)
    def _on_device_toggled(self, device: bool) -> None:
        if isinstance(self._user_label, QLabel) and isinstance(self._password_label, QLabel):
            self._user_label.setText(self.tr("Device code") if device else self.tr("User name"))
            self._password_label.setText(self.tr("Device secret") if device
                                         else self.tr("Password"))
        self.username_field.setPlaceholderText(
            self.tr("e.g. KIOSKCBE1") if device else self.tr("e.g. staff.cbe"))

    def set_demo_roles(self, roles: list[DemoRole]) -> None:
        """List the demo sign-ins (shown only when the server is a demo server)."""
        self._roles = list(roles)
        self.demo_list.clear()
        for role in roles:
            item = QListWidgetItem(f"{role.label} — {role.username}")
            item.setData(Qt.ItemDataRole.UserRole, (role.username, role.password))
            item.setToolTip(self.tr("Password: %1").replace("%1", role.password))
            self.demo_list.addItem(item)
        row = self.demo_list.fontMetrics().height() + 6
        frame = 2 * self.demo_list.frameWidth() + 4
        self.demo_list.setFixedHeight(row * len(roles) + frame if roles else 0)
        self.demo_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.demo_list.setVisible(bool(roles))
        self.demo_heading.setVisible(bool(roles))

    @Slot()
    def _validate(self) -> None:
        ready = all(f.text().strip() for f in (
            self.server_field, self.username_field, self.password_field))
        self.sign_in_button.setEnabled(ready and not self._busy)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_demo_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        username, password = item.data(Qt.ItemDataRole.UserRole)
        self.device_box.setChecked(
            any(r.kind == "device" and r.username == username for r in self._roles))
        self.username_field.setText(username)
        self.password_field.setText(password)

    @Slot(QListWidgetItem)
    def _on_demo_double_clicked(self, item: QListWidgetItem) -> None:
        self._on_demo_chosen(item)
        self._on_sign_in()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @Slot()
    def _on_sign_in(self) -> None:
        if self._busy or not self.sign_in_button.isEnabled():
            return
        self._busy = True
        self._validate()
        self.show_message("")
        self.sign_in_button.setText(self.tr("Signing in…"))
        username = self.username_field.text().strip()
        device = self.device_box.isChecked() or any(
            r.kind == "device" and r.username == username for r in self._roles)
        task = self.tasks.run_net("sign in", partial(
            _sign_in, self.auth, self.server_field.text(), username,
            self.password_field.text(), device))
        task.done.connect(self._on_done)
        task.error.connect(self._on_error)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        assert isinstance(result, SignedIn)
        self._busy = False
        self.sign_in_button.setText(self.tr("Sign in"))
        self.password_field.clear()
        self.signed_in.emit(result)
        self.accept()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self._busy = False
        self.sign_in_button.setText(self.tr("Sign in"))
        text = (error_text(exc) if isinstance(exc, SignInFailed)
                else self.tr("Sign-in failed: %1").replace("%1", str(exc)))
        self.show_message(text)
        self.password_field.selectAll()
        self.password_field.setFocus()
        self._validate()


def _sign_in(auth: Authenticator, server: str, username: str, password: str, device: bool,
             _control: TaskControl) -> SignedIn:
    return auth.sign_in(server, username, password, device=device)
