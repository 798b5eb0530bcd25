"""Is this file a Workbench library? Answered without writing a byte.

Opening an SQLite file the usual way already changes it: switching to WAL
rewrites header bytes 18-19 and leaves ``-wal``/``-shm`` files beside it. So
a file is identified first from its 100-byte header (SQLite's magic string
and ``application_id`` at offset 68) and, only when the header cannot tell, by
listing its tables through an ``immutable`` read-only connection, which
neither locks nor creates companion files.

The same checks, plus the schema revision and a readable session table,
decide whether a file may replace the library in a restore.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from workbench.errors import DatabaseDamaged, UserError

# "FCWB": identifies our files to `file(1)` and to ourselves (PRAGMA application_id).
APPLICATION_ID = 0x46435742
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

Kind = Literal["missing", "empty", "not_sqlite", "blank", "ours", "foreign", "unreadable"]


@dataclass(frozen=True)
class FileIdentity:
    """What a file at a library path is.

    ``blank``: an SQLite database without tables (ours to initialise);
    ``unreadable``: SQLite's header but a schema that cannot be read."""

    kind: Kind
    application_id: int = 0
    detail: str = ""


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{urllib.parse.quote(os.fspath(path.resolve()))}?{query}"


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """An SQLite connection that cannot write to ``path``."""
    params = {"mode": "ro"}
    if immutable:
        params["immutable"] = "1"
    return sqlite3.connect(_uri(path, **params), uri=True, check_same_thread=False, timeout=5)


def identify(path: Path) -> FileIdentity:
    """Identify the file at ``path`` without changing it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return FileIdentity("missing")
    if size == 0:
        return FileIdentity("empty")
    try:
        with path.open("rb") as fh:
            header = fh.read(HEADER_SIZE)
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a library file") from None
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return FileIdentity("not_sqlite")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == APPLICATION_ID:
        return FileIdentity("ours", app_id)
    if app_id != 0:
        return FileIdentity("foreign", app_id)
    # application_id 0: a library between creation and its first migration, an
    # empty database, another program's file, or a live WAL library whose
    # header and tables are still only in its -wal file (an open window or
    # another desk has not checkpointed yet). Its tables tell; with a -wal file
    # beside it, read through the WAL (read-only: nothing is written).
    wal = Path(f"{path}-wal")
    live = wal.exists() and wal.stat().st_size > 0
    try:
        conn = connect_read_only(path, immutable=not live)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return FileIdentity("unreadable", 0, str(err))
    if app_id == APPLICATION_ID:
        return FileIdentity("ours", app_id)
    if app_id != 0:
        return FileIdentity("foreign", app_id)
    if not tables:
        return FileIdentity("blank")
    if "alembic_version" in tables:
        return FileIdentity("ours")
    return FileIdentity("foreign", 0, ", ".join(sorted(tables)[:3]))


def refuse_unless_library(path: Path, ident: FileIdentity) -> None:
    """Raise a one-line error unless ``ident`` is a library (or a blank file)."""
    if ident.kind == "foreign":
        if ident.application_id:
            raise UserError(
                f"{path} is not a Workbench library (application_id "
                f"{ident.application_id:#x}); nothing was changed"
            )
        raise UserError(f"{path} is an SQLite database of another program; nothing was changed")
    if ident.kind == "not_sqlite":
        raise DatabaseDamaged(f"{path} is not an SQLite database (its header is not SQLite's)")
    if ident.kind == "unreadable":
        raise DatabaseDamaged(f"the library file is damaged ({ident.detail})")


@dataclass(frozen=True)
class BackupIdentity:
    revision: str
    sessions: int


def check_backup(path: Path) -> BackupIdentity:
    """Refuse, with a one-line reason, a file that cannot replace the library:
    missing, empty, not SQLite, another program's, a schema this program does
    not know, a session table that cannot be read, or a failed quick_check."""
    from workbench.storage import migrations  # late: alembic is only needed here

    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a backup file; nothing changed")
    ident = identify(path)
    if ident.kind == "missing":
        raise UserError(f"no backup file at {path}")
    if ident.kind == "empty":
        raise UserError(f"{path} is empty (0 bytes), not a backup; nothing changed")
    if ident.kind == "not_sqlite":
        raise UserError(f"{path} is not an SQLite database, not a backup; nothing changed")
    if ident.kind == "blank":
        raise UserError(f"{path} is an empty database, not a Workbench backup; nothing changed")
    if ident.kind == "foreign":
        owner = f" (application_id {ident.application_id:#x})" if ident.application_id else ""
        raise UserError(
            f"{path} is another program's database{owner}, not a Workbench backup; nothing changed"
        )
    if ident.kind == "unreadable":
        raise DatabaseDamaged(f"the backup {path} cannot be read ({ident.detail}); nothing changed")
    try:
        conn = connect_read_only(path)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise DatabaseDamaged(
                    f"the backup {path} failed its check ({check}); nothing changed"
                )
            try:
                rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            except sqlite3.OperationalError:
                rows = []
            revision = rows[0][0] if rows else None
            if revision is None:
                raise UserError(f"{path} has no Workbench schema revision; nothing changed")
            if revision not in migrations.known_revisions():
                raise UserError(
                    f"{path} was written by a newer version of the Workbench (schema "
                    f"{revision}); update the program first; nothing changed"
                )
            try:
                sessions = int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
            except sqlite3.DatabaseError as err:
                raise UserError(
                    f"{path}: its session table cannot be read ({err}); nothing changed"
                ) from None
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise DatabaseDamaged(
            f"the backup {path} cannot be read ({err}); nothing changed"
        ) from None
    return BackupIdentity(str(revision), sessions)
