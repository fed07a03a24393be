"""Sign-in, tokens, lock-out and the ``Principal`` every endpoint works for.

Passwords and device secrets are stored as salted scrypt verifiers
(``scrypt$n$r$p$salt$hash``); tokens as SHA-256 of the token. Failed sign-ins are
throttled by username and client address with growing delays (server.throttle); the scrypt
check runs outside any database transaction.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from billing.roles import Action, Role, may
from db.server_schema import devices, tokens, users
from server import throttle
from server.config import Settings
from server.database import Database
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


def _attempt(
    database: Database, settings: Settings, keys: list[throttle.Key], secret: str,
    verifier: str | None,
) -> bool:
    """Count the attempt (short write transaction), then check the secret with no
    transaction open: the scrypt hash never holds the write lock (SQLite: BEGIN IMMEDIATE)."""
    now = settings.now_epoch()
    for attempt in range(3):
        try:
            with database.write.begin() as conn:
                throttle.admit(conn, settings, keys, now)
            break
        except IntegrityError:  # two first failures of one key at once: count again
            if attempt == 2:
                raise
    return verify_secret(secret, verifier or _dummy_verifier(settings.scrypt_n))


def _refused(what: str) -> ApiError:
    return ApiError(401, "invalid_credentials", f"Wrong {what}.")


def sign_in(
    database: Database, settings: Settings, username: str, password: str,
    device_code: str | None, client: str | None,
) -> tuple[str, int, Principal]:
    """Check a user's password; a token on success. Raises 401 / 429 ApiErrors.

    Throttled by username and by client address (server.throttle); a device code this
    user has signed in from before skips the username's wait. A token asked for with a
    device code is bound to it; one asked for without is bound by its first push
    (:func:`bind_device`)."""
    name = username.strip().lower()
    with database.read.connect() as conn:
        row = conn.execute(select(users).where(users.c.username == name)).first()
        known = row is not None and device_code is not None and conn.execute(
            select(tokens.c.token_hash)
            .where(tokens.c.user_id == row.id, tokens.c.device_code == device_code).limit(1)
        ).first() is not None
    keys = throttle.keys_for(settings, "user", name, row is not None, client,
                             known_device=known)
    ok = _attempt(database, settings, keys, password, row.password_hash if row else None)
    if row is None or not ok or not row.active:
        raise _refused("username or password")
    with database.write.begin() as conn:
        throttle.succeeded(conn, settings, keys, settings.now_epoch())
        token, expires = _issue_token(conn, settings, user_id=row.id, device_code=device_code)
    code = device_code or ("D" + secrets.token_hex(3).upper())
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
    database: Database, settings: Settings, device_code: str, secret: str, client: str | None,
) -> tuple[str, int, Principal]:
    """Check a kiosk device's secret; a device token bound to its branch."""
    with database.read.connect() as conn:
        row = conn.execute(select(devices).where(devices.c.device_code == device_code)).first()
    keys = throttle.keys_for(settings, "device", device_code, row is not None, client)
    ok = _attempt(database, settings, keys, secret, row.secret_hash if row else None)
    if row is None or not ok or not row.active:
        raise _refused("device code or secret")
    with database.write.begin() as conn:
        throttle.succeeded(conn, settings, keys, settings.now_epoch())
        token, expires = _issue_token(conn, settings, device_id=row.id,
                                      device_code=row.device_code)
    return token, expires, _device_principal(row, token_hash(token))


def bind_device(database: Database, principal: Principal, device_code: str | None
                ) -> str | None:
    """The device a push is made as: a device token's own; a user token's bound code, or,
    for a token not bound yet, the pushed code, which binds it from then on. A user token
    pushing as another device answers 403 (it would write receipts and idempotency keys
    in that device's name)."""
    if principal.is_device:
        return principal.device_code
    bound = principal.device_code
    if bound is None:
        if device_code is None:
            return None
        with database.write.begin() as conn:
            conn.execute(tokens.update().where(tokens.c.token_hash == principal.token_hash,
                                               tokens.c.device_code.is_(None))
                         .values(device_code=device_code))
            bound = conn.execute(select(tokens.c.device_code)
                                 .where(tokens.c.token_hash == principal.token_hash)).scalar()
    if device_code is not None and device_code != bound:
        raise ApiError(403, "device_mismatch",
                       f"This session belongs to device {bound}; sign in again on this "
                       "device to push from it.")
    return bound


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


def revoke_all_for_device(conn: Connection, settings: Settings, device_code: str) -> int:
    """Revoke every token of a kiosk device (a stolen kiosk); returns how many."""
    device_id = conn.execute(
        select(devices.c.id).where(devices.c.device_code == device_code)).scalar()
    if device_id is None:
        return 0
    result = conn.execute(
        tokens.update()
        .where(tokens.c.device_id == device_id, tokens.c.revoked_at.is_(None))
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
