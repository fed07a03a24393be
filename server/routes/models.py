"""The request and answer models of the sync API: what ``/openapi.json`` publishes and
FastAPI checks every request against (docs/sync-api.md says what each field means)."""

# No ``from __future__ import annotations``: FastAPI and pydantic read these annotations
# at run time.
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from billing.mutations import MutationKind
from billing.roles import Role

#: Ids and versions fit a signed 64-bit column with room to spare.
MAX_INT = 2**62


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refuse it as bad input
#: What server.auth.normalise_device_code accepts: 2 to 12 letters or digits (spaces around
#: are trimmed), declared so the schema tells clients before the server refuses.
DEVICE_CODE = r"^\s*[A-Za-z0-9]{2,12}\s*$"


class SignIn(Strict):
    username: StrictStr = Field(min_length=1, max_length=64, pattern=NO_NUL)
    password: StrictStr = Field(min_length=1, max_length=256, pattern=NO_NUL)
    device_code: StrictStr | None = Field(default=None, max_length=16, pattern=DEVICE_CODE)


class DeviceSignIn(Strict):
    device_code: StrictStr = Field(min_length=2, max_length=16, pattern=DEVICE_CODE)
    device_secret: StrictStr = Field(min_length=1, max_length=256, pattern=NO_NUL)


class LimitsOut(BaseModel):
    """billing.limits.Limits: what this server accepts; clients apply the same."""

    max_comment_chars: int
    max_payment_paise: int


class Health(BaseModel):
    status: str
    server_epoch: str
    limits: LimitsOut


class UserOut(BaseModel):
    username: str
    display_name: str
    role: Role
    branch_id: int | None
    reseller_id: int | None


class SignedIn(BaseModel):
    token: str
    expires_at: int
    user: UserOut
    server_epoch: str
    business_zone: str
    currency: str
    device_code: str | None
    limits: LimitsOut


class Change(BaseModel):
    table: str
    op: Literal["upsert", "delete"]
    row: dict[str, Any] | None = None
    key: dict[str, Any] | None = None


class PullPage(BaseModel):
    changes: list[Change]
    cursor: str
    has_more: bool
    server_epoch: str


class WaitOut(BaseModel):
    changed: bool


class MutationIn(Strict):
    mutation_id: StrictStr = Field(min_length=1, max_length=64, pattern=r"^[!-~]+$")
    #: Dropped from the protocol (docs/sync-api.md "No per-device counter"): accepted from
    #: older desks and ignored.
    seq: StrictInt | None = Field(default=None, ge=0, le=MAX_INT, deprecated=True)
    kind: MutationKind
    #: None only for a ``day_close`` (a branch's report, no account).
    account_id: StrictInt | None = Field(default=None, ge=1, le=MAX_INT)
    base_version: StrictInt | None = Field(default=None, ge=0, le=MAX_INT)
    payload: dict[str, Any]


class ApproveIn(Strict):
    payment_uuid: StrictStr = Field(min_length=1, max_length=36, pattern=NO_NUL)
    username: StrictStr = Field(min_length=1, max_length=64, pattern=NO_NUL)
    password: StrictStr = Field(min_length=1, max_length=256, pattern=NO_NUL)


class PushIn(Strict):
    device_code: StrictStr | None = Field(default=None, max_length=16, pattern=DEVICE_CODE)
    mutations: list[MutationIn] = Field(max_length=2000)


class PaymentAnswer(BaseModel):
    document_number: str
    balance_after_paise: int
    receipt_number: str


class MutationResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    mutation_id: str
    status: Literal["applied", "duplicate", "rejected", "conflict"]
    error: dict[str, str] | None = None
    current: dict[str, Any] | None = None
    payment: PaymentAnswer | None = None
    conflicts: list[str] | None = None
    account_version: int | None = None


class PushOut(BaseModel):
    results: list[MutationResult]
    server_epoch: str


class KioskAccount(BaseModel):
    account_id: int
    name: str | None
    mobile: str | None
    prepaid: bool
    status: str
    balance_paise: int
    options: list[str]
    plan: dict[str, Any] | None
    plan_expiry: str | None
    branch_id: int
    version: int


class DayCloseOut(BaseModel):
    """One cash session's close as head office keeps it (server/day_closes.py)."""

    close_id: str
    branch_id: int | None
    branch_name: str | None
    branch_code: str | None
    device_code: str | None
    cashier: str
    reported_by: str
    session_id: int
    opened_at: str
    closed_at: str
    business_date: str
    received_at: str
    expected_paise: int
    counted_paise: int
    difference_paise: int
    payment_count: int
    unsynced_at_close: int
    report: dict[str, Any]


class DayCloseTotals(BaseModel):
    closes: int
    expected_paise: int
    counted_paise: int
    difference_paise: int
    payment_count: int
    unsynced_at_close: int


class DayClosesOut(BaseModel):
    closes: list[DayCloseOut]
    has_more: bool
    totals: DayCloseTotals


class DemoUser(BaseModel):
    username: str
    password: str
    role: Role
    display_name: str
    branch_id: int | None
    kind: Literal["user", "device"]
