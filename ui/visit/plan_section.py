"""The home-exercise plan: which exercises the patient does, on which side, how much, in what order.

While the form's plan is None the table shows what triage proposes from today's findings, marked
as proposed, and follows the proposal as the findings change. The therapist's first edit (a typed
value, a side, an added, removed or moved exercise) copies the proposal into the form; from then
on the plan is the therapist's and stays as they left it, until "Back to the proposal". Dosing fields
keep exactly what is typed: the editor validates the whole form and hands back problems by path
(plan[2].dosing.reps), which are shown under the row they belong to.

No plan is shown while triage allows none: with the red-flag checklist not done the page says to
do it first (with a button to go there), and with a referral not overridden it says the patient
is referred. The plan is kept meanwhile and comes back when a home programme is allowed again.
What triage had to leave out because the plan is full is listed, never dropped silently.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain import Complaint, Prescription, Side
from clinic_app.errors import InvalidInput, Problem
from clinic_app.exercises import Exercise, ExerciseLibrary, load_library
from clinic_app.triage import NEEDS_CHECKLIST, REFERRAL, TriageResult
from clinic_app.visit_form import PlanEntry, VisitForm
from ui.language import QT_TRANSLATE_NOOP, content_language
from ui.visit.exercise_picker import ExercisePickerDialog, matching_findings, plan_entry
from ui.visit.section import Section

if TYPE_CHECKING:
    from clinic_app.progression import ProgressionStep

from ui.visit.wording import (
    complaint_label,
    exercise_name,
    finding_label,
    flag_name,
    readable_message,
    readable_problem,
)
from ui.widgets.amber_note import AmberNote
from ui.widgets.exercise_display import dosing_text, exercise_pixmap, kind_label, side_label
from ui.widgets.field_error import FieldError, messages_by_path
from ui.widgets.screen_reader_label import name_control

DOSE_FIELDS = {
    "hold_s": QT_TRANSLATE_NOOP("plan_section", "Hold (s)"),
    "reps": QT_TRANSLATE_NOOP("plan_section", "Reps"),
    "sets": QT_TRANSLATE_NOOP("plan_section", "Sets"),
    "per_day": QT_TRANSLATE_NOOP("plan_section", "Times a day"),
}
FIELD_LABELS = {
    "exercise": QT_TRANSLATE_NOOP("plan_section", "Exercise"),
    "side": QT_TRANSLATE_NOOP("plan_section", "Side"),
    "note": QT_TRANSLATE_NOOP("plan_section", "Note"),
    **DOSE_FIELDS,
}
HEADERS = (
    QT_TRANSLATE_NOOP("plan_section", "Picture"),
    QT_TRANSLATE_NOOP("plan_section", "Exercise"),
    QT_TRANSLATE_NOOP("plan_section", "Kind"),
    QT_TRANSLATE_NOOP("plan_section", "Side"),
    *DOSE_FIELDS.values(),
    QT_TRANSLATE_NOOP("plan_section", "Note"),
)
# Kinds that loosen long-tight muscles; strengthening before them can aggravate those muscles.
LOOSENING_KINDS = frozenset({"stretch", "mobility"})
_ROW_PATH = re.compile(r"^plan\[(\d+)\](?:\.dosing)?(?:\.(\w+))?")
PLAN_PAGE, REFERRAL_PAGE, CHECKLIST_PAGE = 0, 1, 2


@dataclass
class PlanRow:
    """One exercise of the plan as typed, with the problems the editor found in it (by field)."""

    entry: PlanEntry
    messages: dict[str, str] = field(default_factory=dict)


def kind_order_warning(named_kinds: Sequence[tuple[str, str]]) -> str | None:
    """A warning when a strength exercise comes before a stretch or mobility one; named_kinds in plan order."""
    for position, (name, kind) in enumerate(named_kinds):
        if kind != "strength":
            continue
        later = next((n for n, k in named_kinds[position + 1 :] if k in LOOSENING_KINDS), None)
        if later is not None:
            return QCoreApplication.translate(
                "plan_section",
                "Stretch and mobilise before strengthening: “{name}” (strength) comes before “{later}”. Move the strengthening exercise below the stretches.",
            ).format(name=name, later=later)
    return None


def confirm_replace_plan(parent: QWidget) -> bool:
    """Ask before the therapist's own plan is thrown away."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("plan_section", "Back to the proposal"),
        QCoreApplication.translate(
            "plan_section",
            "Replace your plan with the exercises triage proposes? Your changes to the plan will be lost.",
        ),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    replace_button = box.addButton(
        QCoreApplication.translate("plan_section", "Replace my plan"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is replace_button


class _RowSlot(QObject):
    """The widgets of one table row; rows are refilled, not rebuilt, so focus survives a reorder."""

    edited = Signal(int, str, str)  # row, field name, text as typed

    def __init__(self, index: int, grid: QGridLayout, owner: QWidget) -> None:
        super().__init__(owner)
        self.index = index
        self._picture_of: str | None = None
        self.frame = QFrame(owner)  # behind the row; outlines the current row
        self.picture = QLabel(owner)
        self.name = QLabel(owner)
        self.name.setWordWrap(True)
        self.name.setTextFormat(Qt.TextFormat.RichText)
        self.kind = QLabel(owner)
        self.side = QComboBox(owner)
        self.side.activated.connect(lambda i: self.edited.emit(self.index, "side", self.side.itemData(i)))
        self.doses = {name: self._dose_edit(name, owner) for name in DOSE_FIELDS}
        self.note = QLineEdit(owner)
        self.note.setPlaceholderText(self.tr("Optional note for the patient"))
        self.note.textEdited.connect(functools.partial(self._emit_text, "note"))
        self.error = FieldError(owner)
        self._place(grid, 1 + 2 * index)

    def _dose_edit(self, name: str, owner: QWidget) -> QLineEdit:
        edit = QLineEdit(owner)
        edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Wide enough for "600" and a little more, in the user's font, so it scales with the screen.
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * 6)
        if name == "hold_s":
            edit.setPlaceholderText(self.tr("none"))
        edit.textEdited.connect(functools.partial(self._emit_text, name))
        return edit

    def _emit_text(self, name: str, text: str) -> None:
        self.edited.emit(self.index, name, text)

    def _place(self, grid: QGridLayout, row: int) -> None:
        # Columns 0 and the last are empty margins, so the current-row outline clears the controls.
        grid.addWidget(self.frame, row, 0, 2, len(HEADERS) + 2)
        cells = (self.picture, self.name, self.kind, self.side, *self.doses.values())
        for column, widget in enumerate(cells, start=1):
            grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.note, row, len(HEADERS))
        grid.addWidget(self.error, row + 1, 2, 1, len(HEADERS) - 1)

    def inputs(self) -> list[QWidget]:
        """The controls of the row, in tab order."""
        return [self.side, *self.doses.values(), self.note]

    def labels(self) -> list[QWidget]:
        return [self.frame, self.picture, self.name, self.kind]

    def widget_for(self, name: str) -> QWidget | None:
        return {"side": self.side, "note": self.note, **self.doses}.get(name)

    def fill(self, row: PlanRow, exercise: Exercise | None, context: str) -> None:
        entry = row.entry
        name = (
            exercise.text[content_language()].name
            if exercise
            else self.tr("Unknown exercise “{exercise}”").format(exercise=entry.exercise)
        )
        self._show_picture(exercise)
        self.set_context(name, context)
        self.kind.setText(kind_label(exercise.kind) if exercise else "")
        self._fill_sides(entry.side, exercise)
        for dose, edit in self.doses.items():
            edit.setText(getattr(entry, dose))
        self.note.setText(entry.note)
        self._name_controls(name)
        self.show_messages(row.messages)

    def set_context(self, name: str, context: str) -> None:
        line = f"<br><small>{escape(context)}</small>" if context else ""
        self.name.setText(f"<b>{escape(name)}</b>{line}")

    def _show_picture(self, exercise: Exercise | None) -> None:
        shown = exercise.id if exercise else None
        if shown == self._picture_of:
            return
        self._picture_of = shown
        if exercise is None:
            self.picture.clear()
            return
        height = self.picture.fontMetrics().lineSpacing() * 4  # big enough to recognise the position
        self.picture.setPixmap(exercise_pixmap(exercise, height, self.picture.devicePixelRatioF()))

    def _fill_sides(self, side: str, exercise: Exercise | None) -> None:
        # "Central" only for exercises done on the midline or with both sides at once.
        choices = [
            s.value for s in Side if s is not Side.CENTRAL or exercise is None or not exercise.per_side
        ]
        if side not in choices:
            choices.append(side)  # keep an unusual value visible rather than silently changing it
        self.side.clear()
        for value in choices:
            self.side.addItem(side_label(value) if value else self.tr("Choose a side"), value)
        self.side.setCurrentIndex(choices.index(side))

    def _name_controls(self, name: str) -> None:
        where = self.tr("exercise {value}, {name}").format(value=self.index + 1, name=name)
        name_control(self.side, self.tr("Side, {where}").format(where=where))
        for dose, edit in self.doses.items():
            edit.setAccessibleName(
                f"{QCoreApplication.translate('plan_section', DOSE_FIELDS[dose])}, {where}"
            )
        self.note.setAccessibleName(self.tr("Note, {where}").format(where=where))

    def show_messages(self, messages: dict[str, str]) -> None:
        lines = [
            f"{QCoreApplication.translate('plan_section', FIELD_LABELS[name]) if name in FIELD_LABELS else self.tr('This exercise')}: {text}"
            for name, text in messages.items()
        ]
        self.error.show_message("\n".join(lines))
        for name in ("side", "note", *DOSE_FIELDS):
            widget = self.widget_for(name)
            if widget is not None:
                _mark_invalid(widget, messages.get(name))

    def set_current(self, current: bool) -> None:
        """Outline the row that Remove and Move act on, tinted with the palette's highlight."""
        if not current:
            self.frame.setStyleSheet("")
            return
        tint = self.frame.palette().color(QPalette.ColorRole.Highlight)
        r, g, b = tint.red(), tint.green(), tint.blue()
        self.frame.setStyleSheet(
            f"QFrame {{ background: rgba({r}, {g}, {b}, 28); border: 1px solid rgb({r}, {g}, {b});"
            " border-radius: 4px; }"
        )

    def delete(self, grid: QGridLayout) -> None:
        for widget in (*self.labels(), *self.inputs(), self.error):
            grid.removeWidget(widget)
            widget.deleteLater()
        self.deleteLater()


def _mark_invalid(widget: QWidget, message: str | None) -> None:
    kind = type(widget).__name__
    widget.setStyleSheet(f"{kind} {{ border: 2px solid #c62828; border-radius: 3px; }}" if message else "")
    widget.setAccessibleDescription(message or "")


class PlanTable(QWidget):
    """The plan as a grid: one row of controls per exercise, a problem line under each."""

    edited = Signal(int, str, str)  # row, field name, text as typed
    current_changed = Signal(int)

    def __init__(self, library: ExerciseLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._slots: list[_RowSlot] = []
        self._current = -1
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(2, 2)  # exercise name
        # Wide enough that a name such as "Calf stretch at the wall" wraps once, not word by word.
        self._grid.setColumnMinimumWidth(2, self.fontMetrics().averageCharWidth() * 18)
        self._grid.setColumnStretch(len(HEADERS), 3)  # note
        margin = self.fontMetrics().averageCharWidth() // 2
        for column in (0, len(HEADERS) + 1):
            self._grid.setColumnMinimumWidth(column, margin)
        self._empty = QLabel(self)
        self._empty.setWordWrap(True)
        self._headers = [
            QLabel(f"<b>{QCoreApplication.translate('plan_section', title)}</b>", self) for title in HEADERS
        ]
        for column, header in enumerate(self._headers, start=1):
            self._grid.addWidget(header, 0, column)
        self._grid.addWidget(self._empty, 1, 1, 1, len(HEADERS))
        self._grid.setRowStretch(1000, 1)  # rows stay at the top

    @property
    def current_row(self) -> int:
        return self._current

    def slot(self, index: int) -> _RowSlot:
        return self._slots[index]

    def inputs(self) -> list[QWidget]:
        return [widget for slot in self._slots for widget in slot.inputs()]

    def show_rows(self, rows: Sequence[PlanRow], contexts: Sequence[str], empty_text: str) -> None:
        self._resize_to(len(rows))
        for slot, row, context in zip(self._slots, rows, contexts, strict=True):
            slot.fill(row, self._library.exercises.get(row.entry.exercise), context)
        self._empty.setText(empty_text)
        self._empty.setVisible(not rows)
        for header in self._headers:
            header.setVisible(bool(rows))
        self.set_current(min(max(self._current, 0), len(rows) - 1))

    def show_contexts(self, rows: Sequence[PlanRow], contexts: Sequence[str]) -> None:
        for slot, row, context in zip(self._slots, rows, contexts, strict=True):
            exercise = self._library.exercises.get(row.entry.exercise)
            slot.set_context(
                exercise.text[content_language()].name if exercise else row.entry.exercise, context
            )

    def _resize_to(self, count: int) -> None:
        while len(self._slots) > count:
            self._slots.pop().delete(self._grid)
        while len(self._slots) < count:
            slot = _RowSlot(len(self._slots), self._grid, self)
            slot.edited.connect(self.edited)
            for widget in (*slot.inputs(), *slot.labels()):
                widget.setProperty("planRow", slot.index)
                widget.installEventFilter(self)
            self._slots.append(slot)

    def set_current(self, index: int) -> None:
        changed = index != self._current
        self._current = index
        for slot in self._slots:
            slot.set_current(slot.index == index)
        if changed:
            self.current_changed.emit(index)

    def focused(self) -> tuple[int, str] | None:
        """The row and field that hold the keyboard focus, if a row does."""
        for slot in self._slots:
            for name in ("side", *DOSE_FIELDS, "note"):
                widget = slot.widget_for(name)
                if widget is not None and widget.hasFocus():
                    return slot.index, name
        return None

    def focus(self, index: int, name: str) -> None:
        widget = self._slots[index].widget_for(name)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            row = watched.property("planRow")
            if isinstance(row, int) and row < len(self._slots):
                self.set_current(row)
        return False


class PlanSection(Section):
    """The exercise plan editor of the visit form."""

    red_flags_requested = Signal()  # "Go to the red-flag checklist"

    def __init__(
        self,
        library: ExerciseLibrary | None = None,
        confirm_reset: Callable[[QWidget], bool] = confirm_replace_plan,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library or load_library()
        self._confirm_reset = confirm_reset
        self._rows: list[PlanRow] = []
        self._following = True  # plan is None: the rows mirror the triage proposal
        self._proposal: TriageResult | None = None
        self._complaints: Sequence[Complaint] = ()
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._build_plan_page())
        self._pages.addWidget(_referral_page())
        self._pages.addWidget(self._checklist_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)
        self._add_shortcuts()
        self._show_rows()

    # ---- building ------------------------------------------------------------------------------

    def _build_plan_page(self) -> QWidget:
        page = QWidget(self)
        self._status = QLabel(page)
        self._status.setWordWrap(True)
        self.reset_button = self._button(self.tr("Bac&k to the proposal"), self._ask_reset, page)
        self.reset_button.setToolTip(self.tr("Throw away your changes and follow what triage proposes again"))
        self.order_warning = AmberNote(page)
        self.override_note = AmberNote(page)
        self.override_note.setAccessibleName(self.tr("Home programme given despite a red flag"))
        self.deferred_note = AmberNote(page)
        self.deferred_note.setAccessibleName(self.tr("Not in today's plan"))
        self._plan_error = FieldError(page)
        self.step_note = QLabel(page)  # what the last progress or regress changed
        self.step_note.setObjectName("planStepNote")
        self.step_note.setWordWrap(True)
        self.step_note.hide()
        self._table = PlanTable(self._library, page)
        self._table.edited.connect(self._on_edited)
        self._table.current_changed.connect(lambda _row: self._update_buttons())
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._table)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._status_row())
        layout.addWidget(self.override_note)
        layout.addWidget(self.deferred_note)
        layout.addWidget(self.order_warning)
        layout.addWidget(self._plan_error)
        layout.addLayout(self._toolbar(page))
        layout.addWidget(self.step_note)
        layout.addWidget(scroll, 1)
        return page

    def _checklist_page(self) -> QWidget:
        page = QWidget(self)
        panel = QFrame(page)
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        title = _title_label(self.tr("Do the red-flag checklist first"), panel)
        body = QLabel(
            self.tr(
                "No home programme is proposed until every red-flag question is answered: any Yes means"
                " referral instead of exercises. Answer the questions still marked Not asked"
                " (“No to all the rest” answers No to them at once)."
            ),
            panel,
        )
        body.setWordWrap(True)
        self.checklist_button = QPushButton(self.tr("Go to the red-flag &checklist"), panel)
        self.checklist_button.setAccessibleName(self.tr("Go to the red-flag checklist"))
        self.checklist_button.setAutoDefault(False)
        self.checklist_button.clicked.connect(self.red_flags_requested)
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(title)
        panel_layout.addWidget(body)
        panel_layout.addWidget(self.checklist_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        layout.addStretch(1)
        page.setAccessibleName(self.tr("Do the red-flag checklist first"))
        return page

    def _status_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self._status, 1)
        row.addWidget(self.reset_button)
        return row

    def _toolbar(self, page: QWidget) -> QHBoxLayout:
        # Alt + the underlined letter presses each; no other control of the window has these letters.
        self.add_button = self._button(self.tr("Add from li&brary…"), self.open_picker, page)
        self.remove_button = self._button(self.tr("Re&move"), self.remove_current, page)
        self.move_up_button = self._button(self.tr("Move &up"), lambda: self.move_current(-1), page)
        self.move_down_button = self._button(self.tr("Move d&own"), lambda: self.move_current(1), page)
        self.progress_button = self._button(self.tr("Progress ▲"), lambda: self.step_current(up=True), page)
        self.regress_button = self._button(self.tr("Regress ▼"), lambda: self.step_current(up=False), page)
        self.progress_button.setObjectName("progressExerciseButton")
        self.regress_button.setObjectName("regressExerciseButton")
        self.progress_button.setToolTip(
            self.tr("The selected exercise one step harder: its dose, then its harder version")
        )
        self.regress_button.setToolTip(
            self.tr("The selected exercise one step easier: its dose, then its easier version")
        )
        self.add_button.setToolTip(self.tr("Add an exercise from the library (Alt+B)"))
        self.remove_button.setToolTip(self.tr("Remove the selected exercise (Alt+M)"))
        self.move_up_button.setToolTip(self.tr("Move the selected exercise up (Alt+U or Alt+Up)"))
        self.move_down_button.setToolTip(self.tr("Move the selected exercise down (Alt+O or Alt+Down)"))
        row = QHBoxLayout()
        for button in self._toolbar_buttons():
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _toolbar_buttons(self) -> list[QPushButton]:
        return [
            self.add_button,
            self.remove_button,
            self.move_up_button,
            self.move_down_button,
            self.progress_button,
            self.regress_button,
        ]

    @staticmethod
    def _button(text: str, action: Callable[[], object], parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)  # Enter in a field must not press a plan button
        button.clicked.connect(lambda: action())
        return button

    def _add_shortcuts(self) -> None:
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(functools.partial(self.move_current, delta))

    # ---- the Section contract ------------------------------------------------------------------

    def load(self, form: VisitForm) -> None:
        self._following = form.plan is None
        self._rows = self._proposal_rows() if form.plan is None else [PlanRow(replace(e)) for e in form.plan]
        self._show_rows()

    def store(self, form: VisitForm) -> None:
        form.plan = None if self._following else [replace(row.entry) for row in self._rows]

    def show_problems(self, problems: list[Problem]) -> None:
        found = messages_by_path(problems, "plan")
        for row in self._rows:
            row.messages = {}
        general = []
        for path, message in found.items():
            match = _ROW_PATH.match(path)
            if match and int(match[1]) < len(self._rows):
                self._rows[int(match[1])].messages[match[2] or ""] = readable_message(message, path)
            else:
                general.append(readable_problem(Problem(path, message)))
        self._plan_error.show_message("\n".join(general))
        for index, row in enumerate(self._rows):
            self._table.slot(index).show_messages(row.messages)

    # ---- triage and referral -------------------------------------------------------------------

    def set_proposal(self, result: TriageResult, complaints: Sequence[Complaint] = ()) -> None:
        """Show triage's proposal while the plan follows it; otherwise only refresh what each row is for.

        The complaints are the visit's, which the strengthening exercises and deferrals name.
        """
        self._proposal = result
        self._complaints = tuple(complaints)
        if self._following:
            self._rows = self._proposal_rows()
            self._show_rows()
        else:
            self._table.show_contexts(self._rows, self._contexts())
        self._show_notes()
        page = {REFERRAL: REFERRAL_PAGE, NEEDS_CHECKLIST: CHECKLIST_PAGE}.get(result.plan_status, PLAN_PAGE)
        self._pages.setCurrentIndex(page)

    def shown_page(self) -> int:
        """PLAN_PAGE, REFERRAL_PAGE or CHECKLIST_PAGE."""
        return self._pages.currentIndex()

    def is_following_proposal(self) -> bool:
        return self._following

    def entries(self) -> list[PlanEntry]:
        """The plan as shown, the proposal included (copies)."""
        return [replace(row.entry) for row in self._rows]

    def current_row(self) -> int:
        return self._table.current_row

    def select_row(self, index: int) -> None:
        self._table.set_current(index)

    def table(self) -> PlanTable:
        return self._table

    # ---- editing -------------------------------------------------------------------------------

    def open_picker(self) -> ExercisePickerDialog:
        """Open the library (window-modal, not blocking); the chosen exercise is added on OK."""
        findings = self._proposal.findings if self._proposal else ()
        dialog = ExercisePickerDialog(self._library, findings, self)
        dialog.accepted.connect(lambda: self._add_chosen(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _add_chosen(self, dialog: ExercisePickerDialog) -> None:
        entry = dialog.chosen_entry()
        if entry is not None:
            self.add_entry(entry)

    def add_entry(self, entry: PlanEntry) -> None:
        self._take_over()
        self._rows.append(PlanRow(entry))
        self._table.set_current(len(self._rows) - 1)
        self._structure_changed(focus=(len(self._rows) - 1, "side"))

    def remove_current(self) -> None:
        index = self._table.current_row
        if not 0 <= index < len(self._rows):
            return
        focused = self._table.focused()
        self._take_over()
        del self._rows[index]
        if not self._rows:
            self.add_button.setFocus()  # before the row's widgets go
        focus = (min(index, len(self._rows) - 1), focused[1]) if focused and self._rows else None
        self._structure_changed(focus)

    def move_current(self, delta: int) -> None:
        index = self._table.current_row
        target = index + delta
        if not (0 <= index < len(self._rows) and 0 <= target < len(self._rows)):
            return
        focused = self._table.focused()
        self._take_over()
        self._rows[index], self._rows[target] = self._rows[target], self._rows[index]
        self._table.set_current(target)
        self._structure_changed(focus=(target, focused[1]) if focused else None)

    def step_current(self, up: bool) -> None:
        """Progress or regress the selected exercise as the library says it steps (dose, then version)."""
        from clinic_app.progression import progress, regress
        from clinic_app.visit_form import plan_entry_of, prescription_of

        index = self._table.current_row
        if not 0 <= index < len(self._rows):
            return
        try:
            prescription = prescription_of(self._rows[index].entry)
        except InvalidInput:
            self._show_step_note(
                self.tr("Not progressed: correct this exercise's dose first.")
                if up
                else self.tr("Not regressed: correct this exercise's dose first.")
            )
            return
        step = progress(prescription) if up else regress(prescription)
        if not step.changed:
            self._show_step_note(
                (self.tr("Not progressed: {change}.") if up else self.tr("Not regressed: {change}.")).format(
                    change=self._step_words(prescription, step, up)
                )
            )
            return
        self._take_over()
        entry = plan_entry_of(step.prescription)
        self._rows[index] = PlanRow(entry)
        self._show_step_note(
            (self.tr("Progressed: {change}.") if up else self.tr("Regressed: {change}.")).format(
                change=self._step_words(prescription, step, up)
            )
        )
        self._structure_changed(focus=(index, "side") if self._table.focused() else None)
        self._table.set_current(index)

    def _step_words(self, before: Prescription, step: ProgressionStep, up: bool) -> str:
        """What a step changed, in the screens' language (the core's `change` says it in English)."""
        library = self._library.exercises
        old = exercise_name(before.exercise, before.exercise)
        if step.kind == "none":
            return (
                self.tr("{exercise}: already at its hardest step")
                if up
                else self.tr("{exercise}: already at its easiest step")
            ).format(exercise=old)
        after = step.prescription
        if step.kind == "exercise":
            new = exercise_name(after.exercise, after.exercise)
            dose = dosing_text(after.dosing) if after.exercise in library else ""
            return f"{old} → {new} ({dose})"
        words = {
            "hold_s": self.tr("hold {before} s → {after} s"),
            "reps": self.tr("reps {before} → {after}"),
            "sets": self.tr("sets {before} → {after}"),
        }
        return ", ".join(
            text.format(before=getattr(before.dosing, field), after=getattr(after.dosing, field))
            for field, text in words.items()
            if getattr(before.dosing, field) != getattr(after.dosing, field)
        )

    def _show_step_note(self, text: str) -> None:
        self.step_note.setText(text)
        self.step_note.setVisible(bool(text))

    def _ask_reset(self) -> None:
        if not self._following and self._confirm_reset(self):
            self.reset_to_proposal()

    def reset_to_proposal(self) -> None:
        """Follow triage's proposal again (the form's plan becomes None)."""
        self._following = True
        self._rows = self._proposal_rows()
        self._structure_changed(focus=None)

    def _on_edited(self, index: int, name: str, text: str) -> None:
        was_following = self._following
        self._take_over()
        setattr(self._rows[index].entry, name, text)
        if was_following:
            self._show_status()
            self._table.show_contexts(self._rows, self._contexts())
        self.changed.emit()

    def _take_over(self) -> None:
        """The first edit makes the proposal the therapist's own plan."""
        self._following = False

    def _structure_changed(self, focus: tuple[int, str] | None) -> None:
        self._show_rows()
        if focus is not None and self.isVisible():  # a hidden widget would take the focus when next shown
            self._table.focus(*focus)
        self.changed.emit()

    # ---- showing -------------------------------------------------------------------------------

    def _show_rows(self) -> None:
        self._table.show_rows(self._rows, self._contexts(), self._empty_text())
        self._chain_tab_order()
        self._show_status()
        names = [self._name_and_kind(row.entry.exercise) for row in self._rows]
        self.order_warning.show_warning(kind_order_warning(names))
        self._update_buttons()

    def _name_and_kind(self, exercise_id: str) -> tuple[str, str]:
        exercise = self._library.exercises.get(exercise_id)
        return (exercise.text[content_language()].name, exercise.kind) if exercise else (exercise_id, "")

    def _show_status(self) -> None:
        if not self._following:
            text = self.tr("<b>Your plan.</b> It no longer follows the triage proposal.")
        elif self._rows:
            text = self.tr(
                "<b>Proposed by triage</b> from today's findings. Change anything to make it your plan."
            )
        else:
            text = self.tr(
                "<b>Triage proposes no exercises</b> yet: no abnormal findings have been recorded."
            )
        self._status.setText(text)
        self.reset_button.setEnabled(not self._following)

    def _empty_text(self) -> str:
        if self._following:
            return self.tr(
                "Record the screens to get a proposal, or use “Add from library…” to build a plan."
            )
        return self.tr(
            "The plan is empty: the handout will have no exercises. Use “Add from library…” to add one."
        )

    def _contexts(self) -> list[str]:
        """The line under each exercise's name: which of today's findings (or complaints) it is for."""
        return [self._context(served) for served in map(self._findings_served, self._rows)]

    def _context(self, served: str) -> str:
        if not served:
            return ""
        if served.startswith(self._strengthening("")):
            return (
                self.tr("Proposed by triage: {served}").format(served=served)
                if self._following
                else served[:1].upper() + served[1:]
            )
        return (
            self.tr("Proposed by triage for {served}").format(served=served)
            if self._following
            else self.tr("For {served}").format(served=served)
        )

    def _findings_served(self, row: PlanRow) -> str:
        result, exercise = self._proposal, self._library.exercises.get(row.entry.exercise)
        if result is None or exercise is None:
            return ""
        proposed = next((p for p in result.exercises if p.id == exercise.id), None)
        if proposed is not None and proposed.for_complaints and not proposed.for_findings:
            # A strengthening exercise serves complaints, not findings.
            return self._strengthening(", ".join(self._complaint_names(proposed.for_complaints)))
        # An exercise triage did not propose may still address today's findings.
        finding_ids = (proposed.for_findings if proposed else ()) or [
            f.id for f in matching_findings(exercise, result.findings)
        ]
        return ", ".join(finding_label(result.finding(finding_id)) for finding_id in finding_ids)

    def _strengthening(self, complaints: str) -> str:
        return self.tr("strengthening for {complaints}").format(complaints=complaints)

    def _complaint_names(self, indexes: Sequence[int]) -> list[str]:
        complaints = self._complaints
        return [
            complaint_label(complaints[i].region.value, complaints[i].side.value).lower()
            for i in indexes
            if i < len(complaints)
        ]

    def _show_notes(self) -> None:
        """The overrides a home programme is given despite, and what the full plan left out."""
        result = self._proposal
        if result is None:
            self.override_note.show_warning(None)
            self.deferred_note.show_warning(None)
            return
        overridden = [flag_name(flag) for flag in result.referral.overridden]
        self.override_note.show_warning(
            self.tr(
                "Home programme given despite: {flags} (overridden). The referral letter prints first, then the"
                " handout."
            ).format(flags="; ".join(overridden))
            if overridden
            else None
        )
        left_out = [finding_label(result.finding(f)) for f in result.deferred_findings]
        left_out += [self._strengthening(name) for name in self._complaint_names(result.deferred_strength)]
        limit = self._catalogue_max()
        self.deferred_note.show_warning(
            self.tr(
                "Not in today's plan (the plan is full: at most {limit} exercises): {left_out}. Swap one in if"
                " it matters more, or give it at the next visit."
            ).format(limit=limit, left_out="; ".join(left_out))
            if left_out
            else None
        )

    @staticmethod
    def _catalogue_max() -> int:
        from clinic_app.catalogue import load_catalogue

        return load_catalogue().max_exercises

    def _proposal_rows(self) -> list[PlanRow]:
        proposed = self._proposal.exercises if self._proposal else ()
        return [PlanRow(plan_entry(p.id, p.side, p.dosing)) for p in proposed]

    def _update_buttons(self) -> None:
        index, count = self._table.current_row, len(self._rows)
        states = {
            self.remove_button: 0 <= index < count,
            self.move_up_button: 0 < index < count,
            self.move_down_button: 0 <= index < count - 1,
            self.progress_button: 0 <= index < count,
            self.regress_button: 0 <= index < count,
        }
        for button, enabled in states.items():
            if button.hasFocus() and not enabled:
                # Qt would pass the focus on to the next control, which may be another row's.
                self._focus_after_disabling(index, count)
            button.setEnabled(enabled)

    def _focus_after_disabling(self, index: int, count: int) -> None:
        if 0 <= index < count:
            self._table.focus(index, "side")
        else:
            self.add_button.setFocus()

    def _chain_tab_order(self) -> None:
        # Rows added later would otherwise come last in the window's tab order.
        for before, after in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(before, after)
        self.tab_order_changed.emit()

    def tab_chain(self) -> list[QWidget]:
        """The buttons, then the rows, then (on its own page) the way to the checklist."""
        return [self.reset_button, *self._toolbar_buttons(), *self._table.inputs(), self.checklist_button]

    def focus_entry(self) -> None:
        """The first exercise's first control; without one, "Add from library"; on the checklist page, its button."""
        page = self.shown_page()
        if page == CHECKLIST_PAGE:
            self.checklist_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif page == PLAN_PAGE:
            inputs = [w for w in self._table.inputs() if w.isEnabled()]
            target = inputs[0] if inputs else self.add_button
            self._table.set_current(0 if inputs else -1)
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _title_label(text: str, parent: QWidget) -> QLabel:
    title = QLabel(text, parent)
    title.setWordWrap(True)
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    title.setFont(font)
    return title


def _referral_page() -> QWidget:
    page = QWidget()
    panel = QFrame(page)
    panel.setFrameShape(QFrame.Shape.StyledPanel)
    title = _title_label(
        QCoreApplication.translate("plan_section", "Referral needed: no home programme"), panel
    )
    body = QLabel(
        QCoreApplication.translate(
            "plan_section",
            "A red flag was found, so this patient is referred on and no exercises are given. "
            "The handout prints as a referral letter; the triage panel lists the reasons. "
            "The exercise plan is kept and comes back if the red flag is cleared or overridden.",
        ),
        panel,
    )
    body.setWordWrap(True)
    body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    panel_layout = QVBoxLayout(panel)
    panel_layout.addWidget(title)
    panel_layout.addWidget(body)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(panel)
    layout.addStretch(1)
    page.setAccessibleName(QCoreApplication.translate("plan_section", "Referral needed: no home programme"))
    return page
