"""The data shipped inside the package (demo articles), found through
``importlib.resources`` so it works from a checkout, an installed wheel and a
PyInstaller bundle alike. Nothing here is relative to a source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SAMPLE_ORDER = ("harbour-herald.txt", "northern-courier.md", "daily-meridian.html")


def data_dir() -> Path:
    """The package's data folder (``workbench/data``), as a real folder."""
    root = files("workbench") / "data"
    if not isinstance(root, Path):  # a zip import: the importers need real files
        raise RuntimeError(f"the Workbench's data is not in a folder ({root}); install it unzipped")
    return root


def samples_dir() -> Path:
    """The folder of demo articles shipped with the program."""
    return data_dir() / "samples"


def sample_files() -> list[Path]:
    """The demo articles, in pane order."""
    return [samples_dir() / name for name in SAMPLE_ORDER]
