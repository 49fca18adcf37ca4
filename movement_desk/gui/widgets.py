"""Input widgets shared by the forms and filters: dates, counts, choices, the unit pickers."""

from __future__ import annotations

from datetime import date
from enum import Enum

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QSortFilterProxyModel,
    Qt,
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
from movement_desk.services import units
from movement_desk.services.actor import Actor

FOLD_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_ROLE = Qt.ItemDataRole.UserRole + 3


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


class DateEdit(QWidget):
    """A date typed as dd/mm/yyyy, with a calendar popup; ``value()`` is the text as typed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.line.setMaxLength(10)
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") * 2)
        self.line.textChanged.connect(self.changed)
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
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.line)

    def value(self) -> str:
        return self.line.text().strip()

    def set_value(self, value: object) -> None:
        if isinstance(value, date):
            value = vietnamese.format_date(value)
        self.line.setText("" if value is None else str(value))

    def date_value(self) -> date | None:
        try:
            return vietnamese.parse_date(self.value())
        except vietnamese.DateFormatError:
            return None

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

    def __init__(self, enum: type[Enum], parent: QWidget | None = None, *, blank: str = ""):
        super().__init__(parent)
        self.enum = enum
        if blank:
            self.addItem(blank, "")
        for member in enum:
            self.addItem(texts.choice_text(member), member.value)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: object) -> None:
        from movement_desk.services.validation import match_choice

        member = match_choice(self.enum, value) if value not in (None, "") else None
        index = self.findData(member.value) if member is not None else 0
        self.setCurrentIndex(max(index, 0))


class TextCombo(QComboBox):
    """Free text with suggestions (organisers, emulation titles)."""

    def __init__(self, suggestions: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems([""] + suggestions)
        self.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)

    def value(self) -> str:
        return self.currentText().strip()

    def set_value(self, value: object) -> None:
        self.setEditText("" if value is None else str(value))


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
        self.line.textChanged.connect(self.changed)
        self._code = ""
        self._shown = ""

    def _on_line_text_edited(self, text: str) -> None:
        self._matches.clear()
        if len(text.strip()) < 1:
            return
        actor = acting_account(self)
        if actor is None:  # no signed-in account around this picker: offer nothing
            return
        for unit in units.search_units(text, limit=30, actor=actor):
            item = QStandardItem(unit_label(unit))
            item.setData(unit.code, CODE_ROLE)
            self._matches.appendRow(item)
        self.completer.complete()

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
        self.key = vietnamese.fold(text)
        self.invalidateFilter()

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


class EnterMovesFocus(QObject):
    """Enter in a one-line field moves to the next field, as on a paper form."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False
            popup = getattr(watched, "completer", lambda: None)
            popup = popup() if callable(popup) else None
            if popup is not None and popup.popup() is not None and popup.popup().isVisible():
                return False
            watched.window().focusNextChild()
            return True
        return False
