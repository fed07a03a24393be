"""The signed-in session on the GUI thread: sign-in → main window + sync → sign-out.

``desktop.app.main`` hands control here. For ``--demo`` the embedded server is started off
the GUI thread, the app signs in as the demo branch staff and syncs; otherwise the sign-in
dialog asks who is there. Sign-out wipes the cache (never the outbox) and is refused, with
the reason, while payments are unsent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from billing.roles import Role
from desktop.accounts.status_bar import SyncStatusWidget
from desktop.language.i18n import fill
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl
from desktop.signin.dialog import DemoRole, SignInDialog, roles_from_json
from desktop.sync.engine import DEFAULT_INTERVAL_S, SyncEngine
from sync.auth import Authenticator, SignedIn, SignOutRefused
from sync.client import SyncClient
from sync.cycle import SyncOutcome
from sync.errors import SyncError
from sync.http_session import make_session
from sync.kiosk_key import KioskKey
from sync.token_store import SecretStore

log = logging.getLogger(__name__)

SERVER_SETTING = "sync/server"
USER_SETTING = "sync/last_user"


class SessionController(QObject):
    """Owns the sign-in dialog, the main window, the sync engine and the demo server."""

    #: Emitted when the app should quit (sign-in cancelled, demo server failed).
    quit_requested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        window_factory: Callable[[AppContext], QMainWindow],
        secrets: SecretStore,
        *,
        server_url: str | None = None,
        interval_s: int = DEFAULT_INTERVAL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window_factory = window_factory
        self.secrets = secrets
        self.auth = Authenticator(ctx.data_dir, ctx.cache_engine, ctx.outbox, secrets)
        saved = str(ctx.settings.value(SERVER_SETTING, "", str) or "")
        self.server_url = (server_url or saved).rstrip("/")
        self.interval_s = interval_s
        self.demo: Any = None  # desktop.runtime.demo_server.DemoServer
        self.demo_roles: list[DemoRole] = []
        self.window: QMainWindow | None = None
        self.engine: SyncEngine | None = None
        self.status: SyncStatusWidget | None = None
        self.dialog: SignInDialog | None = None
        self.signed: SignedIn | None = None
        self._first_sync_done = False
        #: A kiosk signs in as a device; set by the app for --kiosk.
        self.kiosk = False

    def current_window(self) -> QMainWindow | None:
        """The main (or kiosk) window once signed in; None before."""
        return self.window

    # -- start ---------------------------------------------------------------------------

    def start_demo(self, accounts: int, *, kiosk: bool = False) -> None:
        """Start the embedded server off the GUI thread, then sign in as demo staff (or,
        for a kiosk, as the demo kiosk device with its device token)."""
        self._show_window()
        window = self.window
        assert window is not None
        window.statusBar().showMessage(self.tr("Starting the demo server…"))
        task = self.ctx.tasks.run_net(
            "demo server", partial(_start_demo, self.auth, self.ctx.data_dir, accounts, kiosk))
        task.done.connect(self._on_demo_ready)
        task.error.connect(self._on_demo_failed)

    @Slot(object)
    def _on_demo_ready(self, result: object) -> None:
        assert isinstance(result, tuple), "the demo task answers (DemoServer, SignedIn)"
        demo, signed = result
        self.demo = demo
        self.demo_roles = demo.roles
        self.server_url = demo.url
        self._on_signed_in(signed)

    @Slot(object)
    def _on_demo_failed(self, exc: object) -> None:
        log.error("demo start failed: %s", exc)
        if self.window is not None:
            self.window.statusBar().showMessage(
                fill(self.tr("The demo server could not start: %1"), exc))

    def show_sign_in(self, message: str = "") -> SignInDialog:
        """Ask who is there (non-blocking); the session starts when they are signed in."""
        dialog = SignInDialog(
            self.auth,
            self.ctx.tasks,
            self.server_url,
            demo_roles=self.demo_roles,
            username=str(self.ctx.settings.value(USER_SETTING, "", str) or ""),
            keyring_warning=self.secrets.warning,
            kiosk=self.kiosk,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if message:
            dialog.show_message(message)
        dialog.signed_in.connect(self._on_signed_in)
        dialog.rejected.connect(self._on_sign_in_cancelled)
        self.dialog = dialog
        dialog.show()
        if not self.demo_roles and self.server_url:
            task = self.ctx.tasks.run_net("demo users", partial(_demo_users, self.server_url))
            task.done.connect(self._on_demo_users)
        return dialog

    @Slot(object)
    def _on_demo_users(self, roles: object) -> None:
        assert isinstance(roles, list)
        if roles and self.dialog is not None:
            self.demo_roles = roles
            self.dialog.set_demo_roles(roles)

    @Slot()
    def _on_sign_in_cancelled(self) -> None:
        self.dialog = None
        if self.window is None or not self.window.isVisible():
            self.quit_requested.emit()

    # -- signed in -----------------------------------------------------------------------

    @Slot(object)
    def _on_signed_in(self, signed: object) -> None:
        assert isinstance(signed, SignedIn)
        self.dialog = None
        self.signed = signed
        self.server_url = signed.server
        self.ctx.user = signed.user
        if signed.business_zone:
            self.ctx.business_zone = signed.business_zone
        self.ctx.limits = signed.limits
        self.ctx.kiosk_key = KioskKey(
            self.secrets, signed.server, self.ctx.outbox.device_code(), online=self._online
        ) if signed.user.role is Role.KIOSK else None
        if self.demo is None:
            self.ctx.settings.setValue(SERVER_SETTING, signed.server)
        self.ctx.settings.setValue(USER_SETTING, signed.user.username)
        if signed.notice:
            self.ctx.notices.append(signed.notice)
        client = self.auth.client
        assert client is not None
        self._teardown_engine()
        self.engine = SyncEngine(self.ctx, client, interval_s=self.interval_s, parent=self)
        self.ctx.sync = self.engine
        self._first_sync_done = False
        if self.window is not None and (signed.cache_reset or self.window.property(
                "sessionUser") != signed.user.username):
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self._show_window()
        self._attach_status()
        self.engine.progress.connect(self._on_progress)
        self.engine.finished.connect(self._on_sync_finished)
        if signed.notice and self.window is not None:
            self.window.statusBar().showMessage(signed.notice, 15_000)
        self.engine.start()

    def _show_window(self) -> None:
        if self.window is None:
            self.window = self.window_factory(self.ctx)
            self.window.setProperty("sessionUser", self.ctx.user.username)
        self.window.show()

    def _attach_status(self) -> None:
        assert self.window is not None and self.engine is not None
        old = self.window.findChild(QDockWidget, "syncDock")
        if old is not None:
            self.window.removeDockWidget(old)
            old.deleteLater()
        self.status = SyncStatusWidget(self.ctx, self.engine)
        self.status.sign_out_requested.connect(self.sign_out)
        dock = QDockWidget(self.tr("Sync"), self.window)
        dock.setObjectName("syncDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget(dock))
        dock.setWidget(self.status)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        setter = getattr(self.window, "set_cache_progress", None)
        if setter is not None:
            setter(done, total, label)

    @Slot(object)
    def _on_sync_finished(self, outcome: object) -> None:
        assert isinstance(outcome, SyncOutcome)
        if self.window is None:
            return
        if (outcome.unauthorized and self.dialog is None and self.signed is not None
                and self.signed.online):
            # The token expired or was revoked: ask again, keeping the window and the cache.
            self.show_sign_in(self.tr("Your sign-in has expired or was ended on the server; "
                                      "sign in again to keep syncing."))
        if outcome.initial or outcome.reset or not self._first_sync_done:
            setter = getattr(self.window, "set_cache_progress", None)
            if setter is not None:
                setter(0, 0, "")  # done: hide the bar
            refresh = getattr(self.window, "refresh", None)
            if refresh is not None:
                refresh()
            if outcome.ok:
                self.window.statusBar().clearMessage()
        self._first_sync_done = True

    # -- sign-out ------------------------------------------------------------------------

    @Slot()
    def sign_out(self) -> None:
        """Sign out unless payments are unsent (then say why); never touches the outbox."""
        task = self.ctx.tasks.run_db("sign-out check", self._check_sign_out)
        task.done.connect(self._on_sign_out_allowed)
        task.error.connect(self._on_sign_out_refused)

    def _check_sign_out(self, _control: TaskControl) -> None:
        self.auth.check_sign_out()

    @Slot(object)
    def _on_sign_out_allowed(self, _result: object) -> None:
        if self.engine is not None:
            self.engine.stop()
        signed = self.signed
        assert signed is not None
        task = self.ctx.tasks.run_net("sign out", partial(
            _sign_out, self.auth, self.engine, signed.server, signed.user.username))
        task.done.connect(self._on_signed_out)
        task.error.connect(self._on_sign_out_refused)

    @Slot(object)
    def _on_sign_out_refused(self, exc: object) -> None:
        text = (exc.message if isinstance(exc, SignOutRefused)
                else fill(self.tr("Sign-out failed: %1"), exc))
        if self.status is not None:
            self.status.show_message(text)
        log.info("sign-out refused: %s", text)

    @Slot(object)
    def _on_signed_out(self, _result: object) -> None:
        self._teardown_engine()
        self.signed = None
        self.ctx.events.cache_reset.emit()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self.show_sign_in(self.tr("You are signed out. The local copy of the accounts was "
                                  "removed; changes waiting to be sent are kept."))

    def _online(self) -> bool:
        """Whether the last sync reached the server (a kiosk without a keyring looks up
        only then: sync/kiosk_key.py)."""
        engine = self.engine
        return engine is not None and engine.status().online is True

    def _teardown_engine(self) -> None:
        if self.engine is not None:
            self.engine.stop()
            self.engine.deleteLater()
            self.engine = None
            self.ctx.sync = None

    # -- shutdown ------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop syncing, wait for work in flight, stop the demo server."""
        if self.engine is not None:
            self.engine.stop()
        self.ctx.tasks.wait_idle()
        if self.demo is not None:
            self.demo.stop()
            self.demo = None
        if self.auth.client is not None:
            self.auth.client.close()


def _start_demo(auth: Authenticator, data_dir: Path, accounts: int, kiosk: bool,
                _control: TaskControl) -> tuple[Any, SignedIn]:
    from desktop.runtime import demo_server

    demo = demo_server.start(data_dir, accounts)
    try:
        if kiosk:
            device = next(r for r in demo.roles if r.kind == "device")
            signed = auth.sign_in(demo.url, device.username, device.password, device=True)
        else:
            signed = auth.sign_in(demo.url, demo_server.DEMO_SIGN_IN,
                                  demo.password_for(demo_server.DEMO_SIGN_IN))
    except BaseException:
        demo.stop()
        raise
    return demo, signed


def _demo_users(server: str, _control: TaskControl) -> list[DemoRole]:
    """The demo roles when ``server`` is a demo server (it publishes them), else []."""
    client = SyncClient(server, session=make_session(retries=0), timeout=(2.0, 5.0))
    try:
        return [roles_from_json(u) for u in client.demo_users()]
    except SyncError:
        return []
    finally:
        client.close()


def _sign_out(auth: Authenticator, engine: SyncEngine | None, server: str, username: str,
              _control: TaskControl) -> None:
    if engine is not None:
        with engine.cycle.lock:  # never while a cycle writes the cache
            auth.sign_out(server, username)
    else:
        auth.sign_out(server, username)
