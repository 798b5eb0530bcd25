"""Schema migrations (Alembic), run programmatically when a library opens.

On SQLite every migration runs with foreign keys OFF (set outside the
transaction: batch mode copies tables, and with foreign keys on the copy's
DROP TABLE fires ON DELETE CASCADE and silently empties child tables), inside
one transaction, then ``PRAGMA foreign_key_check`` must come back empty before
the change is committed. A populated library is backed up first.

Alembic is imported only when a migration is due: opening an up-to-date
library reads the revisions from the scripts' ``revision =`` lines and the
library's from its ``alembic_version`` table (``tests/storage`` checks both
agree with Alembic's own answers).
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from workbench.errors import DatabaseTooNew, WorkbenchError

if TYPE_CHECKING:
    from alembic.config import Config

    from workbench.storage.store import Library

# The migration scripts are package data (a wheel and a bundle carry them).
HERE = Path(str(files("workbench.storage.migrations")))
_REVISION = re.compile(r"^revision\b[^=\n]*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=\n]*=\s*(?:None|[\"']([^\"']*)[\"'])", re.M)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


@functools.cache
def _scripts() -> dict[str, str | None]:
    """Revision -> the one before it, read from the scripts' text (no Alembic);
    empty when a script does not say it plainly (then Alembic answers)."""
    found: dict[str, str | None] = {}
    for script in sorted((HERE / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if rev is None or down is None:
            return {}
        found[rev.group(1)] = down.group(1) or None
    return found


def _alembic_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def head_revision() -> str:
    scripts = _scripts()
    before = set(scripts.values())
    heads = [rev for rev in scripts if rev not in before]
    if len(heads) == 1:
        return heads[0]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(lib: Library) -> str | None:
    """The library's schema revision (its ``alembic_version`` row), None when new."""
    with lib.engine.connect() as conn:
        rows: list[str] = []
        if inspect(conn).has_table("alembic_version"):
            found = conn.execute(text("SELECT version_num FROM alembic_version"))
            rows = [str(r[0]) for r in found]
        if len(rows) > 1:  # branches: Alembic's rules
            from alembic.runtime.migration import MigrationContext

            rows = [str(MigrationContext.configure(conn).get_current_revision())]
        conn.rollback()
    return rows[0] if rows else None


def known_revisions() -> set[str]:
    return set(_scripts()) or _alembic_revisions()


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
    from alembic import command

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
