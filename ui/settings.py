"""The desktop app's QSettings: one INI file where platformdirs says the
platform keeps per-user configuration (``workbench.storage.settings.settings_path``),
the same on Linux, Windows and macOS, and readable by the command line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from workbench.storage.settings import settings_path

# Before 0.1 the app used QSettings' native store under these names.
LEGACY_ORG, LEGACY_APP = "FactCheckWorkbench", "Workbench"


def app_settings(path: Path | None = None) -> QSettings:
    """The settings file (window state, last session, chosen backup folder)."""
    target = path or settings_path()
    fresh = not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(target), QSettings.Format.IniFormat)
    if fresh and path is None:
        _adopt_legacy(settings)
    return settings


def _adopt_legacy(settings: QSettings) -> None:
    """Carry over what an earlier version kept in the native store, once."""
    legacy = QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.UserScope, LEGACY_ORG, LEGACY_APP
    )
    keys = legacy.allKeys()
    for key in keys:
        settings.setValue(key, legacy.value(key))
    if keys:
        settings.sync()
