"""How the window's tables look: row selection, compact rows, columns fitted to their content.

Kept apart from the list pages (``views.records``) so that a page with one small table (Home,
the catalogues, the import preview) does not import the lists, their forms and services.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

MAX_COLUMN_WIDTH = 360


def configure_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setResizeContentsPrecision(60)


def fit_columns(view: QTableView, stretch: int | None = None) -> None:
    """Columns as wide as their content (the visible rows), one column taking what is left.

    When the columns would not fit the view's width, the widest of the others are narrowed
    to a common width (never below their header), so that nothing essential hides behind a
    horizontal scrollbar on a 1366×768 screen; their full text stays in the tooltip.
    """
    header = view.horizontalHeader()
    view.resizeColumnsToContents()
    count = header.count()
    widths = [
        min(max(view.columnWidth(c), header.sectionSizeHint(c)) + 12, MAX_COLUMN_WIDTH)
        for c in range(count)
    ]
    floors = [header.sectionSizeHint(c) + 12 for c in range(count)]
    available = view.viewport().width() or view.width()
    if stretch is not None and 0 <= stretch < count:
        widths[stretch] = max(floors[stretch], min(widths[stretch], MIN_STRETCH_WIDTH))
    excess = sum(widths) - available
    if excess > 0:
        widths = _narrowed(widths, floors, excess, keep=stretch)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


MIN_STRETCH_WIDTH = 240


def _narrowed(widths: list[int], floors: list[int], excess: int, keep: int | None) -> list[int]:
    """Lower a common cap on the widest columns (not ``keep``) until ``excess`` is taken."""
    widths = list(widths)
    columns = [c for c in range(len(widths)) if c != keep]
    while excess > 0:
        wide = [c for c in columns if widths[c] > floors[c]]
        if not wide:
            break
        widest = max(widths[c] for c in wide)
        at_top = [c for c in wide if widths[c] == widest]
        below = max([widths[c] for c in wide if widths[c] < widest], default=0)
        floor = max(floors[c] for c in at_top)
        # At least 1: every column at the top is above its floor, ``below`` is under the top
        # and ``excess`` is positive.
        step = min(widest - max(below, floor), -(-excess // len(at_top)))
        for c in at_top:
            cut = min(step, widths[c] - floors[c], excess)
            widths[c] -= cut
            excess -= cut
    return widths
