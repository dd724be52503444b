"""The screening cards in one column when the section is narrow, instead of a sideways scrollbar.

A card is its picture beside its inputs. Where the screening section is narrower than that (a
1024-pixel screen, or a wide triage panel), each card stacks its picture above the inputs, lets its
title and row labels wrap, and its left and right columns shrink to the inputs' own width (a problem
message then wraps in more lines). The cards are the screening section's own widgets (screening_cards.py); this
only rearranges their layouts from outside, so the cards keep their contents and keyboard order.
The pictures are drawn on a light card (ui/widgets/picture_card.py) in every theme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QBoxLayout, QScrollArea

from ui.visit.screening_cards import SIDE_COLUMN_CHARS, BilateralCard, ScreeningCard
from ui.widgets.picture_card import show_on_card

SIDE_COLUMNS = (1, 2)


class CardReflow(QObject):
    """Watches the scroll area's width and lays the cards out for it."""

    def __init__(self, cards: list[ScreeningCard], scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._cards = cards
        self._scroll = scroll
        self.narrow = False
        for card in cards:
            for picture in card.findChildren(QSvgWidget):
                show_on_card(picture)
        # The label column every card shares side by side (the inputs line up down the page).
        self._label_width = max((card.label_column_width() for card in cards), default=0)
        content = scroll.widget()
        # The width the cards need side by side: below it, they stack.
        self.wide_width = content.minimumSizeHint().width() if content is not None else 0
        scroll.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.set_narrow(self._scroll.viewport().width() < self.wide_width)
        return False

    def set_narrow(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for card in self._cards:
            body = _body_of(card)
            if body is not None:
                body.setDirection(
                    QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
                )
            card.title.setWordWrap(narrow)
            for label in card.row_labels:
                label.setWordWrap(narrow)
            card.grid.setColumnMinimumWidth(0, 0 if narrow else self._label_width)
            if isinstance(card, BilateralCard):
                width = 0 if narrow else card.fontMetrics().averageCharWidth() * SIDE_COLUMN_CHARS
                for column in SIDE_COLUMNS:
                    card.grid.setColumnMinimumWidth(column, width)


def _body_of(card: ScreeningCard) -> QBoxLayout | None:
    """The row that holds the picture and the inputs' grid."""
    outer = card.layout()
    if outer is None:
        return None
    for index in range(outer.count()):
        item = outer.itemAt(index)
        inner = item.layout() if item is not None else None
        if isinstance(inner, QBoxLayout) and inner.indexOf(card.grid) >= 0:
            return inner
    return None
