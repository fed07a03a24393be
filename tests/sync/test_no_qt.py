"""The sync package is not a GUI concern: the reliability harness's headless desk
(scripts/reliability/client.py) syncs with the real server through ``sync`` without loading
Qt at all (import-linter keeps ``sync`` from importing it; this checks the whole process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sync.client import SyncClient
from tests.sync.conftest import STAFF, LiveServer

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "scripts" / "reliability" / "client.py"


def _imported(importtime_log: str) -> set[str]:
    """Module names from ``python -X importtime`` output ("import time: ... | name")."""
    names = set()
    for line in importtime_log.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_the_harness_syncs_through_the_sync_package_without_qt(
    live_server: LiveServer, tmp_path: Path
) -> None:
    client = SyncClient(live_server.url)
    token = client.sign_in(*STAFF).token
    client.close()
    events = tmp_path / "events.log"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(HARNESS), "sync", "--data-dir",
         str(tmp_path / "desk"), "--server", live_server.url, "--events", str(events)],
        cwd=ROOT, env={**os.environ, "RELIABILITY_TOKEN": token},
        capture_output=True, text=True, timeout=180, check=True,
    )
    imported = _imported(done.stderr)
    assert "sync.cycle" in imported and "sync.client" in imported
    assert not {n for n in imported if n.split(".")[0] in ("PySide6", "shiboken6", "desktop")}
    lines = events.read_text().splitlines()
    assert "CYCLE" in lines
    assert any(line.split()[:1] == ["SYNC"] and line.split()[6] == "ok" for line in lines), lines
