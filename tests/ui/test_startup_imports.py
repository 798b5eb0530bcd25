"""Start-up imports only what the first window needs: the matchers, the fact
extractor, the lexicons, the exporters, the web importers and Alembic load
when first used, and the session's analysis starts after the first frame."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.conftest import REPO
from ui.main_window import MainWindow
from workbench.demo import ensure_demo_session
from workbench.storage.store import Library, open_library

# Top-level packages and modules the first window must not load.
HEAVY = (
    "workbench.analysis.matching",
    "workbench.analysis.facts",
    "workbench.analysis.lexicon",
    "simplemma",
    "wordfreq",
    "rapidfuzz",
    "workbench.export",
    "workbench.importers",
    "lxml",
    "trafilatura",
    "jinja2",
    "fpdf",
    "xlsxwriter",
    "alembic",
)

# Runs the real start-up path (ui.app.run) with a main window that reports,
# at its first painted frame, which heavy modules are loaded, then quits.
CHILD = """
import json, sys
HEAVY = {heavy!r}

def heavy():
    return sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY))

import ui.app
import ui.main_window as main_window
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

report = {{"imported": heavy()}}

class FirstFrame(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "first_frame" not in report:
            report["first_frame"] = heavy()
            report["session_open"] = watched.controller.session_id is not None
            QTimer.singleShot(0, self.after)
        return False

    def after(self):
        window = main_window_instances[0]
        report["after_analysis"] = window.wait_for_analysis() and heavy()
        report["facts_rows"] = window.facts.model.rowCount()
        QApplication.instance().quit()

probe = FirstFrame()
main_window_instances = []

class Probed(main_window.MainWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        main_window_instances.append(self)
        self.installEventFilter(probe)

main_window.MainWindow = Probed
status = ui.app.run(["--db", sys.argv[1], "--session", sys.argv[2]])
print("REPORT " + json.dumps(report))
sys.exit(status)
"""


def test_the_first_window_paints_without_the_heavy_modules(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    lib = open_library(db)
    try:
        sid = ensure_demo_session(lib)  # an up-to-date library: no migration due
    finally:
        lib.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("WORKBENCH_DB", None)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD.format(heavy=HEAVY), str(db), sid],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("REPORT "))
    report = json.loads(line.removeprefix("REPORT "))
    assert report["imported"] == []  # importing ui.app and ui.main_window
    assert report["first_frame"] == []  # the window with the session, painted
    assert report["session_open"]
    # The analysis ran once the frame was on screen, and its modules came then.
    assert "workbench.analysis.facts.extract" in report["after_analysis"]
    assert report["facts_rows"] > 0


def test_a_start_that_opens_a_session_lists_the_sessions_only_when_asked(
    qtbot: QtBot, lib: Library, demo: str, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.start.session_browser as session_browser

    listed: list[int] = []
    real = session_browser.list_sessions
    monkeypatch.setattr(session_browser, "list_sessions", lambda lib: listed.append(1) or real(lib))
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.open_session(demo)
    win.show()
    qtbot.waitExposed(win)
    assert listed == []  # the start page was not built: nobody looked at it
    win.show_start_page()
    assert listed and win.pages.currentWidget() is win.browser
    assert win.browser.model.rowCount() == 1
    win.open_session(demo)
    assert win.pages.currentWidget() is not win.browser
    win.close()


def test_a_window_shown_without_a_session_shows_the_start_page(
    qtbot: QtBot, lib: Library, demo: str, settings: QSettings
) -> None:
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.pages.currentWidget() is win.browser
    assert win.browser.model.rowCount() == 1 and win.browser.isVisible()
    win.close()
