"""The app never writes a report over the library, and opens a read-only
library read-only (issue 8, items 1, 6 and 9)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import article_id, claim_with_quote
from tests.ui.test_app import _env
from ui.main_window import EDIT_ACTIONS, MainWindow, session_or_demo
from ui.start.session_browser import SessionBrowser
from workbench import ops
from workbench.demo import ensure_demo_session
from workbench.queries.claims import claim_info
from workbench.queries.sessions import list_sessions, session_detail, session_summary
from workbench.storage import backup
from workbench.storage.integrity import check_library
from workbench.storage.store import Library, open_library

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the app shows in warning dialogs (answered at once)."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_a: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The user overrides the *.csv filter by typing a name in the save dialog."""
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(path), "CSV files (*.csv)")),
    )


def test_export_typed_over_the_library_is_refused_and_later_edits_survive(
    window: MainWindow,
    lib: Library,
    demo: str,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[str],
) -> None:
    backup_file = backup.take_backup(lib, reason="manual", folder=window.backup_folder())
    other = tmp_path / "other.sqlite3"
    open_library(other).close()
    kept = backup_file.read_bytes(), other.read_bytes()
    for typed in (db_path, Path(str(db_path) + "-wal"), backup_file, other):
        _save_as(monkeypatch, typed)
        window.act["export_csv"].trigger()
        assert window.export_csv() is None
    assert len(dialogs) == 8
    for text in dialogs:
        reason = text.split("\n\n", 1)[1]
        assert "\n" not in reason and reason.startswith(str(tmp_path)), text
    assert "is the library" in dialogs[0]
    assert (backup_file.read_bytes(), other.read_bytes()) == kept

    # edits acknowledged after the refused export are on disk
    cid = claim_with_quote(lib, demo, "A dozen drones")
    change = window.controller.run(lambda: ops.add_note(lib, cid, "after the export"))
    assert change is not None
    window.controller.run(lambda: ops.set_verdict(lib, cid, "Half True"))
    fresh = open_library(db_path)
    try:
        assert check_library(fresh) == []
        assert claim_info(fresh, cid).verdict == "Half True"
        assert "after the export" in {n.text for n in session_detail(fresh, demo).notes}
    finally:
        fresh.close()


def test_export_warns_about_cells_excel_would_cut(
    window: MainWindow,
    lib: Library,
    demo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: list[str],
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.run(lambda: ops.set_rationale(lib, cid, "long " * 7000))
    out = tmp_path / "report.csv"
    _save_as(monkeypatch, out)
    window.act["export_csv"].trigger()
    assert out.exists()
    assert len(dialogs) == 1
    assert "Rationale" in dialogs[0] and "32,767" in dialogs[0] and str(out) in dialogs[0]


# ------------------------------------------------------------ read-only library


@pytest.fixture
def ro_window(
    qtbot: QtBot, db_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, Library, str]]:
    seed = open_library(db_path)
    sid = ensure_demo_session(seed)
    seed.close()
    # As root every file is writable: make the library's file look read-only.
    monkeypatch.setattr("workbench.storage.store._writable", lambda _path: False)
    lib = open_library(db_path)
    assert lib.read_only
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.open_session(sid)
    win.show()
    qtbot.waitExposed(win)
    yield win, lib, sid
    win.suggestions.shutdown()
    win.close()
    lib.close()


def test_a_read_only_library_opens_with_a_banner_and_no_editing(
    ro_window: tuple[MainWindow, Library, str],
    db_path: Path,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, lib, sid = ro_window
    before = db_path.read_bytes()
    banner = window.read_only_banner
    assert banner.isVisible() and "Read-only library" in banner.text()
    assert str(db_path) in banner.text()
    for name in EDIT_ACTIONS:
        assert not window.act[name].isEnabled(), name
    assert not any(a.isEnabled() for a in window.verdict_actions)
    for name in ("export_csv", "find", "review", "next"):
        assert window.act[name].isEnabled(), name
    assert "read-only" in window.progress_label.text()

    # the inspector shows the claim but cannot change it
    cid = claim_with_quote(lib, sid, "No one was injured")
    window.controller.select_claim(cid)
    inspector = window.inspector
    assert inspector.rationale.toPlainText().startswith("Hospital records")
    assert inspector.rationale.isReadOnly() and inspector.note_edit.isReadOnly()
    assert not inspector.verdict.isEnabled() and not inspector.new_note.isEnabled()
    assert not any(b.isEnabled() for b in inspector.evidence_buttons)

    # keys and direct calls change nothing either
    herald = article_id(lib, sid, "The Harbour Herald")
    pane = window.pane_row.pane_for(herald)
    assert pane is not None
    pane.view.select_span(0, 20)
    menu = pane.build_context_menu(pane.view.viewport().rect().center())
    edits = [a for a in menu.actions() if a.text().startswith(("Mark", "Link", "Resize", "Delete"))]
    assert len(edits) == 4 and not any(a.isEnabled() for a in edits)
    assert next(a for a in menu.actions() if a.text().startswith("Copy")).isEnabled()
    menu.deleteLater()
    assert not pane.move_left_action.isEnabled() and not pane.move_right_action.isEnabled()
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_C)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    failures: list[str] = []
    window.controller.failed.connect(lambda message, _retry: failures.append(message))
    assert window.controller.run(lambda: ops.add_note(lib, cid, "x")) is None
    assert failures and "read-only" in failures[0]
    assert window.controller.pending_edits == 0  # refused, not queued for a retry
    assert session_summary(lib, sid).claims == 12

    # the start page offers no New, Rename or Delete
    window.show_start_page()
    browser = window.browser
    assert not browser.new_button.isVisible() and not browser.delete_button.isVisible()
    assert browser.new_session() is None and browser.delete_selected() is False

    # exporting (to somewhere else) still works
    out = tmp_path / "report.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    window.open_session(sid)
    window.act["export_csv"].trigger()
    assert out.exists()
    assert db_path.read_bytes() == before


def test_session_or_demo_never_creates_in_a_read_only_library(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    open_library(db_path).close()
    monkeypatch.setattr("workbench.storage.store._writable", lambda _path: False)
    lib = open_library(db_path)
    try:
        assert session_or_demo(lib, None, None) is None
        browser = SessionBrowser(lib)
        qtbot.addWidget(browser)
        texts = [w.text() for w in browser.empty_page.findChildren(QLabel)]
        assert any("read-only" in t for t in texts)
        assert list_sessions(lib) == []
    finally:
        lib.close()


def test_the_app_opens_a_read_only_library_without_a_session(tmp_path: Path) -> None:
    db = tmp_path / "ro.sqlite3"
    open_library(db).close()  # a library with no session: the app would make the demo
    before = db.read_bytes()
    out = tmp_path / "window.png"
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", url, "--screenshot", str(out)],
        cwd=REPO,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert db.read_bytes() == before


def test_the_app_says_when_it_creates_a_library(tmp_path: Path) -> None:
    db = tmp_path / "new" / "library.sqlite3"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "--screenshot", str(tmp_path / "w.png")],
        cwd=REPO,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"Created a new library at {db}" in proc.stderr


def _as_unprivileged() -> list[str]:
    """A command prefix that drops root (who may write any file), else nothing."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: every file is writable")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_library_in_a_read_only_folder_opens_in_the_app_and_the_cli(
    tmp_path: Path,
) -> None:
    prefix = _as_unprivileged()
    top = Path(tempfile.mkdtemp(prefix="wb-readonly-"))  # /tmp: reachable by any user
    try:
        folder, home = top / "shared", top / "home"
        folder.mkdir()
        home.mkdir()
        db = folder / "library.sqlite3"
        lib = open_library(db)
        ensure_demo_session(lib)
        lib.close()
        db.chmod(0o444)
        folder.chmod(0o555)
        home.chmod(0o777)
        top.chmod(0o755)
        before = db.read_bytes()
        env = {**_env(home), "HOME": str(home)}

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*prefix, sys.executable, *args],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )

        listed = run("-m", "workbench", "--db", str(db), "session", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)["sessions"]) == 1
        refused = run("-m", "workbench", "--db", str(db), "session", "new", "x")
        assert refused.returncode == 1 and "read-only" in refused.stderr
        copy = home / "copy.sqlite3"
        backed = run("-m", "workbench", "--db", str(db), "backup", "--out", str(copy))
        assert backed.returncode == 0 and copy.exists(), backed.stderr
        shot = home / "window.png"
        app = run("main.py", "--db", str(db), "--screenshot", str(shot))
        assert app.returncode == 0, app.stderr
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert db.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["library.sqlite3"]
    finally:
        for p in (top, top / "shared"):
            if p.exists():
                p.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)
