"""One card per screening test: what to do (illustration and how-to) and what was seen.

Each card edits one entry of VisitForm.screenings: a dict from the field key ("result",
"left.heel_lifted") to the value as text. Only what is recorded is written: a card with nothing
recorded is a screen not done, and the section then removes the screen from the form.
Yes/No answers are stored as "true"/"false"; measurements exactly as typed, even when wrong, so
that the validation message shows under the field and nothing typed is lost.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QCoreApplication, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import ScreenDef, load_catalogue, resource_dir
from clinic_app.domain import ScreenId
from ui.language import QT_TRANSLATE_NOOP, content_language, number_text
from ui.widgets.field_error import FieldError
from ui.widgets.measurement_field import MeasurementField
from ui.widgets.screen_reader_label import name_control
from ui.widgets.value_combo import Choice, ValueCombo

NOT_RECORDED: Choice = ("", "—")
YES_NO: tuple[Choice, ...] = (
    NOT_RECORDED,
    ("true", QT_TRANSLATE_NOOP("screening_cards", "Yes")),
    ("false", QT_TRANSLATE_NOOP("screening_cards", "No")),
)
LEVEL_RESULTS: tuple[Choice, ...] = (
    NOT_RECORDED,
    ("level", QT_TRANSLATE_NOOP("screening_cards", "Level")),
    ("left_higher", QT_TRANSLATE_NOOP("screening_cards", "Left higher")),
    ("right_higher", QT_TRANSLATE_NOOP("screening_cards", "Right higher")),
)
HEAD_RESULTS: tuple[Choice, ...] = (
    NOT_RECORDED,
    ("neutral", QT_TRANSLATE_NOOP("screening_cards", "Neutral")),
    ("forward", QT_TRANSLATE_NOOP("screening_cards", "Forward")),
)
FMS_SCORES: tuple[Choice, ...] = (
    NOT_RECORDED,
    ("0", QT_TRANSLATE_NOOP("screening_cards", "0 (pain)")),
    ("1", "1"),
    ("2", "2"),
    ("3", "3"),
)
SIDE_TITLES = {
    "left": QT_TRANSLATE_NOOP("screening_cards", "Left leg"),
    "right": QT_TRANSLATE_NOOP("screening_cards", "Right leg"),
}
# The illustration's size in lines of text (about 160 x 120 at a normal font size): it scales with DPI and font.
ILLUSTRATION_LINES = QSize(10, 7)

SIDE_COLUMN_CHARS = 24
UNDO_MS = 15_000  # how long "Undo" stays after "Mark not done" cleared a card

FieldInput = ValueCombo | MeasurementField


@dataclass(frozen=True)
class FieldSpec:
    """One thing recorded on a card: a choice (choices given) or a measurement (unit given)."""

    key: str  # the document's field name
    label: str
    choices: tuple[Choice, ...] = ()
    unit: str = ""
    row_label: str = ""  # the label as laid out on the card, where it needs two lines

    @property
    def shown_label(self) -> str:
        return _t(self.row_label or self.label)

    @property
    def text(self) -> str:
        """The label in the screens' language."""
        return _t(self.label)

    @property
    def shown_choices(self) -> tuple[Choice, ...]:
        return tuple((value, _t(label)) for value, label in self.choices)


def _t(text: str) -> str:
    return QCoreApplication.translate("screening_cards", text)


def choice_label(field: str, value: str) -> str:
    """A stored choice ("left_higher", "true") in the words of the card that offers it."""
    for spec in (*LEVEL_FIELDS, *HEAD_FIELDS, *HIP_FIELDS, *ANKLE_FIELDS):
        if spec.key == field:
            return next((label for choice, label in spec.shown_choices if choice == value), value)
    return value


LEVEL_FIELDS = (
    FieldSpec("result", QT_TRANSLATE_NOOP("screening_cards", "Result"), LEVEL_RESULTS),
    FieldSpec("difference_cm", QT_TRANSLATE_NOOP("screening_cards", "Difference (optional)"), unit="cm"),
)
HEAD_FIELDS = (
    FieldSpec("result", QT_TRANSLATE_NOOP("screening_cards", "Result"), HEAD_RESULTS),
    FieldSpec(
        "craniovertebral_angle_deg",
        QT_TRANSLATE_NOOP("screening_cards", "Craniovertebral angle (optional)"),
        unit="°",
    ),
)
HIP_FIELDS = (
    FieldSpec(
        "knee_bent_when_raised", QT_TRANSLATE_NOOP("screening_cards", "Raised knee had to bend"), YES_NO
    ),
    FieldSpec(
        "foot_turned_out_when_resting",
        QT_TRANSLATE_NOOP("screening_cards", "Resting foot turned out"),
        YES_NO,
    ),
    FieldSpec(
        "resting_leg_lifted",
        QT_TRANSLATE_NOOP("screening_cards", "Resting leg lifted (thigh came up or knee bent)"),
        YES_NO,
        # Two lines: on one it would widen the label column of every card.
        row_label=QT_TRANSLATE_NOOP("screening_cards", "Resting leg lifted\n(thigh came up or knee bent)"),
    ),
    FieldSpec(
        "raised_angle_deg", QT_TRANSLATE_NOOP("screening_cards", "Raised leg angle (optional)"), unit="°"
    ),
    FieldSpec("fms_score", QT_TRANSLATE_NOOP("screening_cards", "FMS ASLR score (optional)"), FMS_SCORES),
)
ANKLE_FIELDS = (
    FieldSpec("knee_touches_wall", QT_TRANSLATE_NOOP("screening_cards", "Knee touched the wall"), YES_NO),
    FieldSpec("heel_lifted", QT_TRANSLATE_NOOP("screening_cards", "Heel lifted"), YES_NO),
    FieldSpec(
        "toe_to_wall_cm",
        QT_TRANSLATE_NOOP("screening_cards", "Best toe-to-wall distance (optional)"),
        unit="cm",
    ),
)
# Every field's label by its document name: how the rest of the app names a screening field.
FIELD_LABELS = {spec.key: spec.label for spec in (*LEVEL_FIELDS, *HEAD_FIELDS, *HIP_FIELDS, *ANKLE_FIELDS)}
FIELD_LABELS["result"] = QT_TRANSLATE_NOOP("screening_cards", "Result")


class ScreeningCard(QFrame):
    """Title, status, how-to, illustration and the inputs that subclasses lay out."""

    edited = Signal()  # the user changed what is recorded

    def __init__(self, screen: ScreenDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = screen
        self.screen_id = screen.id
        self.name = screen.name[content_language()]
        self.inputs: dict[str, FieldInput] = {}  # by form key
        self.errors: dict[str, FieldError] = {}
        self.labels: dict[str, str] = {}  # form key -> what the therapist reads
        self._extra: dict[str, str] = {}  # keys this card has no input for, kept as loaded
        self.row_labels: list[QLabel] = []
        self._read_only = False
        self.setObjectName("screeningCard")
        self.setContentsMargins(1, 1, 1, 1)  # room for the border paintEvent draws
        self.card_error = FieldError(self)
        self.grid = QGridLayout()
        self._build_header()
        self._build_body()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """A thin rounded border in the theme's mid colour. Painted, not a style sheet: a sheet on
        the card would put every input inside it under the (slow) style-sheet style."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()

    # ---- building ----------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.title = QLabel(f"<b>{self.name}</b>")
        self.status = QLabel()
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.how_to_button = QToolButton()
        self.how_to_button.setText(self.tr("How to"))
        self.how_to_button.setCheckable(True)
        self.how_to_button.setAutoRaise(True)
        self.how_to_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.how_to_button.setArrowType(Qt.ArrowType.RightArrow)
        self.how_to_button.setAccessibleName(self.tr("How to do the {name} screen").format(name=self.name))
        self.how_to_button.toggled.connect(self._on_how_to_toggled)
        self.not_done_button = QPushButton(self.tr("Mark not done"))
        self.not_done_button.setAccessibleName(
            self.tr("Mark {name} not done: clears what is recorded").format(name=self.name)
        )
        self.not_done_button.setToolTip(self.tr("Clear this card: the screen was not done"))
        self.not_done_button.clicked.connect(self._on_not_done_clicked)
        # What "Mark not done" cleared, and the way back, for a while.
        self._cleared: dict[str, str] = {}
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setAccessibleName(
            self.tr("Undo: bring back what {name} recorded").format(name=self.name)
        )
        self.undo_button.setToolTip(
            self.tr("Bring back what was recorded on this card before it was marked not done")
        )
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.undo_button.hide()
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.forget_cleared)
        self.how_to = QLabel(self._how_to_text())
        self.how_to.setWordWrap(True)
        self.how_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.how_to.hide()
        # A follow-up visit: this screen's values last time beside the new ones, with the change.
        self.last_time = QLabel()
        self.last_time.setObjectName("lastTimeNote")
        self.last_time.setWordWrap(True)
        self.last_time.setTextFormat(Qt.TextFormat.PlainText)
        self.last_time.setAccessibleName(self.tr("{name} last time").format(name=self.name))
        self.last_time.hide()

    def show_last_time(self, text: str) -> None:
        """ "Last time (Nov 02): Toe-to-wall distance (left): 6 cm → 8.5 cm, +2.5 cm"; empty hides it."""
        self.last_time.setText(text)
        self.last_time.setVisible(bool(text))

    def _build_body(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.status)
        header.addWidget(self.undo_button)
        header.addStretch(1)
        header.addWidget(self.how_to_button)
        header.addWidget(self.not_done_button)
        body = QHBoxLayout()
        body.addWidget(self._illustration(), 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(self.grid, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.how_to)
        layout.addWidget(self.last_time)
        layout.addWidget(self.card_error)
        layout.addLayout(body)

    def _illustration(self) -> QWidget:
        picture = QSvgWidget()
        resource = resource_dir("illustrations") / self.definition.illustration
        if resource.is_file():
            picture.load(QByteArray(resource.read_bytes()))
            picture.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        line = self.fontMetrics().height()
        picture.setFixedSize(ILLUSTRATION_LINES * line)
        picture.setToolTip(self.definition.how_to[content_language()])
        picture.setAccessibleName(self.tr("Illustration: {name}").format(name=self.name))
        return picture

    def _how_to_text(self) -> str:
        note = f" {self.definition.note[content_language()].strip()}" if self.definition.note else ""
        return f"{self.definition.how_to[content_language()].strip()}{note}"

    def add_input(self, key: str, spec: FieldSpec, accessible_name: str) -> FieldInput:
        """Create the input for one form key; subclasses place it and its error in the grid."""
        field: FieldInput
        if spec.choices:
            field = ValueCombo(spec.shown_choices)
            name_control(field, accessible_name)
        else:
            field = MeasurementField(spec.unit, accessible_name)
        field.edited.connect(self._on_input_edited)
        self.inputs[key] = field
        self.errors[key] = FieldError(self)
        self.labels[key] = spec.text
        return field

    def place(self, key: str, row: int, column: int, error_span: int = 1) -> None:
        """Put an input in the grid with its error message under it."""
        self.grid.addWidget(self.inputs[key], row, column, Qt.AlignmentFlag.AlignLeft)
        error = self.errors[key]
        # The message wraps within its column instead of widening it.
        error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.grid.addWidget(error, row + 1, column, 1, error_span)

    def add_row_label(self, text: str, row: int) -> QLabel:
        label = QLabel(text)
        self.row_labels.append(label)
        self.grid.addWidget(label, row, 0)
        return label

    def label_column_width(self) -> int:
        return max((label.sizeHint().width() for label in self.row_labels), default=0)

    def set_label_column_width(self, width: int) -> None:
        """Cards given the same width line their inputs up under each other."""
        self.grid.setColumnMinimumWidth(0, width)

    def add_hint(self, text: str, row: int) -> None:
        """A muted line under the inputs, from the first input column to the card's edge."""
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.grid.addWidget(hint, row, 1, 1, -1)

    def finish(self) -> None:
        """Line the inputs up, chain the tab order top to bottom and show the state; call it last."""
        self._equal_input_widths()
        # Spare width goes right of the inputs, spare height below them.
        self.grid.setColumnStretch(self.grid.columnCount(), 1)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        for before, after in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(before, after)
        self._refresh()

    def _equal_input_widths(self) -> None:
        """Every box on a card as wide as the widest one needs to be, so the columns read as a table."""
        self.set_input_width(self.input_width())

    def input_width(self) -> int:
        """The width the widest box needs: a combo's longest choice, or a measurement's few digits."""
        return max(
            box.sizeHint().width() if isinstance(box, ValueCombo) else box.minimumWidth()
            for box in self._input_boxes()
        )

    def set_input_width(self, width: int) -> None:
        for box in self._input_boxes():
            box.setFixedWidth(width)

    def tab_chain(self) -> list[QWidget]:
        """The card's focusable widgets in tab order: the header's buttons, then the inputs as read."""
        return [self.how_to_button, self.not_done_button, self.undo_button, *self._input_boxes()]

    def _input_boxes(self) -> list[QWidget]:
        """The widget that takes the keyboard for each input, in the order the inputs were added."""
        return [
            field.edit if isinstance(field, MeasurementField) else field for field in self.inputs.values()
        ]

    def first_input(self) -> QWidget:
        return self._input_boxes()[0]

    # ---- values ------------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What is recorded, by form key; blank fields are left out."""
        recorded = {key: field.value() for key, field in self.inputs.items() if field.value().strip()}
        return {**recorded, **self._extra}

    def set_values(self, values: dict[str, str]) -> None:
        """Show the recorded values without emitting `edited`."""
        for key, field in self.inputs.items():
            field.set_value(values.get(key, ""))
        self._extra = {key: value for key, value in values.items() if key not in self.inputs}
        self._refresh()

    def is_done(self) -> bool:
        return bool(self.values())

    # ---- problems and read-only ----------------------------------------------------------------

    def show_messages(self, messages: dict[str, str]) -> None:
        """Messages by document path (screenings.<screen>...): under the field, else on the card."""
        from ui.visit.wording import readable_message, screening_field_name

        prefix = f"screenings.{self.screen_id.value}"
        leftovers = []
        for key, error in self.errors.items():
            path = f"{prefix}.{key}"
            message = messages.get(path)
            # A choice not made yet needs a plain request, not the list of allowed values.
            blank_choice = isinstance(self.inputs[key], ValueCombo) and not self.inputs[key].value()
            if message and blank_choice:
                error.show_message(self.tr("Required: choose one."))
            else:
                error.show_message(readable_message(message, path) if message else None)
        for path, message in messages.items():
            key = path.removeprefix(prefix).removeprefix(".")
            if key not in self.errors:
                side = key.partition(".")[0]
                where = _t(SIDE_TITLES[side]) if side in SIDE_TITLES and key == side else ""
                if key and not where:
                    where = screening_field_name(self.screen_id.value, key).removeprefix(self.name + ": ")
                leftovers.append(
                    f"{where}: {readable_message(message, path)}"
                    if where
                    else readable_message(message, path)
                )
        self.card_error.show_message("\n".join(leftovers) or None)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for field in self.inputs.values():
            field.set_read_only(read_only)
        if read_only:
            self.forget_cleared()
        self._refresh()

    # ---- user actions ------------------------------------------------------------------------

    def _on_input_edited(self) -> None:
        self.forget_cleared()  # something new is recorded: bringing the old back would overwrite it
        self._refresh()
        self.edited.emit()

    def _on_not_done_clicked(self) -> None:
        if self._read_only or not self.is_done():
            return
        self._cleared = self.values()
        self.set_values({})
        self.undo_button.show()
        self._undo_timer.start(UNDO_MS)
        self._refresh()
        self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Space brings it back
        self.edited.emit()

    def _on_undo_clicked(self) -> None:
        if self._read_only or not self._cleared:
            return
        values = self._cleared
        self.forget_cleared()
        self.set_values(values)
        self.not_done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edited.emit()

    def forget_cleared(self) -> None:
        """No "Undo" any more: its time is up, or something else was recorded or loaded."""
        self._undo_timer.stop()
        self._cleared = {}
        if self.undo_button.hasFocus():
            self.first_input().setFocus(Qt.FocusReason.OtherFocusReason)
        self.undo_button.hide()
        self._refresh()

    def _on_how_to_toggled(self, shown: bool) -> None:
        self.how_to.setVisible(shown)
        self.how_to_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _refresh(self) -> None:
        done = self.is_done()
        cleared = bool(self._cleared) and not done
        self.status.setText(
            self.tr("— recorded") if done else self.tr("— cleared:") if cleared else self.tr("— not done")
        )
        self.not_done_button.setEnabled(done and not self._read_only)


class SingleCard(ScreeningCard):
    """A card with one column of inputs: a label, the input, its error underneath."""

    def __init__(
        self, screen: ScreenDef, fields: tuple[FieldSpec, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(screen, parent)
        for index, spec in enumerate(fields):
            field = self.add_input(spec.key, spec, f"{self.name}: {spec.text}")
            label = self.add_row_label(spec.shown_label, 2 * index)
            if isinstance(field, MeasurementField):
                label.setBuddy(field.edit)  # a drop-down has a label of its own, with the screen's name in it
            self.place(spec.key, 2 * index, 1, error_span=-1)
        self.next_row = 2 * len(fields)


class LevelCard(SingleCard):
    """Shoulder height or pelvic height: which side is higher, and by how much."""

    def __init__(self, screen: ScreenDef, parent: QWidget | None = None) -> None:
        super().__init__(screen, LEVEL_FIELDS, parent)
        self.add_hint(self.tr("Left and right are the patient's."), self.next_row)
        self.finish()


class HeadPostureCard(SingleCard):
    """Head posture from the side, with the craniovertebral angle if it was measured."""

    def __init__(self, screen: ScreenDef, parent: QWidget | None = None) -> None:
        super().__init__(screen, HEAD_FIELDS, parent)
        cutoff = load_catalogue().cutoffs["craniovertebral_angle_deg"].value
        self.add_hint(
            self.tr("An angle below {cutoff}° counts as forward, whatever result is chosen.").format(
                cutoff=number_text(cutoff, 2)
            ),
            self.next_row,
        )
        self.finish()


class BilateralCard(ScreeningCard):
    """A test done on each leg: the same questions in a left and a right column."""

    def __init__(
        self, screen: ScreenDef, fields: tuple[FieldSpec, ...], hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(screen, parent)
        for column, side in enumerate(SIDE_TITLES, start=1):
            self.grid.addWidget(QLabel(f"<b>{_t(SIDE_TITLES[side])}</b>"), 0, column)
            # Room for a problem message to wrap in a few lines under its field.
            self.grid.setColumnMinimumWidth(column, self.fontMetrics().averageCharWidth() * SIDE_COLUMN_CHARS)
        # Row by row, left before right: the tab order follows reading order.
        for index, spec in enumerate(fields):
            row = 1 + 2 * index
            self.add_row_label(spec.shown_label, row)
            for column, side in enumerate(SIDE_TITLES, start=1):
                key = f"{side}.{spec.key}"
                self.add_input(key, spec, f"{self.name}: {spec.text}, {_t(SIDE_TITLES[side]).lower()}")
                self.place(key, row, column)
        if hint:
            self.add_hint(hint, 1 + 2 * len(fields))
        self.finish()


def make_cards() -> list[ScreeningCard]:
    """The five cards, in the order the screens are usually done."""
    catalogue = load_catalogue()
    screens = catalogue.screens
    toe_cutoff = catalogue.cutoffs["toe_to_wall_cm"].value
    ankle_hint = QCoreApplication.translate(
        "screening_cards", "Below {toe_cutoff} cm counts as a tight calf, whatever else is recorded."
    ).format(toe_cutoff=number_text(toe_cutoff, 2))
    angle_cutoff = catalogue.cutoffs["raised_angle_deg"].value
    hip_hint = QCoreApplication.translate(
        "screening_cards",
        "Below {angle_cutoff}° counts as tight hamstrings, unless the resting leg lifted or turned out during that raise. FMS 0 (pain): no hip stretches for that leg.",
    ).format(angle_cutoff=number_text(angle_cutoff, 2))
    by_screen: dict[ScreenId, ScreeningCard] = {
        ScreenId.SHOULDER_HEIGHT: LevelCard(screens[ScreenId.SHOULDER_HEIGHT]),
        ScreenId.HEAD_POSTURE: HeadPostureCard(screens[ScreenId.HEAD_POSTURE]),
        ScreenId.HIP_MOBILITY: BilateralCard(screens[ScreenId.HIP_MOBILITY], HIP_FIELDS, hip_hint),
        ScreenId.ANKLE_MOBILITY: BilateralCard(screens[ScreenId.ANKLE_MOBILITY], ANKLE_FIELDS, ankle_hint),
        ScreenId.PELVIC_HEIGHT: LevelCard(screens[ScreenId.PELVIC_HEIGHT]),
    }
    return [by_screen[screen] for screen in ScreenId]
