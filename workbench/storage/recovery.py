"""Recovery from a damaged library: keep the damaged file aside, restore the
newest backup that passes its check."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from workbench.storage import backup


@dataclass(frozen=True)
class RecoveryPlan:
    db_path: Path
    backup: backup.BackupInfo


def backup_folder_for(db_path: Path) -> Path:
    """Where a library's backups are when none was chosen: ``$WORKBENCH_BACKUP_DIR``
    or ``backups/`` beside it (the same rule as ``backup.backup_folder``)."""
    chosen = os.environ.get(backup.ENV_FOLDER)
    return Path(chosen).expanduser() if chosen else db_path.parent / "backups"


def plan_recovery(url: str, folder: Path | None = None) -> RecoveryPlan | None:
    """The newest good backup for the SQLite library at ``url``, if any."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    db_path = Path(parsed.database)
    good = backup.newest_good_backup(folder or backup_folder_for(db_path))
    return RecoveryPlan(db_path, good) if good else None


def restore(plan: RecoveryPlan) -> Path | None:
    """Move the damaged file aside and put the backup in its place.

    Returns where the damaged file now is."""
    moved = backup.move_aside(plan.db_path, "damaged") if plan.db_path.exists() else None
    backup.copy_database(plan.backup.path, plan.db_path)
    return moved


def restore_advice(db_path: Path, folder: Path | None = None) -> str:
    """Which backup to restore for a damaged library at ``db_path``, and the
    command that does it (the damaged file is kept aside, not overwritten)."""
    import shlex

    where = folder or backup_folder_for(db_path)
    good = backup.newest_good_backup(where)
    if good is None:
        return f"no good backup was found in {where}"
    return (
        f"the newest good backup is {good.path} "
        f"({good.taken.astimezone():%Y-%m-%d %H:%M}); restore it with: "
        f"workbench --db {shlex.quote(str(db_path))} restore {shlex.quote(str(good.path))}"
    )
