"""Linux desktop integration: the menu entry, icons and AppStream metainfo,
installed for the current user; the window wears the icon."""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.conftest import REPO
from tests.packaging.wheel_tools import png_size
from ui import desktop_install
from ui.app import run
from ui.appdata import APP_ID, ICON_SIZES, app_icon, data_root, icon_png, icon_svg
from workbench import __version__

METAINFO = data_root() / "desktop" / f"{APP_ID}.metainfo.xml"


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_install_puts_entry_icons_and_metainfo_in_the_users_xdg_folders(tmp_path: Path) -> None:
    launcher = tmp_path / "my apps" / "factcheck-workbench"
    done = desktop_install.install(tmp_path / "share", command=[str(launcher)])
    share = tmp_path / "share"
    entry = _entry(share / "applications" / f"{APP_ID}.desktop")
    assert entry["Name"] == "Fact-Check Workbench"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == f'"{launcher}"'  # quoted: the path has a space
    assert entry["TryExec"] == str(launcher)
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    svg = share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == icon_svg().read_bytes()
    for size in ICON_SIZES:
        png = share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png_size(png.read_bytes()) == (size, size)
    assert len(done.files) == 3 + len(ICON_SIZES)
    removed = desktop_install.uninstall(share)
    assert sorted(removed) == sorted(done.files)
    assert not any(p.exists() for p in done.files)


def test_install_desktop_option_uses_xdg_data_home_and_this_installations_launcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run(["--install-desktop"]) == 0
    entry = _entry(tmp_path / "xdg" / "applications" / f"{APP_ID}.desktop")
    command = desktop_install.launcher_command()
    assert entry["Exec"] == desktop_install.exec_value(command)
    assert f"menu entry starts: {entry['Exec']}" in capsys.readouterr().out
    assert run(["--uninstall-desktop"]) == 0
    assert not (tmp_path / "xdg" / "applications" / f"{APP_ID}.desktop").exists()


def test_exec_value_quotes_by_the_desktop_entry_rules() -> None:
    assert desktop_install.exec_value(["/usr/bin/fcw"]) == "/usr/bin/fcw"
    assert desktop_install.exec_value(["/a b/fcw", "--x"]) == '"/a b/fcw" --x'
    assert desktop_install.exec_value(['/a"$b/fcw']) == '"/a\\"\\$b/fcw"'
    assert desktop_install.exec_value(["/100%/fcw"]) == "/100%%/fcw"


def test_metainfo_names_this_version_and_the_menu_entry() -> None:
    root = ET.fromstring(METAINFO.read_bytes())
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_appstream_metainfo_validates() -> None:
    proc = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed"
)
def test_installed_desktop_entry_validates(tmp_path: Path) -> None:
    desktop_install.install(tmp_path, command=["/opt/fcw/factcheck-workbench"])
    path = tmp_path / "applications" / f"{APP_ID}.desktop"
    proc = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and proc.stdout == "", proc.stdout + proc.stderr


def _render_script() -> ModuleType:
    path = REPO / "resources" / "packaging" / "render_icons.py"
    spec = importlib.util.spec_from_file_location("render_icons", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_pngs_are_the_svg_rendered(qapp: QApplication) -> None:
    """resources/packaging/render_icons.py was run after the SVG last changed."""
    render = _render_script().render
    svg = icon_svg().read_bytes()
    for size in ICON_SIZES:
        committed = QImage.fromData(icon_png(size).read_bytes(), "PNG").convertToFormat(
            QImage.Format.Format_ARGB32
        )
        fresh = render(svg, size)
        assert committed.size() == fresh.size() == QSize(size, size)
        differ = sum(
            1
            for y in range(size)
            for x in range(size)
            if max(
                abs(a - b)
                for a, b in zip(
                    committed.pixelColor(x, y).getRgb(),
                    fresh.pixelColor(x, y).getRgb(),
                    strict=True,
                )
            )
            > 24
        )
        assert differ <= size * size // 100, f"{size}px: {differ} pixels differ"


def test_application_icon_offers_every_size() -> None:
    sizes = {s.width() for s in app_icon().availableSizes()}
    assert sizes == set(ICON_SIZES)


def test_the_app_wears_the_icon_and_names_its_menu_entry(
    qapp: QApplication, tmp_path: Path
) -> None:
    out = tmp_path / "shot.png"
    assert run(["--db", str(tmp_path / "l.sqlite3"), "--screenshot", str(out)]) == 0
    assert qapp.desktopFileName() == APP_ID
    assert {s.width() for s in qapp.windowIcon().availableSizes()} == set(ICON_SIZES)
    assert qapp.applicationDisplayName() == "Fact-Check Workbench"
