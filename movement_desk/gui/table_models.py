"""Qt item models over the service layer: paged record lists, the Home figures, recipients.

``RecordTableModel`` shows a ``services.records.listing.RecordList``: the row count comes from SQL and
rows are read a page at a time when the view asks for them, so 130.000 sessions open at once.
Sorting and filtering also happen in SQL (see ``listing``), never in a proxy model.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from movement_desk.db.choices import RecipientKind
from movement_desk.gui import texts
from movement_desk.gui.list_loader import QueryCancelled, QueryWorker
from movement_desk.services.core import period_locks
from movement_desk.services.core.actor import Actor
from movement_desk.services.core.filters import RecordFilter
from movement_desk.services.dashboard import Dashboard
from movement_desk.services.records import listing
from movement_desk.services.records.commendations import signer_title_line

PAGE_SIZE = 100
CACHED_PAGES = 60
# How long the GUI thread waits for a list query before leaving it to arrive later: short
# enough that typing never stalls (< 50 ms), long enough that small lists show at once.
SYNC_WAIT_MS = 15
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_BRUSH = QBrush(QColor("#fde2e1"))
ERROR_BRUSH = QBrush(QColor("#f8c9c6"))
LINK_BRUSH = QBrush(QColor("#0b57d0"))
LOCKED_BRUSH = QBrush(QColor("#6b6b6b"))
LOCK_ROLE = Qt.ItemDataRole.UserRole + 5
_LOCK_ICON: list[QIcon] = []


def lock_icon() -> QIcon:
    """A small grey padlock, drawn once (no icon file to ship, no emoji font to rely on)."""
    if not _LOCK_ICON:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#6b6b6b"), 1.6))
        painter.drawArc(4, 1, 8, 10, 0, 180 * 16)  # the shackle
        painter.drawLine(4, 6, 4, 8)
        painter.drawLine(12, 6, 12, 8)
        painter.fillRect(2, 7, 12, 8, QColor("#6b6b6b"))  # the body
        painter.end()
        _LOCK_ICON.append(QIcon(pixmap))
    return _LOCK_ICON[0]


ValidIndex = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel):
    """A flat table over a Python list: ``rows`` holds one item per row, ``headers`` the titles.

    It answers ``rowCount``, ``columnCount`` and ``headerData``; a subclass adds ``data()``
    (and ``flags``/``setData`` if its cells can be ticked or edited). Titles come in already
    translated: a subclass passes ``[self.tr("..."), ...]``, so each title keeps the subclass
    as its translation context. ``numbered`` shows 1, 2, 3... in the vertical header.
    """

    numbered = False

    def __init__(self, headers: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list = []

    def set_rows(self, rows: Iterable) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ValidIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ValidIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical and self.numbered:
            return section + 1
        return None


@dataclass(frozen=True)
class Column:
    """One column of a record list: its sort key in ``listing``, header and cell text."""

    key: str
    header: str
    text: Callable[[object], str]
    numeric: bool = False
    sortable: bool = True


class RecordTableModel(QAbstractTableModel):
    """A read-only, paged table of one kind of record, read on a worker thread.

    ``reload`` (a new filter, search or sort) hands the count and the first page to the
    model's ``QueryWorker`` and waits at most ``SYNC_WAIT_MS`` for them: a quick answer is
    shown at once, a slow one arrives later while the previous rows stay on screen and
    ``loading`` is True. Pages further down come the same way; a row not read yet shows
    empty cells until its page arrives (``dataChanged``).
    """

    countChanged = Signal(int)  # noqa: N815 - Qt naming
    loadingChanged = Signal(bool)  # noqa: N815
    reloaded = Signal()  # a new list (filter, search or sort) is shown
    rowLocated = Signal(str, int)  # noqa: N815 - uuid, row (-1: not in the list)

    kind = ""
    day_field = ""  # the record's date, by which a locked period marks its row

    def __init__(self, parent: QObject | None = None, *, actor: Actor):
        super().__init__(parent)
        self.actor = actor  # whose scope the list shows (services.records.listing)
        self.columns = self.build_columns()
        self._locked = period_locks.LockedDays(read=False)
        self.record_filter = RecordFilter()
        self._sort: str | None = None
        self._descending: bool | None = None
        self._list = listing.RecordList(self.kind, self.record_filter, actor=actor)
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._page_tickets: dict[int, int] = {}
        self._count = 0
        self._loaded = False
        self._reload_ticket: int | None = None
        self._count_ticket: int | None = None
        self.reload_reason = "refresh"
        self._locate_tickets: dict[int, str] = {}
        self.extra: object = None  # what ``extra_work`` computed for the shown list
        self.worker = QueryWorker(self)
        self.worker.finished.connect(self._on_worker_finished)

    def build_columns(self) -> list[Column]:  # pragma: no cover - overridden
        raise NotImplementedError

    # -- what is shown ------------------------------------------------------------------------
    def set_filter(self, record_filter: RecordFilter) -> None:
        if record_filter.text.strip() != self.record_filter.text.strip():
            # A new search is ranked (best match first) until a column is clicked again.
            self._sort = self._descending = None
        self.record_filter = record_filter
        self.reload(reason="filter")

    def reload(self, reason: str = "refresh") -> None:
        """Read the count and first page again (after a filter, sort or save).

        Stale queries of this list are cancelled; the answer is applied at once when it
        comes within ``SYNC_WAIT_MS``, else when it arrives. ``reason`` ("filter", "sort",
        "refresh") tells the view whether to keep the selected record (not for a new filter).
        """
        self.reload_reason = reason
        record_list = listing.RecordList(
            self.kind, self.record_filter, self._sort, self._descending, actor=self.actor
        )

        def first_page():
            return record_list, record_list.fetch(0, PAGE_SIZE)

        def count():
            return record_list, *self.count_work(record_list)

        self._page_tickets.clear()
        was_loading = self._reload_ticket is not None
        started = time.monotonic()
        # The first page, then the exact count: the rows show before the counting is done.
        self._reload_ticket = self.worker.submit(first_page, supersede=True)
        self._count_ticket = self.worker.submit(count)
        if not was_loading:
            self.loadingChanged.emit(True)
        if self._collect(self._reload_ticket, SYNC_WAIT_MS):
            spent = (time.monotonic() - started) * 1000
            self._collect(self._count_ticket, max(SYNC_WAIT_MS - spent, 0))

    def count_work(self, record_list: listing.RecordList) -> tuple[int, object]:
        """The list's exact count and ``extra`` figures (worker thread)."""
        return record_list.count(), None

    @property
    def counting(self) -> bool:
        """True while the exact count of the shown list is being read."""
        return self._count_ticket is not None

    @property
    def loading(self) -> bool:
        """True while a newer list than the one shown is being read."""
        return self._reload_ticket is not None

    def _apply_reload(self, result) -> None:
        record_list, first = result
        self.beginResetModel()
        self._list = record_list
        self._pages.clear()
        if first:
            self._pages[0] = first
        # Until the count arrives the list holds the first page (all of it if shorter).
        self._count = len(first)
        self.extra = None
        self._locked = period_locks.LockedDays()  # a few rows: which records to grey
        self._loaded = True
        self.endResetModel()
        self.reloaded.emit()

    def _apply_count(self, result) -> None:
        record_list, count, extra = result
        if record_list is not self._list:
            return
        self.extra = extra
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:  # a record deleted meanwhile
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        self.countChanged.emit(self._count)

    def _collect(self, ticket: int, wait_ms: float, *, notify: bool = True) -> bool:
        """Apply ``ticket``'s result if it is ready within ``wait_ms``; True if applied."""
        if not self.worker.wait(ticket, wait_ms):
            return False
        return self._deliver(ticket, notify=notify)

    def _deliver(self, ticket: int, *, notify: bool = True) -> bool:
        ready, result, error = self.worker.take(ticket)
        if not ready:
            return False
        if isinstance(error, QueryCancelled):
            return False
        if ticket == self._reload_ticket:
            self._reload_ticket = None
            self.loadingChanged.emit(False)
            if error is not None:
                raise error
            self._apply_reload(result)
            return True
        if ticket == self._count_ticket:
            self._count_ticket = None
            if error is not None:
                raise error
            self._apply_count(result)
            return True
        if ticket in self._locate_tickets:
            uuid = self._locate_tickets.pop(ticket)
            if error is None:
                self.rowLocated.emit(uuid, -1 if result is None else result)
            return True
        for page_number, page_ticket in list(self._page_tickets.items()):
            if page_ticket == ticket:
                del self._page_tickets[page_number]
                if error is None and result is not None and result[0] is self._list:
                    self._store_page(page_number, result[1])
                    if not notify:  # asked for by the view's own data() call
                        return True
                    first = page_number * PAGE_SIZE
                    last = min(first + PAGE_SIZE, self._count) - 1
                    if last >= first:
                        self.dataChanged.emit(
                            self.index(first, 0), self.index(last, len(self.columns) - 1)
                        )
                return True
        return False

    def _on_worker_finished(self, ticket: int) -> None:
        self._deliver(ticket)

    def wait_until_loaded(self, milliseconds: int = 30_000) -> bool:
        """Block until the newest list and its count are shown (tests, benchmarks)."""
        for ticket in (self._reload_ticket, self._count_ticket):
            if ticket is not None and not self._collect(ticket, milliseconds):
                return False
        return True

    @property
    def count(self) -> int:
        return self._count

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        """The sorted column and order (-1 when ranked by the search)."""
        if self._list.ranked:
            return -1, Qt.SortOrder.AscendingOrder
        column = next((i for i, c in enumerate(self.columns) if c.key == self._list.sort), 0)
        order = (
            Qt.SortOrder.DescendingOrder if self._list.descending else Qt.SortOrder.AscendingOrder
        )
        return column, order

    def _store_page(self, page_number: int, page: list) -> None:
        self._pages[page_number] = page
        if len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)

    def record(self, row: int):
        if not 0 <= row < self._count:
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self._request_page(page_number)
            if page is None:
                return None
        else:
            self._pages.move_to_end(page_number)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _request_page(self, page_number: int) -> list | None:
        ticket = self._page_tickets.get(page_number)
        if ticket is None:
            record_list = self._list

            def work():
                return record_list, record_list.fetch(page_number * PAGE_SIZE, PAGE_SIZE)

            ticket = self.worker.submit(work)
            self._page_tickets[page_number] = ticket
        self._collect(ticket, SYNC_WAIT_MS, notify=False)
        return self._pages.get(page_number)

    def row_of_uuid(self, uuid: str, wait_ms: float | None = None) -> int | None:
        """The row of a record in the shown list, or None (hidden, or not known yet).

        When the answer takes longer than ``wait_ms`` it comes later as ``rowLocated``.
        """
        for page_number, page in self._pages.items():
            for offset, record in enumerate(page):
                if record.uuid == uuid:  # already read: no query
                    return page_number * PAGE_SIZE + offset
        record_list = self._list

        def work():
            return record_list.row_of_uuid(uuid)

        ticket = self.worker.submit(work)
        self._locate_tickets[ticket] = uuid
        wait = SYNC_WAIT_MS if wait_ms is None else wait_ms
        if not self.worker.wait(ticket, wait):
            return None
        self._locate_tickets.pop(ticket, None)
        ready, result, error = self.worker.take(ticket)
        if not ready or error is not None:
            return None
        return result

    # -- Qt model interface -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(RIGHT if column.numeric else LEFT)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            record = self.record(index.row())
            if record is None:
                return None
            text = column.text(record)
            if role == Qt.ItemDataRole.ToolTipRole:
                lock = self.lock_of(index.row())
                if lock is not None:
                    note = QCoreApplication.translate(
                        "RecordTableModel", "Locked: {period}"
                    ).format(period=period_locks.describe(lock))
                    return f"{text}\n{note}" if len(text) >= 40 else note
                if len(text) < 40:
                    return None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column.numeric else LEFT)
        if role == RECORD_ROLE:
            return self.record(index.row())
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole, LOCK_ROLE):
            lock = self.lock_of(index.row())
            if lock is None:
                return None
            if role == LOCK_ROLE:
                return lock
            if role == Qt.ItemDataRole.ForegroundRole:
                return LOCKED_BRUSH
            return lock_icon() if index.column() == 0 else None
        return None

    def lock_of(self, row: int):
        """The period lock the record of ``row`` lies in, if any (its row is greyed, marked
        with a padlock, and says so in its tooltip)."""
        record = self.record(row) if self.day_field else None
        if record is None:
            return None
        return self._locked.lock_for(record.unit_id, getattr(record, self.day_field, None))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        key = self.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._list.sort, self._list.descending):
            return
        self._sort = key
        self._descending = descending
        if self._loaded or self._reload_ticket is not None:
            self.reload(reason="sort")


class SessionTableModel(RecordTableModel):
    kind = "sessions"
    day_field = "held_on"

    def count_work(self, record_list: listing.RecordList) -> tuple[int, object]:
        """The count with the participants and tips of the whole list (one query)."""
        totals = listing.session_totals(record_list.record_filter, actor=self.actor)
        return totals[0], totals

    def build_columns(self) -> list[Column]:
        return [
            Column("date", self.tr("Date"), lambda s: texts.day(s.held_on)),
            Column("unit", self.tr("Unit"), lambda s: s.unit.title),
            Column("kind", self.tr("Kind"), lambda s: texts.choice_text(s.kind)),
            Column("organizer", self.tr("Organiser"), lambda s: s.organizer_name),
            Column("title", self.tr("Title"), lambda s: s.title),
            Column(
                "participants",
                self.tr("Participants"),
                lambda s: texts.number(s.participants),
                numeric=True,
            ),
            Column("tips", self.tr("Tips"), lambda s: texts.number(s.tips), numeric=True),
        ]


class CommunityModelTableModel(RecordTableModel):
    kind = "models"
    day_field = "established_on"

    def build_columns(self) -> list[Column]:
        return [
            Column("name", self.tr("Name"), lambda m: m.name),
            Column("model_type", self.tr("Model type"), lambda m: m.model_type.name),
            Column("unit", self.tr("Unit"), lambda m: m.unit.title),
            Column("managing", self.tr("Managed by"), lambda m: m.managing_name),
            Column("established_on", self.tr("Established"), lambda m: texts.day(m.established_on)),
            Column("members", self.tr("Members"), lambda m: texts.number(m.members), numeric=True),
            Column("status", self.tr("Status"), lambda m: texts.choice_text(m.status)),
        ]


class DecisionTableModel(RecordTableModel):
    kind = "decisions"
    day_field = "decided_on"

    def __init__(self, parent: QObject | None = None, *, actor: Actor):
        self._recipient_counts: dict[int, int] = {}
        super().__init__(parent, actor=actor)

    def build_columns(self) -> list[Column]:
        return [
            Column("number", self.tr("Number"), lambda d: d.number),
            Column("date", self.tr("Date"), lambda d: texts.day(d.decided_on)),
            Column("authority", self.tr("Issued by"), lambda d: " ".join(d.authority.split())),
            Column("form", self.tr("Form"), self._form_text),
            Column("unit", self.tr("Unit"), lambda d: d.unit.title),
            Column(
                "recipients",
                self.tr("Recipients"),
                lambda d: texts.number(self._recipients(d)),
                numeric=True,
                sortable=False,
            ),
            Column("signer", self.tr("Signed by"), self._signer_text, sortable=False),
        ]

    def _apply_reload(self, result) -> None:
        self._recipient_counts = {}
        super()._apply_reload(result)

    def _recipients(self, decision) -> int:
        if decision.id not in self._recipient_counts:
            page = self._pages.get(self._page_of_id(decision.id), [decision])
            self._recipient_counts.update(listing.recipient_counts([d.id for d in page]))
            self._recipient_counts.setdefault(decision.id, 0)
        return self._recipient_counts[decision.id]

    def _page_of_id(self, decision_id: int) -> int:
        for number, page in self._pages.items():
            if any(d.id == decision_id for d in page):
                return number
        return -1

    @staticmethod
    def _form_text(decision) -> str:
        return decision.emulation_title or texts.choice_text(decision.form)

    @staticmethod
    def _signer_text(decision) -> str:
        title = " ".join(signer_title_line(decision).split())
        return f"{title} {decision.signer_name}".strip()


class HomeTableModel(ListTableModel):
    """Per child unit: what was entered in the current period; empty units highlighted."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(
            [
                self.tr("Unit"),
                self.tr("Sessions"),
                self.tr("Participants"),
                self.tr("Tips"),
                self.tr("New models"),
                self.tr("Last session"),
            ],
            parent,
        )

    def set_dashboard(self, dashboard: Dashboard | None) -> None:
        self.set_rows(dashboard.rows if dashboard else [])

    def unit_code(self, row: int) -> str | None:
        if 0 <= row < len(self.rows):
            return self.rows[row].unit_code
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.unit_title
            if column == 5:
                if row.last_entry:
                    return texts.day(row.last_entry)
                return self.tr("nothing entered") if row.is_empty else "–"  # models, no session
            values = [row.sessions, row.participants, row.tips, row.models]
            return texts.number(values[column - 1]) if 1 <= column <= 4 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT if column in (0, 5) else RIGHT)
        if role == Qt.ItemDataRole.BackgroundRole and row.is_empty:
            return MISSING_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return LINK_BRUSH
        if role == Qt.ItemDataRole.FontRole and row.is_empty and column == 5:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None


RECIPIENT_FIELDS = [
    "recipient_kind",
    "recipient_name",
    "recipient_position",
    "recipient_unit",
    "achievement",
    "register_number",
]


class RecipientsTableModel(ListTableModel):
    """The editable list of a decision's recipients; rows are raw values (text)."""

    edited = Signal()
    numbered = True

    def __init__(self, parent: QObject | None = None):
        super().__init__(
            [
                self.tr("Recipient kind"),
                self.tr("Name"),
                self.tr("Position or rank"),
                self.tr("Unit or address"),
                self.tr("Own achievement (if different)"),
                self.tr("Register no."),
            ],
            parent,
        )
        self.rows: list[dict] = []
        self.errors: dict[int, str] = {}  # row -> message

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = [dict(row) for row in rows]
        self.errors = {}
        self.endResetModel()

    def raw_rows(self) -> list[dict]:
        """Rows with something typed in them, as raw values for ``save_decision``."""
        return [
            dict(row)
            for row in self.rows
            if any(str(row.get(f) or "").strip() for f in RECIPIENT_FIELDS[1:])
        ]

    def set_errors(self, errors: dict[int, str]) -> None:
        self.errors = errors
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 5))

    def _kind_text(self, value: object) -> str:
        from movement_desk.services.core.validation import match_choice

        member = match_choice(RecipientKind, value) if value else None
        return texts.choice_text(member) if member else str(value or "")

    # -- Qt model interface -------------------------------------------------------------------
    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        field = RECIPIENT_FIELDS[index.column()]  # a valid index is one of its six columns
        value = self.rows[index.row()].get(field, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return self._kind_text(value) if field == "recipient_kind" else str(value or "")
        if role == Qt.ItemDataRole.EditRole:
            return self._kind_text(value) if field == "recipient_kind" else str(value or "")
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self.errors:
            return ERROR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and index.row() in self.errors:
            return self.errors[index.row()]
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field = RECIPIENT_FIELDS[index.column()]
        self.rows[index.row()][field] = "" if value is None else str(value)
        self.errors.pop(index.row(), None)
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(RECIPIENT_FIELDS) - 1)
        )
        self.edited.emit()
        return True

    def insertRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        if parent.isValid() or count < 1 or not 0 <= row <= len(self.rows):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self.rows.insert(row, {"recipient_kind": RecipientKind.INDIVIDUAL.value})
        self.endInsertRows()
        self.errors = {}
        self.edited.emit()
        return True

    def removeRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self.rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.rows[row : row + count]
        self.endRemoveRows()
        self.errors = {}
        self.edited.emit()
        return True

    def paste_text(self, text: str, at_row: int, at_column: int = 0) -> int:
        """Add or overwrite rows from tab-separated text (cells copied from Excel).

        Rows are written from ``at_row`` on, columns from ``at_column``; rows past the end are
        added. Returns how many rows were written.
        """
        lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return 0
        at_row = max(0, min(at_row, len(self.rows)))
        for offset, line in enumerate(lines):
            row = at_row + offset
            if row >= len(self.rows):
                self.insertRows(len(self.rows), 1)
            cells = line.split("\t")
            for column_offset, cell in enumerate(cells):
                column = at_column + column_offset
                if column < len(RECIPIENT_FIELDS):
                    self.rows[row][RECIPIENT_FIELDS[column]] = cell.strip()
        self.errors = {}
        self.dataChanged.emit(
            self.index(at_row, 0), self.index(at_row + len(lines) - 1, len(RECIPIENT_FIELDS) - 1)
        )
        self.edited.emit()
        return len(lines)


class SimpleTableModel(ListTableModel):
    """A small read-only table of texts (catalogues); ``keys`` keeps each row's identity."""

    def __init__(self, headers: list[str], parent: QObject | None = None):
        super().__init__(headers, parent)
        self.rows: list[list[str]] = []
        self.keys: list[object] = []

    def set_rows(self, rows: list[list[str]], keys: list[object]) -> None:
        self.beginResetModel()
        self.rows, self.keys = rows, keys
        self.endResetModel()

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= index.column() < len(self.headers):
            return self.rows[index.row()][index.column()]
        return None
