"""The errors the sync client reports: one base (:class:`SyncError`), the server out of
reach (:class:`OfflineError`), and the server's error documents (:class:`ApiError`, with
the two the cycle acts on: :class:`Unauthorized` and :class:`ResyncRequired`).
``sync.client.error_for`` turns an answer into one of them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ApiError", "OfflineError", "ResyncRequired", "SyncError", "Unauthorized"]


class SyncError(Exception):
    """Base of every error the client reports."""


class OfflineError(SyncError):
    """The server could not be reached (no network, refused, timed out)."""


class ApiError(SyncError):
    """The server answered with an error document."""

    def __init__(self, status: int, code: str, message: str, body: dict[str, Any] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.body = body or {}


class Unauthorized(ApiError):
    """The token is missing, expired or revoked: the user must sign in again."""


class ResyncRequired(ApiError):
    """410: the cursor is too old or from another server epoch."""
