"""The one module that owns the database: engine, connection settings,
transactions, error translation and schema migrations.

Nothing outside this module (and ``backup``/``integrity``, which work on the
SQLite file itself) may assume the library is SQLite.
"""

from __future__ import annotations

import functools
import getpass
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import platformdirs
from sqlalchemy import Engine, create_engine, event, exc, make_url
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool

from workbench.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DiskFull,
    EnvironmentFault,
    NoLibrary,
    ReadOnlyDatabase,
    ServerUnreachable,
    StaleEdit,
    UserError,
)
from workbench.storage import identity
from workbench.storage.identity import APPLICATION_ID

APP_NAME = "factcheck-workbench"
BUSY_TIMEOUT_MS = 5000
ENV_VAR = "WORKBENCH_DB"


def data_dir() -> Path:
    """The per-user data folder (created on demand)."""
    path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The default library file (its folder is created only with the library)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "library.sqlite3"


def resolve_url(target: str | os.PathLike[str] | None = None) -> str:
    """A database URL from ``--db`` (a path or a URL), ``WORKBENCH_DB``, or the default."""
    raw = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or None
    if raw is None:
        return f"sqlite:///{default_db_path()}"
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def _is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _on_connect(dbapi_conn: Any, _record: Any, *, read_only: bool = False) -> None:
    """Settings every SQLite connection gets (see design/reliability.md)."""
    # Let us, not the driver, decide when transactions begin (SQLAlchemy's
    # documented recipe for pysqlite): we emit BEGIN / BEGIN IMMEDIATE below.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            # Switching to WAL writes the header: a read-only library keeps its mode.
            cur.execute("PRAGMA query_only = ON")
        else:
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


# PostgreSQL error codes (SQLSTATE) that are the environment's fault.
_PG_BUSY = ("55P03", "40001", "40P01", "57014")  # lock timeout, serialization, deadlock, cancel
_PG_FULL = ("53100", "53200", "53300")  # disk full, out of memory, too many connections
_PG_READ_ONLY = ("25006",)


def _translate_pg(orig: BaseException) -> BaseException | None:
    code = getattr(orig, "sqlstate", None)
    if code is None:
        if type(orig).__name__ == "OperationalError":  # no SQLSTATE: no connection at all
            first = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
            return ServerUnreachable(f"cannot reach the library's database server ({first})")
        return None
    if code in _PG_BUSY:
        return DatabaseBusy(
            "the library is busy: a colleague's edit holds the same rows; try again in a moment"
        )
    if code in _PG_FULL:
        return DiskFull(
            f"the database server is out of space or connections; nothing was saved ({code})"
        )
    if code in _PG_READ_ONLY:
        return ReadOnlyDatabase("the library server is read-only; nothing was saved")
    if code.startswith("08"):  # connection exceptions
        return ServerUnreachable("lost the connection to the library's database server; try again")
    if code.startswith("28"):  # invalid authorization
        return ServerUnreachable(f"the database server refused the login ({orig})")
    return None


def translate_error(err: BaseException) -> BaseException:
    """Map a driver error to an EnvironmentFault the user can act on, if it is one."""
    orig = getattr(err, "orig", err)
    if type(orig).__module__.startswith("psycopg"):
        return _translate_pg(orig) or err
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
    """An open library database: an engine plus the person making edits.

    ``read_only``: the file (or its folder) cannot be written, or the URL
    asked for ``mode=ro``; every write fails with ReadOnlyDatabase.
    ``created``: this open created the library (it did not exist)."""

    url: str
    engine: Engine
    actor: str
    # Identifies this open library in the audit trail (see ``watch``).
    origin: str = field(default_factory=lambda: uuid.uuid4().hex)
    read_only: bool = False
    created: bool = False

    def __post_init__(self) -> None:
        self._search_index: bool | None = None
        self._recall_index: bool | None = None
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(workbench_write=True), expire_on_commit=False
        )

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, when the library is an SQLite file."""
        return sqlite_file(self.url)

    @contextmanager
    def read(self) -> Iterator[DbSession]:
        """A read-only unit of work (a deferred transaction, ended by closing).

        Closing (not rolling back) keeps loaded rows readable after the block.
        """
        try:
            with self._reader() as db:
                yield db
        except exc.DBAPIError as err:
            self._raise_translated(err)

    @contextmanager
    def write(self) -> Iterator[DbSession]:
        """One write transaction: committed on success, rolled back on any error."""
        recall = self.keeps_recall_index()  # asked before the transaction begins
        try:
            with self._writer() as db, db.begin():
                yield db
                if self._indexes_search():
                    from workbench.storage.search_index import sync_pending

                    db.flush()
                    sync_pending(db)  # the search index commits with the edit
                if recall:
                    from workbench.storage import recall_index

                    db.flush()
                    recall_index.sync_pending(db)  # and so does the recall index
        except StaleDataError:
            # Another desk's UPDATE of the same row committed between our read
            # and our write (PostgreSQL, read committed): nothing was saved.
            raise StaleEdit(
                "a colleague changed this at the same moment; nothing was saved. "
                "Reload to see their change, then edit again"
            ) from None
        except exc.DBAPIError as err:
            self._raise_translated(err)

    def _raise_translated(self, err: BaseException) -> NoReturn:
        """Re-raise a driver error as the EnvironmentFault it stands for (read
        and write alike); a damaged file's message says which backup to restore."""
        translated = translate_error(err)
        if translated is err:
            raise err
        if isinstance(translated, DatabaseDamaged):
            translated = with_restore_advice(translated, self.sqlite_path)
        raise translated from err

    def forget_schema(self) -> None:
        """Ask the database again what it has (after its schema was changed)."""
        self._search_index = None
        self._recall_index = None

    def _indexes_search(self) -> bool:
        """Whether this SQLite library keeps a search index (schema 0004 on)."""
        if self._search_index is None:
            if self.engine.dialect.name != "sqlite":
                self._search_index = False
            else:
                with self.engine.connect() as conn:
                    raw = conn.connection.driver_connection
                    assert raw is not None
                    found = raw.execute(
                        "SELECT 1 FROM sqlite_master WHERE name = 'search_dirty'"
                    ).fetchone()
                self._search_index = found is not None
        return self._search_index

    def keeps_recall_index(self) -> bool:
        """Whether this library keeps a recall index of judged claims (schema 0007 on)."""
        if self._recall_index is None:
            from workbench.storage import recall_index

            with self.engine.connect() as conn:
                self._recall_index = recall_index.has_index(conn)
                conn.rollback()
        return self._recall_index

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str, *, read_only_file: Path | None = None, immutable: bool = False) -> Engine:
    """An engine with the library's connection settings applied.

    ``read_only_file``: connect to that SQLite file read-only (``mode=ro``),
    whatever ``url`` says, so SQLite itself refuses every write; with
    ``immutable`` also without the ``-shm`` file, which a read-only folder
    cannot hold (SQLite's way to read a database on read-only media)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs: dict[str, Any] = {
            "connect_args": {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        }
        if not parsed.database or parsed.database == ":memory:":
            kwargs["poolclass"] = StaticPool
        if read_only_file is not None:
            ro = read_only_file
            kwargs = {"creator": lambda: identity.connect_read_only(ro, immutable=immutable)}
        read_only = read_only_file is not None or _asks_read_only(url)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", functools.partial(_on_connect, read_only=read_only))
        event.listen(engine, "begin", _on_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return _postgres_engine(url)
    return create_engine(url, pool_pre_ping=True)


POSTGRES_EXTRA = "pip install 'factcheck-workbench[postgres]'"


def _postgres_engine(url: str) -> Engine:
    """A team library on a PostgreSQL server (psycopg 3, an optional extra).

    A lock held longer than the SQLite busy timeout gives the same "busy, try
    again" instead of a hang; a transaction left open by a crashed desk is
    ended by the server after a minute.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise UserError(
            f"this library is on a PostgreSQL server; install its driver first: {POSTGRES_EXTRA}"
        ) from None
    options = f"-c lock_timeout={BUSY_TIMEOUT_MS} -c idle_in_transaction_session_timeout=60000"
    try:
        return create_engine(
            parsed,
            pool_pre_ping=True,
            connect_args={"options": options, "application_name": APP_NAME, "connect_timeout": 10},
        )
    except ImportError as err:  # another driver named in the URL
        raise UserError(
            f"the database driver for {parsed.drivername} is not installed ({err})"
        ) from None


def _asks_read_only(url: str) -> bool:
    """An SQLite URI URL that asks for ``mode=ro`` (or ``immutable``)."""
    parsed = make_url(url)
    if not (parsed.database or "").startswith("file:"):
        return False
    return parsed.query.get("mode") == "ro" or parsed.query.get("immutable") == "1"


def sqlite_file(url: str) -> Path | None:
    """The SQLite file a URL names (None for memory and other databases)."""
    parsed = make_url(url)
    db = parsed.database
    if parsed.get_backend_name() != "sqlite" or not db or db == ":memory:":
        return None
    if db.startswith("file:"):
        return Path(db.removeprefix("file:").split("?", 1)[0])
    return Path(db)


def _writable(path: Path) -> bool:
    """Can SQLite write the library: the file, and its folder (for the -wal file)?"""
    if not os.access(path, os.W_OK):
        return False
    wal = Path(str(path) + "-wal")
    return os.access(path.parent, os.W_OK) or os.access(wal, os.W_OK)


def open_library(
    target: str | os.PathLike[str] | None = None,
    *,
    actor: str | None = None,
    migrate: bool = True,
    backup_dir: Path | None = None,
    check: bool = True,
    create: bool = True,
) -> Library:
    """Open (creating or migrating as needed) the library at ``target``.

    The file is identified from its header before anything writes to it.
    With ``create=False`` a missing (or 0-byte) library file raises NoLibrary
    instead of being created. A library that cannot be written opens
    read-only (``Library.read_only``). Raises DatabaseTooNew for a library
    written by a newer program, UserError for another program's database,
    DatabaseDamaged when the file is not a database or fails its check.
    """
    from workbench.storage import migrations  # late: alembic is only needed here

    url = resolve_url(target)
    path = sqlite_file(url)
    read_only = _asks_read_only(url)
    read_only_file: Path | None = None
    created = False
    if path is not None:
        ident = identity.identify(path)
        if ident.kind in ("missing", "empty", "blank"):
            if not create or read_only:
                why = {"empty": " (the file is empty)", "blank": " (an empty database)"}
                raise NoLibrary(f"no library at {path}{why.get(ident.kind, '')}")
            path.parent.mkdir(parents=True, exist_ok=True)
            created = True
        else:
            try:
                identity.refuse_unless_library(path, ident)
            except DatabaseDamaged as err:
                raise with_restore_advice(err, path) from None
            if not read_only and not _writable(path):
                read_only, read_only_file = True, path
    # A WAL library needs its -shm file even to be read; a folder that cannot
    # hold one (and none there) leaves only SQLite's immutable mode.
    immutable = (
        read_only_file is not None
        and not os.access(read_only_file.parent, os.W_OK)
        and not Path(f"{read_only_file}-shm").exists()
    )
    engine = make_engine(url, read_only_file=read_only_file, immutable=immutable)
    lib = Library(
        url=url,
        engine=engine,
        actor=(actor or "").strip() or _default_actor(),
        read_only=read_only,
        created=created,
    )
    try:
        if _is_sqlite(engine):
            _check_identity(lib)
            if check:
                _quick_check(lib)
        if migrate and not read_only:
            migrations.upgrade(lib, backup_dir=backup_dir)
        else:
            rev = migrations.refuse_if_too_new(lib)
            if read_only and migrate and rev != migrations.head_revision():
                raise ReadOnlyDatabase(
                    f"{path or url} is read-only and was written by an older version "
                    f"(schema {rev}); copy it somewhere writable to open it"
                )
    except (exc.DBAPIError, sqlite3.Error) as err:
        engine.dispose()
        translated = translate_error(err)
        if translated is err:
            raise
        if isinstance(translated, DatabaseDamaged):
            translated = with_restore_advice(translated, path)
        raise translated from err
    except DatabaseDamaged as err:
        engine.dispose()
        raise with_restore_advice(err, path) from None
    except BaseException:
        engine.dispose()
        raise
    return lib


USER_VAR = "WORKBENCH_USER"


def with_restore_advice(err: DatabaseDamaged, path: Path | None) -> DatabaseDamaged:
    """The same error, its message ending with which backup to restore, and how."""
    if err.advice or path is None:
        return err
    from workbench.storage.recovery import restore_advice

    return DatabaseDamaged(err.reason, advice=restore_advice(path))


def _default_actor() -> str:
    """The name recorded on audit events: ``$WORKBENCH_USER``, else the login name."""
    chosen = os.environ.get(USER_VAR, "").strip()
    if chosen:
        return chosen
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
        found = "; ".join(" ".join(str(line).split()) for line in result[:3])
        raise DatabaseDamaged(f"the library file is damaged (quick_check: {found})")


def stamp_application_id(lib: Library) -> None:
    if not _is_sqlite(lib.engine) or lib.read_only:
        return
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
