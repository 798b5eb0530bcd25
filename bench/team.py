"""Several desks on one library: write throughput and how fast others see an edit.

Run from the repository root::

    .venv/bin/python -m bench --only team

For an SQLite file and for a PostgreSQL database on a throwaway local cluster
(the one the tests use; skipped with the reason when PostgreSQL is missing):

1. Claim adds per second from 1, 4 and 8 writer processes at once, each
   adding claims through ``ops.add_claim`` (one transaction and one audit
   event per claim) to its own article of one shared session; beside it the
   same number of processes doing plain driver inserts of one row per
   transaction into a bare table (sqlite3 with WAL and ``synchronous=FULL``;
   psycopg in autocommit), as the ratio baseline / ours.
2. The time from another desk's commit (a verdict) to the open window's
   controller refreshing, with the app's default poll interval: median and p95
   over 20 edits.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PER_WRITER = 150
WRITERS = (1, 4, 8)
LATENCY_EDITS = 20
TEXT = "Drones hit the fuel depot on Monday night, officials said, and no one was hurt. " * 4


def _worker(url: str, article_id: str, count: int) -> None:
    from workbench import ops
    from workbench.errors import DatabaseBusy
    from workbench.storage.store import open_library

    lib = open_library(url, actor=f"desk-{os.getpid()}", migrate=False, check=False)
    step = len(TEXT) // count
    busy = 0
    for n in range(count):
        start = (n * step) % (len(TEXT) - 12)
        while True:  # as the app does: a busy library is retried, never dropped
            try:
                ops.add_claim(lib, article_id, start, start + 10)
                break
            except DatabaseBusy:
                busy += 1
    lib.close()
    if busy:
        print(f"    (a writer waited out {busy} busy timeouts)", flush=True)


def _plain_worker(url: str, count: int) -> None:
    if url.startswith("sqlite"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        for _ in range(count):
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO plain VALUES (?, ?)", (uuid.uuid4().hex, TEXT[:10]))
            con.execute("COMMIT")
        con.close()
        return
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as con:
        for _ in range(count):
            con.execute("INSERT INTO plain VALUES (%s, %s)", (uuid.uuid4().hex, TEXT[:10]))


def _run_parallel(args_list: list[list[str]]) -> float:
    """Start one process per argument list at once; seconds until all are done."""
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen([sys.executable, "-m", "bench.team", *args], cwd=Path.cwd())
        for args in args_list
    ]
    for proc in procs:
        if proc.wait() != 0:
            raise RuntimeError(f"a writer failed: {proc.args}")
    return time.perf_counter() - t0


def _prepare(url: str, writers: int) -> list[str]:
    from workbench import ops
    from workbench.storage.store import open_library

    lib = open_library(url, actor="bench")
    sid = ops.create_session(lib, f"{writers} desks").target_id or ""
    ids = [
        ops.add_article(lib, sid, f"Desk {w}", f"{w}. {TEXT}").target_id or ""
        for w in range(writers)
    ]
    lib.close()
    # The article text starts with "N. ": the worker's offsets are into TEXT
    # shifted by that prefix, which stays inside the article.
    return ids


def _plain_table(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS plain"))
        conn.execute(text("CREATE TABLE plain (id VARCHAR(36) PRIMARY KEY, quote TEXT)"))
    engine.dispose()


def _plain_url(url: str) -> str:
    """Where the baseline's bare table lives: a file of its own beside an SQLite
    library (which must stay ours), the same database on a server."""
    if url.startswith("sqlite:///"):
        return url.replace("team.sqlite3", "plain.sqlite3")
    return url


def throughput(name: str, url: str) -> None:
    plain_url = _plain_url(url)
    _plain_table(plain_url)
    for writers in WRITERS:
        ids = _prepare(url, writers)
        ours = _run_parallel([["worker", url, aid, str(PER_WRITER)] for aid in ids])
        plain = _run_parallel([["plain", plain_url, str(PER_WRITER)] for _ in range(writers)])
        total = writers * PER_WRITER
        print(
            f"  {name:<10} {writers} writer(s): {total / ours:7.0f} claim adds/s "
            f"(plain driver inserts: {total / plain:7.0f}/s, {plain / ours * 100:4.0f} % of "
            f"their rate, ratio {ours / plain:.1f}x)",
            flush=True,
        )


def latency(name: str, url: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.controller import OUTSIDE_POLL_MS, SessionController
    from workbench import ops
    from workbench.storage.store import open_library

    app = QCoreApplication.instance() or QCoreApplication([])
    lib = open_library(url, actor="reader")
    other = open_library(url, actor="colleague")
    sid = ops.create_session(lib, "latency").target_id or ""
    aid = ops.add_article(lib, sid, "A", TEXT).target_id or ""
    cid = ops.add_claim(lib, aid, 0, 10).target_id or ""
    controller = SessionController(lib)
    controller.open_session(sid)
    controller.watch_outside()
    seen: list[float] = []
    controller.changed.connect(lambda ch: seen.append(time.perf_counter()))
    delays = []
    verdicts = ("True", "False")
    for n in range(LATENCY_EDITS):
        seen.clear()
        t0 = time.perf_counter()
        ops.set_verdict(other, cid, verdicts[n % 2])
        while not seen and time.perf_counter() - t0 < 5:
            app.processEvents()
            time.sleep(0.002)
        delays.append((seen[0] if seen else time.perf_counter()) - t0)
        # Next edit at a random phase of the poll timer.
        time.sleep(0.05 + (n % 7) * 0.031)
    controller.stop_watching()
    other.close()
    lib.close()
    delays.sort()
    p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
    print(
        f"  {name:<10} another desk's verdict shown after median "
        f"{statistics.median(delays) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
        f"(poll every {OUTSIDE_POLL_MS} ms; {LATENCY_EDITS} edits)",
        flush=True,
    )


def main(corpus: Path) -> None:
    del corpus  # synthetic data: the figures are about concurrency, not text
    from tests import pg_cluster

    targets: list[tuple[str, str]] = []
    folder = Path(tempfile.mkdtemp(prefix="bench-team-"))
    targets.append(("SQLite", f"sqlite:///{folder / 'team.sqlite3'}"))
    cluster = None
    reason = pg_cluster.why_unavailable()
    if reason is None:
        cluster = pg_cluster.start()
        targets.append(("PostgreSQL", cluster.new_database()))
    else:
        print(f"  PostgreSQL skipped: {reason}")
    try:
        print(f"claim adds per second ({PER_WRITER} per writer process):")
        for name, url in targets:
            throughput(name, url)
        print("time for another desk's edit to appear in an open window:")
        for name, url in targets:
            latency(name, url)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        _worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "plain":
        _plain_worker(sys.argv[2], int(sys.argv[3]))
