"""Kiosk look-up from the local cache: exact ID or mobile, one account, masked, scoped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from billing.masking import mask_mobile, mask_name
from billing.rules import PaymentOption
from desktop.kiosk.lookup import Outcome, QueryKind, classify, lookup
from tests.desktop.kiosk_seal import seal_cache


@pytest.fixture(autouse=True)
def _sealed(request):
    """The sealed copy a kiosk's pull leaves (db/kiosk_store.py), for tests with a cache."""
    if "ctx" in request.fixturenames:
        seal_cache(request.getfixturevalue("ctx"))


def _row(ctx, account_id):
    with ctx.cache_engine.connect() as conn:
        return conn.execute(
            text("SELECT id, name, mobile, branch_id, balance_paise, prepaid FROM accounts "
                 "WHERE id = :id"), {"id": account_id}).one()


def _branch1_account(ctx, offset=0):
    with ctx.cache_engine.connect() as conn:
        return conn.execute(text(
            "SELECT id FROM accounts WHERE branch_id = 1 ORDER BY id LIMIT 1 OFFSET :o"),
            {"o": offset}).scalar()


def test_classify_mobile_and_account_id():
    assert classify("9876543210").kind is QueryKind.MOBILE
    assert classify("98765 43210").mobile == "+919876543210"
    assert classify("+91 98765-43210").mobile == "+919876543210"
    assert classify("09876543210").mobile == "+919876543210"
    assert classify("10000001") == classify(" 10000001 ")
    assert classify("10000001").account_id == 10000001
    assert classify("") is None
    assert classify("abc") is None
    assert classify("+10000001") is None  # a plus sign only leads a mobile
    assert classify("0123") is None


@given(st.text(max_size=20))
def test_classify_never_raises(text_in):
    query = classify(text_in)
    assert query is None or query.kind in (QueryKind.MOBILE, QueryKind.ACCOUNT_ID)


def test_lookup_by_exact_id_is_masked(ctx):
    account_id = _branch1_account(ctx)
    row = _row(ctx, account_id)
    result = lookup(ctx.cache_engine, ctx.outbox, str(account_id),
                    branch_id=1, kiosk_key=ctx.kiosk_key)
    assert result.outcome is Outcome.FOUND
    account = result.account
    assert account.account_id == account_id
    assert account.masked_name == mask_name(row.name)
    assert account.masked_mobile == mask_mobile(row.mobile)
    # Nothing in the result carries the real name or number.
    flat = repr(account)
    assert row.mobile not in flat and row.mobile[3:] not in flat
    for word in row.name.split():
        if len(word) > 2:
            assert word not in flat


def test_lookup_by_mobile(ctx):
    account_id = _branch1_account(ctx, 3)
    row = _row(ctx, account_id)
    result = lookup(ctx.cache_engine, ctx.outbox, row.mobile[3:],
                    branch_id=1, kiosk_key=ctx.kiosk_key)
    assert result.outcome is Outcome.FOUND
    assert result.account.account_id == account_id


def test_partial_id_or_mobile_finds_nothing(ctx):
    account_id = _branch1_account(ctx)
    row = _row(ctx, account_id)
    assert lookup(ctx.cache_engine, ctx.outbox, str(account_id)[:-1],
                  branch_id=1, kiosk_key=ctx.kiosk_key).outcome is Outcome.NOT_FOUND
    assert lookup(ctx.cache_engine, ctx.outbox, row.mobile[3:-1],
                  branch_id=1, kiosk_key=ctx.kiosk_key).outcome is not Outcome.FOUND


def test_other_branch_is_not_found(ctx):
    with ctx.cache_engine.connect() as conn:
        other = conn.execute(text(
            "SELECT id, mobile FROM accounts WHERE branch_id <> 1 LIMIT 1")).one()
    assert lookup(ctx.cache_engine, ctx.outbox, str(other.id),
                  branch_id=1, kiosk_key=ctx.kiosk_key).outcome is Outcome.NOT_FOUND
    assert lookup(ctx.cache_engine, ctx.outbox, other.mobile,
                  branch_id=1, kiosk_key=ctx.kiosk_key).outcome is Outcome.NOT_FOUND


def test_shared_mobile_asks_for_account_id(ctx):
    first, second = _branch1_account(ctx, 0), _branch1_account(ctx, 1)
    with ctx.cache_engine.begin() as conn:
        conn.execute(text("UPDATE accounts SET mobile = '+919000000001' WHERE id IN (:a, :b)"),
                     {"a": first, "b": second})
    seal_cache(ctx)
    result = lookup(ctx.cache_engine, ctx.outbox, "9000000001",
                    branch_id=1, kiosk_key=ctx.kiosk_key)
    assert result.outcome is Outcome.AMBIGUOUS
    assert result.account is None
    assert "Account ID" in result.message
    # The ID still finds each one.
    assert lookup(ctx.cache_engine, ctx.outbox, str(second),
                  branch_id=1, kiosk_key=ctx.kiosk_key).account.account_id == second


@pytest.mark.parametrize("owes", [True, False])
def test_options_follow_the_billing_rules(ctx, owes):
    op = ">= 100" if owes else "< 100"
    with ctx.cache_engine.connect() as conn:
        account_id = conn.execute(text(
            f"SELECT id FROM accounts WHERE branch_id = 1 AND prepaid = 1 "
            f"AND balance_paise {op} LIMIT 1")).scalar()
    account = lookup(ctx.cache_engine, ctx.outbox, str(account_id),
                     branch_id=1, kiosk_key=ctx.kiosk_key).account
    expected = ([PaymentOption.PAYMENT] if owes
                else [PaymentOption.RECHARGE, PaymentOption.ADVANCE])
    assert account.options == expected
