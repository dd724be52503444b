"""The five screening tests as cards, in the order they are usually done.

Maps to VisitForm.screenings: each card owns the entry of its screen. A card with something
recorded writes {field key: text}; a card with nothing recorded ("Mark not done", or never
filled in) removes its screen from the form, which is how the document says "not done".
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from clinic_app.domain import ScreenId, Visit
from clinic_app.errors import Problem
from clinic_app.visit_form import VisitForm
from ui.language import day_month, in_english, number_text
from ui.visit.card_reflow import CardReflow
from ui.visit.screening_cards import ScreeningCard, choice_label, make_cards
from ui.visit.section import Section
from ui.visit.wording import readable_message, readable_problem, screening_field_name
from ui.widgets.field_error import FieldError, messages_by_path

if TYPE_CHECKING:
    from clinic_app.follow_up import ScreenChange
    from clinic_app.measurements import ScreenField


class ScreeningSection(Section):
    """Five cards in a scrolling column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = make_cards()
        self.error = FieldError()
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.error)
        for card in self.cards:
            card.edited.connect(self.changed)
            column.addWidget(card)
        column.addStretch(1)
        # The same label column and box width on every card: the inputs line up down the whole page.
        label_width = max(card.label_column_width() for card in self.cards)
        input_width = max(card.input_width() for card in self.cards)
        for card in self.cards:
            card.set_label_column_width(label_width)
            card.set_input_width(input_width)
        for before, after in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(before, after)
        scroll = QScrollArea()
        scroll.setObjectName("screeningScroll")
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the inputs, not to the scroll area
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.scroll_area = scroll
        self._reflow = CardReflow(self.cards, scroll)

    def tab_chain(self) -> list[QWidget]:
        return [widget for card in self.cards for widget in card.tab_chain()]

    def focus_entry(self) -> None:
        """The first input of the first screen not done yet (of the first screen when all are)."""
        card = next((c for c in self.cards if not c.is_done()), self.cards[0])
        self.scroll_area.ensureWidgetVisible(card)
        card.first_input().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def card(self, screen: ScreenId) -> ScreeningCard:
        return next(card for card in self.cards if card.screen_id is screen)

    def show_last_time(self, previous: Visit, current: Visit) -> None:
        """Each card's values at the episode's last visit beside what is entered now, with the change."""
        from clinic_app.follow_up import compare_screens

        changes = compare_screens(previous, current)
        day = day_month(previous.visit.date)
        for card in self.cards:
            lines = [
                _last_time(c) for c in changes if c.field.screen is card.screen_id and c.before is not None
            ]
            card.show_last_time(
                self.tr("Last time ({day}):\n{lines}").format(day=day, lines="\n".join(lines))
                if lines
                else ""
            )

    # ---- Section -----------------------------------------------------------------------------

    def load(self, form: VisitForm) -> None:
        for card in self.cards:
            card.forget_cleared()
            card.set_values(form.screenings.get(card.screen_id.value, {}))

    def store(self, form: VisitForm) -> None:
        for card in self.cards:
            values = card.values()
            if values:
                form.screenings[card.screen_id.value] = values
            else:
                form.screenings.pop(card.screen_id.value, None)

    def show_problems(self, problems: list[Problem]) -> None:
        own = {card.screen_id.value for card in self.cards}
        # Problems with no card of their own: the screenings as a whole, or a screen no card knows.
        other = [
            readable_problem(Problem(path, message)) if path != "screenings" else readable_message(message)
            for path, message in messages_by_path(problems, "screenings").items()
            if path.removeprefix("screenings.").partition(".")[0] not in own
        ]
        self.error.show_message("\n".join(other) or None)
        for card in self.cards:
            card.show_messages(messages_by_path(problems, f"screenings.{card.screen_id.value}"))

    def set_read_only(self, read_only: bool) -> None:
        for card in self.cards:
            card.set_read_only(read_only)


def _last_time(change: ScreenChange) -> str:
    """ "Left, toe-to-wall distance: 9.5 cm → 11 cm, +1.5 cm"; the card names its screen already."""
    if not in_english():
        return _last_time_translated(change)
    field = change.field
    leg = f"{field.side.value.capitalize()}, " if field.side is not None else ""
    label = field.label[0].lower() + field.label[1:] if leg else field.label
    text = f"{leg}{label}: {field.shown(change.before)}"
    if change.now is None:
        return text
    text += f" → {field.shown(change.now)}"
    if change.change is not None:
        unit = field.unit if field.unit in ("°", "/3") else f" {field.unit}"
        text += f", {change.change:+g}{unit}"
    return text


def _last_time_translated(change: ScreenChange) -> str:
    """The same line in the screens' language, in the cards' own words (the core's are English):
    "Pierna izquierda, mejor distancia dedo-pared: 9,5 cm → 11 cm, +1,5 cm"."""
    field = change.field
    key = f"{field.side.value}.{field.field}" if field.side is not None else field.field
    name = screening_field_name(field.screen.value, key).partition(": ")[2] or field.label
    text = f"{name}: {_value(field, change.before)}"
    if change.now is None:
        return text
    text += f" → {_value(field, change.now)}"
    if change.change is not None:
        sign = "+" if change.change > 0 else ""
        text += f", {sign}{number_text(change.change, 2)}{_unit(field.unit)}"
    return text


def _value(field: ScreenField, value: object) -> str:
    """A recorded value as its card shows it: a number in the locale, a choice in the card's words."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        value = "true" if value else "false"
    if isinstance(value, float | int):
        return f"{number_text(value, 2)}{_unit(field.unit)}"
    return choice_label(field.field, str(value))


def _unit(unit: str) -> str:
    return unit if unit in ("°", "/3") else f" {unit}"
