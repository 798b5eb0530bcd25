"""Two desks on one library: an edit based on what was on screen before a
colleague's change is refused, the user is told who changed it, and Reload
shows the colleague's work (nothing is overwritten)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import claim_with_quote
from ui.main_window import MainWindow
from ui.side.claims_model import COLUMNS
from workbench import ops
from workbench.queries.claims import verdict_history
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library, open_library


def test_a_stale_verdict_is_refused_and_reload_shows_the_colleagues(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    cid = claim_with_quote(lib, demo, "Four drones were launched")
    window.controller.select_claim(cid)
    colleague = open_library(lib.url, actor="bob")
    try:
        ops.set_verdict(colleague, cid, "False", rationale="the navy counted six")
    finally:
        colleague.close()
    seen: list[str] = []

    def press_reload() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        reload = next(b for b in box.buttons() if b.text() == "Reload")
        reload.click()

    QTimer.singleShot(50, press_reload)
    window.set_verdict_key(2)  # the second verdict of the scale, by its key
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "changed by bob" in seen[0] and "set verdict" in seen[0]
    stored = next(c for c in session_detail(lib, demo).claims if c.id == cid)
    assert (stored.verdict, stored.rationale) == ("False", "the navy counted six")
    qtbot.waitUntil(lambda: window.inspector.verdict.currentText() == "False", timeout=3000)
    assert window.inspector.rationale.toPlainText() == "the navy counted six"


def test_a_colleagues_edit_appears_in_the_open_window(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    cid = claim_with_quote(lib, demo, "Four drones were launched")
    window.controller.select_claim(cid)
    window.controller.watch_outside(interval_ms=50)
    try:
        colleague = open_library(lib.url, actor="bob")
        try:
            ops.set_verdict(colleague, cid, "Mostly False", rationale="six drones, not four")
        finally:
            colleague.close()
        qtbot.waitUntil(
            lambda: window.inspector.verdict.currentText() == "Mostly False", timeout=3000
        )
        assert window.inspector.rationale.toPlainText() == "six drones, not four"
        model = window.claims_panel.model
        verdict = model.data(model.index(model.row_of(cid), COLUMNS.index("Verdict")))
        assert verdict == "Mostly False"
    finally:
        window.controller.stop_watching()


def test_the_chosen_name_is_on_every_edit_and_shown_with_the_verdict(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    cid = claim_with_quote(lib, demo, "Four drones were launched")
    assert window.choose_user_name("Dana Reviewer") == "Dana Reviewer"
    assert window.settings.value("user/name") == "Dana Reviewer"
    window.controller.select_claim(cid)
    window.set_verdict_key(3)
    history = verdict_history(lib, cid)
    assert history[-1][1] == "Dana Reviewer"
    qtbot.waitUntil(lambda: window.inspector.judged.text().startswith("Judged by Dana"))


def test_an_unreachable_server_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    from tests.conftest import REPO

    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run(
        [
            sys.executable,
            "main.py",
            "--db",
            "postgresql://desk@127.0.0.1:1/library",
            "--screenshot",
            str(out),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    # Without the optional driver the message names the extra to install.
    expected = (
        "cannot reach the library's database server"
        if importlib.util.find_spec("psycopg") is not None
        else "pip install 'factcheck-workbench[postgres]'"
    )
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_an_undone_verdict_is_not_shown_as_judged(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    cid = claim_with_quote(lib, demo, "Four drones were launched")
    window.controller.select_claim(cid)
    window.set_verdict_key(3)
    qtbot.waitUntil(lambda: window.inspector.judged.text().startswith("Judged by"))
    window.undo()
    qtbot.waitUntil(lambda: window.inspector.verdict.currentText() == "Unchecked")
    assert window.inspector.judged.text().startswith("Verdict changed by tester, ")
