"""About the server itself: its health and limits, and the demo sign-ins of a demo server."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Any

from fastapi import APIRouter

from server.errors import ApiError
from server.routes.common import API, ERRORS, Server
from server.routes.models import DemoUser, Health

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The routes about the server (tag ``meta``)."""
    settings = server.settings
    routes = APIRouter()

    @routes.get(f"{API}/health", response_model=Health, tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "server_epoch": server.current_epoch(),
                "limits": settings.limits.as_json()}

    @routes.get(f"{API}/demo/users", response_model=list[DemoUser], responses=ERRORS,
                tags=["meta"])
    def demo_users() -> Any:
        """The demo sign-ins (only on a server started with ``--demo-accounts``)."""
        if not settings.demo_mode:
            raise ApiError(404, "not_found", "This server is not in demo mode.")
        from server.demo_seed import DEMO_USERS

        return [u.as_json() for u in DEMO_USERS]

    return routes
