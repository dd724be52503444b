"""Notice when no one has used the app for the clinic's idle time, so that the window can lock itself.

An event filter on the application sees every key press, click, wheel turn and mouse move of every
window of the app (dialogs too); each one starts the countdown again. The timer is a single-shot
QTimer, so an idle app costs nothing until the moment it fires; the filter is in place only while
someone is logged in (it sees every event of the app, so it is kept off the start-up).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    idle = Signal()  # no activity for the whole interval

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._watching = False

    def start(self, interval_ms: int) -> None:
        """Count down from now; any activity starts the count again."""
        self._timer.start(interval_ms)
        self._watch(True)

    def stop(self) -> None:
        self._timer.stop()
        self._watch(False)

    def _watch(self, on: bool) -> None:
        """Look at the application's events only while counting down: every event of the app passes
        through the filter, which would cost the first paint before anyone has logged in."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching = on

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()  # the same interval, from now
        return False
