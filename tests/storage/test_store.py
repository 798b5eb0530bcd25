"""The library database: connection settings, identity, transactions, versions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import exc, func, select, text

from workbench import ops
from workbench.errors import DatabaseDamaged, DatabaseTooNew, UserError
from workbench.queries.sessions import session_detail
from workbench.storage import migrations
from workbench.storage.schema import Note, Session
from workbench.storage.store import APPLICATION_ID, Library, open_library, resolve_url


def test_every_connection_gets_the_reliability_settings(sqlite_lib: Library) -> None:
    lib = sqlite_lib
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        values = {
            name: raw.execute(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "trusted_schema",
                "busy_timeout",
                "application_id",
            )
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "trusted_schema": 0,
        "busy_timeout": 5000,
        "application_id": APPLICATION_ID,
    }


def test_db_argument_env_var_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_url("sqlite:///elsewhere.db") == "sqlite:///elsewhere.db"
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("WORKBENCH_DB")
    default = resolve_url()
    # the conftest points XDG_DATA_HOME into a temporary folder: the default is in it
    assert (
        default == f"sqlite:///{Path(os.environ['XDG_DATA_HOME'])}"
        "/factcheck-workbench/library.sqlite3"
    )


def test_nested_savepoint_does_not_survive_outer_rollback(lib: Library) -> None:
    """reliability.md: begin_nested then outer rollback -> 0 rows survive."""

    class Boom(Exception):
        pass

    with pytest.raises(Boom), lib.write() as db:
        nested = db.begin_nested()
        db.add(Session(title="ghost", scale_name="politifact", scale=[]))
        nested.commit()
        raise Boom
    with lib.read() as db:
        assert db.scalar(select(func.count()).select_from(Session)) == 0


def test_a_note_for_a_missing_article_is_refused_by_the_database(lib: Library) -> None:
    sid = ops.create_session(lib, "s").target_id
    with pytest.raises(exc.IntegrityError), lib.write() as db:
        db.add(Note(session_id=sid, article_id="no-such-article", text="orphan"))
    assert session_detail(lib, sid or "").notes == ()


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_library(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        open_library(db_path)
    assert db_path.read_bytes() == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE moz_places (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(UserError, match="another program"):
        open_library(other)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(DatabaseDamaged):
        open_library(garbage)


def test_fresh_library_is_at_the_newest_schema(lib: Library) -> None:
    assert migrations.current_revision(lib) == migrations.head_revision()
    with lib.read() as db:
        assert db.execute(text("SELECT count(*) FROM dismissals")).scalar_one() == 0
