"""Warnings about where the library lives: network shares and sync folders.

SQLite's WAL mode does not work over a network filesystem, and sync clients
(Dropbox, OneDrive...) upload the database apart from its -wal file, which can
corrupt it. We warn; we do not refuse.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.storage.store import Library

NETWORK_FS = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "afs",
    "9p",
    "fuse.sshfs",
    "sshfs",
    "davfs",
    "fuse.davfs2",
    "ncpfs",
    "glusterfs",
    "fuse.rclone",
    "fuse.s3fs",
    "ceph",
    "lustre",
}
SYNC_FOLDERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "mobile documents",
    "pcloud",
    "nextcloud",
    "owncloud",
    "box sync",
    "megasync",
    "seafile",
    "syncthing",
    "sync.com",
    "yandex.disk",
)


def filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    """The filesystem type of the mount holding ``path`` (Linux /proc/mounts)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, fstype = "", None
    target = str(path.resolve())
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        if (target == mount or target.startswith(mount.rstrip("/") + "/")) and len(mount) > len(
            best
        ):
            best, fstype = mount, parts[2]
    return fstype


def warnings_for_path(path: Path, mounts: str | None = None) -> list[str]:
    out = []
    fstype = filesystem_type(path.parent, mounts)
    if fstype and fstype.lower() in NETWORK_FS:
        out.append(
            f"The library is on a network share ({fstype}). SQLite cannot lock it "
            "safely there; keep the library on this computer's own disk."
        )
    lowered = [part.lower() for part in path.parts]
    for part in lowered:
        if any(name in part for name in SYNC_FOLDERS):
            out.append(
                f"The library is inside a sync folder ('{part}'). Sync programs can "
                "separate the database from its journal and damage it; keep it outside "
                "and sync the backups instead."
            )
            break
    if os.name == "nt" and str(path).startswith("\\\\"):
        out.append("The library is on a network path; keep it on this computer's own disk.")
    return out


def storage_warnings(lib: Library) -> list[str]:
    """Plain-language warnings about the library's location (empty if fine)."""
    path = lib.sqlite_path
    return warnings_for_path(path) if path is not None else []
