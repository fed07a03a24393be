"""The frozen app's entry script answers --self-check without starting the GUI."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[2] / "scripts" / "partner_portal.py"


def _entry_module():
    spec = importlib.util.spec_from_file_location("partner_portal_entry", ENTRY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_entry_runs_the_self_check_in_the_given_folder(qapp, data_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["partner-portal", "--self-check", "--data-dir",
                                      str(data_dir)])
    assert _entry_module().main() == 0
    assert capsys.readouterr().out.strip() == "OK"
    assert (data_dir / "cache.sqlite3").exists()
