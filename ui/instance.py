"""One running Workbench per library: a lock file beside the database.

A lock left by a crashed process is recovered: QLockFile treats a lock whose
owner process no longer runs (on this host) as stale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def acquire(db_path: Path) -> QLockFile | None:
    """The held lock for the library at ``db_path``, or None if another
    running Workbench holds it."""
    lock = QLockFile(str(db_path) + ".lock")
    # No age limit: a live owner keeps its lock however long it runs; a dead
    # owner's lock is recognised by its process id instead.
    lock.setStaleLockTime(0)
    if lock.tryLock(200):
        return lock
    return None


def owner(db_path: Path) -> int | None:
    """The process id holding the library's lock, if any."""
    # PySide6 returns (pid, hostname, appname), or an empty/false result.
    info = QLockFile(str(db_path) + ".lock").getLockInfo()
    if isinstance(info, tuple) and info and isinstance(info[0], int) and info[0] > 0:
        return info[0]
    return None
