"""Where it hurts: a body chart to click, and the list of complaints it fills (usable on its own).

Maps to VisitForm.complaints: one row per ComplaintEntry, in order. Region and side hold the
document's values ("knee", "left"); pain and the note are kept exactly as typed (pain "" when not
rated; a pain of "11" stays "11", and the message under the row says what is allowed).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import MIDLINE_REGIONS, Region
from clinic_app.errors import Problem
from clinic_app.visit_form import ComplaintEntry, VisitForm
from ui.language import QT_TRANSLATE_NOOP, content_language
from ui.visit.body_chart import BodyChart, covers
from ui.visit.section import Section
from ui.visit.wording import readable_message
from ui.widgets.field_error import FieldError, messages_by_path
from ui.widgets.note_edit import NoteEdit
from ui.widgets.read_only_look import show_read_only
from ui.widgets.screen_reader_label import name_control
from ui.widgets.value_combo import Choice, ValueCombo

SIDE_NAMES = {
    "central": QT_TRANSLATE_NOOP("complaints_section", "Central"),
    "left": QT_TRANSLATE_NOOP("complaints_section", "Left"),
    "right": QT_TRANSLATE_NOOP("complaints_section", "Right"),
    "both": QT_TRANSLATE_NOOP("complaints_section", "Both sides"),
}
FIELD_NAMES = {
    "region": QT_TRANSLATE_NOOP("complaints_section", "Where"),
    "side": QT_TRANSLATE_NOOP("complaints_section", "Side"),
    "pain": QT_TRANSLATE_NOOP("complaints_section", "Pain"),
    "note": QT_TRANSLATE_NOOP("complaints_section", "Note"),
}
PAIN_MAX = 10


def _english_region_width(combo: QComboBox) -> int:
    """The box's width with the English region names in it, whatever language its choices are in."""
    metrics = combo.fontMetrics()
    shown = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    english = max(
        metrics.horizontalAdvance(name.en.capitalize()) for name in load_catalogue().regions.values()
    )
    return combo.sizeHint().width() - shown + english


def region_choices() -> list[Choice]:
    names = load_catalogue().regions
    return [(region.value, names[region][content_language()].capitalize()) for region in Region]


def side_choices(region: str) -> list[Choice]:
    """Central only where the document allows it (the midline), and first there: it is the usual answer."""
    sides = ["central", "left", "right", "both"] if region in MIDLINE_REGIONS else ["left", "right", "both"]
    return [(side, QCoreApplication.translate("complaints_section", SIDE_NAMES[side])) for side in sides]


class PainField(QLineEdit):
    """Pain 0-10 (NPRS) as typed, blank for not rated; Up and Down step it within 0-10.

    It keeps whatever is typed: "11" or "-3" stays on screen, marked, with the message under the row
    saying what is allowed, instead of being changed or dropped without a word.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("not rated"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        width = (
            self.fontMetrics().horizontalAdvance(self.tr(" not rated "))
            + self.fontMetrics().averageCharWidth() * 2
        )
        self.setFixedWidth(width)
        self.setToolTip(
            self.tr("Pain from 0 (none) to 10 (worst imaginable); blank if not rated. Up and Down change it.")
        )
        self.textEdited.connect(self.edited)
        self._problem: str | None = None

    def pain(self) -> str:
        return self.text().strip()

    def set_pain(self, text: str) -> None:
        self.setText(text)  # as it was typed, even when it is not a pain score

    def focus_for_typing(self) -> None:
        """Take the keyboard with the score selected: the next digits replace it."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def show_problem(self, message: str | None) -> None:
        self._problem = message
        self.setAccessibleDescription(message or "")
        self._restyle()

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)
        self._restyle()

    def _restyle(self) -> None:
        problem = "PainField { border: 2px solid #c62828; border-radius: 3px; }" if self._problem else ""
        show_read_only(self, self.isReadOnly(), problem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        if self.isReadOnly():
            return
        text = self.pain()
        if not text:
            value = 0 if step > 0 else None
        elif text.isdigit() and int(text) <= PAIN_MAX:
            value = min(max(int(text) + step, 0), PAIN_MAX)
        else:
            value = None  # a wrong value is corrected by typing, not guessed at
        if value is not None and str(value) != text:
            self.setText(str(value))
            self.selectAll()
            self.edited.emit()


class ComplaintRow(QObject):
    """The widgets of one complaint; they sit in the section's grid so that the columns line up."""

    edited = Signal()
    remove_requested = Signal(object)  # this row

    def __init__(self, entry: ComplaintEntry, parent: QWidget) -> None:
        super().__init__(parent)
        self._quiet = True
        self.region = ValueCombo(region_choices(), self.tr("Where…"), parent)
        # Region names run long in Spanish ("dolor en la parte alta de la espalda"): the closed box is
        # as wide as the longest English name and shows the start of a longer one; the list, the whole.
        self.region.setMaximumWidth(_english_region_width(self.region))
        self.side = ValueCombo(side_choices(entry.region), self.tr("Side…"), parent)
        self.pain = PainField(parent)
        self.note = NoteEdit(parent=parent)
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.remove = QPushButton(self.tr("Remove"), parent)
        self.error = FieldError(parent)
        self.set_entry(entry)
        self.region.edited.connect(self._on_region_edited)
        self.side.edited.connect(self.edited)
        self.pain.edited.connect(self._on_pain_changed)
        self.note.edited.connect(self.edited)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def widgets(self) -> list[QWidget]:
        """The input widgets, in tab order."""
        return [self.region, self.side, self.pain, self.note, self.remove]

    def set_entry(self, entry: ComplaintEntry) -> None:
        self._quiet = True
        self.region.set_value(entry.region)
        self.side.set_choices(side_choices(entry.region))
        self.side.set_value(entry.side)
        self.pain.set_pain(entry.pain)
        self.note.set_note(entry.note)
        self._quiet = False

    def entry(self) -> ComplaintEntry:
        return ComplaintEntry(self.region.value(), self.side.value(), self.pain.pain(), self.note.note())

    def set_number(self, number: int) -> None:
        """Accessible names say which complaint each control belongs to."""
        name_control(self.region, self.tr("Complaint {number}: where it hurts").format(number=number))
        name_control(self.side, self.tr("Complaint {number}: side").format(number=number))
        self.pain.setAccessibleName(self.tr("Complaint {number}: pain from 0 to 10").format(number=number))
        self.note.setAccessibleName(self.tr("Complaint {number}: note").format(number=number))
        self.remove.setAccessibleName(self.tr("Remove complaint {number}").format(number=number))

    def set_read_only(self, read_only: bool) -> None:
        self.region.set_read_only(read_only)
        self.side.set_read_only(read_only)
        self.pain.set_read_only(read_only)
        self.note.set_read_only(read_only)
        self.remove.setEnabled(not read_only)

    def show_messages(self, messages: dict[str, str], prefix: str) -> None:
        lines = [self._message_line(path.removeprefix(prefix), text, path) for path, text in messages.items()]
        self.error.show_message("\n".join(lines) or None)
        self.pain.show_problem(messages.get(f"{prefix}.pain"))

    def _message_line(self, field_path: str, message: str, path: str) -> str:
        field = field_path.removeprefix(".")
        # A choice not made yet needs a plain request, not the list of allowed values.
        if field == "region" and not self.region.value():
            return self.tr("Choose where it hurts.")
        if field == "side" and not self.side.value():
            return self.tr("Choose a side.")
        words = readable_message(message, path)
        return (
            f"{QCoreApplication.translate('complaints_section', FIELD_NAMES[field])}: {words}"
            if field in FIELD_NAMES
            else words
        )

    def all_widgets(self) -> list[QWidget]:
        return [*self.widgets(), self.error]

    def delete(self) -> None:
        for widget in self.all_widgets():
            widget.hide()
            widget.deleteLater()
        self.deleteLater()

    def _on_region_edited(self) -> None:
        # The side choices follow the region; a side it does not allow is cleared, for the user to choose.
        self.side.set_choices(side_choices(self.region.value()))
        self.edited.emit()

    def _on_pain_changed(self) -> None:
        if not self._quiet:
            self.edited.emit()


class ComplaintsSection(Section):
    """The body chart above, the complaint rows below, and "Add complaint" last.

    A row added with "Add complaint" is not finished yet: that nothing is chosen in it is not shown
    as a problem until the keyboard leaves the row or the therapist tries to finish the visit.
    """

    # A row stopped being unfinished: the problems it was spared are to be shown now.
    problems_revealed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ComplaintRow] = []
        self._unfinished: list[ComplaintRow] = []  # added, and not left yet
        self._problems: list[Problem] = []
        self._read_only = False
        self.chart = BodyChart()
        self.chart.region_clicked.connect(self._on_region_clicked)
        self.add_button = QPushButton(self.tr("&Add complaint"))
        self.add_button.setAccessibleName(self.tr("Add complaint"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.error = FieldError()
        self.empty_label = QLabel(self.tr("No complaints yet: click the body chart, or press Add complaint."))
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._table = QWidget()
        self._grid = QGridLayout(self._table)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(3, 1)
        self._add_headings()
        self._build()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _build(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.chart, 1)
        heading = QLabel(self.tr("<b>Complaints</b>"))
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addWidget(self._table)
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the inputs, not to the scroll area
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _add_headings(self) -> None:
        for column, text in enumerate(
            [self.tr("Where it hurts"), self.tr("Side"), self.tr("Pain (0–10)"), self.tr("Note")]  # noqa: RUF001
        ):
            label = QLabel(text)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self._grid.addWidget(label, 0, column)

    # ---- Section -----------------------------------------------------------------------------

    def load(self, form: VisitForm) -> None:
        for row in self.rows:
            self._delete(row)
        self.rows = [self._new_row(entry) for entry in form.complaints]
        self._relayout()

    def store(self, form: VisitForm) -> None:
        form.complaints = [row.entry() for row in self.rows]

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        spared = set(self.unfinished_paths())
        problems = [p for p in problems if p.path not in spared]
        own = messages_by_path(problems, "complaints")
        self.error.show_message(
            "; ".join(readable_message(text) for path, text in own.items() if path == "complaints") or None
        )
        for index, row in enumerate(self.rows):
            prefix = f"complaints[{index}]"
            row.show_messages(messages_by_path(problems, prefix), prefix)

    def tab_chain(self) -> list[QWidget]:
        return [*(widget for row in self.rows for widget in row.widgets()), self.add_button]

    def focus_entry(self) -> None:
        """The first complaint still without a place or a pain score; with none, "Add complaint"."""
        for row in self.rows:
            if not row.region.value() and not self._read_only:
                row.region.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            if not row.pain.pain():
                row.pain.focus_for_typing()
                return
        target = self.add_button if self.add_button.isEnabled() or not self.rows else self.rows[0].region
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def unfinished_paths(self) -> list[str]:
        """The paths of what is not chosen yet in rows just added: not a problem until the row is left."""
        return [
            f"complaints[{index}].{name}"
            for index, row in enumerate(self.rows)
            if row in self._unfinished
            for name in ("region", "side")
        ]

    def reveal_unfinished(self) -> None:
        """Every row counts as finished (the therapist is finishing the visit)."""
        if self._unfinished:
            self._unfinished.clear()
            self.show_problems(self._problems)
            self.problems_revealed.emit()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self._unfinished:
            return  # another window or application: the row is not left
        left = [row for row in self._unfinished if new not in row.widgets() and not _inside(new, row)]
        if left:
            self._unfinished = [row for row in self._unfinished if row not in left]
            self.show_problems(self._problems)
            self.problems_revealed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.chart.set_read_only(read_only)
        self.add_button.setEnabled(not read_only)
        for row in self.rows:
            row.set_read_only(read_only)

    # ---- rows --------------------------------------------------------------------------------

    def _new_row(self, entry: ComplaintEntry) -> ComplaintRow:
        row = ComplaintRow(entry, self._table)
        row.set_read_only(self._read_only)
        row.edited.connect(self._on_row_edited)
        row.remove_requested.connect(self._on_remove_requested)
        return row

    def _relayout(self) -> None:
        """Put the rows in the grid in order, renumber them and chain the tab order top to bottom."""
        for row in self.rows:
            for widget in row.all_widgets():
                self._grid.removeWidget(widget)
        for index, row in enumerate(self.rows):
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, 1 + 2 * index, column, Qt.AlignmentFlag.AlignTop)
                widget.show()  # now, not when the layout gets to it: a new row's box must take focus at once
            self._grid.addWidget(row.error, 2 + 2 * index, 0, 1, 5)
            row.set_number(index + 1)
            row.error.show_message(None)  # messages were for the old numbering; the editor re-validates
        for before, after in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(before, after)
        self._table.setVisible(bool(self.rows))
        self.empty_label.setVisible(not self.rows)
        self._refresh_chart()
        self.tab_order_changed.emit()

    def _delete(self, row: ComplaintRow) -> None:
        if row in self._unfinished:
            self._unfinished.remove(row)
        for widget in row.all_widgets():
            self._grid.removeWidget(widget)
        row.delete()

    def _refresh_chart(self) -> None:
        self.chart.set_marked((row.region.value(), row.side.value()) for row in self.rows)

    def _add(self, entry: ComplaintEntry) -> ComplaintRow:
        row = self._new_row(entry)
        self.rows.append(row)
        self._relayout()
        return row

    # ---- user actions ------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        row = self._add(ComplaintEntry())
        self._unfinished.append(row)
        row.region.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _on_region_clicked(self, region: str, side: str) -> None:
        listed = next(
            (r for r in self.rows if r.region.value() == region and covers(r.side.value(), side)), None
        )
        if listed is not None:  # already listed: take the therapist to it
            listed.pain.focus_for_typing()
            return
        row = self._add(ComplaintEntry(region=region, side=side))
        # The pain score is what the therapist asks next: typing replaces it.
        row.pain.focus_for_typing()
        self.changed.emit()

    def _on_row_edited(self) -> None:
        self._refresh_chart()
        self.changed.emit()

    def _on_remove_requested(self, row: object) -> None:
        if not isinstance(row, ComplaintRow) or self._read_only:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        self._delete(row)
        self._relayout()
        # Keep the keyboard where it was: on the next row, else on "Add complaint".
        target = self.rows[index].region if index < len(self.rows) else self.add_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()


def _inside(widget: QWidget, row: ComplaintRow) -> bool:
    """Whether a focused widget is part of one of the row's controls (a combo's popup list, say)."""
    controls = row.widgets()
    parent: QObject | None = widget
    while parent is not None:  # not isAncestorOf: a popup list is a window of its own
        if parent in controls:
            return True
        parent = parent.parent()
    return False
