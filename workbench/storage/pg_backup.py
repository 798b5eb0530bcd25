"""Backups of a team library on a PostgreSQL server, with pg_dump/pg_restore.

A server library is backed up the way its administrators expect: a
``pg_dump`` custom-format archive (consistent while others keep writing),
checked by reading its table of contents before it replaces anything.
Restoring first dumps the current state beside the backups, so a restore can
itself be undone, then replays the archive in one transaction.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import make_url

from workbench.errors import UserError
from workbench.storage.output import atomic_output

DUMP_SUFFIX = ".wbbackup.pgdump"
TIMEOUT_S = 3600


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise UserError(
            f"backups of a server library need PostgreSQL's {name}, which is not installed "
            "(Debian/Ubuntu: apt install postgresql-client; or ask the server's administrator)"
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and an environment with it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def default_folder(url: str) -> Path:
    """Where a server library's backups go on this machine."""
    import platformdirs

    from workbench.storage.store import APP_NAME

    parsed = make_url(url)
    name = re.sub(
        r"[^\w.-]+", "-", f"{parsed.host or 'local'}-{parsed.port or 5432}-{parsed.database}"
    )
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "server-backups" / name


def _check_archive(path: Path) -> None:
    """Refuse a file that is not a pg_dump archive of a Workbench library."""
    listing = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    if listing.returncode != 0:
        raise UserError(f"{path}: not a PostgreSQL backup archive ({listing.stderr.strip()[:200]})")
    tables = set(re.findall(r"TABLE (?:DATA )?\S+ (\w+)", listing.stdout))
    if not {"sessions", "claims", "alembic_version"} <= tables:
        raise UserError(f"{path}: a PostgreSQL archive, but not of a Workbench library")


def dump(url: str, *, out: Path | None = None, reason: str = "manual") -> Path:
    """Write a verified pg_dump archive of the library; returns its path."""
    if out is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        safe = re.sub(r"[^\w.-]+", "-", reason)[:60] or "backup"
        out = default_folder(url) / f"library-{stamp}-{safe}{DUMP_SUFFIX}"
    out.parent.mkdir(parents=True, exist_ok=True)
    conn, env = _libpq(url)
    with atomic_output(out, binary=True) as fh:
        done = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", conn],
            stdout=fh,
            stderr=subprocess.PIPE,
            env=env,
            timeout=TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            raise UserError(f"pg_dump failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    try:
        _check_archive(out)
    except UserError:
        out.unlink(missing_ok=True)
        raise
    return out


def restore(url: str, archive: Path) -> Path:
    """Replace the server library's contents with ``archive``; returns the dump
    of the state before, which undoes the restore."""
    if not archive.is_file():
        raise UserError(f"{archive}: no such file")
    _check_archive(archive)
    kept = dump(url, reason="before-restore")
    conn, env = _libpq(url)
    done = subprocess.run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            "--dbname",
            conn,
            str(archive),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise UserError(
            f"the restore failed and changed nothing ({done.stderr.strip()[:300]}); "
            f"the state before is also kept in {kept}"
        )
    return kept
