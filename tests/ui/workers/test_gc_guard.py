"""Cycle collection happens on the GUI thread, never on a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.gc_guard import collect_on_gui_thread


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_worker_threads_never_collect_and_the_gui_thread_does(
    qapp: QApplication, qtbot: QtBot
) -> None:
    collector = collect_on_gui_thread(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        collected_on: list[str] = []

        def note(phase: str, _info: dict[str, int]) -> None:
            if phase == "start":
                collected_on.append(threading.current_thread().name)

        gc.callbacks.append(note)
        try:
            cycle = _Node()
            gone = weakref.ref(cycle)
            del cycle

            def churn() -> None:  # allocates far past every threshold
                for _ in range(200_000):
                    _Node()

            worker = threading.Thread(target=churn, name="worker")
            worker.start()
            worker.join()
            assert "worker" not in collected_on
            qtbot.waitUntil(lambda: gone() is None, timeout=5000)
            assert collected_on and set(collected_on) == {threading.main_thread().name}
        finally:
            gc.callbacks.remove(note)
    finally:
        collector.deleteLater()
