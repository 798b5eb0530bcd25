"""``make bundle``: the one-folder PyInstaller application starts with no
Python around it and renders the demo session offscreen.

Slow (a full PyInstaller build, a few minutes): ``make test-long``, which
installs the ``bundle`` extra. Set WORKBENCH_BUNDLE to a built
``dist/factcheck-workbench`` folder to test that one instead of building."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.importers.import_fixtures import make_pdf
from tests.packaging.wheel_tools import clean_copy, png_size

pytestmark = pytest.mark.long

NAME = "factcheck-workbench"


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("WORKBENCH_BUNDLE")
    if given:
        return Path(given)
    pytest.importorskip("PyInstaller", reason="the bundle extra is not installed")
    work = tmp_path_factory.mktemp("bundle")
    tree = clean_copy(work)  # builds what a fresh clone builds
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(tree / "resources" / "packaging" / f"{NAME}.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=work,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return work / "dist" / NAME


def _env(home: Path) -> dict[str, str]:
    # No Python of ours: no PYTHONPATH, no PYTHONHOME, run from an empty folder.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.pop("WORKBENCH_DB", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    return env


def test_bundle_starts_and_renders_the_demo_offscreen(bundle: Path, tmp_path: Path) -> None:
    exe = bundle / NAME
    assert exe.is_file()
    internal = bundle / "_internal"
    assert (internal / "workbench" / "data" / "samples" / "harbour-herald.txt").is_file()
    assert (internal / "workbench" / "migrations" / "versions").is_dir()
    assert (internal / "workbench" / "export" / "templates" / "report.css").is_file()
    plugins = {p.name for p in bundle.rglob("libq*.so")}
    assert {"libqoffscreen.so", "libqxcb.so"} <= plugins
    png = tmp_path / "window.png"
    proc = subprocess.run(
        [str(exe), "--screenshot", str(png)],
        cwd=tmp_path,
        env=_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert png_size(png.read_bytes()) == (1600, 950)
    assert png.stat().st_size > 50_000  # a rendered window with text, not a blank image
    library = tmp_path / "home" / "data" / "factcheck-workbench" / "library.sqlite3"
    assert library.is_file()
    size_mb = _folder_size(bundle) / 1e6
    print(f"bundle: {size_mb:.0f} MB in {bundle}")


def test_bundle_reads_a_pdf_through_its_own_worker(bundle: Path, tmp_path: Path) -> None:
    """The PDF reader's child process is the bundle's executable itself."""
    data = make_pdf([["Two port workers died in the strike."]], title="Harbour report")
    proc = subprocess.run(
        [str(bundle / NAME), "--pdf-worker", str(64 * 2**20), "2000000", "5"],
        input=data,
        capture_output=True,
        timeout=120,
        env=_env(tmp_path / "home"),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert result["ok"] is True
    assert "Two port workers died" in result["text"]
    assert result["title"] == "Harbour report"
