"""Run slow work (database, PDF) off the UI thread and deliver the outcome on the main thread.

Anki's pattern: a task is a plain callable; `on_done` gets its result and `on_error` its
exception, both called on the main thread. Tasks in one lane run one after another in the
order they were started, so that, for example, two autosaves never overtake each other.
Tests use SynchronousTasks, which runs everything at once on the calling thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Tasks(Protocol):
    def run(
        self, work: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None: ...

    def wait(self) -> None: ...


class _Relay(QObject):
    """Lives on the main thread; its signals carry a finished task's outcome there."""

    finished = Signal(object, object, object)  # callback, value, task
    failed = Signal(object, object, object)  # callback, exception, task

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)
        self.failed.connect(self._deliver)

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any], None] | None, value: Any, _task: object) -> None:
        if callback is not None:
            callback(value)


class _Task(QRunnable):
    def __init__(
        self, work: Callable[[], Any], on_done: Done | None, on_error: Failed | None, relay: _Relay
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the relay's queued signal keeps a reference until delivery
        self._work, self._on_done, self._on_error, self._relay = work, on_done, on_error, relay

    def run(self) -> None:
        try:
            value = self._work()
        except BaseException as error:  # delivered to the caller, who decides what the user sees
            if self._on_error is None:
                log.error("background task failed: %s", type(error).__name__)
            self._relay.failed.emit(self._on_error, error, self)
        else:
            self._relay.finished.emit(self._on_done, value, self)


class BackgroundTasks:
    """One lane of background work: a pool of one thread, so tasks keep their order."""

    def __init__(self, name: str) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName(name)
        self._relay = _Relay()

    def run(
        self, work: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        self._pool.start(_Task(work, on_done, on_error, self._relay))

    def wait(self) -> None:
        """Block until every started task has run (used when closing the app).

        QThreadPool.waitForDone keeps Python's lock while it waits, and the task it waits for needs
        that lock to finish: wait in short slices and let go of the lock in between.
        """
        while not self._pool.waitForDone(1):
            time.sleep(0.002)

    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0


class SynchronousTasks:
    """Runs each task at once on the calling thread; for tests and the command line."""

    def run(
        self, work: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        try:
            value = work()
        except Exception as error:
            if on_error is None:
                raise
            on_error(error)
        else:
            if on_done is not None:
                on_done(value)

    def wait(self) -> None:
        return None
