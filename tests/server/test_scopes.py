"""Every endpoint enforces role and scope; outside one's scope is a 404."""

from __future__ import annotations

import pytest

from billing.masking import mask_mobile
from db import kiosk_store
from tests.server.conftest import Running, mutation, payment, pick, pull_all, push

OWN = "branch_id = 1 AND status != 'Terminated'"


def _other_branch(running: Running) -> int:
    return pick(running, "branch_id != 1").id


def test_account_endpoint_scope_per_role(running: Running) -> None:
    own = pick(running, "branch_id = 1 AND reseller_id IS NOT NULL")
    other = _other_branch(running)
    partner_reseller = running.sql("SELECT reseller_id FROM users WHERE username='partner.cbe'")
    reseller_id = partner_reseller[0][0]
    foreign_reseller = pick(running, "branch_id = 1 AND (reseller_id IS NULL OR "
                                     "reseller_id != :r)", r=reseller_id).id
    mine = pick(running, "reseller_id = :r", r=reseller_id).id
    with running.as_role("admin") as c:
        assert c.get(f"/api/v1/accounts/{other}").status_code == 200
    for role in ("branch_staff", "cashier"):
        with running.as_role(role) as c:
            assert c.get(f"/api/v1/accounts/{own.id}").status_code == 200
            r = c.get(f"/api/v1/accounts/{other}")
            assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
            assert c.get("/api/v1/accounts/1").status_code == 404  # missing looks the same
    with running.as_role("partner") as c:
        assert c.get(f"/api/v1/accounts/{mine}").status_code == 200
        assert c.get(f"/api/v1/accounts/{foreign_reseller}").status_code == 404
        assert c.get(f"/api/v1/accounts/{other}").status_code == 404
    with running.as_role("kiosk") as c:
        assert c.get(f"/api/v1/accounts/{own.id}").status_code == 404


@pytest.mark.parametrize("role", ["branch_staff", "cashier", "partner", "admin"])
def test_pull_is_scoped(running: Running, role: str) -> None:
    with running.as_role(role) as c:
        changes, _, _ = pull_all(c)
    accounts = [ch["row"] for ch in changes if ch["table"] == "accounts"]
    account_ids = {a["id"] for a in accounts}
    assert accounts
    total = running.sql("SELECT count(*) FROM accounts")[0][0]
    if role in ("branch_staff", "cashier"):
        assert {a["branch_id"] for a in accounts} == {1}
        assert len(accounts) == running.sql("SELECT count(*) FROM accounts WHERE branch_id=1")[0][0]
    elif role == "partner":
        reseller = running.sql("SELECT reseller_id FROM users WHERE username='partner.cbe'")[0][0]
        assert {a["reseller_id"] for a in accounts} == {reseller}
    else:
        assert len(accounts) == total
    for ch in changes:
        if "account_id" in (ch.get("row") or {}):
            assert ch["row"]["account_id"] in account_ids, ch["table"]


def test_kiosk_pull_is_sealed_rows_of_its_branch_only(running: Running) -> None:
    """A kiosk receives no account rows: sealed rows that open by exact ID or mobile, one
    per account of its branch and one per mobile (issue 14, finding 2)."""
    with running.as_role("kiosk") as c:
        changes, _, _ = pull_all(c)
    assert {ch["table"] for ch in changes} <= {
        "zones", "branches", "plans", kiosk_store.KEYS_TABLE, kiosk_store.ROWS_TABLE}
    [key] = [ch["row"] for ch in changes if ch["table"] == kiosk_store.KEYS_TABLE]
    secret = bytes.fromhex(key["secret"])
    sealed = {ch["row"]["key"]: ch["row"]["sealed"]
              for ch in changes if ch["table"] == kiosk_store.ROWS_TABLE}
    own = running.sql("SELECT id, mobile, name FROM accounts WHERE branch_id = 1")
    assert len(sealed) == len(own) + len({m for _, m, _ in own})
    for account_id, mobile, name in own:
        content = kiosk_store.unseal(secret, "id", str(account_id),
                                     sealed[kiosk_store.id_key(secret, account_id)])
        assert content is not None and set(content) == set(kiosk_store.ID_FIELDS)
        assert content["branch_id"] == 1
        assert content["mobile"] == mask_mobile(mobile) and content["name"] != name
        ids = kiosk_store.unseal(secret, "mobile", mobile,
                                 sealed[kiosk_store.mobile_key(secret, mobile)])
        assert ids is not None and account_id in ids["ids"]
    other = running.sql("SELECT id FROM accounts WHERE branch_id != 1 LIMIT 1")[0][0]
    assert kiosk_store.id_key(secret, other) not in sealed


def test_push_outside_scope_is_rejected_not_found(running: Running) -> None:
    other = _other_branch(running)
    with running.as_role("branch_staff") as c:
        [result] = push(c, mutation("comment", other, {"body": "hi", "created_at": 1}))
    assert result["status"] == "rejected" and result["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("role", "kind", "payload"),
    [
        ("cashier", "edit", {"fields": {"email": "a@b.in"}, "before": {}}),
        ("cashier", "tag_add", {"tag_id": 1}),
        ("kiosk", "comment", {"body": "x", "created_at": 1}),
        ("kiosk", "edit", {"fields": {"email": "a@b.in"}, "before": {}}),
        ("partner", "edit", {"fields": {"vlan": 42}, "before": {}}),
    ],
)
def test_role_may_not(running: Running, role: str, kind: str, payload: dict) -> None:
    if role == "partner":
        reseller = running.sql("SELECT reseller_id FROM users WHERE username='partner.cbe'")[0][0]
        account = pick(running, "reseller_id = :r", r=reseller)
    else:
        account = pick(running, OWN)
    with running.as_role(role) as c:
        [result] = push(c, mutation(kind, account.id, payload))
    assert result["status"] == "rejected"
    assert result["error"]["code"] == "forbidden"


def test_kiosk_takes_a_payment_in_its_branch_only(running: Running) -> None:
    own = pick(running, OWN + " AND balance_paise >= 100")
    other = pick(running, "branch_id != 1 AND balance_paise >= 100")
    with running.as_role("kiosk") as c:
        ok, out = push(
            c,
            payment(own.id, "payment", own.balance_paise, balance_before=own.balance_paise),
            payment(other.id, "payment", other.balance_paise),
        )
    assert ok["status"] == "applied"
    assert out["status"] == "rejected" and out["error"]["code"] == "not_found"


def test_kiosk_lookup(running: Running) -> None:
    own = pick(running, OWN)
    other = pick(running, "branch_id != 1")
    mobile = running.sql("SELECT mobile, name FROM accounts WHERE id = :i", i=own.id)[0]
    with running.as_role("kiosk") as c:
        by_id = c.get("/api/v1/kiosk/lookup", params={"account_id": own.id})
        assert by_id.status_code == 200
        body = by_id.json()
        assert body["account_id"] == own.id
        assert body["name"] != mobile.name and body["name"][0] == mobile.name[0]
        assert body["mobile"] == mask_mobile(mobile.mobile) and "•" in body["mobile"]
        assert body["options"]
        local = "0" + mobile.mobile[3:]  # as a customer types it
        clash = running.sql("SELECT count(*) FROM accounts WHERE mobile = :m AND branch_id = 1",
                            m=mobile.mobile)[0][0]
        by_mobile = c.get("/api/v1/kiosk/lookup", params={"mobile": local})
        assert by_mobile.status_code == (200 if clash == 1 else 409)
        r = c.get("/api/v1/kiosk/lookup", params={"account_id": other.id})
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        assert c.get("/api/v1/kiosk/lookup", params={"mobile": "hello"}).status_code == 404
        assert c.get("/api/v1/kiosk/lookup").status_code == 422
    with running.as_role("branch_staff") as c:
        assert c.get("/api/v1/kiosk/lookup", params={"account_id": own.id}).status_code == 403


def test_kiosk_lookup_shared_mobile_is_ambiguous(running: Running) -> None:
    a = pick(running, OWN)
    b = pick(running, OWN)
    shared = running.sql("SELECT mobile FROM accounts WHERE id = :i", i=a.id)[0][0]
    running.sql("UPDATE accounts SET mobile = :m WHERE id = :i", m=shared, i=b.id)
    with running.as_role("kiosk") as c:
        r = c.get("/api/v1/kiosk/lookup", params={"mobile": shared})
    assert r.status_code == 409 and r.json()["error"]["code"] == "ambiguous"
