"""Tamil found wanting in review: texts that stayed English in Tamil mode, or did not follow
a language switch while their window was open, each driven through the real widgets."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from desktop.accounts.status_bar import SyncStatusWidget
from desktop.accounts.table_columns import COL_LAST_SEEN
from desktop.detail.tabs.invoices import InvoiceViewer
from desktop.sync.engine import SyncEngine
from sync.client import SyncClient
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_main_window import open_window  # noqa: F401  (a fixture)

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def test_last_seen_tooltip_names_the_month_in_tamil(
        qtbot, qapp, ctx, open_window) -> None:  # noqa: F811
    """The Last seen cell's tooltip (the exact moment) said "Wed 14 Oct 2026, …" in Tamil."""
    window = open_window(ctx)
    table = window.findChild(QTableView, "accountTable")
    model = table.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, COL_LAST_SEEN).data(TOOLTIP) != model.tr("Never seen online"))
    english = model.index(row, COL_LAST_SEEN).data(TOOLTIP)
    with tamil(qapp):
        qtbot.waitUntil(lambda: has_tamil(model.index(row, COL_LAST_SEEN).data(TOOLTIP)))
        text = model.index(row, COL_LAST_SEEN).data(TOOLTIP)
        assert text.split()[1] in {"ஜன.", "பிப்.", "மார்.", "ஏப்.", "மே", "ஜூன்", "ஜூலை", "ஆக.",
                                   "செப்.", "அக்.", "நவ.", "டிச."}, text
        assert not any(day in text for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
        assert text.split(", ")[1] == english.split(", ")[1]  # the time and zone as before


def test_open_invoice_and_gst_windows_follow_a_language_switch(qtbot, qapp, ctx) -> None:
    """An invoice and its GST tax invoice opened in English (both non-modal, so Settings
    can switch the language while they are open) kept their English title, buttons,
    caption and GSTIN refusal after the switch to Tamil."""
    from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton

    from db.account_details.invoices import load_invoice_document
    from desktop.documents.viewer import GstDocumentViewer
    from tests.desktop.test_gst_documents import _invoice_id, _set_gst, _viewer

    _set_gst(ctx)
    invoice = InvoiceViewer(ctx, load_invoice_document(ctx.cache_engine, _invoice_id(ctx)))
    qtbot.addWidget(invoice)
    invoice.show()
    qtbot.mouseClick(invoice.findChild(QPushButton, "gstTaxInvoice"), Qt.MouseButton.LeftButton)
    viewer: GstDocumentViewer = _viewer(qtbot)
    field = viewer.findChild(QLineEdit, "customerGstin")
    qtbot.keyClicks(field, "29AAGCB7383J1Z5")  # one character wrong: refused
    error = viewer.findChild(QLabel, "customerGstinError")
    english_error = error.text()
    caption = viewer.findChild(QFormLayout).labelForField(field)
    names = ("printInvoice", "saveInvoicePdf", "gstTaxInvoice", "closeInvoice")
    gst_names = ("printGstDocument", "saveGstDocumentPdf", "closeGstDocument")
    with tamil(qapp):
        qtbot.waitUntil(lambda: has_tamil(invoice.windowTitle()))
        for name in names:
            assert has_tamil(invoice.findChild(QPushButton, name).text()), name
        for name in gst_names:
            assert has_tamil(viewer.findChild(QPushButton, name).text()), name
        assert "(&G)" in caption.text() and has_tamil(caption.text())
        assert has_tamil(field.placeholderText())
        assert has_tamil(error.text()), error.text()
        if os.environ.get("TAMIL_PREVIEW"):
            viewer.grab().save(os.path.join(os.environ["TAMIL_PREVIEW"], "gst_live.png"))
            invoice.grab().save(os.path.join(os.environ["TAMIL_PREVIEW"], "invoice_live.png"))
    qtbot.waitUntil(lambda: invoice.findChild(QPushButton, "closeInvoice").text() == "Close")
    assert caption.text() == "Customer &GSTIN:" and error.text() == english_error
    viewer.close()
    invoice.close()


@pytest.fixture
def sync_progress(qtbot, ctx) -> Iterator[tuple[SyncEngine, QLabel]]:
    """The status bar's sync widget on an engine that never reaches a server (no cycle is
    started); its progress slot is fed what the pull worker reports, on the GUI thread."""
    client = SyncClient("http://127.0.0.1:9")
    engine = SyncEngine(ctx, client, interval_s=3600, live=False)
    widget = SyncStatusWidget(ctx, engine)
    qtbot.addWidget(widget)
    widget.show()
    yield engine, widget.findChild(QLabel, "syncProgressText")
    engine.stop()
    ctx.tasks.wait_idle()  # the status counts it asked for are in before it goes
    client.close()


def test_initial_sync_progress_is_tamil(qapp, sync_progress) -> None:
    """The status bar's count during the first pull said "rows (1,234 accounts)" in Tamil:
    the sync engine wrote that part in English."""
    engine, text = sync_progress
    with tamil(qapp):
        engine._on_progress(5_000, 1_234)
        assert "கணக்குகள்" in text.text(), text.text()
        assert not any(word in text.text() for word in ("rows", "accounts")), text.text()


def test_sync_counts_are_grouped_the_indian_way(qapp, sync_progress) -> None:
    """Amounts read ₹1,23,456.78 but the counts beside them were grouped 1,234,567 (a
    Western f-string); the status bar's sync progress now groups them as amounts are."""
    engine, text = sync_progress
    engine._on_progress(1_50_000, 12_34_567)
    assert text.text().startswith("Initial sync: 1,50,000 rows (12,34,567 accounts)"), text.text()
    with tamil(qapp):
        engine._on_progress(1_50_000, 12_34_567)
        assert "1,50,000" in text.text() and "12,34,567" in text.text(), text.text()
