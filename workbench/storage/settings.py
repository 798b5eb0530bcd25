"""Where the program keeps its settings: one INI file in the platform's
per-user configuration folder (platformdirs). The desktop app reads and
writes it through QSettings (window state, last session, backup folder); the
command line only reads it, without Qt."""

from __future__ import annotations

import configparser
from pathlib import Path

import platformdirs

from workbench.storage.store import APP_NAME

SETTINGS_FILE = "settings.ini"


def config_dir() -> Path:
    """The per-user configuration folder (not created here)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def read_setting(key: str, path: Path | None = None) -> str | None:
    """One string value (``group/name``) of the settings file, or None.

    Reads QSettings' INI layout: keys without a group live in ``[General]``.
    """
    group, _, name = key.rpartition("/")
    parser = configparser.RawConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read(path or settings_path(), encoding="utf-8")
        value = parser.get(group or "General", name)
    except (configparser.Error, OSError, UnicodeDecodeError):
        return None
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value or None
