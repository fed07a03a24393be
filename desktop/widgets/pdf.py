"""HTML to PDF, the one way every document of the app is saved (receipts, invoices, GST
documents, day closes). Safe to run off the GUI thread: nothing here touches a widget."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

CREATOR = "Terabyte Partner Desk"
A4 = QPageSize(QPageSize.PageSizeId.A4)
A5 = QPageSize(QPageSize.PageSizeId.A5)


def text_document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    return document


def write_html_pdf(html: str, path: Path, *, title: str, page: QPageSize = A4,
                   margins_mm: float = 15, creator: str = CREATOR) -> Path:
    """Render ``html`` on ``page`` (A4 unless said) at 300 dpi into ``path``; returns it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator(creator)
    writer.setResolution(300)
    writer.setPageSize(page)
    writer.setPageMargins(QMarginsF(margins_mm, margins_mm, margins_mm, margins_mm),
                          QPageLayout.Unit.Millimeter)
    document = text_document(html)
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(paint.width(), paint.height()))
    document.print_(writer)
    del writer  # flushes and closes the file
    return path
