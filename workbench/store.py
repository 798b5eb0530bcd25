"""The one module that owns the database: engine, connection settings,
transactions, error translation and schema migrations.

Nothing outside this module (and ``backup``/``integrity``, which work on the
SQLite file itself) may assume the library is SQLite.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, exc, make_url
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from workbench.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DiskFull,
    EnvironmentFault,
    ReadOnlyDatabase,
    UserError,
)

APP_NAME = "factcheck-workbench"
# "FCWB": identifies our files to `file(1)` and to ourselves (PRAGMA application_id).
APPLICATION_ID = 0x46435742
BUSY_TIMEOUT_MS = 5000
ENV_VAR = "WORKBENCH_DB"


def data_dir() -> Path:
    """The per-user data folder (created on demand)."""
    path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "library.sqlite3"


def resolve_url(target: str | os.PathLike[str] | None = None) -> str:
    """A database URL from ``--db`` (a path or a URL), ``WORKBENCH_DB``, or the default."""
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or None
    if raw is None:
        return f"sqlite:///{default_db_path()}"
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def sqlite_path_of(url_text: str) -> Path | None:
    """The database file a URL names, when it is an SQLite file."""
    url = make_url(url_text)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):  # an SQLite URI: file:PATH?mode=ro...
        return Path(url.database.removeprefix("file:").split("?", 1)[0])
    return Path(url.database)


def _is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    """Settings every SQLite connection gets (see design/reliability.md)."""
    # Let us, not the driver, decide when transactions begin (SQLAlchemy's
    # documented recipe for pysqlite): we emit BEGIN / BEGIN IMMEDIATE below.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode not in ("wal", "memory"):
            raise EnvironmentFault(f"the database refused WAL journaling (journal_mode={mode})")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA trusted_schema = OFF")
    finally:
        cur.close()


def _on_begin(conn: Any) -> None:
    # Writers take the write lock up front, so a read-then-write never fails
    # half way with "database is locked"; readers use a deferred BEGIN.
    if conn.get_execution_options().get("workbench_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def translate_error(err: BaseException) -> BaseException:
    """Map a driver error to an EnvironmentFault the user can act on, if it is one."""
    orig = getattr(err, "orig", err)
    if isinstance(orig, sqlite3.Error):
        name = getattr(orig, "sqlite_errorname", "") or ""
        text = str(orig).lower()
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
            return DatabaseBusy(
                "the library is busy: another program is writing to it; try again in a moment"
            )
        if name.startswith("SQLITE_FULL") or "disk is full" in text:
            return DiskFull("the disk is full; nothing was saved. Free some space and try again")
        if name.startswith("SQLITE_READONLY") or "readonly" in text:
            return ReadOnlyDatabase("the library is read-only; nothing was saved")
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
            return DatabaseDamaged(f"the library file is damaged ({orig})")
        if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
            return EnvironmentFault(f"the library file cannot be read or written ({orig})")
    return err


@dataclass
class Library:
    """An open library database: an engine plus the person making edits."""

    url: str
    engine: Engine
    actor: str

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(workbench_write=True), expire_on_commit=False
        )

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, when the library is an SQLite file."""
        return sqlite_path_of(self.url)

    @contextmanager
    def read(self) -> Iterator[DbSession]:
        """A read-only unit of work (a deferred transaction, ended by closing).

        Closing (not rolling back) keeps loaded rows readable after the block.
        """
        try:
            with self._reader() as db:
                yield db
        except exc.OperationalError as err:
            raise translate_error(err) from err

    @contextmanager
    def write(self) -> Iterator[DbSession]:
        """One write transaction: committed on success, rolled back on any error."""
        try:
            with self._writer() as db, db.begin():
                yield db
        except (exc.OperationalError, exc.DatabaseError) as err:
            translated = translate_error(err)
            if translated is err:
                raise
            raise translated from err

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    """An engine with the library's connection settings applied."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs: dict[str, Any] = {
            "connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        }
        if not parsed.database or parsed.database == ":memory:":
            kwargs["poolclass"] = StaticPool
        elif not parsed.database.startswith("file:"):  # a "file:" URI names its own path
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_library(
    target: str | os.PathLike[str] | None = None,
    *,
    actor: str | None = None,
    migrate: bool = True,
    backup_dir: Path | None = None,
    check: bool = True,
) -> Library:
    """Open (creating or migrating as needed) the library at ``target``.

    Raises DatabaseTooNew for a library written by a newer program,
    DatabaseDamaged when the file is not a database (or not ours).
    """
    from workbench import migrations  # late: alembic is only needed here

    url = resolve_url(target)
    engine = make_engine(url)
    lib = Library(url=url, engine=engine, actor=actor or _default_actor())
    try:
        if _is_sqlite(engine):
            _check_identity(lib)
            if check:
                _quick_check(lib)
        if migrate:
            migrations.upgrade(lib, backup_dir=backup_dir)
        else:
            migrations.refuse_if_too_new(lib)
    except exc.DBAPIError as err:
        engine.dispose()
        translated = translate_error(err)
        if translated is err:
            raise
        raise translated from err
    except BaseException:
        engine.dispose()
        raise
    return lib


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def _check_identity(lib: Library) -> None:
    """Refuse an SQLite file that belongs to another program."""
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        app_id = raw.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id not in (0, APPLICATION_ID):
        raise UserError(
            f"{lib.sqlite_path} is not a Workbench library (application_id {app_id:#x})"
        )
    if app_id == 0 and tables and "alembic_version" not in tables:
        raise UserError(f"{lib.sqlite_path} is an SQLite database of another program")


def _quick_check(lib: Library) -> None:
    """Refuse a damaged file at open (the caller offers a backup)."""
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        result = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
    if result != ["ok"]:
        raise DatabaseDamaged(f"the library failed its check: {'; '.join(result[:3])}")


def stamp_application_id(lib: Library) -> None:
    if not _is_sqlite(lib.engine):
        return
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
