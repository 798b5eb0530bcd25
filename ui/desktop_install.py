"""Install the menu entry, icons and AppStream metainfo for the current user
(Linux, XDG base directories): ``factcheck-workbench --install-desktop`` or
``make install-desktop``; ``--uninstall-desktop`` removes them again.

The files come from the package data (``ui/data``); the menu entry's
``Exec`` is the launcher of this installation, so it starts the program the
user installed, whether on ``PATH`` or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ui.appdata import APP_ID, ICON_SIZES, data_root, icon_png, icon_svg

LAUNCHER = "factcheck-workbench"


@dataclass(frozen=True)
class Installed:
    files: list[Path]
    exec_line: str


def xdg_data_home() -> Path:
    raw = os.environ.get("XDG_DATA_HOME", "")
    return Path(raw) if os.path.isabs(raw) else Path.home() / ".local" / "share"


def targets(base: Path | None = None) -> dict[str, Path]:
    """Where each file goes, by a short name."""
    root = base or xdg_data_home()
    out = {
        "desktop": root / "applications" / f"{APP_ID}.desktop",
        "metainfo": root / "metainfo" / f"{APP_ID}.metainfo.xml",
        "svg": root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in ICON_SIZES:
        out[f"png{size}"] = root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    return out


def launcher_command() -> list[str]:
    """The command that starts this installation of the app."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: its own executable
        return [sys.executable]
    beside = Path(sys.executable).parent / LAUNCHER
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which(LAUNCHER)
    if found:
        return [found]
    return [sys.executable, "-m", "ui"]


def exec_value(command: list[str]) -> str:
    """A desktop-entry ``Exec`` value (quoting rules of the specification)."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    parts = []
    for arg in command:
        if any(ch in reserved for ch in arg):
            escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
            arg = '"' + escaped.replace("$", "\\$") + '"'
        parts.append(arg.replace("%", "%%"))
    return " ".join(parts)


def desktop_entry(command: list[str]) -> str:
    template = (data_root() / "desktop" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    line = exec_value(command)
    lines = []
    for row in template.splitlines():
        if row.startswith("Exec="):
            row = f"Exec={line}"
        elif row.startswith("TryExec="):
            row = f"TryExec={command[0]}"
        lines.append(row)
    return "\n".join(lines) + "\n"


def install(base: Path | None = None, command: list[str] | None = None) -> Installed:
    command = command or launcher_command()
    where = targets(base)
    payload: dict[str, bytes] = {
        "desktop": desktop_entry(command).encode("utf-8"),
        "metainfo": (data_root() / "desktop" / f"{APP_ID}.metainfo.xml").read_bytes(),
        "svg": icon_svg().read_bytes(),
    }
    for size in ICON_SIZES:
        payload[f"png{size}"] = icon_png(size).read_bytes()
    written = []
    for key, data in payload.items():
        path = where[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written.append(path)
    _refresh_caches(base or xdg_data_home())
    return Installed(written, exec_value(command))


def uninstall(base: Path | None = None) -> list[Path]:
    removed = []
    for path in targets(base).values():
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh_caches(base or xdg_data_home())
    return removed


def _refresh_caches(root: Path) -> None:
    """Tell the desktop about the new entry and icons, where the tools exist."""
    for tool, flags, folder in (
        ("update-desktop-database", ["-q"], root / "applications"),
        ("gtk-update-icon-cache", ["-q", "-t"], root / "icons" / "hicolor"),
    ):
        exe = shutil.which(tool)
        if exe and folder.is_dir():
            subprocess.run([exe, *flags, str(folder)], check=False, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--uninstall"]:
        for path in uninstall():
            print(f"removed {path}")
        return 0
    if sys.platform != "linux":
        print("desktop integration is for Linux (XDG) desktops", file=sys.stderr)
        return 1
    done = install()
    for path in done.files:
        print(path)
    print(f"menu entry starts: {done.exec_line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
