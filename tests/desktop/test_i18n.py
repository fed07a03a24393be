"""Tamil at run time: the translator switches the open windows without a restart, Settings
stores the choice, the shipped font renders Tamil, and the CI check catches a stale .qm or an
untranslated message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton

from desktop.language.fonts import TAMIL_FAMILY, register_app_fonts, tamil_font_files
from desktop.language.i18n import (
    ENGLISH,
    LANGUAGE_KEY,
    TAMIL,
    TRANSLATOR_NAME,
    current_language,
    qm_path_for,
    set_language,
    setup_language,
    stored_language,
)
from desktop.settings.dialog import DeskSettings, SettingsDialog
from desktop.settings.store import open_settings
from tests.desktop.i18n_helpers import has_tamil, tamil

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(data_dir):
    return open_settings(data_dir)


@pytest.fixture(autouse=True)
def _english_after(qapp):
    yield
    set_language(qapp, ENGLISH)


def test_set_language_keeps_one_translator(qapp):
    assert current_language(qapp) == ENGLISH
    set_language(qapp, TAMIL)
    set_language(qapp, TAMIL)  # twice: still one translator
    assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == 1
    assert current_language(qapp) == TAMIL
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "அமைப்புகள்"
    set_language(qapp, ENGLISH)
    assert current_language(qapp) == ENGLISH
    assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == 1
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"


def test_plurals_in_both_languages(qapp):
    from desktop.detail.format import DayCount

    set_language(qapp, ENGLISH)
    assert [DayCount().ahead(n) for n in (1, 2, 21)] == ["in 1 day", "in 2 days", "in 21 days"]
    assert DayCount().ago(1) == "1 day ago"
    set_language(qapp, TAMIL)
    assert [DayCount().ahead(n) for n in (1, 5)] == ["1 நாளில்", "5 நாட்களில்"]
    assert DayCount().ago(12) == "12 நாட்களுக்கு முன்பு"


def test_unknown_language_is_refused_and_changes_nothing(qapp):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        set_language(qapp, "fr")
    assert current_language(qapp) == ENGLISH


def test_open_dialog_changes_language_without_a_restart(qtbot, qapp, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Settings"
    set_language(qapp, TAMIL)  # Qt posts LanguageChange: the widgets change on the next pass
    qtbot.waitUntil(lambda: dialog.windowTitle() == "அமைப்புகள்")
    assert dialog.findChild(QPushButton, "settingsSave").text() == "சேமி"
    assert "சர்வர்" in [box.title() for box in dialog.findChildren(QGroupBox)]
    set_language(qapp, ENGLISH)
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
    assert dialog.findChild(QPushButton, "settingsSave").text() == "Save"


def test_validation_message_follows_the_language(qtbot, qapp, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.server, "portal")
    assert "must look like" in dialog.error.text()
    set_language(qapp, TAMIL)
    qtbot.waitUntil(lambda: dialog.error.text().startswith("சர்வர் முகவரி"))


def test_choosing_tamil_in_settings_switches_the_app_and_is_remembered(qtbot, qapp, settings,
                                                                       data_dir):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    combo = dialog.findChild(QComboBox, "settingsLanguage")
    assert [combo.itemText(i) for i in range(combo.count())] == ["English", "தமிழ்"]
    combo.setCurrentIndex(combo.findData(TAMIL))
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsSave"), Qt.MouseButton.LeftButton)
    assert current_language(qapp) == TAMIL
    again = open_settings(data_dir)
    assert again.value(LANGUAGE_KEY) == TAMIL and DeskSettings.load(again).language == TAMIL
    # the next start: the stored language is installed before any window opens
    set_language(qapp, ENGLISH)
    setup_language(qapp, again)
    assert current_language(qapp) == TAMIL


def test_a_stored_language_the_app_does_not_know_starts_in_english(settings):
    settings.setValue(LANGUAGE_KEY, "xx")
    assert stored_language(settings) == ENGLISH
    assert DeskSettings.load(settings).language == ENGLISH


def test_the_shipped_font_draws_tamil(qapp):
    files = tamil_font_files()
    assert files and all(f.stat().st_size > 50_000 for f in files)
    assert register_app_fonts() == [TAMIL_FAMILY]
    assert TAMIL_FAMILY in QFontDatabase.families()
    assert TAMIL_FAMILY in qapp.font().families()
    label = QLabel("நிலுவை")
    # the font the label falls back to has every Tamil letter of the text
    from PySide6.QtGui import QFont

    tamil_font = QFont(TAMIL_FAMILY)
    assert all(QFontMetrics(tamil_font).inFontUcs4(ord(ch)) for ch in label.text())
    assert register_app_fonts() == [TAMIL_FAMILY]  # again: nothing added twice
    assert qapp.font().families().count(TAMIL_FAMILY) == 1


def test_tamil_helper_leaves_english(qapp):
    with tamil(qapp):
        assert has_tamil(QCoreApplication.translate("SettingsDialog", "Language"))
    assert current_language(qapp) == ENGLISH


# -- scripts/i18n.sh check ---------------------------------------------------------------

def _tools_on_path() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


def _check(ts: Path | None = None, qm: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = _tools_on_path()
    if ts is not None:
        env["I18N_TS"] = str(ts)
    if qm is not None:
        env["I18N_QM"] = str(qm)
    return subprocess.run(["bash", str(ROOT / "scripts" / "i18n.sh"), "check"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the i18n script is a bash script")
def test_i18n_check_passes_on_the_committed_translation():
    result = _check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "i18n OK" in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="the i18n script is a bash script")
def test_i18n_check_fails_on_an_unfinished_message_and_a_stale_qm(tmp_path):
    ts = tmp_path / "partner_desk_ta.ts"
    text = Path(qm_path_for("ta")).with_suffix(".ts").read_text(encoding="utf-8")
    ts.write_text(text.replace("<translation>அமைப்புகள்</translation>",
                               '<translation type="unfinished"></translation>', 1),
                  encoding="utf-8")
    result = _check(ts=ts)
    assert result.returncode == 1
    assert "untranslated: SettingsDialog: 'Settings'" in result.stdout
    assert "does not match" in result.stdout  # the committed .qm still has the old text

    qm = tmp_path / "partner_desk_ta.qm"
    qm.write_bytes(Path(qm_path_for("ta")).read_bytes()[:-1] + b"\x00")
    result = _check(qm=qm)
    assert result.returncode == 1 and "does not match" in result.stdout
    assert "untranslated" not in result.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="the i18n script is a bash script")
def test_i18n_check_refuses_a_shortcut_on_a_tamil_letter(tmp_path):
    ts = tmp_path / "partner_desk_ta.ts"
    text = Path(qm_path_for("ta")).with_suffix(".ts").read_text(encoding="utf-8")
    assert "<translation>புதுப்பி (&amp;R)</translation>" in text
    ts.write_text(text.replace("<translation>புதுப்பி (&amp;R)</translation>",
                               "<translation>&amp;புதுப்பி</translation>"), encoding="utf-8")
    result = _check(ts=ts)
    assert result.returncode == 1
    assert "'&Refresh' (a & before a Tamil letter splits the letter" in result.stdout
