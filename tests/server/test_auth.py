"""Sign-in, tokens, lock-out and sign-out over real HTTP."""

from __future__ import annotations

import pytest

from server.demo_seed import DEMO_USERS
from tests.server.conftest import Running


@pytest.mark.parametrize("login", DEMO_USERS, ids=lambda u: u.role.value)
def test_every_demo_login_signs_in(running: Running, login) -> None:
    token = running.sign_in(login.role.value)
    with running.client(token) as c:
        me = c.get("/api/v1/me").json()
    assert me["role"] == login.role.value
    if login.role.value != "admin":
        assert me["branch_id"] == 1


def test_sign_in_answer_shape(running: Running) -> None:
    with running.client() as c:
        r = c.post("/api/v1/auth/sign-in",
                   json={"username": "staff.cbe", "password": "staff-demo", "device_code": "d1x"})
    body = r.json()
    assert r.status_code == 200
    assert set(body) >= {"token", "expires_at", "user", "server_epoch", "business_zone",
                         "currency", "device_code"}
    assert body["device_code"] == "D1X"
    assert body["business_zone"] == "Asia/Kolkata" and body["currency"] == "INR"
    assert body["expires_at"] > running.settings.now_epoch()


def test_wrong_password_and_unknown_user_are_401(running: Running) -> None:
    with running.client() as c:
        for user, password in (("cashier.cbe", "nope"), ("nobody", "x")):
            r = c.post("/api/v1/auth/sign-in", json={"username": user, "password": password})
            assert r.status_code == 401
            assert r.json()["error"]["code"] == "invalid_credentials"


def test_secrets_are_stored_hashed(running: Running) -> None:
    token = running.sign_in("cashier")
    hashes = [r[0] for r in running.sql("SELECT password_hash FROM users")]
    assert all(h.startswith("scrypt$") for h in hashes)
    assert not any("demo" in h for h in hashes)
    stored = [r[0] for r in running.sql("SELECT token_hash FROM tokens")]
    assert token not in stored and len(stored[0]) == 64


def test_repeated_failures_wait_then_sign_in(running: Running) -> None:
    """Failures past the allowance make the name wait (429 + Retry-After), growing; once
    the wait is over the right password signs in (never a hard lock)."""
    free = running.settings.signin_free_failures
    with running.client() as c:
        for _ in range(free):
            r = c.post("/api/v1/auth/sign-in", json={"username": "partner.cbe", "password": "x"})
            assert r.status_code == 401
        r = c.post("/api/v1/auth/sign-in",
                   json={"username": "partner.cbe", "password": "partner-demo"})
        assert r.status_code == 429
        error = r.json()["error"]
        assert error["code"] == "locked_out"
        assert error["retry_after"] == running.settings.signin_delay_seconds
        assert int(r.headers["Retry-After"]) == error["retry_after"]
        running.clock.advance(seconds=error["retry_after"])
        try:
            r = c.post("/api/v1/auth/sign-in",
                       json={"username": "partner.cbe", "password": "partner-demo"})
            assert r.status_code == 200
        finally:
            running.clock.advance(seconds=-error["retry_after"])


def test_unknown_names_wait_too(running: Running) -> None:
    with running.client() as c:
        codes = [
            c.post("/api/v1/auth/sign-in", json={"username": "ghost", "password": "x"}).status_code
            for _ in range(running.settings.signin_free_failures + 1)
        ]
    assert codes[-1] == 429


def test_device_sign_in_is_bound_to_its_branch(running: Running) -> None:
    with running.client() as c:
        bad = c.post("/api/v1/auth/device-sign-in",
                     json={"device_code": "KIOSKCBE1", "device_secret": "wrong"})
        assert bad.status_code == 401
        ok = c.post("/api/v1/auth/device-sign-in",
                    json={"device_code": "kioskcbe1", "device_secret": "kiosk-demo"})
    user = ok.json()["user"]
    assert user["role"] == "kiosk" and user["branch_id"] == 1
    assert ok.json()["device_code"] == "KIOSKCBE1"


def test_sign_out_revokes_the_token(running: Running) -> None:
    token = running.sign_in("branch_staff")
    with running.client(token) as c:
        assert c.get("/api/v1/me").status_code == 200
        assert c.post("/api/v1/auth/sign-out").status_code == 204
        r = c.get("/api/v1/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"


def test_admin_revokes_every_token_of_a_user(running: Running) -> None:
    tokens = [running.sign_in("cashier") for _ in range(2)]
    with running.as_role("cashier") as c:
        assert c.post("/api/v1/admin/users/cashier.cbe/revoke-tokens").status_code == 403
    with running.as_role("admin") as admin:
        r = admin.post("/api/v1/admin/users/cashier.cbe/revoke-tokens")
    assert r.status_code == 200 and r.json()["revoked"] >= 2
    for token in tokens:
        with running.client(token) as c:
            assert c.get("/api/v1/me").status_code == 401


def test_expired_and_missing_tokens_are_401(running: Running) -> None:
    token = running.sign_in("branch_staff")
    with running.client() as c:
        assert c.get("/api/v1/me").status_code == 401
        assert c.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401
        assert c.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401
    running.clock.advance(seconds=running.settings.token_ttl_seconds + 1)
    try:
        with running.client(token) as c:
            assert c.get("/api/v1/me").status_code == 401
    finally:
        running.clock.advance(seconds=-(running.settings.token_ttl_seconds + 1))


def test_demo_users_endpoint_lists_every_role(running: Running) -> None:
    with running.client() as c:
        listed = c.get("/api/v1/demo/users").json()
    assert {u["role"] for u in listed} == {"admin", "partner", "branch_staff", "cashier", "kiosk"}
    assert {"staff.cbe", "cashier.cbe", "KIOSKCBE1"} <= {u["username"] for u in listed}
