"""Autosave: one save at a time, each carrying the version the previous one produced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from ui.visit.autosave import Autosave


class HeldTasks:
    """Tasks that run only when the test says so, like a slow database lane."""

    def __init__(self) -> None:
        self.queue: list[tuple[Callable[[], Any], Callable[[Any], None] | None]] = []

    def run(self, work: Callable[[], Any], on_done: Any = None, on_error: Any = None) -> None:
        self.queue.append((work, on_done))

    def wait(self) -> None:
        return None

    def finish_next(self) -> None:
        work, on_done = self.queue.pop(0)
        value = work()
        if on_done is not None:
            on_done(value)


def test_a_save_asked_for_during_another_waits_and_carries_the_new_version(qtbot: QtBot) -> None:
    tasks = HeldTasks()
    version = {"current": 1}
    written: list[int] = []

    def snapshot() -> Callable[[], int]:
        seen = version["current"]

        def write() -> int:
            written.append(seen)
            return seen + 1

        return write

    autosave = Autosave(tasks, snapshot)
    autosave.saved.connect(lambda new: version.update(current=new))

    autosave.schedule()
    autosave.save_now()
    autosave.schedule()
    autosave.save_now()  # the first is still being written: this one must wait
    assert len(tasks.queue) == 1

    tasks.finish_next()  # the first lands (version 2) and the waiting one starts at once
    assert len(tasks.queue) == 1
    tasks.finish_next()
    assert written == [1, 2]
    assert version["current"] == 3
    assert not autosave.pending


def test_steady_typing_is_saved_within_the_delay(qtbot: QtBot) -> None:
    tasks = HeldTasks()
    autosave = Autosave(tasks, lambda: lambda: 1)
    autosave.schedule()
    qtbot.wait(400)
    autosave.schedule()  # a later keystroke does not push the save back
    qtbot.waitUntil(lambda: len(tasks.queue) == 1, timeout=600)
