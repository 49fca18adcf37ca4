"""Input widgets shared by the forms and filters: dates, counts, choices, the unit pickers."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from movement_desk import vietnamese
from movement_desk.gui import texts
from movement_desk.services.core.actor import Actor
from movement_desk.services.records import units

FOLD_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_ROLE = Qt.ItemDataRole.UserRole + 3
IN_FORCE_ROLE = Qt.ItemDataRole.UserRole + 4


class ErrorLabel(QLabel):
    """The service's message for one field, shown right under it; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class _SelectOnFocus(QObject):
    """Select a line's whole text when it gets the focus, by click as well as by Tab, so that
    what is typed replaces it (a date or count shown in the field is never typed "into")."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            # After the mouse press has placed the cursor, not before.
            QTimer.singleShot(0, watched, watched.selectAll)
        return False


def select_on_focus(line: QLineEdit) -> None:
    line.installEventFilter(_SelectOnFocus(line))


class DateEdit(QWidget):
    """A date typed as d/m/yyyy, dd.mm.yyyy or ddmmyyyy, with a calendar popup.

    The text is selected when the field gets the focus, so typing replaces it. Beside the
    field a note says how the text was read ("Friday 20/11/2026"); once the field is left a
    readable date is rewritten as dd/mm/yyyy. ``value()`` is that dd/mm/yyyy text, or the
    text as typed when it is not a date (the service then says what is wrong).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.line.setMaxLength(24)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") * 2)
        self.line.textChanged.connect(self.changed)
        self.line.textChanged.connect(self._on_line_text_changed)
        self.line.editingFinished.connect(self._on_line_editing_finished)
        select_on_focus(self.line)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Pick a date on a calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        self._menu = menu
        self.button.setMenu(menu)
        self.reading = QLabel(self)
        self.reading.setObjectName("date_reading")
        self.reading.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addWidget(self.reading)
        layout.addStretch(1)
        self.setFocusProxy(self.line)

    def value(self) -> str:
        text = self.line.text().strip()
        read = vietnamese.read_typed_date(text)
        return vietnamese.format_date(read) if read is not None else text

    def set_value(self, value: object) -> None:
        if isinstance(value, date):
            value = vietnamese.format_date(value)
        self.line.setText("" if value is None else str(value))

    def date_value(self) -> date | None:
        return vietnamese.read_typed_date(self.line.text())

    def _on_line_text_changed(self, text: str) -> None:
        read = vietnamese.read_typed_date(text)
        if read is None:
            self.reading.setText("")
            return
        weekday = self._weekdays()[read.weekday()]
        self.reading.setText(f"{weekday} {vietnamese.format_date(read)}")

    def _weekdays(self) -> tuple[str, ...]:
        return (
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        )

    def _on_line_editing_finished(self) -> None:
        read = vietnamese.read_typed_date(self.line.text())
        if read is not None and self.line.text() != vietnamese.format_date(read):
            self.line.setText(vietnamese.format_date(read))

    def _on_menu_about_to_show(self) -> None:
        current = self.date_value() or date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _on_calendar_clicked(self, qdate: QDate) -> None:
        self.set_value(date(qdate.year(), qdate.month(), qdate.day()))
        self._menu.close()
        self.line.setFocus()


class CountEdit(QLineEdit):
    """A whole number, shown with "." between thousands once the field is left ("1.234")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 14) + 16)
        self.editingFinished.connect(self._on_editing_finished)
        select_on_focus(self)

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: object) -> None:
        if isinstance(value, int):
            value = vietnamese.format_number(value)
        self.setText("" if value is None else str(value))

    def _on_editing_finished(self) -> None:
        try:
            number = vietnamese.parse_count(self.text())
        except vietnamese.NumberFormatError:
            return  # the service explains what is wrong when the form is saved
        self.setText(vietnamese.format_number(number))


class ChoiceCombo(QComboBox):
    """One of a Choice enum; shows the label, gives the stored key."""

    def __init__(self, enum: type[Enum], parent: QWidget | None = None):
        super().__init__(parent)
        self.enum = enum
        for member in enum:
            self.addItem(texts.choice_text(member), member.value)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: object) -> None:
        from movement_desk.services.core.validation import match_choice

        member = match_choice(self.enum, value) if value not in (None, "") else None
        index = self.findData(member.value) if member is not None else 0
        self.setCurrentIndex(max(index, 0))


def word_start_match(key: str, folded: str) -> bool:
    """True when ``key`` (folded) starts at the beginning of one of the words of ``folded``:
    "thuong minh" finds "Công an xã Thượng Minh", "an" does not find "Thanh"."""
    if not key:
        return True
    start = folded.find(key)
    while start >= 0:
        if start == 0 or not folded[start - 1].isalnum():
            return True
        start = folded.find(key, start + 1)
    return False


def _filter_by(proxy: QSortFilterProxyModel, text: str) -> None:
    """Filter ``proxy``'s rows by ``text`` folded (its ``key``), telling its views."""
    if hasattr(proxy, "beginFilterChange"):  # Qt 6.9 and later
        proxy.beginFilterChange()
        proxy.key = vietnamese.fold(text)
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:  # pragma: no cover - older Qt
        proxy.key = vietnamese.fold(text)
        proxy.invalidateFilter()


class WordStartFilter(QSortFilterProxyModel):
    """The rows whose text has the typed words at the start of any of its words, accents and
    case ignored; an empty row is never offered."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.key = ""

    def set_key(self, text: str) -> None:
        _filter_by(self, text)

    def filterAcceptsRow(self, row, parent) -> bool:  # noqa: N802
        text = self.sourceModel().index(row, 0, parent).data() or ""
        return bool(text) and word_start_match(self.key, vietnamese.fold(text))


class TextCombo(QComboBox):
    """Free text with suggestions (organisers, model types, emulation titles).

    Typing shows the suggestions that have the typed words, without accents, at the start of
    any of their words; nothing is filled in until one is picked (arrow keys, then Enter).
    F4 or Alt+Down opens the whole list.
    """

    def __init__(self, suggestions: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems([""] + suggestions)
        self.matches = WordStartFilter(self)
        self.matches.setSourceModel(self.model())
        completer = QCompleter(self.matches, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._on_line_text_edited)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)

    def _on_line_text_edited(self, text: str) -> None:
        self.matches.set_key(text)
        completer = self.completer()
        if text.strip() and self.matches.rowCount():
            completer.complete()
            # Nothing highlighted: Enter keeps what was typed unless a row was picked.
            completer.popup().setCurrentIndex(QModelIndex())
        else:
            completer.popup().hide()

    def suggestions(self) -> list[str]:
        return [self.itemText(i) for i in range(1, self.count())]

    def set_suggestions(self, suggestions: list[str]) -> None:
        """Offer another list (the same names in another order), keeping the text typed."""
        if suggestions == self.suggestions():
            return
        text = self.currentText()
        blocked = self.blockSignals(True)
        self.clear()
        self.addItems([""] + suggestions)
        self.setEditText(text)
        self.blockSignals(blocked)

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, value: object) -> None:
        self.setEditText("" if value is None else str(value))


class _ComboSearch(QObject):
    """What ``make_searchable`` adds to a combo box; its slots go with the combo."""

    def __init__(self, combo: QComboBox):
        super().__init__(combo)
        self.combo = combo
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.matches = WordStartFilter(self)
        self.matches.setSourceModel(combo.model())
        self.completer = QCompleter(self.matches, combo)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        combo.setCompleter(self.completer)
        self.line = combo.lineEdit()
        combo.installEventFilter(self)  # the combo takes the focus for its line
        self.line.textEdited.connect(self._on_line_text_edited)
        self.line.editingFinished.connect(self._on_line_editing_finished)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            QTimer.singleShot(0, self.line, self.line.selectAll)
        return False

    def _on_line_text_edited(self, text: str) -> None:
        self.matches.set_key(text)
        if text.strip() and self.matches.rowCount():
            self.completer.complete()
            self.completer.popup().setCurrentIndex(QModelIndex())
        else:
            self.completer.popup().hide()

    def _on_line_editing_finished(self) -> None:
        try:
            text = self.line.text().strip()
        except RuntimeError:  # the line going away with its window
            return
        combo = self.combo
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and text and self.matches.rowCount() == 1:
            index = self.matches.mapToSource(self.matches.index(0, 0)).row()
        if index >= 0:
            combo.setCurrentIndex(index)
        self.line.setText(combo.itemText(combo.currentIndex()))


def make_searchable(combo: QComboBox) -> None:
    """Let a list of choices be searched by typing part of an entry, accents not needed;
    the choice stays one of the list (what matches nothing goes back to the current one)."""
    if combo.findChild(_ComboSearch) is None:
        _ComboSearch(combo)


def unit_label(unit) -> str:
    """ "Xã Chợ Đồn (01234)", with the end of validity for units that no longer exist."""
    text = f"{unit.title} ({unit.code})"
    if unit.valid_to:
        until = QCoreApplication.translate("widgets", "until {date}")
        text += " " + until.format(date=vietnamese.format_date(unit.valid_to))
    return text


def acting_account(widget: QObject) -> Actor | None:
    """The signed-in account a widget works for: the nearest ``actor`` or ``context.actor``
    among the widget and its parents (the unit pickers offer only that account's units)."""
    current = widget
    while current is not None:
        actor = getattr(current, "actor", None)
        if isinstance(actor, Actor):
            return actor
        context = getattr(current, "context", None)
        if isinstance(getattr(context, "actor", None), Actor):
            return context.actor
        current = current.parent()
    return None


class UnitPicker(QWidget):
    """Type part of a unit's name without accents ("cho don") or its code; pick from the list."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("type a name (no accents needed) or a code"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("M" * 24))
        layout.addWidget(self.line)
        self.setFocusProxy(self.line)
        self._matches = QStandardItemModel(self)
        self.completer = QCompleter(self._matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.line.setCompleter(self.completer)
        self.completer.activated[str].connect(self._on_completer_activated)
        self.line.textEdited.connect(self._on_line_text_edited)
        self.line.returnPressed.connect(self._on_line_return_pressed)
        self.line.textChanged.connect(self.changed)
        self._code = ""
        self._shown = ""
        self.day: date | None = None

    def set_day(self, day: date | None) -> None:
        """The record's date: only units that existed that day are offered (None: any)."""
        self.day = day

    def _on_line_text_edited(self, text: str) -> None:
        self._matches.clear()
        if len(text.strip()) < 1:
            return
        actor = acting_account(self)
        if actor is None:  # no signed-in account around this picker: offer nothing
            return
        for unit in units.search_units(text, on=self.day, limit=30, actor=actor):
            item = QStandardItem(unit_label(unit))
            item.setData(unit.code, CODE_ROLE)
            item.setData(unit.existed_on(self.day or date.today()), IN_FORCE_ROLE)
            self._matches.appendRow(item)
        self.completer.complete()
        self.completer.popup().setCurrentIndex(QModelIndex())  # nothing chosen by itself

    def _on_line_return_pressed(self) -> None:
        """Enter picks the highlighted unit, or the only one that matches what was typed."""
        text = self.line.text().strip()
        if not text or (self._code and text == self._shown):
            return
        rows = [self._matches.item(row) for row in range(self._matches.rowCount())]
        in_force = [item for item in rows if item.data(IN_FORCE_ROLE)]
        chosen = (
            [item for item in rows if item.text() == text]
            or (rows if len(rows) == 1 else [])
            # "cho ra": the abolished township and today's commune; the one in force wins.
            or (in_force if len(in_force) == 1 else [])
        )
        if chosen:
            self._on_completer_activated(chosen[0].text())
            self.completer.popup().hide()

    def _on_completer_activated(self, text: str) -> None:
        for row in range(self._matches.rowCount()):
            item = self._matches.item(row)
            if item.text() == text:
                self._code, self._shown = item.data(CODE_ROLE), text
                break
        self.line.setText(text)

    def value(self) -> str:
        """The chosen unit's code, or what was typed (the service says if it is unknown)."""
        text = self.line.text().strip()
        if self._code and text == self._shown:
            return self._code
        if text.endswith(")") and "(" in text:
            return text.rsplit("(", 1)[1].rstrip(")").strip()
        return text

    def set_value(self, code: object) -> None:
        code = "" if code is None else str(getattr(code, "code", code))
        unit = units.find_unit(code) if code else None
        if unit is None:
            self._code, self._shown = "", ""
            self.line.setText(code)
            return
        self._code, self._shown = unit.code, unit_label(unit)
        self.line.setText(self._shown)


class _FoldFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.key = ""

    def set_key(self, text: str) -> None:
        _filter_by(self, text)

    def filterAcceptsRow(self, row, parent) -> bool:  # noqa: N802
        if not self.key:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return self.key in (index.data(FOLD_ROLE) or "")


class UnitTreePicker(QToolButton):
    """A button that opens a searchable tree of units; the choice includes all units under it."""

    unitChosen = Signal(str)  # noqa: N815 - "" for all units

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.code = ""
        self._menu = QMenu(self)
        panel = QFrame(self._menu)
        layout = QVBoxLayout(panel)
        self.search = QLineEdit(panel)
        self.search.setPlaceholderText(self.tr("Search units (no accents needed)"))
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeView(panel)
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumSize(420, 380)
        self.model = QStandardItemModel(self)
        self.proxy = _FoldFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree.setModel(self.proxy)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(panel)
        self._menu.addAction(action)
        self.setMenu(self._menu)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.tree.activated.connect(self._on_tree_activated)
        self.tree.clicked.connect(self._on_tree_activated)
        self._menu.aboutToShow.connect(self.search.setFocus)
        self._loaded = False
        self._titles: dict[str, str] = {}
        self.set_code("")

    def load(self) -> None:
        self.model.clear()
        actor = acting_account(self)
        tree = units.visible_tree(actor) if actor is not None else units.UnitTree({})
        everything = QStandardItem(self.tr("All units"))
        everything.setData("", CODE_ROLE)
        everything.setData("", FOLD_ROLE)
        self.model.appendRow(everything)

        def add(parent_item, unit_id):
            unit = tree.by_id[unit_id]
            item = QStandardItem(unit_label(unit))
            item.setData(unit.code, CODE_ROLE)
            item.setData(vietnamese.fold(f"{unit.title} {unit.code}"), FOLD_ROLE)
            self._titles[unit.code] = unit.title
            parent_item.appendRow(item)
            for child in tree.children.get(unit_id, []):
                add(item, child)

        for root in tree.roots():
            add(self.model.invisibleRootItem(), root.id)
        self._loaded = True
        self.set_code(self.code)

    def showEvent(self, event) -> None:  # noqa: N802
        if not self._loaded:
            self.load()
        super().showEvent(event)

    def set_code(self, code: str) -> None:
        self.code = code or ""
        if not self.code:
            self.setText(self.tr("All units"))
        else:
            if not self._titles:
                unit = units.find_unit(self.code)
                title = unit.title if unit else self.code
            else:
                title = self._titles.get(self.code, self.code)
            self.setText(title)

    def choose(self, code: str) -> None:
        self.set_code(code)
        self.unitChosen.emit(self.code)

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_key(text)
        if text:
            self.tree.expandAll()

    def _on_tree_activated(self, index) -> None:
        self.choose(index.data(CODE_ROLE) or "")
        self._menu.close()
