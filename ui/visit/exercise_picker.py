"""Choose an exercise from the library to add to the plan.

The list filters as the therapist types: by the exercise's name (English or Spanish), its kind, or
the finding it addresses ("calf", "stretch", "forward head"). Exercises for today's findings come
first, and the chosen one gets its library dose and the side of the finding it matches.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Dosing, Side
from clinic_app.exercises import Exercise, ExerciseLibrary, load_library
from clinic_app.triage import Finding
from clinic_app.visit_form import PlanEntry
from ui.language import content_language
from ui.visit.wording import finding_label
from ui.widgets.exercise_display import dosing_text, exercise_icon, kind_label, side_label

LEGS = (Side.LEFT, Side.RIGHT)
RICH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
_LIST_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


def plan_entry(exercise_id: str, side: Side, dosing: Dosing) -> PlanEntry:
    """A plan row holding a dose as the text the therapist would have typed."""
    return PlanEntry(
        exercise=exercise_id,
        side=side.value,
        hold_s="" if dosing.hold_s is None else str(dosing.hold_s),
        reps=str(dosing.reps),
        sets=str(dosing.sets),
        per_day=str(dosing.per_day),
    )


def matching_findings(exercise: Exercise, findings: Sequence[Finding]) -> list[Finding]:
    """Today's findings this exercise addresses."""
    return [f for f in findings if f.key in exercise.addresses]


def suggested_side(exercise: Exercise, findings: Sequence[Finding]) -> Side:
    """The leg of the one matching finding; both legs when that cannot be told; central off-side."""
    if not exercise.per_side:
        return Side.CENTRAL
    legs = {f.side for f in matching_findings(exercise, findings) if f.side in LEGS}
    return legs.pop() if len(legs) == 1 else Side.BOTH


def _folded(text: str) -> str:
    """Lower case without accents, so "cadera" finds "Cadera" and "nunez" finds "Núñez"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(exercise: Exercise) -> str:
    """Everything a therapist might type to find an exercise."""
    findings = load_catalogue().findings
    words = [*(t.name for t in exercise.text.values()), exercise.kind, kind_label(exercise.kind)]
    for key in exercise.addresses:
        words.append(key.replace("_", " ").replace("/", " "))
        if key in findings:
            label = findings[key].definition.label
            words += [label.en, label.es]
    return _folded(" ".join(words))


class RichTextItemDelegate(QStyledItemDelegate):
    """Draws a list item's icon and its RICH_TEXT_ROLE text, wrapped to the list's width."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(RICH_TEXT_ROLE)))
        # The view's own width, not option.rect: Qt asks for size hints before items have a place.
        icon_room = (
            self._view.iconSize().width() + 3 * self._view.spacing() + option.fontMetrics.averageCharWidth()
        )
        document.setTextWidth(max(self._view.viewport().width() - icon_room, 1))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        document = self._document(option, index)
        height = max(round(document.size().height()), self._view.iconSize().height())
        return QSize(
            round(document.idealWidth()) + self._view.iconSize().width(), height + self._view.spacing()
        )

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""  # the style draws background, selection and icon; the text is drawn below
        style = self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, self._view)
        text_area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, self._view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        document = self._document(option, index)  # held here: its layout lives only as long as it does
        painter.save()
        painter.translate(text_area.topLeft())
        document.documentLayout().draw(painter, context)
        painter.restore()


class ExercisePickerDialog(QDialog):
    """The library with pictures; OK (Enter or a double-click) chooses the selected exercise."""

    def __init__(
        self,
        library: ExerciseLibrary | None = None,
        findings: Sequence[Finding] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an exercise from the library"))
        self._library = library or load_library()
        self._findings = tuple(findings)
        self._haystacks = {e.id: search_text(e) + " " + self._today_text(e) for e in self._exercises()}
        self._build()
        self._fill_list()
        self._apply_filter("")
        line = self.fontMetrics().lineSpacing()
        self.resize(line * 62, line * 40)

    # ---- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(
            self.tr("Search by name, kind or finding, e.g. calf, stretch, neck")
        )
        self.search_field.setAccessibleName(self.tr("Search the exercise library"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._apply_filter)
        self.search_field.installEventFilter(self)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_field)
        self._list = self._build_list()
        self._nothing_found = QLabel(self)
        self._nothing_found.setWordWrap(True)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add to plan"))
        self.ok_button.setAccessibleName(self.tr("Add the selected exercise to the plan"))
        self._buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_field, 1)
        layout.addLayout(search_row)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._list, 1)
        left.addWidget(self._nothing_found)
        body.addLayout(left, 1)
        body.addWidget(self._build_preview(), 1)
        layout.addLayout(body, 1)
        layout.addWidget(self._buttons)

    def _build_list(self) -> QListWidget:
        exercises = QListWidget(self)
        exercises.setAccessibleName(self.tr("Exercises in the library"))
        exercises.setWordWrap(True)
        exercises.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap the text when the list widens
        exercises.setSpacing(self.fontMetrics().lineSpacing() // 5)
        line = self.fontMetrics().lineSpacing()
        exercises.setIconSize(QSize(line * 4, line * 3))
        exercises.setItemDelegate(RichTextItemDelegate(exercises))
        exercises.currentItemChanged.connect(self._show_selected)
        exercises.itemDoubleClicked.connect(lambda _item: self.accept())
        return exercises

    def _build_preview(self) -> QWidget:
        preview = QWidget(self)
        self._picture = QSvgWidget(preview)
        line = self.fontMetrics().lineSpacing()
        self._picture.setMinimumSize(line * 16, line * 12)
        self._picture.setAccessibleName(self.tr("Picture of the selected exercise"))
        self._details = QLabel(preview)
        self._details.setWordWrap(True)
        self._details.setTextFormat(Qt.TextFormat.RichText)
        self._details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(preview)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._picture, 2)
        layout.addWidget(self._details, 3)
        return preview

    def _exercises(self) -> list[Exercise]:
        # Exercises for today's findings first, each group in the library's order (kind, then id).
        everything = list(self._library.exercises.values())
        return sorted(everything, key=lambda e: not matching_findings(e, self._findings))

    def _fill_list(self) -> None:
        height = self._list.iconSize().height()
        for exercise in self._exercises():
            item = QListWidgetItem(
                exercise_icon(exercise, height, self.devicePixelRatioF()), self._item_text(exercise)
            )
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            item.setData(RICH_TEXT_ROLE, self._item_html(exercise))
            self._list.addItem(item)

    def _item_text(self, exercise: Exercise) -> str:
        """The item as plain text: what a screen reader announces."""
        lines = [
            exercise.text[content_language()].name,
            f"{kind_label(exercise.kind)}. {exercise.text[content_language()].purpose}",
        ]
        today = self._today_text(exercise)
        if today:
            lines.append(self.tr("For today's finding: {today}").format(today=today))
        return "\n".join(lines)

    def _item_html(self, exercise: Exercise) -> str:
        today = self._today_text(exercise)
        return self.tr("<b>{name}</b><br>{kind} · {purpose}").format(
            name=escape(exercise.text[content_language()].name),
            kind=escape(kind_label(exercise.kind)),
            purpose=escape(exercise.text[content_language()].purpose),
        ) + (self.tr("<br><i>For today's finding: {today}</i>").format(today=escape(today)) if today else "")

    def _today_text(self, exercise: Exercise) -> str:
        return ", ".join(finding_label(f) for f in matching_findings(exercise, self._findings))

    # ---- filtering and choosing ----------------------------------------------------------------

    def _apply_filter(self, text: str) -> None:
        words = _folded(text).split()
        for row in range(self._list.count()):
            item = self._list.item(row)
            haystack = self._haystacks[item.data(Qt.ItemDataRole.UserRole)]
            item.setHidden(not all(word in haystack for word in words))
        visible = self._visible_items()
        current: QListWidgetItem | None = self._list.currentItem()  # None when nothing is selected
        if visible and (current is None or current.isHidden()):
            self._list.setCurrentItem(visible[0])
        self._nothing_found.setText(
            ""
            if visible
            else self.tr(
                "No exercise matches “{value}”. Try a name, a kind (stretch) or a body part (calf, neck)."
            ).format(value=text.strip())
        )
        self._nothing_found.setVisible(not visible)
        self._show_selected()

    def _visible_items(self) -> list[QListWidgetItem]:
        return [self._list.item(r) for r in range(self._list.count()) if not self._list.item(r).isHidden()]

    def visible_exercise_ids(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._visible_items()]

    def select_exercise(self, exercise_id: str) -> None:
        for item in self._visible_items():
            if item.data(Qt.ItemDataRole.UserRole) == exercise_id:
                self._list.setCurrentItem(item)
                return
        raise KeyError(f"{exercise_id} is not shown in the list")

    def chosen_exercise(self) -> Exercise | None:
        item: QListWidgetItem | None = self._list.currentItem()  # None when nothing is selected
        if item is None or item.isHidden():
            return None
        return self._library.exercises[item.data(Qt.ItemDataRole.UserRole)]

    def chosen_entry(self) -> PlanEntry | None:
        """The plan row to add: the library's dose and the suggested side."""
        exercise = self.chosen_exercise()
        if exercise is None:
            return None
        return plan_entry(exercise.id, suggested_side(exercise, self._findings), exercise.dosing)

    def accept(self) -> None:
        if self.chosen_exercise() is not None:
            super().accept()

    def _show_selected(self, *_items: object) -> None:
        exercise = self.chosen_exercise()
        self.ok_button.setEnabled(exercise is not None)
        self._picture.setVisible(exercise is not None)
        self._details.setText(self._details_html(exercise) if exercise else "")
        if exercise is not None:
            self._picture.load(exercise.illustration_file().read_bytes())
            self._picture.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)

    def _details_html(self, exercise: Exercise) -> str:
        text = exercise.text[content_language()]
        side = suggested_side(exercise, self._findings)
        today = self._today_text(exercise)
        side_note = (
            self.tr(" (matches {today})").format(today=escape(today)) if today and side in LEGS else ""
        )
        steps = "".join(f"<li>{escape(step)}</li>" for step in text.steps)
        return self.tr(
            "<h3>{name}</h3><p>{kind} · {purpose}</p><p><b>Dose:</b> {dose}<br><b>Side:</b> {side}{side_note}</p><p><b>Steps</b></p><ol>{steps}</ol>"
        ).format(
            name=escape(text.name),
            kind=escape(kind_label(exercise.kind)),
            purpose=escape(text.purpose),
            dose=escape(dosing_text(exercise.dosing)),
            side=escape(side_label(side.value)),
            side_note=side_note,
            steps=steps,
        )

    # ---- keyboard ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Up and Down in the search field move through the list, so typing and choosing need no mouse.
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _LIST_KEYS:
                QApplication.sendEvent(self._list, QKeyEvent(event.type(), event.key(), event.modifiers()))
                return True
        return False
