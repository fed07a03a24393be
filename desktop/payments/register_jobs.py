"""The register's work off the GUI thread: its rows (with the reversal marks), the filter
choices, an export, a reprinted receipt; and what its totals count."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from billing.reversal import is_reversed
from db.register_query import (
    RegisterChoices,
    RegisterFilter,
    RegisterRow,
    register_choices,
    register_rows,
    totals_by_method,
)
from db.reversals_local import reversal_marks
from desktop.payments.receipt_data import ReceiptData
from desktop.payments.register_export import write_csv, write_xlsx
from desktop.payments.register_receipt import receipt_for_row
from desktop.runtime.context import AppContext
from desktop.runtime.tasks import TaskControl


def query_job(ctx: AppContext, token: int, flt: RegisterFilter,
               _control: TaskControl) -> tuple[int, list[RegisterRow], dict[str, str]]:
    marks = reversal_marks(ctx.outbox, ctx.cache_engine)
    return token, register_rows(ctx.cache_engine, ctx.outbox, flt), marks


def choices_job(ctx: AppContext, _control: TaskControl) -> RegisterChoices:
    return register_choices(ctx.cache_engine, ctx.outbox, ctx.today())


def export_job(rows: list[RegisterRow], path: Path, kind: str, zone: str,
                gst: tuple[str, int], _control: TaskControl) -> tuple[str, str]:
    if kind == "xlsx":
        return kind, str(write_xlsx(rows, path, zone, gst))
    return kind, str(write_csv(rows, path, zone))


def receipt_job(ctx: AppContext, row: RegisterRow, _control: TaskControl) -> ReceiptData:
    return receipt_for_row(ctx, row)


@dataclass(frozen=True)
class RegisterTotals:
    """What the register's totals line counts: voided, bounced and refused payments are
    listed but not counted."""

    by_method: dict[str, int]
    total_paise: int
    counted: int
    pending: int
    reversed: int
    refused: int

    @classmethod
    def of(cls, rows: list[RegisterRow], marks: dict[str, str]) -> RegisterTotals:
        by_method = totals_by_method(
            r for r in rows if not is_reversed(marks.get(r.payment_uuid)))
        refused = sum(1 for r in rows if r.refused is not None)
        reversed_ = sum(1 for r in rows if r.refused is None
                        and is_reversed(marks.get(r.payment_uuid)))
        return cls(by_method, sum(by_method.values()), len(rows) - refused - reversed_,
                   sum(1 for r in rows if r.pending), reversed_, refused)
