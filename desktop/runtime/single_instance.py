"""One running Partner Desk per data folder; a second start brings the first to the front.

A lock file in the data folder (:class:`QLockFile`: a crashed owner's lock is taken over,
since Qt checks the owner's process id) decides who is first. The first instance listens on
a local socket (a named pipe on Windows) named after the data folder; a later start sends it
``raise`` and exits. Two different data folders (``--data-dir``) run side by side.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

LOCK_FILE = "partner-desk.lock"
RAISE = b"raise\n"


def server_name(data_dir: Path) -> str:
    """The local socket name for a data folder (case-folded on Windows, like its paths)."""
    path = str(data_dir.resolve())
    if sys.platform == "win32":
        path = path.lower()
    return "terabyte-partner-desk-" + hashlib.sha256(path.encode()).hexdigest()[:20]


class SingleInstance(QObject):
    """Call :meth:`acquire` before building windows; connect :attr:`raise_requested`."""

    #: Another start asked this instance to show its window.
    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        data_dir.mkdir(parents=True, exist_ok=True)
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when the owning process is gone
        self._server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []
        self._window_getter: Callable[[], QWidget | None] | None = None

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self, notify_timeout_ms: int = 3000) -> bool:
        """True when this is the first instance for the folder (it now listens).

        Otherwise the first instance is asked to raise its window and False is returned:
        the caller exits.
        """
        if self._lock.tryLock(0):
            QLocalServer.removeServer(self.name)  # a socket left behind by a crash
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            server.newConnection.connect(self._on_new_connection)
            if not server.listen(self.name):
                log.warning("single instance: cannot listen on %s: %s", self.name,
                            server.errorString())
            self._server = server
            log.info("single instance: first for this data folder (%s)", self.name)
            return True
        log.info("single instance: another instance runs for this data folder; asking it "
                 "to come to the front")
        if not self.notify_primary(notify_timeout_ms):
            log.warning("single instance: the other instance did not answer")
        return False

    def notify_primary(self, timeout_ms: int = 3000) -> bool:
        """Ask the running instance to raise its window (retries while it starts up)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(300):
                socket.write(RAISE)
                ok = socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
                if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
                    socket.waitForDisconnected(300)
                return ok
            socket.abort()
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)  # the first instance holds the lock but is not listening yet

    @Slot()
    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    @Slot()
    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if RAISE.strip() in data:
            log.info("single instance: a second start asked for the window")
            self.raise_requested.emit()

    @Slot()
    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            if socket.bytesAvailable():
                self._read(socket)
            if socket in self._sockets:
                self._sockets.remove(socket)
            socket.deleteLater()

    def follow(self, window_getter: Callable[[], QWidget | None]) -> None:
        """Bring ``window_getter()`` to the front whenever a second start asks (the window
        may be made later, e.g. after sign-in, hence a getter)."""
        self._window_getter = window_getter
        self.raise_requested.connect(self._raise_window)

    @Slot()
    def _raise_window(self) -> None:
        window = self._window_getter() if self._window_getter is not None else None
        if window is not None:
            bring_to_front(window)

    def release(self) -> None:
        """Stop listening and free the lock (at exit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for socket in self._sockets:
            socket.abort()
        self._sockets.clear()
        if self._lock.isLocked():
            self._lock.unlock()


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised and on top (connect to :attr:`raise_requested`)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
