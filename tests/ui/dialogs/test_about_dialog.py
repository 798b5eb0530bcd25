"""Help > About: the version and the paths the window really uses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QSettings, qVersion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.dialogs.about_dialog import AboutDialog
from ui.main_window import MainWindow
from workbench import __version__


def test_help_about_shows_the_paths_the_window_really_uses(
    qtbot: QtBot, window: MainWindow, settings: QSettings, qapp: QApplication
) -> None:
    chosen = Path(settings.fileName()).parent / "my-backups"
    settings.setValue("backup/folder", str(chosen))
    window.act["about"].trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitExposed(dialog)
    shown = {k: v.text() for k, v in dialog.value_labels.items()}
    assert shown["Version"] == __version__
    assert shown["Library"] == str(window.lib.sqlite_path)
    assert shown["Backup folder"] == str(chosen)
    assert shown["Settings"] == settings.fileName()
    assert shown["SQLite"] == sqlite3.sqlite_version
    assert qVersion() in shown["Qt"]
    dialog.copy_button.click()
    copied = qapp.clipboard().text()
    assert f"Library: {window.lib.sqlite_path}" in copied
    assert f"Backup folder: {chosen}" in copied
    dialog.close()
