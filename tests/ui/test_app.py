"""The application around the window: start, stop, one instance, bad days."""

from __future__ import annotations

import os
import signal
import sqlite3
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.conftest import REPO
from tests.ui.conftest import claim_with_quote
from ui import instance
from ui.app import SignalBridge
from ui.main_window import MainWindow
from workbench.queries.claims import claim_info
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env.pop("WORKBENCH_DB", None)
    return env


def test_screenshot_renders_the_demo_session_and_exits_zero(tmp_path: Path) -> None:
    out = tmp_path / "window.png"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "l.sqlite3"), "--screenshot", str(out)],
        cwd=REPO,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert (width, height) == (1600, 950)


def test_sigterm_closes_the_app_cleanly_with_status_zero(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "main.py", "--db", str(db)],
            cwd=REPO,
            env=_env(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 60
            while not Path(str(db) + ".lock").exists() and time.monotonic() < deadline:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.1)
            time.sleep(1.0)  # the window is up and the event loop runs
            proc.send_signal(signal.SIGTERM)
            status = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert status == 0, log.read_text()
    assert not Path(str(db) + ".lock").exists()  # released on the way out


def test_sigterm_saves_the_note_being_typed(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    bridge = SignalBridge(window.close)
    try:
        window.inspector.note_edit.setFocus()
        qtbot.keyClicks(window.inspector.note_edit, "typed just before logout")
        assert session_detail(lib, demo).notes_of(cid) == []  # not saved yet
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        bridge.close()
    assert [n.text for n in session_detail(lib, demo).notes_of(cid)] == ["typed just before logout"]


def test_one_instance_per_library_and_stale_locks_recovered(tmp_path: Path) -> None:
    db = tmp_path / "l.sqlite3"
    first = instance.acquire(db)
    assert first is not None
    assert instance.acquire(db) is None
    assert instance.owner(db) == os.getpid()
    first.unlock()
    # a lock left by a crashed process (its pid no longer runs) is taken over
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    Path(str(db) + ".lock").write_text(f"{dead.pid}\npython\n{os.uname().nodename}\n")
    recovered = instance.acquire(db)
    assert recovered is not None
    recovered.unlock()


def _hold_lock(path: Path, seconds: float, started: threading.Event) -> None:
    con = sqlite3.connect(path, isolation_level=None, timeout=0)
    con.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


def test_busy_library_shows_retrying_then_saves(
    window: MainWindow, lib: Library, demo: str, db_path: Path, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    messages: list[str] = []
    window.controller.status.connect(messages.append)
    started = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(db_path, 6.5, started))
    holder.start()
    started.wait()
    window.inspector.rationale.setFocus()
    qtbot.keyClicks(window.inspector.rationale, "Six, per port records")
    window.inspector.flush()  # the pause ends: the save meets the lock
    assert any("busy" in m for m in messages)
    assert window.inspector.rationale.toPlainText() == "Six, per port records"
    qtbot.waitUntil(
        lambda: claim_info(lib, cid).rationale == "Six, per port records", timeout=20000
    )
    holder.join()
    assert window.controller.pending_edits == 0
    window.act["undo"].trigger()
    assert claim_info(lib, cid).rationale == ""


def test_disk_full_keeps_the_text_on_screen_and_retry_saves_it(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    failures: list[tuple[str, bool]] = []
    monkeypatch.setattr(window, "_show_failure", lambda m, r: failures.append((m, r)))
    window.controller.failed.disconnect()
    window.controller.failed.connect(lambda m, r: failures.append((m, r)))
    cap = {"on": True}

    @event.listens_for(lib.engine, "connect")
    def _full(dbapi_conn: sqlite3.Connection, _rec: object) -> None:
        if cap["on"]:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    lib.engine.dispose()
    window.inspector.rationale.setFocus()
    window.inspector.rationale.setPlainText("x" * 20000)  # as if typed (or pasted)
    window.inspector.flush()
    assert failures and failures[-1][1] is True and "disk is full" in failures[-1][0]
    assert window.inspector.rationale.toPlainText() == "x" * 20000
    assert claim_info(lib, cid).rationale == ""
    cap["on"] = False
    lib.engine.dispose()  # space was freed
    assert window.controller.retry_pending()
    assert claim_info(lib, cid).rationale == "x" * 20000
