"""The language a kiosk customer sees: every customer starts in the kiosk's language, the
start screen's English / தமிழ் toggle changes it for that customer, and the next reset
brings the kiosk's language back."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.language.i18n import LANGUAGES, current_language, set_language, stored_language

log = logging.getLogger(__name__)

#: Setting: the language every customer starts in (``en`` or ``ta``); the start screen's
#: English / தமிழ் toggle changes it for one customer, the next reset brings it back.
#: Unset: the desk's own language (``ui/language``).
LANGUAGE_KEY = "kiosk/language"


def language_now() -> str:
    """The interface language installed on the running application."""
    app = QCoreApplication.instance()
    assert app is not None, "the kiosk runs inside a QApplication"
    return current_language(app)


def kiosk_language(settings: Any) -> str:
    """The language a customer starts in: ``kiosk/language``, else the desk's language."""
    value = str(settings.value(LANGUAGE_KEY, "", str) or "")
    return value if value in LANGUAGES else stored_language(settings)


def use_language(language: str) -> None:
    """Switch the running kiosk to ``language`` (a missing translation is logged; the kiosk
    stays in the language it has)."""
    app = QCoreApplication.instance()
    if app is None or current_language(app) == language:
        return
    try:
        set_language(app, language)
    except OSError:
        log.exception("kiosk: the %s translation could not be loaded", language)
