"""The wheel carries everything the program reads at run time, and the
installed package finds it there, not in a source checkout."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.packaging.wheel_tools import build, png_size, wheel_names
from ui.appdata import APP_ID, ICON_SIZES

CHECKOUT_RELATIVE = re.compile(r"parents\[|\.parent\.parent|[\"']resources[\"/]")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = build(tmp_path_factory.mktemp("wheel"), sdist=False)
    wheels = [f for f in files if f.suffix == ".whl"]
    assert len(wheels) == 1, files
    return wheels[0]


def _checkout_files(folder: str, pattern: str) -> set[str]:
    return {p.relative_to(REPO).as_posix() for p in (REPO / folder).glob(pattern)}


def test_no_code_finds_files_relative_to_the_checkout() -> None:
    offenders = []
    for package in ("workbench", "ui"):
        for path in (REPO / package).rglob("*.py"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if CHECKOUT_RELATIVE.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert offenders == []


def test_wheel_carries_demo_articles_migrations_report_styles_icons_and_desktop_files(
    wheel: Path,
) -> None:
    names = wheel_names(wheel)
    expected = (
        _checkout_files("workbench/data/samples", "*")
        | _checkout_files("workbench/migrations", "*.py")
        | _checkout_files("workbench/migrations", "*.mako")
        | _checkout_files("workbench/migrations/versions", "*.py")
        | _checkout_files("workbench/export/templates", "*")
        | _checkout_files("workbench/export/fonts", "*")
        | _checkout_files("ui/data/icons", "*")
        | _checkout_files("ui/data/desktop", "*")
    )
    assert {
        "workbench/data/samples/harbour-herald.txt",
        "workbench/export/templates/report.css",
        "workbench/export/fonts/DejaVuSans.ttf",
    } <= expected
    assert f"ui/data/icons/{APP_ID}.svg" in expected
    assert {f"ui/data/icons/{APP_ID}-{s}.png" for s in ICON_SIZES} <= expected
    missing = expected - names
    assert missing == set()


def test_wheel_installs_only_our_two_packages_and_both_commands(wheel: Path) -> None:
    names = wheel_names(wheel)
    top = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"workbench", "ui"}  # no generic top-level "resources" in site-packages
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(entry).decode()
    assert "[console_scripts]\nworkbench = workbench.cli.main:main" in text
    assert "[gui_scripts]\nfactcheck-workbench = ui.app:run" in text


def test_installed_package_runs_the_demo_and_a_screenshot_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    """Installed (not editable) into a folder of its own, with the
    dependencies of this environment: the demo and the window come up from
    the package's own data (tests/packaging/test_fresh_venv.py does the
    same in a fresh virtual environment, as a user would; make test-long)."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORKBENCH_DB")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    prelude = f"import sys; sys.path.insert(0, {str(target)!r}); "
    db = tmp_path / "library.sqlite3"
    demo = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            prelude + "import workbench, ui; print(workbench.__file__); print(ui.__file__); "
            "from workbench.cli.main import main; "
            f"sys.exit(main(['--db', {str(db)!r}, 'demo', '--json']))",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr
    core_file, ui_file, payload = demo.stdout.splitlines()
    assert Path(core_file).is_relative_to(target) and Path(ui_file).is_relative_to(target)
    result = json.loads(payload)
    assert result.pop("library_created") == str(db)  # the demo made a new library, and said so
    assert result | {"id": ""} == {
        "id": "",
        "title": "Demo: drone strike on Kestrel Bay port",
        "articles": 3,
        "claims": 12,
        "links": 7,
    }
    png = tmp_path / "window.png"
    shot = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            prelude + "from ui.app import run; "
            f"sys.exit(run(['--db', {str(db)!r}, '--screenshot', {str(png)!r}]))",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shot.returncode == 0, shot.stderr
    assert png_size(png.read_bytes()) == (1600, 950)
