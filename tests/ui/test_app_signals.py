"""SIGTERM (a logout, a package upgrade) at any moment after the app holds
the library closes it cleanly, even before the window is up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO


def test_sigterm_while_the_window_and_demo_are_still_being_made_exits_cleanly(
    tmp_path: Path,
) -> None:
    db = tmp_path / "l.sqlite3"
    lock = Path(str(db) + ".lock")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env.pop("WORKBENCH_DB", None)
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "main.py", "--db", str(db)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 120
            while not lock.exists() and time.monotonic() < deadline:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.01)
            assert lock.exists(), "the app never took the library's lock"
            proc.send_signal(signal.SIGTERM)  # at once: the demo is still being built
            status = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert status == 0, log.read_text()
    assert not lock.exists()
