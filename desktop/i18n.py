"""The interface language (English or தமிழ்), switched at run time the Qt way.

The English text is in the code, wrapped in ``tr()`` / ``QCoreApplication.translate``;
``scripts/i18n.sh update`` extracts it into ``resources/i18n/partner_desk_ta.ts`` with
``pyside6-lupdate``, the translator fills in the Tamil (vocabulary in
``resources/i18n/GLOSSARY.md``), and ``scripts/i18n.sh compile`` makes the committed
``partner_desk_ta.qm`` with ``pyside6-lrelease``.

:func:`set_language` installs or removes one ``QTranslator`` on the application. Qt then
sends ``QEvent.LanguageChange`` to every widget; a widget whose texts are set in a
``retranslate_ui()`` method calls it again from ``changeEvent`` (:class:`Retranslating`),
so the whole window changes language without a restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTranslator

from desktop import resource_paths
from desktop.fonts import register_app_fonts

log = logging.getLogger(__name__)

ENGLISH = "en"
TAMIL = "ta"
LANGUAGES: dict[str, str] = {ENGLISH: "English", TAMIL: "தமிழ்"}
"""Language code → its name written in that language (what the Language combo shows)."""

LANGUAGE_KEY = "ui/language"
"""Setting: ``en`` or ``ta``; the language the desk starts in."""

QM_BASENAME = "partner_desk_ta"
TRANSLATOR_NAME = "partnerDeskTranslator"


def qm_path_for(language: str) -> str:
    """The compiled translation file of ``language`` (``resources/i18n/partner_desk_ta.qm``)."""
    return str(resource_paths.resource_dir() / "i18n" / f"partner_desk_{language}.qm")


def stored_language(settings: QSettings) -> str:
    """The language chosen in Settings; English when none or an unknown one is stored."""
    value = str(settings.value(LANGUAGE_KEY, ENGLISH, str) or ENGLISH)
    return value if value in LANGUAGES else ENGLISH


def store_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {sorted(LANGUAGES)}")
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def current_language(app: QCoreApplication) -> str:
    """``ta`` while the Tamil translator is installed on ``app``, else ``en``."""
    translator = app.findChild(QTranslator, TRANSLATOR_NAME)
    return TAMIL if translator is not None else ENGLISH


def set_language(app: QCoreApplication, language: str) -> None:
    """Switch the running application to ``language`` (``en`` or ``ta``), no restart.

    Qt posts ``LanguageChange``; open widgets retranslate on the next event-loop pass.

    The translator is a child of ``app`` (found by name), so there is no module state:
    switching twice to the same language changes nothing; English removes it.
    Raises ValueError for an unknown language and OSError when the ``.qm`` is missing
    or unreadable (a broken installation, which the self-check reports).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {sorted(LANGUAGES)}")
    old = app.findChild(QTranslator, TRANSLATOR_NAME)
    if language == ENGLISH:
        if old is not None:
            app.removeTranslator(old)
            old.setParent(None)
            old.deleteLater()
            log.info("language: English")
        return
    if old is not None:
        return  # Tamil is the only translation; already installed
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    path = qm_path_for(language)
    if not translator.load(path):
        translator.setParent(None)
        translator.deleteLater()
        raise OSError(f"translation file missing or unreadable: {path}")
    app.installTranslator(translator)
    log.info("language: %s (%s)", LANGUAGES[language], path)


def setup_language(app: QCoreApplication, settings: QSettings) -> None:
    """At start: ship-with-the-app fonts registered, the stored language installed."""
    register_app_fonts()
    language = stored_language(settings)
    try:
        set_language(app, language)
    except OSError:
        log.exception("could not load the %s translation; staying in English", language)


def is_language_change(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


class Retranslating:
    """Mixin for a QWidget subclass: calls ``retranslate_ui()`` on every language change.

    Put it before the Qt base (``class X(Retranslating, QDialog)``); the widget sets all its
    texts in ``retranslate_ui()`` and calls it once at the end of ``__init__``.
    """

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if is_language_change(event):
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]
