"""kill -9 during a migration: the library is whole at the old or the new schema."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.storage.test_migrations import TABLES, _populate_at_first_revision
from workbench.storage import migrations
from workbench.storage.store import open_library


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill9_during_migration(tmp_path: Path, report: Callable[[str], None]) -> None:
    template = tmp_path / "template.sqlite3"
    before = _populate_at_first_revision(template)
    rng = random.Random(11)
    runs, whole, migrated = 25, 0, 0
    for i in range(runs):
        db = tmp_path / f"run{i}.sqlite3"
        shutil.copy(template, db)
        pid = os.fork()
        if pid == 0:
            try:
                open_library(db, backup_dir=tmp_path / f"backups{i}").close()
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        con = sqlite3.connect(db)
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        ok = (
            con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            and con.execute("PRAGMA foreign_key_check").fetchall() == []
            and all(counts[t] == before[t] for t in TABLES if t != "events")
        )
        con.close()
        migrated += version == migrations.head_revision()
        whole += ok and version in ("0001", migrations.head_revision())
    assert whole == runs
    report(
        f"kill -9 during migration, {runs} runs: whole every time ({runs - migrated} at "
        f"the old schema, {migrated} at the new), row counts equal"
    )
