"""Build the project's wheel from a clean copy of the checkout (so the build
leaves nothing behind in the working tree), and look inside it."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO

SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
)


def clean_copy(dest: Path) -> Path:
    """The checkout as a fresh clone would have it (no venv, caches or builds)."""
    tree = dest / "src"
    shutil.copytree(REPO, tree, ignore=SKIP)
    return tree


def build(dest: Path, *, sdist: bool) -> list[Path]:
    """``python -m build`` (sdist, then the wheel from it; or just the wheel)."""
    tree = clean_copy(dest)
    out = dest / "dist"
    cmd = [sys.executable, "-m", "build", "--outdir", str(out)]
    if not sdist:
        cmd.append("--wheel")
    proc = subprocess.run([*cmd, str(tree)], capture_output=True, text=True, timeout=900, cwd=dest)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return sorted(out.iterdir())


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
