"""Shared by the visit-section tests: the shared example visits, as the forms the editor would load."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.catalogue import load_catalogue
from clinic_app.domain import Patient, Visit
from clinic_app.errors import InvalidInput, Problem
from clinic_app.visit_form import VisitForm
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.visit.json"))
PATIENT = Patient(mrn="T-1", given_name="Zoë", family_name="Núñez")


def example_visit(path: Path) -> Visit:
    return parse_visit_document(path.read_text(encoding="utf-8"))


def form_of(visit: Visit) -> VisitForm:
    return VisitForm.from_visit(visit, list(load_catalogue().red_flags))


def problems_of(form: VisitForm) -> list[Problem]:
    """What the editor would hand the sections after validating the form."""
    try:
        form.to_visit(PATIENT)
    except InvalidInput as invalid:
        return invalid.problems
    return []


@pytest.fixture(params=EXAMPLE_FILES, ids=lambda path: path.name.removesuffix(".visit.json"))
def example_form(request: pytest.FixtureRequest) -> VisitForm:
    return form_of(example_visit(request.param))


def tab_chain(qtbot: QtBot, start: QWidget, length: int) -> list[QWidget]:
    """The widgets the Tab key visits from start on, as a keyboard user meets them."""
    start.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [start]
    while len(chain) < length:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        chain.append(_control_of(QApplication.focusWidget()))
    return chain


def _control_of(widget: QWidget | None) -> QWidget:
    """The control a focused inner part belongs to (a spin box's line edit is the spin box)."""
    assert widget is not None
    parent = widget.parentWidget()
    return parent if widget.objectName() == "qt_spinbox_lineedit" and parent is not None else widget
