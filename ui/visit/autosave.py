"""Save the visit being recorded shortly after every change, off the UI thread.

Changes are gathered for a moment (a burst of typing is one save, and the first unsaved
change is never older than the delay when the save starts), then the form is
snapshotted on the main thread, which is cheap, and written by the database lane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ui.tasks import Tasks

AUTOSAVE_DELAY_MS = 700
FLUSH_ROUNDS = 5

log = logging.getLogger(__name__)


class Autosave(QObject):
    """Debounced saving; `saved` and `failed` report the outcome on the main thread."""

    saved = Signal(object)  # whatever the save returned
    failed = Signal(object)  # the exception

    def __init__(
        self, tasks: Tasks, snapshot: Callable[[], Callable[[], object]], parent: QObject | None = None
    ) -> None:
        """`snapshot` runs on the main thread and returns the work that writes it."""
        super().__init__(parent)
        self._tasks = tasks
        self._snapshot = snapshot
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        self.pending = False
        # One save at a time: the next one must carry the version the previous one produced.
        self.in_flight = False

    def schedule(self) -> None:
        # Not restarted by later changes: steady typing must still be saved within the delay.
        self.pending = True
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        """Write at once (Ctrl+S, switching visits, closing the window), or right after the save under way."""
        self._timer.stop()
        if not self.pending or self.in_flight:
            return
        self.pending = False
        self.in_flight = True
        self._tasks.run(self._snapshot(), self._succeeded, self._failed)

    def flush(self, rounds: int = FLUSH_ROUNDS) -> None:
        """Write everything now and return once it is written (quitting): a save under way is waited
        for, and the changes made meanwhile are saved after it. A save that keeps failing is given up
        after a few rounds; its changes are in the last draft that was written, and the log says so."""
        for _ in range(rounds):
            if not self.pending and not self.in_flight:
                return
            self.save_now()
            self._tasks.wait()
            # The outcome comes back to this thread as a queued signal: take it now, not after quitting.
            QCoreApplication.sendPostedEvents()
        if self.pending or self.in_flight:
            log.error("quitting with changes not saved: the last draft written is kept")

    def cancel_pending(self) -> None:
        """Forget unsaved changes (finishing the visit stores everything itself)."""
        self._timer.stop()
        self.pending = False

    def _succeeded(self, value: object) -> None:
        self.in_flight = False
        self.saved.emit(value)
        if self.pending:
            self.save_now()

    def _failed(self, error: BaseException) -> None:
        self.in_flight = False
        self.failed.emit(error)
