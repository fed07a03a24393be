"""Signing in and out: online against the server, offline against a kept verifier.

Blocking (network, scrypt): callers run these off the GUI thread (``ctx.tasks.run_net``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from billing.limits import Limits
from billing.messages import Msg
from billing.notice import Notice, join_notices
from billing.refusal import Refusal
from billing.roles import Role
from db import replica
from db.cache import CACHE_FILLED_FACT
from db.cache_schema import sync_state
from db.outbox import Outbox
from sync.client import SignIn, SyncClient
from sync.cycle import UNCONFIRMED_OWNER_KEY, pending_payment_count
from sync.errors import ApiError, OfflineError, SyncError
from sync.offline_verifiers import OfflineVerifiers
from sync.server_address import server_address
from sync.token_store import SecretStore
from sync.user import CurrentUser

log = logging.getLogger(__name__)


class SignInFailed(Refusal):
    """Sign-in did not succeed; ``message`` says why and what to do."""

    default_code = "failed"


class SignOutRefused(Exception):
    """Sign-out would lose unsent payments; ``message`` says why."""

    def __init__(self, message: str, pending_payments: int) -> None:
        super().__init__(message)
        self.message = message
        self.pending_payments = pending_payments


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, against which server, and whether the server confirmed it."""

    user: CurrentUser
    server: str
    online: bool
    business_zone: str | None = None
    server_epoch: str | None = None
    #: True when the cache belonged to someone else and was emptied for this user.
    cache_reset: bool = False
    notice: str | None = None
    #: The server's limits; billing's defaults when signed in offline.
    limits: Limits = field(default_factory=Limits)


def user_from_profile(profile: dict[str, Any]) -> CurrentUser:
    return CurrentUser(
        username=str(profile["username"]),
        display_name=str(profile.get("display_name") or profile["username"]),
        role=Role(profile["role"]),
        branch_id=profile.get("branch_id"),
        reseller_id=profile.get("reseller_id"),
    )


class Authenticator:
    """Sign-in and sign-out for one data folder (its cache, outbox and verifier file)."""

    def __init__(
        self,
        data_dir: Path,
        cache_engine: Engine,
        outbox: Outbox,
        secrets: SecretStore,
        client_factory: Callable[[str], SyncClient] = SyncClient,
    ) -> None:
        self.cache_engine = cache_engine
        self.outbox = outbox
        self.secrets = secrets
        self.verifiers = OfflineVerifiers(data_dir)
        self.client_factory = client_factory
        self.client: SyncClient | None = None

    def sign_in(self, server: str, username: str, password: str, *, device: bool = False
                ) -> SignedIn:
        """Online when the server answers; offline (kept verifier) when it cannot be reached.

        ``device``: sign in a kiosk device (``username`` is its device code, ``password``
        its secret)."""
        username = username.strip()
        if not username or not password:
            raise SignInFailed.of(Msg.SIGNIN_MISSING, code="missing")
        address = server_address(server)
        if address is None:
            raise SignInFailed.of(Msg.SIGNIN_BAD_SERVER, code="bad_server")
        server = address
        client = self.client_factory(server)
        try:
            if device:
                answer = client.device_sign_in(username, password)
            else:
                answer = client.sign_in(username, password, self.outbox.device_code())
        except OfflineError:
            return self._offline(client, server, username, password)
        except ApiError as exc:
            if exc.code == "locked_out":
                wait = exc.body.get("error", {}).get("retry_after") or exc.body.get("retry_after")
                if wait:
                    minutes = max(1, -(-int(wait) // 60))
                    raise SignInFailed.of(Msg.SIGNIN_LOCKED_OUT, minutes, code=exc.code) from exc
                raise SignInFailed(exc.message, exc.code) from exc
            if exc.status == 401:
                raise SignInFailed.of(Msg.SIGNIN_WRONG_PASSWORD, code=exc.code) from exc
            raise SignInFailed(exc.message, exc.code) from exc
        except SyncError as exc:
            raise SignInFailed(str(exc)) from exc
        return self._online(client, server, username, password, answer)

    def _online(self, client: SyncClient, server: str, username: str, password: str,
                answer: SignIn) -> SignedIn:
        user = user_from_profile(answer.user)
        notice = None
        if not self.secrets.set_token(server, user.username, answer.token) or (
            not self.secrets.is_system
        ):
            notice = self.secrets.warning
        self.verifiers.remember(user.username, password, answer.user, server)
        if answer.device_code and answer.device_code != self.outbox.device_code():
            try:
                self.outbox.set_device_code(answer.device_code)
            except ValueError as exc:
                log.info("keeping this PC's device code: %s", exc)
        reset, moved = self._claim_cache(server, user.username, answer.server_epoch)
        notice = join_notices(moved, notice)
        self.client = client
        log.info("signed in online as %s (%s)", user.username, user.role.value)
        return SignedIn(user, server, True, answer.business_zone, answer.server_epoch, reset,
                        notice, answer.limits)

    def _offline(self, client: SyncClient, server: str, username: str, password: str
                 ) -> SignedIn:
        found = self.verifiers.verify(username, password)
        if found is None:
            if self.verifiers.knows(username):
                raise SignInFailed.of(Msg.SIGNIN_OFFLINE_MISMATCH, code="offline_mismatch")
            raise SignInFailed.of(Msg.SIGNIN_OFFLINE_UNKNOWN, code="offline_unknown")
        user = user_from_profile(found.profile)
        token = self.secrets.get_token(server, user.username)
        client.set_token(token)
        reset, moved = self._claim_cache(server, user.username, None)
        self.client = client
        notice = join_notices(
            Notice(Msg.NOTICE_SIGNED_IN_OFFLINE),
            Notice(Msg.NOTICE_SIGN_IN_TO_SYNC) if token is None else None, moved)
        log.info("signed in offline as %s", user.username)
        return SignedIn(user, server, False, cache_reset=reset, notice=notice)

    def resume(self, server: str, username: str) -> bool:
        """Reuse a token kept in the keyring (no password needed); False if none."""
        token = self.secrets.get_token(server, username)
        if token is None:
            return False
        client = self.client_factory(server)
        client.set_token(token)
        self.client = client
        return True

    def _claim_cache(self, server: str, username: str, epoch: str | None
                     ) -> tuple[bool, str | None]:
        """Make the cache this user's at this server: ``(emptied, message)``.

        Another user's cache is emptied. The same user at a new address keeps the cache
        when the server is the same one (its epoch, ``epoch``, is the cache's: ``--demo``
        on a new port, a new DNS name). Offline (``epoch`` None) the server cannot be
        asked, so the cache is kept, marked unconfirmed, and the sync engine compares the
        identities once the server answers (:meth:`SyncCycle._confirm_server_identity`).
        The outbox is never touched here."""
        owner = f"{username}@{server}"
        current = replica.read_state(self.cache_engine, replica.OWNER_KEY)
        if current == owner:
            self._forget_unconfirmed()
            return False, None
        old_user, _, old_server = (current or "").partition("@")
        _cursor, cached_epoch = replica.read_cursor(self.cache_engine)
        if current is not None and old_user == username and cached_epoch is not None:
            if epoch is None:
                replica.write_state(self.cache_engine, UNCONFIRMED_OWNER_KEY, owner)
                log.info("offline sign-in at %s; keeping the cache of %s until the server "
                         "is reached", server, old_server)
                return False, (
                    f"This PC's copy of the accounts came from {old_server}; it is kept "
                    f"until {server} can be reached. If that is a different server, the "
                    "copy will be rebuilt from it then; payments waiting to be sent are kept "
                    "either way.")
            if epoch == cached_epoch:
                log.info("%s is the server the cache came from (%s): cache kept", server,
                         old_server)
                replica.write_state(self.cache_engine, replica.OWNER_KEY, owner)
                self._forget_unconfirmed()
                return False, None
        reset = current is not None
        if reset:
            log.info("cache belonged to %s; rebuilding it for %s", current, owner)
        replica.clear(self.cache_engine)
        self.outbox.set_fact(CACHE_FILLED_FACT, None)  # emptied on purpose
        replica.write_state(self.cache_engine, replica.OWNER_KEY, owner)
        moved = None
        if reset and old_user == username:
            moved = Notice(Msg.NOTICE_SERVER_MOVED, server, old_server)
        return reset, moved

    def _forget_unconfirmed(self) -> None:
        if replica.read_state(self.cache_engine, UNCONFIRMED_OWNER_KEY) is None:
            return
        with self.cache_engine.begin() as conn:
            conn.execute(sync_state.delete().where(sync_state.c.key == UNCONFIRMED_OWNER_KEY))

    def check_sign_out(self) -> None:
        """Raise :class:`SignOutRefused` while payments taken here are unsent."""
        unsent = pending_payment_count(self.outbox)
        if unsent:
            noun = "payment has" if unsent == 1 else "payments have"
            raise SignOutRefused(
                f"{unsent} {noun} not reached the server yet. Connect to the network and "
                "sync (Sync now) before signing out, so no payment is lost.", unsent)

    def sign_out(self, server: str, username: str) -> None:
        """Revoke the token, forget it, and wipe the cache. The outbox is never touched;
        refused (:class:`SignOutRefused`) while payments are unsent."""
        self.check_sign_out()
        if self.client is not None:
            try:
                self.client.sign_out()
            except SyncError as exc:
                log.info("server sign-out not confirmed (%s); the token is forgotten here", exc)
        self.secrets.delete_token(server, username)
        # A kiosk's sealing secret goes with its copy (the server rotates it too).
        self.secrets.delete_kiosk_secret(server, self.outbox.device_code())
        replica.clear(self.cache_engine)
        self.outbox.set_fact(CACHE_FILLED_FACT, None)  # emptied on purpose
        log.info("signed out %s; cache emptied, outbox kept", username)
