"""As a user or packager would: build the sdist and wheel, install the wheel
(not editable) into a fresh virtual environment, and start both commands.

Slow (a full dependency install, PySide6 included, from pip's cache or the
index): ``make test-long``. The normal suite checks the wheel's contents and
runs the installed package against this environment's dependencies
(test_wheel_contents.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.packaging.wheel_tools import build, png_size

pytestmark = pytest.mark.long


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WORKBENCH_DB")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return env


def test_fresh_venv_install_runs_demo_screenshot_and_version(tmp_path: Path) -> None:
    files = build(tmp_path / "build", sdist=True)
    (sdist,) = (f for f in files if f.name.endswith(".tar.gz"))
    (wheel,) = (f for f in files if f.suffix == ".whl")
    with tarfile.open(sdist) as tf:
        names = tf.getnames()
    assert any(n.endswith("workbench/data/samples/harbour-herald.txt") for n in names)
    assert any(n.endswith("tests/packaging/test_fresh_venv.py") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=1800,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert pip.returncode == 0, pip.stderr[-3000:]
    home = tmp_path / "home"
    env = _env(home)
    bin_ = venv / "bin"
    where = subprocess.run(
        [
            str(bin_ / "python"),
            "-c",
            "import workbench, ui; print(workbench.__file__, ui.__file__)",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert all(Path(p).is_relative_to(venv) for p in where.stdout.split()), where.stdout

    demo = subprocess.run(
        [str(bin_ / "workbench"), "demo", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert demo.returncode == 0, demo.stderr
    result = json.loads(demo.stdout)
    assert (result["articles"], result["claims"], result["links"]) == (3, 12, 7)
    library = home / "data" / "factcheck-workbench" / "library.sqlite3"
    assert library.is_file()  # the platform's data folder, no --db needed

    png = tmp_path / "window.png"
    shot = subprocess.run(
        [str(bin_ / "factcheck-workbench"), "--screenshot", str(png), "--size", "1280x800"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shot.returncode == 0, shot.stderr
    assert png_size(png.read_bytes()) == (1280, 800)

    version = subprocess.run(
        [str(bin_ / "factcheck-workbench"), "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert version.returncode == 0, version.stderr
    assert f"Library:       {library}" in version.stdout
    assert str(bin_ / "python") in version.stdout
