"""The account table's own paint: the visible rows drawn from their formatted cells.

Qt's item views paint a cell at a time through a delegate: for the account table that is
one Python ``multiData`` call and one style text layout per cell, about 250 cells a page,
5 ms of the GUI thread per change (issue 18's goal for everything a change costs there is
4 ms). Here the whole visible page is drawn in one Python call from the
:class:`~desktop.accounts.table_cells.Cells` the database worker already formatted: a
background per row, a pen and an elided text per cell, the two icons, the style's own
focus frame. About 1.5 ms for the same page (``docs/performance.md``).

Each text is drawn from a :class:`QStaticText` kept by its string (:class:`_Texts`): most
cells repeat from page to page (states, plan types, branches, names, "5 day(s) ago"), and a
kept text is drawn without being laid out again, which is most of what drawing it costs.

What it draws is what the delegate drew with the same palette and style metrics: alternate
row colours, the selected row in the palette's highlight (its text in highlighted text),
the cell colours of the model (dues red, credit green, ...), right-aligned IDs and balances,
texts elided on the right, the tag icon and the "pending sync" mark before the balance,
"Loading…" in the name column of a row not yet fetched. Anything outside that (another
model, a right-to-left layout, a grid) is painted by :class:`QTableView` as before.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette, QPixmap, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QTableView

from desktop.accounts.table_columns import COL_BALANCE, COL_NAME, COL_TAG, RIGHT_ALIGNED
from desktop.accounts.table_model import AccountsTableModel

_IDENTITY = QTransform()

#: Texts kept in one generation of :class:`_Texts` (about 1.2 kB each when drawn).
TEXTS_PER_GENERATION = 2_000


class _Texts:
    """Texts ready to draw, each with its width in the view's font, kept by their string.

    Two generations: when the newer one is full it becomes the older one and the oldest is
    dropped, and a text found in the older one moves back to the newer. So the texts every
    page shows (states, plan types, branches) stay, and at most twice
    :data:`TEXTS_PER_GENERATION` are kept, whatever the pages paged through.
    """

    def __init__(self) -> None:
        self._new: dict[str, tuple[float, QStaticText]] = {}
        self._old: dict[str, tuple[float, QStaticText]] = {}
        self._font = ""

    def use_font(self, font: QFont) -> None:
        """Forget every text when the view's font is not the one they were laid out in.
        Its fallback families count: ``QFont.key()`` leaves them out, and the app's Tamil
        fallback (``register_app_fonts``) changes the font the Latin text is drawn in."""
        key = "|".join([font.key(), *font.families()])
        if key != self._font:
            self._new, self._old, self._font = {}, {}, key

    def get(self, text: str, font: QFont) -> tuple[float, QStaticText]:
        """``text``'s width in ``font`` and its static text, laid out in it. The width is
        the laid-out line's, to the fraction of a pixel, as Qt's item delegate measures a
        text to elide it (``QFontMetrics.horizontalAdvance`` rounds: "Salem" is 34.38
        pixels wide and 34 by it, so a 34-pixel cell showed it whole where Qt elides it)."""
        entry = self._new.get(text)
        if entry is None:
            entry = self._old.pop(text, None)
            if entry is None:
                static = QStaticText(text)
                static.setTextFormat(Qt.TextFormat.PlainText)
                static.prepare(_IDENTITY, font)
                entry = (static.size().width(), static)
            if len(self._new) >= TEXTS_PER_GENERATION:
                self._old, self._new = self._new, {}
            self._new[text] = entry
        return entry

    @property
    def kept(self) -> dict[str, tuple[float, QStaticText]]:
        """The newer generation: a text found here is drawn as :meth:`get` returns it."""
        return self._new

    def __len__(self) -> int:
        return len(self._new) + len(self._old)


class RowPainter:
    """Paints the rows of ``view`` (an account table) that ``area`` touches."""

    def __init__(self, view: QTableView) -> None:
        self._view = view
        self._icons: dict[tuple[int, QIcon.Mode, int, float], QPixmap] = {}
        self.texts = _Texts()

    def can_paint(self) -> bool:
        """The cases this painter draws as the delegate would; Qt paints the others."""
        view = self._view
        return (isinstance(view.model(), AccountsTableModel)
                and view.layoutDirection() == Qt.LayoutDirection.LeftToRight
                and not view.showGrid()
                and view.selectionBehavior() == QTableView.SelectionBehavior.SelectRows
                and view.itemDelegate().metaObject().className() == "QStyledItemDelegate")

    def paint(self, area: QRect) -> None:
        view = self._view
        model = view.model()
        assert isinstance(model, AccountsTableModel)
        viewport = view.viewport()
        count = model.rowCount()
        if count == 0:
            return
        first = view.rowAt(area.top())
        if first < 0:
            return
        last = view.rowAt(area.bottom())
        if last < 0:
            last = count - 1
        header = view.horizontalHeader()
        columns = [
            (column, header.sectionViewportPosition(column), header.sectionSize(column),
             column in RIGHT_ALIGNED)
            for column in range(header.count())
            if not header.isSectionHidden(column)
            and header.sectionViewportPosition(column) < area.right() + 1
            and header.sectionViewportPosition(column) + header.sectionSize(column) > area.left()
        ]
        palette = view.palette()
        if not view.isEnabled():
            group = QPalette.ColorGroup.Disabled
        elif view.isActiveWindow():
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        base = palette.brush(group, QPalette.ColorRole.Base)
        alternate = palette.brush(group, QPalette.ColorRole.AlternateBase)
        highlight = palette.brush(group, QPalette.ColorRole.Highlight)
        text_colour = palette.color(group, QPalette.ColorRole.Text)
        selected_colour = palette.color(group, QPalette.ColorRole.HighlightedText)
        alternating = view.alternatingRowColors()
        metrics = view.fontMetrics()
        font = view.font()
        texts = self.texts
        texts.use_font(font)
        line_height = metrics.height()
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        icon_size = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, view)
        ratio = viewport.devicePixelRatioF()
        normal, chosen = QIcon.Mode.Normal, QIcon.Mode.Selected
        tags = (self._pixmap(model.tag_icon, normal, icon_size, ratio),
                self._pixmap(model.tag_icon, chosen, icon_size, ratio))
        marks = (self._pixmap(model.pending_icon, normal, icon_size, ratio),
                 self._pixmap(model.pending_icon, chosen, icon_size, ratio))
        elide = view.textElideMode()
        selection = view.selectionModel()
        chosen_rows = ({index.row() for index in selection.selectedRows()}
                       if selection is not None else set())
        width = viewport.width()
        loading = model.loading_text()

        painter = QPainter(viewport)
        painter.setFont(font)
        kept = texts.kept  # looked up here first: most texts of a page were drawn before
        pen: object = None  # what the pen was last set from (the colours are shared)
        for position in range(first, last + 1):
            y = view.rowViewportPosition(position)
            height = view.rowHeight(position)
            selected = position in chosen_rows
            if selected:
                painter.fillRect(0, y, width, height, highlight)
            elif alternating and position & 1:
                painter.fillRect(0, y, width, height, alternate)
            else:
                painter.fillRect(0, y, width, height, base)
            cells = model.painted_cells(position)
            icon_top = y + (height - icon_size) // 2
            top = y + (height - line_height) // 2  # centred as in the row's rectangle
            for column, x, section, right in columns:
                if column == COL_TAG:
                    painter.drawPixmap(x + margin, icon_top, tags[selected])
                    continue
                left = x + margin
                if cells is None:
                    if column != COL_NAME:
                        continue
                    text: str | None = loading
                    brush = None
                else:
                    text = cells.texts[column]
                    brush = cells.brushes[column]
                    if column == COL_BALANCE and cells.pending:
                        painter.drawPixmap(left, icon_top, marks[selected])
                        left += icon_size + margin
                if not text:
                    continue
                room = x + section - margin - left
                if room <= 0:
                    continue
                source = selected_colour if selected else (
                    brush if brush is not None else text_colour)
                if source is not pen:
                    pen = source
                    painter.setPen(source if source is not brush else brush.color())
                wide, static = kept.get(text) or texts.get(text, font)
                if wide > room:
                    wide, static = texts.get(metrics.elidedText(text, elide, room), font)
                if right:  # where Qt puts it: by the exact width
                    painter.drawStaticText(QPointF(left + room - wide, top), static)
                else:
                    painter.drawStaticText(left, top, static)
        self._focus_frame(painter, area)
        painter.end()

    def _focus_frame(self, painter: QPainter, area: QRect) -> None:
        """The style's focus frame on the current cell, as the delegate draws it."""
        view = self._view
        current = view.currentIndex()
        if not (view.hasFocus() and current.isValid()):
            return
        rect = view.visualRect(current)
        if not rect.intersects(area):
            return
        option = QStyleOptionFocusRect()
        option.initFrom(view)
        option.rect = rect
        option.state |= QStyle.StateFlag.State_KeyboardFocusChange
        selection = view.selectionModel()
        if selection is not None and selection.isRowSelected(current.row()):
            option.backgroundColor = view.palette().color(QPalette.ColorRole.Highlight)
        else:
            option.backgroundColor = view.palette().color(QPalette.ColorRole.Base)
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option,
                                   painter, view)

    def _pixmap(self, icon: QIcon, mode: QIcon.Mode, size: int, ratio: float) -> QPixmap:
        """``icon`` at ``size`` for this screen in ``mode`` (a selected row's icon is drawn
        in the selected mode, as the delegate does), made once."""
        key = (icon.cacheKey(), mode, size, ratio)
        pixmap = self._icons.get(key)
        if pixmap is None:
            pixmap = self._icons[key] = icon.pixmap(QSize(size, size), ratio, mode)
        return pixmap
