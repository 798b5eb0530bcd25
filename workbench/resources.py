"""Where the bundled resources (demo articles) live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "resources"


def samples_dir() -> Path:
    """The folder of demo articles shipped with the program."""
    return ROOT / "samples"


def sample_files() -> list[Path]:
    """The demo articles, in pane order."""
    order = ("harbour-herald.txt", "northern-courier.md", "daily-meridian.html")
    return [samples_dir() / name for name in order]
