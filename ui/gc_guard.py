"""Python's cycle collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a generation
fills up. Our worker threads (claim memory, facts, the "where else" index,
imports, exports) run Python code all the time, so a collection may start on
one of them; if it frees a Qt object made on the GUI thread (an old widget, a
finished job), Qt destroys that object on the wrong thread and the process
can crash. ``collect_on_gui_thread`` turns automatic collection off and runs
the same generational collection from a timer on the GUI thread instead.
Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class _Collector(QObject):
    def __init__(self, parent: QObject, interval_ms: int) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations that are due, as the automatic collector would."""
        counts, limits = gc.get_count(), gc.get_threshold()
        if counts[0] <= limits[0]:
            return
        generation = 0
        if counts[1] > limits[1]:
            generation = 2 if counts[2] > limits[2] else 1
        gc.collect(generation)


def collect_on_gui_thread(app: QObject, interval_ms: int = INTERVAL_MS) -> QObject:
    """Call once on the GUI thread with the application object."""
    gc.disable()
    return _Collector(app, interval_ms)
