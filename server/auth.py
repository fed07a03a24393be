"""Sign-in, tokens, lock-out and the ``Principal`` every endpoint works for.

Passwords and device secrets are stored as salted scrypt verifiers
(``scrypt$n$r$p$salt$hash``); tokens as SHA-256 of the token. Repeated failures for one
username (known or not, so failures do not reveal which names exist) lock it for a while.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select

from billing.roles import Action, Role, may
from db.server_schema import devices, login_failures, tokens, users
from server.config import Settings
from server.errors import ApiError

_SCRYPT_R, _SCRYPT_P = 8, 1


def hash_secret(secret: str, *, n: int = 2**14) -> str:
    """A salted scrypt verifier for ``secret``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        secret.encode("utf-8"), salt=salt, n=n, r=_SCRYPT_R, p=_SCRYPT_P, maxmem=2**27, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${n}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_secret(secret: str, verifier: str) -> bool:
    """True when ``secret`` matches ``verifier`` (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = verifier.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            secret.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=2**27,
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


_DUMMY_VERIFIER: dict[int, str] = {}


def _dummy_verifier(n: int) -> str:
    """A verifier to check against when the user is unknown (same time either way)."""
    if n not in _DUMMY_VERIFIER:
        _DUMMY_VERIFIER[n] = hash_secret(secrets.token_hex(8), n=n)
    return _DUMMY_VERIFIER[n]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: a signed-in user or a kiosk device."""

    username: str
    display_name: str
    role: Role
    branch_id: int | None
    reseller_id: int | None
    token_hash: str
    device_code: str | None = None
    is_device: bool = False

    def may(self, action: Action) -> bool:
        return may(self.role, action)

    def user_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.value,
            "branch_id": self.branch_id,
            "reseller_id": self.reseller_id,
        }

    @property
    def scope_key(self) -> str:
        """What the caller's scope depends on (a pull cursor is only good for this)."""
        return f"{self.role.value}:{self.branch_id}:{self.reseller_id}"


# -- lock-out ------------------------------------------------------------------------------


def _check_locked(conn: Connection, principal: str, now: int) -> None:
    row = conn.execute(
        select(login_failures.c.locked_until).where(login_failures.c.principal == principal)
    ).first()
    if row is not None and row.locked_until is not None and row.locked_until > now:
        retry = row.locked_until - now
        raise ApiError(
            429,
            "locked_out",
            f"Too many failed sign-ins; try again in {max(1, (retry + 59) // 60)} minute(s).",
            headers={"Retry-After": str(retry)},
            retry_after=retry,
        )


def _record_failure(conn: Connection, principal: str, now: int, settings: Settings) -> None:
    row = conn.execute(
        select(login_failures).where(login_failures.c.principal == principal)
    ).first()
    if row is None or now - row.first_failure_at > settings.lockout_window_seconds:
        conn.execute(login_failures.delete().where(login_failures.c.principal == principal))
        conn.execute(
            login_failures.insert().values(principal=principal, failures=1, first_failure_at=now)
        )
        failures = 1
    else:
        failures = row.failures + 1
        conn.execute(
            login_failures.update()
            .where(login_failures.c.principal == principal)
            .values(failures=failures)
        )
    if failures >= settings.lockout_failures:
        conn.execute(
            login_failures.update()
            .where(login_failures.c.principal == principal)
            .values(locked_until=now + settings.lockout_seconds, failures=0, first_failure_at=now)
        )


def _clear_failures(conn: Connection, principal: str) -> None:
    conn.execute(login_failures.delete().where(login_failures.c.principal == principal))


# -- tokens --------------------------------------------------------------------------------


def _issue_token(
    conn: Connection,
    settings: Settings,
    *,
    user_id: int | None = None,
    device_id: int | None = None,
    device_code: str | None = None,
) -> tuple[str, int]:
    token = secrets.token_urlsafe(32)
    now = settings.now_epoch()
    expires = now + settings.token_ttl_seconds
    conn.execute(
        tokens.insert().values(
            token_hash=token_hash(token),
            user_id=user_id,
            device_id=device_id,
            device_code=device_code,
            issued_at=now,
            expires_at=expires,
        )
    )
    return token, expires


def normalise_device_code(code: object) -> str | None:
    if code is None:
        return None
    if not isinstance(code, str):
        raise ApiError(422, "invalid_request", "device_code must be text.")
    code = code.strip().upper()
    if not (code.isascii() and code.isalnum() and 2 <= len(code) <= 12):
        raise ApiError(422, "invalid_request", "A device code is 2 to 12 letters or digits.")
    return code


def sign_in(
    conn: Connection, settings: Settings, username: str, password: str, device_code: str | None
) -> tuple[str, int, Principal]:
    """Check a user's password; a token on success. Raises 401 / 429 ApiErrors."""
    now = settings.now_epoch()
    key = f"user:{username.strip().lower()}"
    _check_locked(conn, key, now)
    row = conn.execute(
        select(users).where(users.c.username == username.strip().lower())
    ).first()
    ok = verify_secret(password, row.password_hash if row else _dummy_verifier(settings.scrypt_n))
    if row is None or not ok or not row.active:
        _record_failure(conn, key, now, settings)
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    _clear_failures(conn, key)
    code = device_code or ("D" + secrets.token_hex(3).upper())
    token, expires = _issue_token(conn, settings, user_id=row.id, device_code=code)
    principal = Principal(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        branch_id=row.branch_id,
        reseller_id=row.reseller_id,
        token_hash=token_hash(token),
        device_code=code,
    )
    return token, expires, principal


def device_sign_in(
    conn: Connection, settings: Settings, device_code: str, secret: str
) -> tuple[str, int, Principal]:
    """Check a kiosk device's secret; a device token bound to its branch."""
    now = settings.now_epoch()
    key = f"device:{device_code}"
    _check_locked(conn, key, now)
    row = conn.execute(select(devices).where(devices.c.device_code == device_code)).first()
    ok = verify_secret(secret, row.secret_hash if row else _dummy_verifier(settings.scrypt_n))
    if row is None or not ok or not row.active:
        _record_failure(conn, key, now, settings)
        raise ApiError(401, "invalid_credentials", "Wrong device code or secret.")
    _clear_failures(conn, key)
    token, expires = _issue_token(conn, settings, device_id=row.id, device_code=row.device_code)
    principal = _device_principal(row, token_hash(token))
    return token, expires, principal


def _device_principal(row: object, hashed: str) -> Principal:
    return Principal(
        username=f"kiosk.{row.device_code.lower()}",  # type: ignore[attr-defined]
        display_name=row.display_name,  # type: ignore[attr-defined]
        role=Role.KIOSK,
        branch_id=row.branch_id,  # type: ignore[attr-defined]
        reseller_id=None,
        token_hash=hashed,
        device_code=row.device_code,  # type: ignore[attr-defined]
        is_device=True,
    )


def authenticate(conn: Connection, settings: Settings, token: str) -> Principal:
    """The principal behind a bearer token; 401 when unknown, expired or revoked."""
    hashed = token_hash(token)
    row = conn.execute(select(tokens).where(tokens.c.token_hash == hashed)).first()
    now = settings.now_epoch()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        raise ApiError(
            401,
            "unauthorized",
            "Sign in again: the session has expired or was signed out.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if row.user_id is not None:
        user = conn.execute(select(users).where(users.c.id == row.user_id)).first()
        if user is None or not user.active:
            raise ApiError(401, "unauthorized", "This user can no longer sign in.")
        return Principal(
            username=user.username,
            display_name=user.display_name,
            role=Role(user.role),
            branch_id=user.branch_id,
            reseller_id=user.reseller_id,
            token_hash=hashed,
            device_code=row.device_code,
        )
    device = conn.execute(select(devices).where(devices.c.id == row.device_id)).first()
    if device is None or not device.active:
        raise ApiError(401, "unauthorized", "This device can no longer sign in.")
    return _device_principal(device, hashed)


def revoke(conn: Connection, settings: Settings, hashed: str) -> None:
    conn.execute(
        tokens.update()
        .where(tokens.c.token_hash == hashed, tokens.c.revoked_at.is_(None))
        .values(revoked_at=settings.now_epoch())
    )


def revoke_all_for_user(conn: Connection, settings: Settings, username: str) -> int:
    """Revoke every token of a user (e.g. a lost laptop); returns how many."""
    user_id = conn.execute(select(users.c.id).where(users.c.username == username)).scalar()
    if user_id is None:
        return 0
    result = conn.execute(
        tokens.update()
        .where(tokens.c.user_id == user_id, tokens.c.revoked_at.is_(None))
        .values(revoked_at=settings.now_epoch())
    )
    return result.rowcount


def create_user(
    conn: Connection,
    settings: Settings,
    *,
    username: str,
    password: str,
    role: Role,
    display_name: str,
    branch_id: int | None = None,
    reseller_id: int | None = None,
) -> None:
    conn.execute(
        users.insert().values(
            username=username.lower(),
            display_name=display_name,
            role=Role(role).value,
            branch_id=branch_id,
            reseller_id=reseller_id,
            password_hash=hash_secret(password, n=settings.scrypt_n),
            active=True,
            created_at=settings.now_epoch(),
        )
    )


def create_device(
    conn: Connection,
    settings: Settings,
    *,
    device_code: str,
    secret: str,
    branch_id: int,
    display_name: str,
) -> None:
    conn.execute(
        devices.insert().values(
            device_code=device_code.upper(),
            display_name=display_name,
            branch_id=branch_id,
            secret_hash=hash_secret(secret, n=settings.scrypt_n),
            active=True,
            created_at=settings.now_epoch(),
        )
    )
