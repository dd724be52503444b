"""Answering a modal window (a message box, a dialog run with exec()) the way a person does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


@contextmanager
def answering_modal(qtbot: QtBot, answer: Callable[[QWidget], None]) -> Iterator[None]:
    """Answer the modal window the block opens: `answer` gets it once it is shown.

    exec() does not return until the window closes, so the answer has to come from the event loop.
    If answering fails the window is closed so that the test fails instead of hanging.
    """
    answered: list[QWidget] = []  # the window under the modal one, to give the keyboard back to
    closed: list[QWidget] = []  # the modal window answered
    errors: list[BaseException] = []
    tries = [0]

    def handle() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isActiveWindow():  # keys go to the active window
            tries[0] += 1
            if tries[0] < 200:
                QTimer.singleShot(10, handle)
            return
        parent = modal.parentWidget()
        answered.append(parent.window() if parent is not None else modal)
        closed.append(modal)
        try:
            answer(modal)
        except BaseException as error:  # reported below, after exec() has returned
            errors.append(error)
            modal.close()

    QTimer.singleShot(0, handle)
    yield
    # Closed, with nothing modal left but the window it was opened over (a dialog, for one opened
    # from a dialog).
    qtbot.waitUntil(
        lambda: (
            bool(answered) and _gone(closed[0]) and QApplication.activeModalWidget() in (None, answered[0])
        )
    )
    # A window manager gives the focus back to the window under a closed dialog; offscreen has none.
    below = answered[0]
    if below.isVisible() and not below.isActiveWindow():
        below.activateWindow()
        qtbot.waitUntil(below.isActiveWindow)
    if errors:
        raise errors[0]


def _gone(window: QWidget) -> bool:
    """Closed, or already deleted (a message box made by a static function is deleted when done)."""
    from shiboken6 import isValid

    return not isValid(window) or not window.isVisible()
