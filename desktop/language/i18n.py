"""The interface language (English or தமிழ்), switched at run time the Qt way.

The English text is in the code, wrapped in ``tr()`` / ``QCoreApplication.translate``;
``scripts/i18n.sh update`` extracts it into ``resources/i18n/partner_desk_ta.ts`` with
``pyside6-lupdate``, the translator fills in the Tamil (vocabulary in
``resources/i18n/GLOSSARY.md``), and ``scripts/i18n.sh compile`` makes the committed
``partner_desk_ta.qm`` with ``pyside6-lrelease``. English plurals ("1 order", "2 orders")
come the Qt way too: ``partner_desk_en.ts`` holds only the numerus messages
(``lupdate -pluralonly``) and its ``.qm`` is installed while the app is in English.

:func:`set_language` installs one ``QTranslator`` on the application, replacing the other. Qt then
sends ``QEvent.LanguageChange`` to every widget; a widget whose texts are set in a
``retranslate_ui()`` method calls it again from ``changeEvent`` (:class:`Retranslating`),
so the whole window changes language without a restart.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTranslator

from desktop.language.fonts import register_app_fonts
from desktop.runtime import bundled_resources

log = logging.getLogger(__name__)

ENGLISH = "en"
TAMIL = "ta"
LANGUAGES: dict[str, str] = {ENGLISH: "English", TAMIL: "தமிழ்"}
"""Language code → its name written in that language (what the Language combo shows)."""

LANGUAGE_KEY = "ui/language"
"""Setting: ``en`` or ``ta``; the language the desk starts in."""

TRANSLATOR_NAME = "partnerDeskTranslator"


def qm_path_for(language: str) -> str:
    """The compiled translation of ``language``: ``resources/i18n/partner_desk_<code>.qm``."""
    return str(bundled_resources.resource_dir() / "i18n" / f"partner_desk_{language}.qm")


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
    """The language of the translator installed on ``app`` (``en`` when none is)."""
    translator = app.findChild(QTranslator, TRANSLATOR_NAME)
    if translator is None:
        return ENGLISH
    language = str(translator.property("language") or ENGLISH)
    return language if language in LANGUAGES else ENGLISH


def set_language(app: QCoreApplication, language: str) -> None:
    """Switch the running application to ``language`` (``en`` or ``ta``), no restart.

    Qt posts ``LanguageChange``; open widgets retranslate on the next event-loop pass.
    One translator, a child of ``app`` found by name (no module state), is installed for
    either language: Tamil's is the whole translation, English's holds only the plural
    forms (``tr("%n order(s)", "", n)`` → "1 order", "2 orders"), as Qt's lupdate
    ``-pluralonly`` makes it. Switching to the language already installed changes nothing.
    Raises ValueError for an unknown language and OSError when the ``.qm`` is missing
    or unreadable (a broken installation, which the self-check reports).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {sorted(LANGUAGES)}")
    old = app.findChild(QTranslator, TRANSLATOR_NAME)
    if old is not None and old.property("language") == language:
        return
    translator = QTranslator(app)
    path = qm_path_for(language)
    if not translator.load(path):
        translator.setParent(None)
        translator.deleteLater()
        raise OSError(f"translation file missing or unreadable: {path}")
    if old is not None:
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    translator.setObjectName(TRANSLATOR_NAME)
    translator.setProperty("language", language)
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


_PLACE = re.compile(r"%([1-9])")


def fill(text: str, *values: object) -> str:
    """Put ``values`` into a translated text's ``%1``, ``%2``… in one pass (as ``QString.arg``
    does), so a value that itself holds ``%2`` is left alone. Translations may reorder them."""
    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(values[index]) if index < len(values) else match[0]

    return _PLACE.sub(value, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # Qt's name: lupdate looks for it
    """Mark ``text`` for translation in ``context`` without translating it now (a table of
    texts translated where shown). Qt's own is typed as returning ``object``; this one is
    typed ``str`` and does the same (returns ``text``)."""
    return text


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
