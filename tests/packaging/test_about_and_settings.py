"""Where things are, told by ``workbench --version`` and Help > About, and
settings kept where the platform expects them."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSettings

from ui import settings as ui_settings
from workbench import __version__
from workbench.cli.main import main as cli
from workbench.importers import pdf_doc
from workbench.importers.limits import ImportLimits
from workbench.storage.settings import read_setting, settings_path
from workbench.storage.store import default_db_path


def _lines(text: str) -> dict[str, str]:
    rows = dict(line.split(":", 1) for line in text.splitlines()[1:])
    return {k: v.strip() for k, v in rows.items()}


def test_version_names_the_library_backups_settings_and_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk" / "library.sqlite3"
    with pytest.raises(SystemExit) as stop:
        cli(["--db", str(db), "--version"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"factcheck-workbench {__version__}"
    rows = _lines(out)
    assert rows["Library"] == str(db)
    assert rows["Backup folder"] == str(db.parent / "backups")
    assert rows["Settings"] == str(settings_path())
    assert rows["SQLite"] == sqlite3.sqlite_version
    assert rows["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    assert rows["Qt"].startswith("PySide6 6.")
    assert not db.exists()  # telling where it is does not create it


def test_version_follows_the_backup_folder_chosen_in_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "Backups, on the desk ü"
    qs = ui_settings.app_settings()
    qs.setValue("backup/folder", str(chosen))
    qs.sync()
    assert read_setting("backup/folder") == str(chosen)
    with pytest.raises(SystemExit):
        cli(["--version"])
    rows = _lines(capsys.readouterr().out)
    assert rows["Library"] == str(default_db_path())
    assert rows["Backup folder"] == str(chosen)


def test_settings_file_lives_in_the_platforms_config_folder() -> None:
    qs = ui_settings.app_settings()
    expected = platformdirs.user_config_path("factcheck-workbench", appauthor=False)
    assert Path(qs.fileName()) == expected / "settings.ini"
    assert qs.format() == QSettings.Format.IniFormat


def test_settings_of_the_earlier_native_store_are_carried_over_once(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    try:
        legacy = QSettings(
            QSettings.Format.NativeFormat,
            QSettings.Scope.UserScope,
            ui_settings.LEGACY_ORG,
            ui_settings.LEGACY_APP,
        )
        legacy.setValue("backup/folder", "/srv/old-backups")
        legacy.setValue("last_session", "abc")
        legacy.sync()
        first = ui_settings.app_settings()
        assert first.value("backup/folder") == "/srv/old-backups"
        assert first.value("last_session") == "abc"
        first.setValue("last_session", "newer")
        first.sync()
        again = ui_settings.app_settings()  # the file exists now: nothing is copied again
        assert again.value("last_session") == "newer"
    finally:
        legacy.clear()
        legacy.sync()


def test_pdf_worker_runs_through_the_bundles_own_executable_when_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limits = ImportLimits()
    assert pdf_doc._command(limits)[1:3] == ["-P", str(pdf_doc.WORKER)]
    assert pdf_doc.WORKER.is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = pdf_doc._command(limits)
    assert command[:2] == [sys.executable, pdf_doc.FROZEN_WORKER_FLAG]
    assert command[2:] == [
        str(limits.pdf_memory_bytes),
        str(limits.max_text_chars),
        str(limits.pdf_timeout_s),
    ]


def test_app_version_reports_the_running_qt(capsys: pytest.CaptureFixture[str]) -> None:
    from PySide6.QtCore import qVersion

    from ui.app import run

    with pytest.raises(SystemExit) as stop:
        run(["--version"])
    assert stop.value.code == 0
    assert _lines(capsys.readouterr().out)["Qt"].startswith(f"Qt {qVersion()} (PySide6 ")
