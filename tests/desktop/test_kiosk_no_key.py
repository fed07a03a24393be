"""A kiosk without the key to its offline copy (no usable keyring, or a lost one) refuses
look-ups with a message for staff; it never crashes and never counts them as misses that
lock it (issue 14, finding 2: the key lives in the keyring, not the cache file)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLineEdit

from desktop.language.fonts import register_app_fonts
from tests.desktop.test_kiosk import (  # noqa: F401  (fixtures used by name)
    START,
    _account,
    _find,
    _label,
    _make_window,
    _usable_event_loop,
    kiosk_ctx,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_without_its_key_the_kiosk_says_so_to_staff_and_does_not_lock(
        qtbot, kiosk_ctx, caplog, tmp_path):  # noqa: F811  (the fixture imported above)
    """Also renders the screen (docs/screenshots/kiosk_no_key.png with KIOSK_SCREENSHOTS=1)."""
    register_app_fonts()
    kiosk_ctx.kiosk_key.forget()  # the keyring holds no key for this kiosk's copy
    window = _make_window(qtbot, kiosk_ctx)
    row = _account(kiosk_ctx)
    entry = window.findChild(QLineEdit, "kioskEntry")
    for attempt in range(7):  # more than the 5 misses that would lock it
        entry.clear()
        assert "Staff:" not in _label(window, "kioskMessage")
        _find(qtbot, window, str(row.id))
        qtbot.waitUntil(lambda: "Staff:" in _label(window, "kioskMessage"))
        assert "connect it to head office" in _label(window, "kioskMessage")
        assert window.current_page == START and window.account is None
        assert not window.locked, attempt
    assert "no key for the kiosk's offline copy" in caplog.text
    out = SCREENSHOTS if os.environ.get("KIOSK_SCREENSHOTS") == "1" else tmp_path
    assert window.grab().scaled(960, 600).save(str(out / "kiosk_no_key.png"))
