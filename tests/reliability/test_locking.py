"""Busy databases, read-then-write races, disk full and read-only libraries."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

from workbench import ops
from workbench.errors import DatabaseBusy, DiskFull, ReadOnlyDatabase
from workbench.queries.sessions import list_sessions, session_detail
from workbench.storage.store import Library, open_library


def _hold_write_lock(path: Path, seconds: float, started: threading.Event) -> None:
    con = sqlite3.connect(path, isolation_level=None, timeout=0)
    con.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


def test_save_waits_out_a_3s_write_lock(
    lib: Library, db_path: Path, report: Callable[[str], None]
) -> None:
    sid = ops.create_session(lib, "s").target_id or ""
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, 3.0, started))
    holder.start()
    started.wait()
    t0 = time.perf_counter()
    change = ops.add_note(lib, sid, "written while another program held the lock")
    waited = time.perf_counter() - t0
    holder.join()
    assert change.target_id in {n.id for n in session_detail(lib, sid).notes}
    report(f"second process held the write lock 3 s: save succeeded after waiting {waited:.1f} s")


def test_a_lock_held_too_long_is_reported_busy_and_nothing_is_half_written(
    lib: Library, db_path: Path, report: Callable[[str], None]
) -> None:
    sid = ops.create_session(lib, "s").target_id or ""
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, 7.0, started))
    holder.start()
    started.wait()
    with pytest.raises(DatabaseBusy, match="busy"):
        ops.add_note(lib, sid, "first try")
    holder.join()
    assert session_detail(lib, sid).notes == ()
    ops.add_note(lib, sid, "retry")  # the user's retry succeeds
    assert [n.text for n in session_detail(lib, sid).notes] == ["retry"]
    report("lock held 7 s: 'busy' reported after the 5 s timeout, 0 rows half-written, retry saved")


def test_read_then_write_race_never_fails_with_locked(
    db_path: Path, report: Callable[[str], None]
) -> None:
    setup = open_library(db_path)
    sid = ops.create_session(setup, "race").target_id or ""
    aid = ops.add_article(setup, sid, "A", "word " * 200).target_id or ""
    setup.close()
    errors: list[BaseException] = []
    rounds = 500

    def worker() -> None:
        lib = open_library(db_path)
        try:
            for i in range(rounds):
                # read, then write in the same operation (add_claim reads the text first)
                ops.add_claim(lib, aid, (i * 5) % 900, (i * 5) % 900 + 4)
        except BaseException as err:
            errors.append(err)
        finally:
            lib.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check = open_library(db_path)
    total = len(session_detail(check, sid).claims)
    check.close()
    assert errors == []
    assert total == 2 * rounds
    report(
        f"read-then-write race, 2 connections x {rounds}: {len(errors)} 'database is locked' "
        f"errors, {total}/{2 * rounds} writes stored"
    )


def test_disk_full_loses_nothing_and_can_be_retried(
    db_path: Path, report: Callable[[str], None]
) -> None:
    lib = open_library(db_path)
    sid = ops.create_session(lib, "s").target_id or ""
    limit = {"pages": 0}

    @event.listens_for(lib.engine, "connect")
    def _cap(dbapi_conn: sqlite3.Connection, _rec: object) -> None:
        if limit["pages"]:
            dbapi_conn.execute(f"PRAGMA max_page_count = {limit['pages']}")

    lib.engine.dispose()
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        limit["pages"] = raw.execute("PRAGMA page_count").fetchone()[0] + 1
    lib.engine.dispose()  # new connections get the cap: the "disk" is now full
    big = "All quiet at the port. " * 20_000
    with pytest.raises(DiskFull, match="disk is full"):
        ops.add_article(lib, sid, "Big", big)
    assert session_detail(lib, sid).articles == ()
    limit["pages"] = 0
    lib.engine.dispose()  # space freed
    ops.add_article(lib, sid, "Big", big)
    assert len(session_detail(lib, sid).articles) == 1
    lib.close()
    report("disk full during a save: DiskFull reported, 0 rows half-written, retry saved")


def test_read_only_library_says_so(db_path: Path) -> None:
    lib = open_library(db_path)
    ops.create_session(lib, "s")
    lib.close()
    ro = open_library(f"sqlite:///file:{db_path}?mode=ro&uri=true", migrate=False)
    try:
        assert len(list_sessions(ro)) == 1
        with pytest.raises(ReadOnlyDatabase, match="read-only"):
            ops.create_session(ro, "t")
    finally:
        ro.close()
