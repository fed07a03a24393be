"""Sign-in (people and kiosk devices), sign-out, revoking a user's or a device's tokens, and
who the caller is (``/me``)."""

# No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from billing.roles import Role
from server import auth, kiosk
from server.auth import Principal
from server.errors import ApiError
from server.routes.common import API, ERRORS, Caller, Server, client_address
from server.routes.models import NO_NUL, DeviceSignIn, SignedIn, SignIn, UserOut

__all__ = ["router"]


def router(server: Server) -> APIRouter:
    """The sign-in routes (tag ``auth``)."""
    db, settings = server.db, server.settings
    routes = APIRouter()

    def signed_in(token: str, expires: int, principal: Principal) -> dict[str, Any]:
        epoch = server.current_epoch()
        return {
            "token": token,
            "expires_at": expires,
            "user": principal.user_json(),
            "server_epoch": epoch,
            "business_zone": settings.business_zone,
            "currency": settings.currency,
            "device_code": principal.device_code,
            "limits": settings.limits.as_json(),
        }

    @routes.post(f"{API}/auth/sign-in", response_model=SignedIn, responses=ERRORS,
                 tags=["auth"])
    def sign_in(body: SignIn, request: Request) -> Any:
        """Username + password → a bearer token. Wrong: 401; too many failures from this
        username or address: 429 with Retry-After (growing delays, server.throttle)."""
        code = auth.normalise_device_code(body.device_code)
        token, expires, principal = auth.sign_in(
            db, settings, body.username, body.password, code, client_address(request))
        return signed_in(token, expires, principal)

    @routes.post(f"{API}/auth/device-sign-in", response_model=SignedIn, responses=ERRORS,
                 tags=["auth"])
    def device_sign_in(body: DeviceSignIn, request: Request) -> Any:
        """A kiosk device's code + secret → a device token bound to its branch."""
        code = auth.normalise_device_code(body.device_code)
        assert code is not None
        token, expires, principal = auth.device_sign_in(
            db, settings, code, body.device_secret, client_address(request))
        return signed_in(token, expires, principal)

    @routes.post(f"{API}/auth/sign-out", status_code=204, responses=ERRORS, tags=["auth"])
    def sign_out(caller: Caller) -> Response:
        """Revoke the calling token."""
        with db.write.begin() as conn:
            auth.revoke(conn, settings, caller.token_hash)
            if caller.is_device and caller.device_code:
                kiosk.rotate_key(conn, settings, caller.device_code)
        return Response(status_code=204)

    @routes.post(f"{API}/admin/users/{{username}}/revoke-tokens", responses=ERRORS,
                 tags=["auth"])
    def revoke_user_tokens(
        username: Annotated[str, Path(pattern=NO_NUL)], caller: Caller
    ) -> dict[str, int]:
        """Admin: sign a user out everywhere (a lost laptop)."""
        if caller.role is not Role.ADMIN:
            raise ApiError(403, "forbidden", "Only an administrator may revoke tokens.")
        with db.write.begin() as conn:
            count = auth.revoke_all_for_user(conn, settings, username.lower())
        return {"revoked": count}

    @routes.post(f"{API}/admin/devices/{{device_code}}/revoke-tokens", responses=ERRORS,
                 tags=["auth"])
    def revoke_device_tokens(
        device_code: Annotated[str, Path(max_length=16)], caller: Caller
    ) -> dict[str, int]:
        """Admin: sign a kiosk device out everywhere (a stolen kiosk or leaked secret).
        It signs in again only with its secret (and only while the device is active)."""
        if caller.role is not Role.ADMIN:
            raise ApiError(403, "forbidden", "Only an administrator may revoke tokens.")
        code = auth.normalise_device_code(device_code)
        assert code is not None
        with db.write.begin() as conn:
            count = auth.revoke_all_for_device(conn, settings, code)
            # Its sealed offline rows stop opening: a stolen kiosk's copy is dead too.
            kiosk.rotate_key(conn, settings, code)
        return {"revoked": count}

    @routes.get(f"{API}/me", response_model=UserOut, responses=ERRORS, tags=["auth"])
    def me(caller: Caller) -> Any:
        return caller.user_json()

    return routes
