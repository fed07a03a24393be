"""Turn the JSON lines of ``RELIABILITY_FIGURES`` into the Markdown tables of
docs/reliability.md: ``python scripts/reliability/figures_table.py figures.jsonl``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

COMMANDS = {
    "1": "test_client_crash.py", "2": "test_flaky_network.py", "3": "test_server_crash.py",
    "4": "test_concurrency.py", "5": "test_long_offline.py", "6": "test_upgrade_outbox.py",
    "7": "test_corrupt_cache.py", "8": "test_hostile_*.py", "9": "test_scope_auth.py",
    # issue 14's security review: finding 1 (the kiosk), the others
    "14.1": "test_kiosk_privacy.py", "14.3": "test_security_review.py",
    "14.4": "test_security_review.py", "14.5": "test_security_review.py",
    "14.7": "test_security_review.py",
}
TRIED = ("kills", "server_kills", "cases", "requests", "attempts", "payments_taken",
         "guesses", "files_grepped", "processes", "desks", "writers", "users", "endpoints")
FAULTS = ("faults_injected", "aimed_between_write_and_receipt", "aimed_in_sync_cycle",
          "job_kills", "late_replays", "offline_sync_attempts", "reader_pull_cycles",
          "token_states", "suspended_by_job_while_offline")


def render(rows: list[dict]) -> str:
    """One table per suite (its number), one line per case."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["suite"].split()[0], []).append(row)
    out: list[str] = []
    for number in sorted(groups):
        first = groups[number][0]
        out.append(f"### Suite {number} ({first['scale']} size)\n")
        out.append("| case | tried | faults injected | payments checked | lost | duplicated "
                   "| other figures |")
        out.append("| --- | --- | --- | --- | --- | --- | --- |")
        for row in groups[number]:
            case = row["suite"].split(" ", 1)[1] + (f" [{row['case']}]" if "case" in row else "")
            tried = ", ".join(f"{k} {row[k]}" for k in TRIED if k in row) or "—"
            faults = ", ".join(f"{k} {row[k]}" for k in FAULTS if k in row) or "—"
            skip = {"suite", "scale", "case", *TRIED, *FAULTS, "payments_checked", "lost",
                    "duplicated"}
            other = ", ".join(f"{k} {v}" for k, v in row.items() if k not in skip)
            lost = row.get("lost", "—")
            dup = row.get("duplicated", "—")
            out.append(f"| {case} | {tried} | {faults} | {row.get('payments_checked', '—')} "
                       f"| {lost} | {dup} | {other} |")
        module = COMMANDS.get(number, "")  # a suite not listed: the whole folder
        out.append(f"\nReproduce: `python -m pytest tests/reliability/{module} -q` "
                   "(add `RELIABILITY_SCALE=full` for the large size)\n")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    rows = [json.loads(line) for line in Path(argv[1]).read_text().splitlines() if line]
    sys.stdout.write(render(rows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
