"""Backups of a team library on a PostgreSQL server: pg_dump archives, checked,
and a restore that keeps the state before it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ARTICLE_A
from workbench import ops
from workbench.errors import UserError
from workbench.queries.sessions import list_sessions, session_detail
from workbench.storage import backup, pg_backup
from workbench.storage.store import open_library


@pytest.mark.pg
def test_backup_restore_and_undo_of_the_restore(pg_url: str, tmp_path: Path) -> None:
    lib = open_library(pg_url, actor="tester")
    try:
        sid = ops.create_session(lib, "Strike").target_id or ""
        ops.add_article(lib, sid, "A", ARTICLE_A)
        archive = backup.take_backup(lib, reason="manual", folder=tmp_path)
        assert archive.parent == tmp_path and archive.name.endswith(pg_backup.DUMP_SUFFIX)
        ops.create_session(lib, "Made after the backup")
    finally:
        lib.close()

    kept = pg_backup.restore(pg_url, archive)
    lib = open_library(pg_url, actor="tester")
    try:
        assert [s.title for s in list_sessions(lib)] == ["Strike"]
        assert session_detail(lib, sid).articles[0].title == "A"
    finally:
        lib.close()
    pg_backup.restore(pg_url, kept)  # the restore itself can be undone
    lib = open_library(pg_url, actor="tester")
    try:
        assert sorted(s.title for s in list_sessions(lib)) == [
            "Made after the backup",
            "Strike",
        ]
    finally:
        lib.close()


@pytest.mark.pg
def test_restore_refuses_files_that_are_not_our_archives(
    pg_url: str, pg_server: object, tmp_path: Path
) -> None:
    open_library(pg_url, actor="tester").close()
    junk = tmp_path / "junk.pgdump"
    junk.write_bytes(b"\x00" * 100)
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    # Another program's database, dumped by pg_dump itself.
    other_db = pg_server.new_database()  # type: ignore[attr-defined]
    engine = create_engine(other_db)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    foreign = tmp_path / "foreign.pgdump"
    uri = other_db.replace("postgresql+psycopg", "postgresql")
    subprocess.run(["pg_dump", "--format=custom", "-f", str(foreign), uri], check=True)
    for bad in (junk, empty, foreign, tmp_path / "missing.pgdump"):
        with pytest.raises(UserError):
            pg_backup.restore(pg_url, bad)


def test_a_server_url_without_the_driver_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(UserError, match=r"pip install 'factcheck-workbench\[postgres\]'"):
        open_library("postgresql://desk@127.0.0.1:1/library")
