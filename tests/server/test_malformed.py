"""Bad input never gets a 500: every failure is a JSON error with a 4xx status."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.server.conftest import Running, mutation, pick, push


def _is_json_error(r: Any, status: int | None = None) -> None:
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    if status is not None:
        assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)


CASES = [
    ("GET", "/nope", None, None, 404),
    ("GET", "/api/v1/nope", None, None, 404),
    ("DELETE", "/api/v1/sync/pull", None, None, 405),
    ("POST", "/api/v1/auth/sign-in", b"{not json", "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b"", "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b"[]", "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b'{"username": 5, "password": "x"}', "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b'{"username": "a"}', "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b'{"username": "a", "password": "b", "x": 1}',
     "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b'{"username": "a", "password": "b", "device_code": "!!"}',
     "application/json", 422),
    ("POST", "/api/v1/auth/sign-in", b"username=a&password=b",
     "application/x-www-form-urlencoded", 422),
    ("POST", "/api/v1/auth/device-sign-in", b'{"device_code": "K"}', "application/json", 422),
    ("POST", "/api/v1/sync/push", b'{"mutations": "no"}', "application/json", 422),
    ("POST", "/api/v1/sync/push", b'{"mutations": [{"kind": "payment"}]}', "application/json",
     422),
    ("POST", "/api/v1/sync/push",
     b'{"mutations": [{"mutation_id": "m", "kind": "steal", "account_id": 1, "payload": {}}]}',
     "application/json", 422),
    ("POST", "/api/v1/sync/push",
     b'{"mutations": [{"mutation_id": "m", "kind": "comment", "account_id": "1", '
     b'"payload": {}}]}', "application/json", 422),
    ("POST", "/api/v1/sync/push",
     b'{"mutations": [{"mutation_id": "m", "kind": "comment", "account_id": 1e400, '
     b'"payload": {}}]}', "application/json", 422),
    ("POST", "/api/v1/sync/push", b'{"mutations": []}' + b" " * 10, "text/plain", None),
    ("POST", "/api/v1/auth/sign-in", b'{"username": "a\\u0000", "password": "b"}',
     "application/json", 422),
    ("POST", "/api/v1/auth/device-sign-in",
     b'{"device_code": "KIOSKCBE1", "device_secret": "\\u0000"}', "application/json", 422),
    ("POST", "/api/v1/sync/push",
     b'{"mutations": [{"mutation_id": "m\\u0000", "kind": "comment", "account_id": 1, '
     b'"payload": {}}]}', "application/json", 422),
    # PostgreSQL text cannot hold NUL: these reached a query and answered 500 there.
    ("POST", "/api/v1/reversals/approve",
     b'{"payment_uuid": "x\\u0000", "username": "staff.cbe", "password": "b"}',
     "application/json", 422),
    ("POST", "/api/v1/reversals/approve",
     b'{"payment_uuid": "x", "username": "staff.cbe\\u0000", "password": "b"}',
     "application/json", 422),
    ("POST", "/api/v1/reversal-requests",
     b'{"request_id": "12345678-1234-1234-1234-123456789012", "payment_uuid": "x\\u0000", '
     b'"cause": "void", "reason": "r"}', "application/json", 422),
    ("GET", "/api/v1/sync/pull?limit=abc", None, None, 422),
    ("GET", "/api/v1/sync/pull?cursor=%00", None, None, 410),
    ("GET", "/api/v1/kiosk/lookup?mobile=%00", None, None, 403),
    ("GET", "/api/v1/sync/pull?cursor=" + "A" * 5000, None, None, 422),
    ("GET", "/api/v1/accounts/abc", None, None, 422),
    ("GET", "/api/v1/accounts/99999999999999999999999", None, None, 422),
    ("GET", "/api/v1/kiosk/lookup?account_id=-4", None, None, 422),
]


@pytest.mark.parametrize(("method", "path", "body", "ctype", "status"), CASES)
def test_table_of_bad_requests(running: Running, method: str, path: str, body: bytes | None,
                               ctype: str | None, status: int | None) -> None:
    token = running.sign_in("branch_staff")
    headers = {"Authorization": f"Bearer {token}"}
    if ctype:
        headers["Content-Type"] = ctype
    with running.client() as c:
        r = c.request(method, path, content=body, headers=headers)
    if status is None:
        assert r.status_code < 500, r.text
    else:
        _is_json_error(r, status)


def test_nul_characters_in_payloads_are_rejected(running: Running) -> None:
    account = pick(running, "branch_id = 1 AND status != 'Terminated'").id
    with running.as_role("branch_staff") as c:
        results = [
            push(c, mutation("comment", account, {"body": "a\x00b", "created_at": 1}))[0],
            push(c, mutation("edit", account, {"fields": {"billing_address": "x\x00"},
                                               "before": {}}))[0],
        ]
    assert [r["status"] for r in results] == ["rejected", "rejected"]


def test_nul_in_a_revoked_username_is_422(running: Running) -> None:
    # PostgreSQL text cannot hold NUL: the name reached the query and answered 500 there.
    with running.as_role("admin") as c:
        r = c.post("/api/v1/admin/users/staff.cbe%00/revoke-tokens")
    _is_json_error(r, 422)


def test_oversize_body_is_413(running: Running) -> None:
    big = b'{"mutations": [' + b" " * (running.settings.max_body_bytes + 10) + b"]}"
    with running.as_role("branch_staff") as c:
        r = c.post("/api/v1/sync/push", content=big, headers={"Content-Type": "application/json"})
    _is_json_error(r, 413)

    def chunks():  # no Content-Length: counted while streaming
        yield b'{"mutations": ['
        for _ in range(running.settings.max_body_bytes // 65536 + 2):
            yield b" " * 65536
        yield b"]}"

    with running.as_role("branch_staff") as c:
        r = c.post("/api/v1/sync/push", content=chunks(),
                   headers={"Content-Type": "application/json"})
    _is_json_error(r, 413)


PAYLOAD_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=8,
)
PAYMENT_KEYS = ["option", "method", "reference", "amount_paise", "plan_id", "charge_paise",
                "taken_at", "receipt_number", "payment_uuid", "tendered_paise", "fields",
                "before", "body", "created_at", "tag_id"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["payment", "edit", "comment", "tag_add", "tag_remove"]),
       payload=st.dictionaries(st.sampled_from(PAYMENT_KEYS), PAYLOAD_VALUES, max_size=8),
       base_version=st.none() | st.integers(min_value=-5, max_value=5))
def test_random_payloads_never_500(running: Running, kind: str, payload: dict,
                                   base_version: int | None) -> None:
    account = _account(running)
    body = {"mutations": [mutation(kind, account, payload, base_version=base_version)]}
    with running.client(_token(running)) as c:
        r = c.post("/api/v1/sync/push", content=json.dumps(body),
                   headers={"Content-Type": "application/json"})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        [result] = r.json()["results"]
        assert result["status"] in ("applied", "rejected", "conflict")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=PAYLOAD_VALUES)
def test_random_json_bodies_never_500(running: Running, body: Any) -> None:
    with running.client(_token(running)) as c:
        for path in ("/api/v1/sync/push", "/api/v1/auth/sign-in", "/api/v1/auth/device-sign-in"):
            r = c.post(path, content=json.dumps(body), headers={"Content-Type": "application/json"})
            assert r.status_code < 500, (path, r.text)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cursor=st.text(max_size=200), limit=st.text(max_size=8))
def test_random_pull_queries_never_500(running: Running, cursor: str, limit: str) -> None:
    with running.client(_token(running)) as c:
        r = c.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit})
    assert r.status_code < 500, r.text


_CACHE: dict[str, Any] = {}


def _token(running: Running) -> str:
    key = f"token:{running.url}"
    if key not in _CACHE:
        _CACHE[key] = running.sign_in("branch_staff")
    return _CACHE[key]


def _account(running: Running) -> int:
    key = f"account:{running.url}"
    if key not in _CACHE:
        _CACHE[key] = pick(running, "branch_id = 1 AND status != 'Terminated'").id
    return _CACHE[key]


def test_openapi_schema_is_served_and_lists_the_api(running: Running) -> None:
    with running.client() as c:
        schema = c.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/auth/sign-in", "/api/v1/auth/device-sign-in", "/api/v1/auth/sign-out",
                 "/api/v1/me", "/api/v1/sync/pull", "/api/v1/sync/push", "/api/v1/kiosk/lookup",
                 "/api/v1/demo/users"):
        assert path in paths, path
    pull = paths["/api/v1/sync/pull"]["get"]
    assert {p["name"] for p in pull["parameters"]} >= {"cursor", "limit"}
    assert "410" in pull["responses"] and "200" in pull["responses"]
    assert "ErrorResponse" in schema["components"]["schemas"]
    assert "PushIn" in schema["components"]["schemas"]
