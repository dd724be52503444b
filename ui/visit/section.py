"""What every part of the visit form has in common.

A section shows part of a VisitForm and writes the therapist's input back into it. It
never validates by itself: the editor turns the whole form into a Visit, and hands each
section the problems found, keyed by their document path, to show next to the fields.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from clinic_app.errors import Problem
from clinic_app.visit_form import VisitForm


class Section(QWidget):
    """Base of the visit form's sections (complaints, red flags, screening, plan)."""

    # The therapist changed something; the editor then calls store() and re-triages.
    changed = Signal()
    # Controls were added or removed: the editor chains the window's tab order again.
    tab_order_changed = Signal()

    def tab_chain(self) -> list[QWidget]:
        """The controls the Tab key visits, in order (hidden and disabled ones are skipped by Qt)."""
        raise NotImplementedError

    def focus_entry(self) -> None:
        """Put the keyboard where typing makes sense when the section is opened (Alt+1 to Alt+4)."""
        raise NotImplementedError

    def load(self, form: VisitForm) -> None:
        """Show the form's values. Must not emit `changed`."""
        raise NotImplementedError

    def store(self, form: VisitForm) -> None:
        """Write what the widgets hold into the form, exactly as typed."""
        raise NotImplementedError

    def show_problems(self, problems: list[Problem]) -> None:
        """Show each problem whose path belongs to this section next to its field; clear the others."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """A finished (signed) visit is shown read-only."""
        self.setEnabled(not read_only)
