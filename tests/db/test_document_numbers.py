"""Counter-made GST document numbers kept with the outbox: one per source, a series per
kind and financial year, never repeated, surviving a reopen."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from billing.documents import DocumentKind
from db.document_numbers import issue_document_number, series_counter
from db.outbox import Outbox

RV, CN = DocumentKind.RECEIPT_VOUCHER, DocumentKind.CREDIT_NOTE
DEC = date(2026, 12, 1)


def test_same_source_same_number_next_source_next_number(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    outbox.set_device_code("D1A2B3C")
    first = issue_document_number(outbox, RV, DEC, "D1A2B3C-000001")
    assert first == "R26D1A2B3C000001"
    assert issue_document_number(outbox, RV, date(2027, 5, 1), "D1A2B3C-000001") == first
    assert issue_document_number(outbox, RV, DEC, "D1A2B3C-000002") == "R26D1A2B3C000002"
    assert issue_document_number(outbox, CN, DEC, "reversal-1") == "C26D1A2B3C000001"
    # a new financial year starts its own series
    assert issue_document_number(outbox, RV, date(2027, 4, 1), "D1A2B3C-000003") == \
        "R27D1A2B3C000001"
    assert series_counter(outbox, RV, DEC) == 2
    outbox.engine.dispose()
    reopened = Outbox.open(tmp_path / "outbox.sqlite3")
    assert issue_document_number(reopened, RV, DEC, "D1A2B3C-000004") == "R26D1A2B3C000003"
    reopened.engine.dispose()


def test_concurrent_issuers_never_share_a_number(tmp_path: Path) -> None:
    outbox = Outbox.open(tmp_path / "outbox.sqlite3")
    numbers: list[str] = []
    lock = threading.Lock()

    def issue(worker: int) -> None:
        for i in range(20):
            n = issue_document_number(outbox, RV, DEC, f"w{worker}-{i}")
            with lock:
                numbers.append(n)

    threads = [threading.Thread(target=issue, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(numbers) == len(set(numbers)) == 80
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 81))
    outbox.engine.dispose()
