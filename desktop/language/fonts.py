"""Fonts that ship with the app: Noto Sans Tamil, so Tamil renders on any PC.

A Windows PC without the Tamil language pack (or a Linux box with no Tamil font) shows
boxes for Tamil text. The font comes from the ``fontpkg-noto-sans-tamil`` package (in the
lock; PyInstaller carries its ``files/`` folder, see ``build.spec``), is registered with
``QFontDatabase.addApplicationFont`` and added after the application font's family
(``QFont.setFamilies``, also as its substitute), so every widget falls back to it for Tamil
letters while Latin text keeps the system font. The ESC/POS raster
(desktop/payments/escpos_raster.py) draws with it too.
"""

from __future__ import annotations

import logging
from pathlib import Path

import fontpkg_noto_sans_tamil  # type: ignore[import-untyped]  # a font package, no types
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

TAMIL_FAMILY: str = fontpkg_noto_sans_tamil.FAMILY
"""The family name the shipped Tamil font registers as (``Noto Sans Tamil``)."""


def tamil_font_files() -> list[Path]:
    """The TTF files of the shipped Tamil font; empty when the package data is missing."""
    return sorted((Path(fontpkg_noto_sans_tamil.ROOT) / "files").glob("*.ttf"))


def _register_tamil_font() -> list[str]:
    """Add the shipped Tamil font to the font database once; the families it holds."""
    if TAMIL_FAMILY in QFontDatabase.families():
        return [TAMIL_FAMILY]
    families: list[str] = []
    for path in tamil_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("could not load the font file %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        log.error("the Tamil font is missing from this installation; Tamil may not render")
    else:
        log.info("registered fonts %s", families)
    return families


def register_app_fonts() -> list[str]:
    """Register the shipped fonts once and make Tamil a fallback of the default family.

    Returns the families registered (``["Noto Sans Tamil"]``). Safe to call again: a
    family already known to the font database is not added twice. GUI thread only (it sets
    the application font); needs a QGuiApplication.
    """
    families = _register_tamil_font()
    if not families:
        return []
    app_font = QGuiApplication.font()
    if TAMIL_FAMILY not in app_font.families():
        app_font.setFamilies([*(app_font.families() or [app_font.family()]), TAMIL_FAMILY])
        QGuiApplication.setFont(app_font)
    if TAMIL_FAMILY not in QFont.substitutes(app_font.family()):
        QFont.insertSubstitution(app_font.family(), TAMIL_FAMILY)
    return families


def tamil_font(pixel_size: int) -> QFont:
    """The shipped Tamil font at ``pixel_size`` pixels (for drawing, e.g. receipt rasters;
    usable off the GUI thread: it touches only the font database)."""
    _register_tamil_font()
    font = QFont(TAMIL_FAMILY)
    font.setPixelSize(pixel_size)
    return font
