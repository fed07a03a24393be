"""The account table paints its rows itself (one call a page, not a delegate call a cell):
the pixels must be the ones Qt's own delegate paints for the same rows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QImage, QTextLayout
from PySide6.QtWidgets import QStyledItemDelegate, QStyleFactory, QTableView
from sqlalchemy import text

from desktop.accounts.main_window import MainWindow
from desktop.accounts.table_columns import COL_BALANCE, COL_BRANCH, COL_NAME, COL_STATUS
from desktop.accounts.table_paint import TEXTS_PER_GENERATION, _Texts
from tests.desktop.i18n_helpers import has_tamil, tamil
from tests.desktop.test_main_window import admin_ctx, open_window, wait_ready  # noqa: F401


class QtsOwnPaint(QStyledItemDelegate):
    """A delegate of another class: the table leaves painting to Qt and this delegate."""


def _pixels(table: QTableView) -> QImage:
    return table.viewport().grab().toImage()


def _both_ways(table: QTableView) -> tuple[QImage, QImage, int, int]:
    """The viewport painted by the table, then by Qt's delegate; and how many times the
    model's ``multiData`` (the delegate's per-cell call) ran for each."""
    model = table.model()
    calls = [0]
    real = model.multiData

    def counting(index, span) -> None:
        calls[0] += 1
        real(index, span)

    model.multiData = counting
    try:
        own = _pixels(table)
        own_calls = calls[0]
        delegate = table.itemDelegate()
        table.setItemDelegate(QtsOwnPaint(table))
        try:
            qts = _pixels(table)
        finally:
            table.setItemDelegate(delegate)
        return own, qts, own_calls, calls[0] - own_calls
    finally:
        del model.multiData


def _pending_payment(ctx, account_id: int) -> None:
    with ctx.cache_engine.connect() as conn:
        balance, branch = conn.execute(text(
            "SELECT balance_paise, branch_id FROM accounts WHERE id = :a"),
            {"a": account_id}).one()
    ctx.outbox.enqueue_payment(
        account_id=account_id,
        payload={"option": "advance", "method": "cash", "reference": None,
                 "amount_paise": 10_000, "plan_id": None, "charge_paise": 0,
                 "balance_before_paise": balance,
                 "taken_at": int(datetime(2026, 11, 27, tzinfo=UTC).timestamp()),
                 "branch_id": branch, "tendered_paise": None},
        created_by="admin", mutation_id=str(uuid.uuid4()))
    ctx.events.outbox_changed.emit()


@pytest.fixture
def app_fonts(qapp, request) -> Iterator[None]:
    """The application font as desktop.app.main leaves it (``register_app_fonts``: Tamil
    as a fallback family, whose text widths are fractions of a pixel), put back after."""
    if not request.param:
        yield
        return
    from desktop.language.fonts import register_app_fonts

    before = QFont(QGuiApplication.font())
    family = before.family()
    substitutes = QFont.substitutes(family)
    register_app_fonts()
    yield
    QGuiApplication.setFont(before)
    QFont.removeSubstitutions(family)
    if substitutes:
        QFont.insertSubstitutions(family, substitutes)


@pytest.mark.parametrize("app_fonts", [False, True], ids=["qt-font", "app-fonts"],
                         indirect=True)
@pytest.mark.parametrize("scrolled", [False, True], ids=["top", "middle"])
def test_rows_painted_as_qts_delegate_paints_them(qtbot, admin_ctx, open_window,  # noqa: F811
                                                 scrolled, app_fonts) -> None:
    window: MainWindow = open_window(admin_ctx)
    table = window.table
    model = window.model
    window.resize(1100, 700)
    # narrow columns, so names, branches and balances are elided
    table.horizontalHeader().resizeSection(COL_NAME, 70)
    table.horizontalHeader().resizeSection(COL_BRANCH, 40)
    table.horizontalHeader().resizeSection(COL_BALANCE, 95)
    if scrolled:
        table.scrollTo(model.index(model.rowCount() // 2, COL_NAME),
                       QTableView.ScrollHint.PositionAtTop)
    top = table.rowAt(0)
    # a selected row, and a row whose balance carries the pending-sync mark
    table.selectRow(top + 3)
    marked = model.row_at(top + 5).id
    _pending_payment(admin_ctx, marked)
    qtbot.waitUntil(lambda: model.index(top + 5, COL_BALANCE).data(
        Qt.ItemDataRole.DecorationRole) is not None, timeout=5000)
    wait_ready(qtbot, window)

    own, qts, own_calls, qts_calls = _both_ways(table)

    assert qts_calls > 100, "Qt's delegate asks the model for every cell"
    assert own_calls == 0, "the table paints its rows without a call per cell"
    assert own.size() == qts.size()
    assert own == qts
    # painted again from the texts kept by the first paint: the same pixels
    assert len(table._rows.texts) > 0
    assert _pixels(table) == qts


def test_focus_frame_and_unfocused_window_as_qts(qtbot, admin_ctx, open_window) -> None:  # noqa: F811
    window: MainWindow = open_window(admin_ctx)
    table = window.table
    window.activateWindow()
    table.setFocus()
    table.setCurrentIndex(window.model.index(2, COL_NAME))
    qtbot.waitUntil(table.hasFocus, timeout=5000)
    own, qts, _own_calls, _qts_calls = _both_ways(table)
    assert own == qts
    table.clearFocus()
    own, qts, _own_calls, _qts_calls = _both_ways(table)
    assert own == qts


def test_rows_not_fetched_yet_say_loading_as_before(qtbot, admin_ctx, open_window) -> None:  # noqa: F811
    window: MainWindow = open_window(admin_ctx)
    model = window.model
    # the state between the first page and the full list: only the first page is known
    first = [model.rowid_at(i) for i in range(40)]
    model._ids = None
    model._first = first
    window.table.scrollToBottom()
    own, qts, own_calls, _qts_calls = _both_ways(window.table)
    assert own_calls == 0
    assert own == qts
    assert model._placeholder_shown, "the full list's arrival must repaint these rows"


def test_tamil_words_painted_as_qts(qtbot, qapp, admin_ctx, open_window) -> None:  # noqa: F811
    window: MainWindow = open_window(admin_ctx)
    with tamil(qapp):
        qtbot.waitUntil(lambda: has_tamil(window.model.index(0, COL_STATUS).data()),
                        timeout=5000)
        window.table.horizontalHeader().resizeSection(COL_STATUS, 60)  # elided Tamil
        own, qts, own_calls, _qts_calls = _both_ways(window.table)
        assert own_calls == 0
        assert own == qts


def test_another_style_painted_as_qts(qtbot, admin_ctx, open_window) -> None:  # noqa: F811
    """Margins, icon sizes, focus frame and colours come from the view's style: with Qt's
    classic Windows style (the one other style a Linux Qt has) the pixels still match."""
    window: MainWindow = open_window(admin_ctx)
    table = window.table
    style = QStyleFactory.create("Windows")
    assert style is not None
    table.setStyle(style)
    table.selectRow(1)
    table.setFocus()
    table.setCurrentIndex(window.model.index(1, COL_NAME))
    own, qts, own_calls, _qts_calls = _both_ways(table)
    assert own_calls == 0
    assert own == qts


def _laid_out_width(text: str, font: QFont) -> float:
    """The width Qt's item delegate elides a text by: its laid-out line's."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return line.naturalTextWidth()


def test_kept_texts_are_bounded_and_the_ones_every_page_shows_stay(qapp) -> None:
    """Paging through many accounts keeps at most two generations of texts; a text drawn
    on every page (a state) stays the one made first; a new font forgets them all."""
    texts = _Texts()
    font = QFont(qapp.font())
    texts.use_font(font)
    width, active = texts.get("Active", font)
    assert width == pytest.approx(_laid_out_width("Active", font))
    for n in range(TEXTS_PER_GENERATION * 5):
        texts.get(f"+91 98{n:08d}", font)
        assert len(texts) <= 2 * TEXTS_PER_GENERATION
        if n % 100 == 0:
            assert texts.get("Active", font)[1] is active
    assert texts.get("Active", font)[1] is active
    texts.use_font(font)
    assert texts.get("Active", font)[1] is active, "the same font keeps them"
    font.setPointSize(font.pointSize() + 3)
    texts.use_font(font)
    assert len(texts) == 0
    width, static = texts.get("Active", font)
    assert static is not active and width == pytest.approx(_laid_out_width("Active", font))
    font.setFamilies([*font.families(), "Noto Sans Tamil"])  # a fallback, same key()
    texts.use_font(font)
    assert len(texts) == 0, "a new fallback family forgets them too"
