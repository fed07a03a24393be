"""Kiosk texts that change language while shown: each keeps its English source.

The kiosk is built once and runs all day; a customer switches English ⇄ தமிழ் on the start
screen and the next reset switches back. A text set with :func:`word` remembers its English
source (context, ``%1`` values, plural count) on the widget, so :func:`reword` can say it
again in the new language; a text set since by other means (a data value, ``clear()``) is
left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.language.i18n import fill

#: Dynamic properties: the English source (context, source, n, values…) and the text shown.
SOURCE = "i18nSource"
SHOWN = "i18nShown"


def word(widget: QLabel | QPushButton, source: str, *values: object,
         context: str = "KioskWindow", n: int = -1) -> None:
    """Set ``widget``'s text to ``source`` in the interface language (``%1``… filled,
    ``%n`` plural by ``n``), remembering the source so a language change words it anew."""
    text = fill(QCoreApplication.translate(context, source, None, n), *values) if source else ""
    widget.setProperty(SOURCE, [context, source, str(n), *[str(v) for v in values]])
    widget.setProperty(SHOWN, text)
    widget.setText(text)


def reword(widget: QLabel | QPushButton) -> None:
    """Word a text set with :func:`word` again, in the language now installed."""
    stored = widget.property(SOURCE)
    if not stored or widget.text() != widget.property(SHOWN):
        return
    context, source, n, *values = stored
    word(widget, source, *values, context=context, n=int(n))
