"""What a receipt says (``ReceiptData``): one payment's receipt number, account, amount,
method, balances, cashier and marks. One ``ReceiptData`` feeds every form of the receipt
(screen, PDF, Qt printer, ESC/POS thermal printer), so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from billing.money import amount_in_words
from billing.rules import PaymentMethod, PaymentOption, balance_after
from db.outbox import Mutation


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt says."""

    receipt_number: str
    account_id: int
    account_name: str
    mobile: str
    option: PaymentOption
    method: PaymentMethod
    reference: str | None
    amount_paise: int
    balance_before_paise: int
    balance_after_paise: int
    cashier: str
    taken_at: datetime
    zone: str
    pending_sync: bool
    plan_name: str | None = None
    new_expiry: date | None = None
    tendered_paise: int | None = None
    document_number: str | None = None
    duplicate: bool = False
    company: str = "Terabyte Broadband"
    branch: str | None = None
    header: tuple[str, ...] = ()
    """Lines from settings (``receipts/header``): address, GSTIN, phone."""
    mutation_id: str | None = None
    """The outbox write behind this receipt (to follow it until the server confirms)."""

    @property
    def device_code(self) -> str:
        return self.receipt_number.rsplit("-", 1)[0]

    @property
    def change_paise(self) -> int | None:
        if self.tendered_paise is None:
            return None
        return self.tendered_paise - self.amount_paise

    @property
    def local_time(self) -> datetime:
        return self.taken_at.astimezone(ZoneInfo(self.zone))

    @property
    def words(self) -> str:
        return amount_in_words(self.amount_paise)

    def as_duplicate(self) -> ReceiptData:
        return replace(self, duplicate=True)

    def with_server_answer(self, mutation: Mutation) -> ReceiptData:
        """This receipt once the server has answered: no longer PENDING SYNC, with the
        server's balance and document number."""
        if not mutation.state.acknowledged:
            return self
        answer = (mutation.result or {}).get("payment") or {}
        return replace(
            self, pending_sync=False,
            balance_after_paise=int(answer.get("balance_after_paise", self.balance_after_paise)),
            document_number=answer.get("document_number") or self.document_number)

    @classmethod
    def from_mutation(
        cls,
        mutation: Mutation,
        *,
        account_name: str,
        mobile: str,
        cashier: str,
        zone: str,
        plan_name: str | None = None,
        new_expiry: date | None = None,
        branch: str | None = None,
        header: tuple[str, ...] = (),
    ) -> ReceiptData:
        """The receipt of a payment mutation; the server's answer, once there, wins."""
        body = mutation.payload
        answer = (mutation.result or {}).get("payment") or {}
        after = balance_after(int(body["balance_before_paise"]), int(body["amount_paise"]),
                              int(body.get("charge_paise") or 0))
        return cls(
            receipt_number=body["receipt_number"],
            account_id=int(mutation.account_id or 0),
            account_name=account_name,
            mobile=mobile,
            option=PaymentOption(body["option"]),
            method=PaymentMethod(body["method"]),
            reference=body.get("reference"),
            amount_paise=int(body["amount_paise"]),
            balance_before_paise=int(body["balance_before_paise"]),
            balance_after_paise=int(answer.get("balance_after_paise", after)),
            cashier=cashier,
            taken_at=datetime.fromtimestamp(int(body["taken_at"]), UTC),
            zone=zone,
            pending_sync=not mutation.state.acknowledged,
            plan_name=plan_name,
            new_expiry=new_expiry,
            tendered_paise=body.get("tendered_paise"),
            document_number=answer.get("document_number"),
            branch=branch,
            header=header,
            mutation_id=mutation.mutation_id,
        )
