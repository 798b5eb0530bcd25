"""Schema migrations (Alembic), run programmatically when a library opens.

On SQLite every migration runs with foreign keys OFF (set outside the
transaction: batch mode copies tables, and with foreign keys on the copy's
DROP TABLE fires ON DELETE CASCADE and silently empties child tables), inside
one transaction, then ``PRAGMA foreign_key_check`` must come back empty before
the change is committed. A populated library is backed up first.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from workbench.errors import DatabaseTooNew, WorkbenchError

if TYPE_CHECKING:
    from workbench.storage.store import Library

# The migration scripts are package data (a wheel and a bundle carry them).
HERE = Path(str(files("workbench.storage.migrations")))


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(lib: Library) -> str | None:
    with lib.engine.connect() as conn:
        rev = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return rev


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def refuse_if_too_new(lib: Library) -> str | None:
    """Raise DatabaseTooNew if the library's schema is unknown to this program."""
    rev = current_revision(lib)
    if rev is not None and rev not in known_revisions():
        raise DatabaseTooNew(
            f"this library was written by a newer version of the Workbench (schema {rev}); "
            "update the program to open it. Nothing was changed."
        )
    return rev


def upgrade(lib: Library, *, backup_dir: Path | None = None) -> bool:
    """Bring the library to the newest schema; True if anything was migrated."""
    from workbench.storage import backup
    from workbench.storage.store import stamp_application_id

    rev = refuse_if_too_new(lib)
    head = head_revision()
    if rev == head:
        return False
    sqlite = lib.engine.dialect.name == "sqlite"
    if rev is not None and lib.sqlite_path is not None:
        backup.take_backup(lib, reason=f"before-migration-{rev}", folder=backup_dir)
    cfg = alembic_config()
    with lib.engine.connect() as conn:
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            # Our transaction, not Alembic's: the check below must be able to
            # roll the whole upgrade back.
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if raw is not None:
                    problems = raw.execute("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise WorkbenchError(
                            f"migration left {len(problems)} broken references; rolled back"
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
    stamp_application_id(lib)
    return True
