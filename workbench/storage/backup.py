"""Backups of the library through SQLite's online backup API.

A plain file copy of a live WAL database can miss committed rows; the backup
API copies a consistent snapshot. Every backup is written to a temporary file,
verified with ``quick_check``, fsynced, then renamed into place, so a crash
leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import DatabaseDamaged, UserError

if TYPE_CHECKING:
    from workbench.storage.store import Library

BACKUP_SUFFIX = ".wbbackup.sqlite3"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(
    r"^library-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[\w.-]+)" + re.escape(BACKUP_SUFFIX) + "$"
)
# How many to keep per period (Anki keeps about 12 daily, 10 weekly, 9 monthly).
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int


def default_folder(lib: Library) -> Path:
    """Backups live beside the library, in ``backups/``."""
    path = lib.sqlite_path
    if path is None:  # a team library on a server: a folder per server and database
        from workbench.storage import pg_backup

        return pg_backup.default_folder(lib.url)
    return path.parent / "backups"


def copy_database(src: Path | sqlite3.Connection, dest: Path) -> Path:
    """Copy a live SQLite database to ``dest`` atomically and verified."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    own = not isinstance(src, sqlite3.Connection)
    source = sqlite3.connect(str(src), timeout=10) if own else src
    assert isinstance(source, sqlite3.Connection)
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        target = sqlite3.connect(str(tmp))
        try:
            source.backup(target)
            # The copy is a standalone file: no WAL beside it.
            target.execute("PRAGMA journal_mode = DELETE")
            result = target.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise DatabaseDamaged(f"the backup failed its check ({result}); nothing replaced")
        finally:
            target.close()
        _fsync(tmp)
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        if own:
            source.close()
    return dest


def take_backup(
    lib: Library, *, reason: str = "manual", folder: Path | None = None, out: Path | None = None
) -> Path:
    """Back the library up into ``out`` or a new file of the rotation folder."""
    src = lib.sqlite_path
    if src is None:
        from workbench.storage import pg_backup

        if out is None and folder is not None:
            stamp = datetime.now(UTC).strftime(_STAMP)
            out = folder / f"library-{stamp}-{reason}{pg_backup.DUMP_SUFFIX}"
        return pg_backup.dump(lib.url, out=out, reason=reason)
    if out is not None:
        _refuse_backup_destination(src, Path(out))
    if out is None:
        folder = folder or default_folder(lib)
        stamp = datetime.now(UTC).strftime(_STAMP)
        safe = re.sub(r"[^\w.-]+", "-", reason)[:60] or "backup"
        out = folder / f"library-{stamp}-{safe}{BACKUP_SUFFIX}"
    if lib.read_only:
        # The library's own connection is the one that can read it (read-only,
        # or immutable in a folder without room for a -shm file).
        with lib.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            return copy_database(raw, out)
    return copy_database(src, out)


def _refuse_backup_destination(library: Path, out: Path) -> None:
    """A backup chosen by name may replace an older Workbench backup, never the
    library, its companion files, a folder, or another program's file."""
    from workbench.storage.identity import identify

    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = Path(str(library) + suffix)
        if out.resolve(strict=False) == companion.resolve(strict=False):
            what = "the library" if not suffix else f"the library's {suffix[1:]} file"
            raise UserError(f"{out}: is {what}; choose another name for the backup")
    if out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name for the backup")
    kind = identify(out).kind
    if kind not in ("missing", "empty", "ours"):
        raise UserError(
            f"{out}: exists and is not a Workbench backup; a backup never overwrites it"
        )


ENV_FOLDER = "WORKBENCH_BACKUP_DIR"
MIN_INTERVAL = timedelta(hours=1)


def backup_folder(lib: Library, setting: str | None = None) -> Path:
    """Where automatic backups go: a setting, ``$WORKBENCH_BACKUP_DIR``, or
    ``backups/`` beside the library."""
    path = lib.sqlite_path
    if path is None:
        raise UserError("backups are only available for SQLite libraries")
    return folder_for(path, setting)


def folder_for(library_file: Path, setting: str | None = None) -> Path:
    """``backup_folder`` for a library file that need not be open."""
    chosen = setting or os.environ.get(ENV_FOLDER)
    return Path(chosen).expanduser() if chosen else library_file.parent / "backups"


def automatic_backup(
    lib: Library,
    *,
    folder: Path | None = None,
    min_interval: timedelta = MIN_INTERVAL,
    now: datetime | None = None,
) -> Path | None:
    """Back up if something changed since the newest backup and it is older
    than ``min_interval``; then rotate. Returns the new backup or None."""
    from sqlalchemy import func, select

    from workbench.storage.schema import Event

    if lib.sqlite_path is None:
        return None
    now = now or datetime.now(UTC)
    folder = folder or backup_folder(lib)
    newest = next(iter(list_backups(folder)), None)
    with lib.read() as db:
        last_change = db.scalar(select(func.max(Event.at)))
    if last_change is None:
        return None
    if newest is not None and (last_change <= newest.taken or now - newest.taken < min_interval):
        return None
    out = take_backup(lib, reason="auto", folder=folder)
    rotate(folder, now=now)
    return out


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in ``folder``, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.match(path.name)
            if not m:
                continue
            taken = datetime.strptime(m["stamp"], _STAMP).replace(tzinfo=UTC)
            found.append(BackupInfo(path, taken, m["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def rotate(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Keep the newest backup of each recent day, week and month; delete the rest.

    Returns the deleted files. Backups taken before a migration are kept for
    as long as any rotation slot would keep them, like the others.
    """
    now = now or datetime.now(UTC)
    backups = list_backups(folder)
    keep: set[Path] = set()
    for period, count in (("day", KEEP_DAILY), ("week", KEEP_WEEKLY), ("month", KEEP_MONTHLY)):
        seen: set[tuple[int, ...]] = set()
        for b in backups:
            key = _period_key(b.taken, period)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            keep.add(b.path)
    # Never delete anything from the last day: that is what a crash needs.
    keep.update(b.path for b in backups if now - b.taken < timedelta(days=1))
    deleted = []
    for b in backups:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                deleted.append(b.path)
    return deleted


def _period_key(when: datetime, period: str) -> tuple[int, ...]:
    if period == "day":
        return (when.year, when.month, when.day)
    if period == "week":
        iso = when.isocalendar()
        return (iso.year, iso.week)
    return (when.year, when.month)


def verify(path: Path) -> str:
    """``ok`` or the first problem ``quick_check`` reports for the file at ``path``."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return str(conn.execute("PRAGMA quick_check").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        return str(err)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def move_aside(path: Path, reason: str) -> Path:
    """Rename a database (and its -wal/-shm files) out of the way; never deletes."""
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = path.with_name(f"{path.name}.{reason}-{stamp}")
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(aside) + suffix))
    os.replace(path, aside)
    _fsync_dir(path.parent)
    return aside


def restore_backup(backup_path: Path, target: Path) -> Path | None:
    """Replace the library at ``target`` with a verified backup.

    The backup must be a Workbench library (application id, a known schema
    revision, a readable session table) that passes ``quick_check``; an
    empty or foreign file is refused and nothing changes. The current file is
    moved aside (never overwritten) and its new name is returned; None if
    there was no file.
    """
    from workbench.storage.identity import check_backup

    if target.exists() and backup_path.exists() and os.path.samefile(backup_path, target):
        raise UserError(f"{backup_path} is the library itself; nothing changed")
    check_backup(backup_path)
    moved = move_aside(target, "replaced") if target.exists() else None
    copy_database(backup_path, target)
    return moved


def is_good_backup(path: Path) -> bool:
    """A Workbench library that passes ``quick_check`` (what a restore accepts)."""
    from workbench.storage.identity import check_backup

    try:
        check_backup(path)
    except (UserError, DatabaseDamaged):
        return False
    return True


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup in ``folder`` that a restore would accept."""
    for info in list_backups(folder):
        if is_good_backup(info.path):
            return info
    return None
