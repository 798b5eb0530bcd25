"""Backups, restore and damaged libraries."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workbench import ops
from workbench.errors import DatabaseDamaged
from workbench.export.csv_report import export_csv
from workbench.queries.sessions import session_detail
from workbench.storage import backup, recovery
from workbench.storage.integrity import check_library
from workbench.storage.store import Library, open_library


def _writer(db: Path, sid: str, stop: threading.Event, count: list[int]) -> None:
    """Add notes until told to stop; ``count[0]`` is how many were committed."""
    lib = open_library(db)
    try:
        while not stop.is_set():
            ops.add_note(lib, sid, f"note {count[0]}")
            count[0] += 1
    finally:
        lib.close()


def test_backups_during_continuous_writes_all_verify_and_restore(
    db_path: Path, tmp_path: Path, report: Callable[[str], None]
) -> None:
    lib = open_library(db_path)
    sid = ops.create_session(lib, "busy").target_id or ""
    stop, count = threading.Event(), [0]
    thread = threading.Thread(target=_writer, args=(db_path, sid, stop, count))
    thread.start()
    good = 0
    try:
        for i in range(20):
            committed_before = count[0]  # every note committed so far must be in the copy
            out = backup.take_backup(lib, reason=f"t{i}", out=tmp_path / f"b{i}.sqlite3")
            committed_after = count[0]
            restored = tmp_path / f"restored{i}.sqlite3"
            backup.restore_backup(out, restored)
            copy = open_library(restored)
            ok = backup.verify(out) == "ok" and check_library(copy) == []
            notes = len(session_detail(copy, sid).notes)
            copy.close()
            # a consistent snapshot: at least what was committed before it began,
            # at most what was committed (or being committed) when it ended
            good += ok and committed_before <= notes <= committed_after + 1
    finally:
        stop.set()
        thread.join()
        lib.close()
    assert good == 20
    report(
        f"backup during continuous writes ({count[0]} notes written meanwhile): "
        f"{good}/20 verified with quick_check and restored"
    )


def _kill_during(action: Callable[[], None], delay: float) -> None:
    pid = os.fork()
    if pid == 0:
        try:
            action()
        finally:
            os._exit(0)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill9_during_backup_and_export_leaves_old_or_new_file_whole(
    db_path: Path, tmp_path: Path, report: Callable[[str], None]
) -> None:
    lib = open_library(db_path)
    sid = ops.create_session(lib, "big").target_id or ""
    text = "The port was hit on Monday and two people died. " * 3000
    aid = ops.add_article(lib, sid, "A", text).target_id or ""
    for i in range(300):
        ops.add_claim(lib, aid, i * 40, i * 40 + 30)
    lib.close()
    out_backup = tmp_path / "backup.sqlite3"
    out_csv = tmp_path / "report.csv"
    seed_lib = open_library(db_path)
    backup.take_backup(seed_lib, out=out_backup)
    export_csv(seed_lib, sid, out_csv)
    seed_lib.close()
    original_csv = out_csv.read_bytes()
    rng = random.Random(7)
    runs, whole = 30, 0
    for _ in range(runs):

        def do_both() -> None:
            child = open_library(db_path)
            backup.take_backup(child, out=out_backup)
            export_csv(child, sid, out_csv)

        _kill_during(do_both, rng.uniform(0.0, 0.4))
        backup_ok = backup.verify(out_backup) == "ok"
        # nothing changed in between, so any whole report equals the original
        whole += backup_ok and out_csv.read_bytes() == original_csv
    assert whole == runs
    report(
        f"kill -9 during backup and export, {runs} runs: old or new file whole {whole}/{runs} times"
    )


def test_corrupt_bytes_are_detected_at_open_kept_aside_and_backup_offered(
    db_path: Path, report: Callable[[str], None]
) -> None:
    lib = open_library(db_path)
    sid = ops.create_session(lib, "precious").target_id or ""
    aid = ops.add_article(lib, sid, "A", "Words of the article. " * 2000).target_id or ""
    for i in range(200):
        ops.add_claim(lib, aid, i * 20, i * 20 + 10)
    folder = backup.default_folder(lib)
    backup.take_backup(lib, reason="auto", folder=folder)
    lib.close()
    with sqlite3.connect(db_path) as con:  # fold the WAL in, then damage pages
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(db_path.read_bytes())
    for offset in range(4096 * 2, len(raw) - 4096, 4096 * 3):
        raw[offset : offset + 64] = os.urandom(64)
    db_path.write_bytes(bytes(raw))
    damaged = bytes(raw)

    with pytest.raises(DatabaseDamaged):
        open_library(db_path)
    plan = recovery.plan_recovery(f"sqlite:///{db_path}")
    assert plan is not None and plan.backup.path.parent == folder
    moved = recovery.restore(plan)
    assert moved is not None and moved.read_bytes() == damaged  # kept aside, untouched
    lib = open_library(db_path)
    assert len(session_detail(lib, sid).claims) == 200
    assert check_library(lib) == []
    lib.close()
    report(
        "corrupt bytes in the live file: detected at open, damaged file kept aside, "
        "newest good backup restored with 200/200 claims"
    )


def test_automatic_backup_only_after_changes_and_rotation_keeps_recent(
    lib: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "auto"
    sid = ops.create_session(lib, "s").target_id or ""
    first = backup.automatic_backup(lib, folder=folder)
    assert first is not None
    assert backup.automatic_backup(lib, folder=folder) is None  # nothing changed
    ops.add_note(lib, sid, "a change")
    assert backup.automatic_backup(lib, folder=folder) is None  # too soon
    later = datetime.now(UTC) + timedelta(hours=2)
    assert backup.automatic_backup(lib, folder=folder, now=later) is not None

    # rotation: 60 daily backups -> the newest per day/week/month are kept
    rot = tmp_path / "rot"
    rot.mkdir()
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    src = backup.list_backups(folder)[0].path
    for day in range(60):
        stamp = (start + timedelta(days=day)).strftime("%Y%m%dT%H%M%S%fZ")
        (rot / f"library-{stamp}-auto{backup.BACKUP_SUFFIX}").write_bytes(src.read_bytes())
    deleted = backup.rotate(rot, now=start + timedelta(days=60))
    kept = backup.list_backups(rot)
    assert len(kept) + len(deleted) == 60
    assert 12 <= len(kept) <= 12 + 10 + 9
    assert kept[0].taken == start + timedelta(days=59)  # the newest always stays
