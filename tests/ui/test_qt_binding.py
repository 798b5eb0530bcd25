"""The Qt binding must not leak references to Python's singletons.

PySide6 6.12.0 under Python 3.11 dropped a reference to None on every call
of a void method and to True on every signal emit; the program aborted with
"deallocating None" after a few seconds of scrolling. This catches a binding
with that fault before a user does.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        widget.setMinimumWidth(10)
        emitter.fired.emit(True)
    assert sys.getrefcount(None) >= none_before - 50
    assert sys.getrefcount(True) >= true_before - 50
