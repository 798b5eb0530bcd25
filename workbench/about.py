"""What ``workbench --version`` and Help > About show: the version, where the
library, backups, settings and data are, and the versions underneath."""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from workbench import __version__
from workbench.storage.backup import folder_for
from workbench.storage.settings import read_setting, settings_path
from workbench.storage.store import data_dir, resolve_url, sqlite_file

BACKUP_SETTING = "backup/folder"  # the key the desktop app stores the chosen folder under


def qt_versions() -> str:
    """PySide6's version without importing Qt (the core never imports it)."""
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return f"PySide6 {metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return "PySide6 not installed"


def details(
    target: str | None = None,
    *,
    qt: str | None = None,
    backups: Path | None = None,
    settings_file: str | None = None,
) -> list[tuple[str, str]]:
    """(label, value) rows, for a library given as ``--db`` (or the default).

    The app passes the backup folder and settings file it really uses.
    """
    url = resolve_url(target)
    path = sqlite_file(url)
    library = str(path) if path is not None else make_url(url).render_as_string(hide_password=True)
    if backups is None and path is not None:
        backups = folder_for(path, read_setting(BACKUP_SETTING))
    backup_text = str(backups) if backups else "none (backups are for SQLite libraries)"
    return [
        ("Version", __version__),
        ("Library", library),
        ("Backup folder", backup_text),
        ("Settings", settings_file or str(settings_path())),
        ("Data folder", str(data_dir())),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("Qt", qt or qt_versions()),
        ("SQLite", sqlite3.sqlite_version),
    ]


def version_text(target: str | None = None, *, qt: str | None = None) -> str:
    rows = details(target, qt=qt)
    width = max(len(label) for label, _ in rows)
    lines = [f"factcheck-workbench {__version__}"]
    lines += [f"{label + ':':<{width + 1}} {value}" for label, value in rows[1:]]
    return "\n".join(lines)


class VersionAction(argparse.Action):
    """``--version``: print the version and where everything is, then exit 0.

    Uses ``--db`` when it came before ``--version`` on the command line.
    """

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str,
        qt: Callable[[], str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("help", "show the version, the library, backup and settings paths")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)
        self.qt = qt  # the app knows the running Qt; the core reads the package version

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(version_text(getattr(namespace, "db", None), qt=self.qt() if self.qt else None))
        parser.exit(0)
