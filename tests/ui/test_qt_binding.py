"""Guards against known defects of the Qt binding that the app cannot work around."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()
    carried = Signal(object)


def test_emitting_a_signal_keeps_reference_counts_intact() -> None:
    # PySide6 6.12.0 released a reference to True on each emit(); a day of typing then aborted
    # the app ("deallocating True or False"). Every keystroke in the visit form emits.
    emitter = _Emitter()
    emitter.happened.connect(lambda: None)
    emitter.carried.connect(lambda _value: None)
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for _ in range(200):
        emitter.happened.emit()
        emitter.carried.emit(None)
    assert (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)) == before
