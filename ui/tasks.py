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

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Tasks(Protocol):
    def run(
        self, work: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None: ...

    def wait(self) -> None: ...


class _Outcome:
    """What crosses to the main thread: never None itself (PySide6 mishandles a queued None).

    A plain class: importing dataclasses would cost the window's first paint 3 ms.
    """

    __slots__ = ("callback", "value")

    def __init__(self, callback: Callable[[Any], None], value: Any) -> None:
        self.callback, self.value = callback, value


class _Relay(QObject):
    """Lives on the main thread; its signal carries a finished task's outcome there."""

    delivered = Signal(object)  # _Outcome

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(self._deliver)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        outcome.callback(outcome.value)


def _run_task(work: Callable[[], Any], on_done: Done | None, on_error: Failed | None, relay: _Relay) -> None:
    """The body of a task, on a worker thread."""
    try:
        value = work()
    except BaseException as error:  # delivered to the caller, who decides what the user sees
        if on_error is None:
            log.error("background task failed: %s", type(error).__name__)
        else:
            _deliver(relay, _Outcome(on_error, error))
    else:
        if on_done is not None:
            _deliver(relay, _Outcome(on_done, value))


def _deliver(relay: _Relay, outcome: _Outcome) -> None:
    try:
        relay.delivered.emit(outcome)
    except RuntimeError:  # the window that asked has closed meanwhile: nobody to tell
        log.info("a background task finished after its window closed")


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
        # Qt wraps the callable in a runnable it owns and deletes itself once run: no Python
        # wrapper can be collected while the pool still holds it.
        relay = self._relay
        self._pool.start(lambda: _run_task(work, on_done, on_error, relay))

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
