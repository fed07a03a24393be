"""``--self-check``: the check the frozen build runs in CI, called directly."""

from __future__ import annotations

from desktop.runtime.pyside_guard import guard_singletons
from desktop.runtime.self_check import run_self_check

guard_singletons()


def test_self_check_passes_and_prints_ok(qapp, data_dir, capsys, caplog):
    caplog.set_level("INFO")
    assert run_self_check(data_dir) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "OK"
    assert "self-check OK" in caplog.text
    assert (data_dir / "cache.sqlite3").exists() and (data_dir / "outbox.sqlite3").exists()


def test_self_check_in_a_temporary_folder(qapp, capsys):
    assert run_self_check(None) == 0
    assert capsys.readouterr().out.strip() == "OK"


def test_a_missing_resource_fails_with_the_reason(qapp, data_dir, tmp_path, capsys,
                                                  monkeypatch):
    empty = tmp_path / "no-resources"
    empty.mkdir()
    monkeypatch.setattr("desktop.runtime.bundled_resources.resource_dir", lambda: empty)
    assert run_self_check(data_dir) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert "resource file missing" in captured.err and "app.png" in captured.err


def test_a_broken_migration_tree_fails(qapp, data_dir, capsys, monkeypatch):
    from db import migrate

    monkeypatch.setattr(migrate, "_HERE", data_dir / "missing-migrations")
    assert run_self_check(data_dir) == 1
    assert "FAILED" in capsys.readouterr().err


def test_a_build_without_the_tamil_translation_fails(qapp, data_dir, tmp_path, capsys,
                                                     monkeypatch):
    import shutil

    from desktop.runtime.bundled_resources import resource_dir

    copy = tmp_path / "resources"
    shutil.copytree(resource_dir(), copy, ignore=shutil.ignore_patterns("*.qm"))
    monkeypatch.setattr("desktop.runtime.bundled_resources.resource_dir", lambda: copy)
    assert run_self_check(data_dir) == 1
    assert "translation file missing" in capsys.readouterr().err
