"""Warnings about where the library lives."""

from __future__ import annotations

from pathlib import Path

from workbench.storage.environment import filesystem_type, warnings_for_path

MOUNTS = """\
/dev/vda / ext4 rw 0 0
server:/export /mnt/team nfs4 rw 0 0
//nas/share /media/nas cifs rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_network_share_is_warned_about() -> None:
    assert filesystem_type(Path("/mnt/team/desk/library.sqlite3"), MOUNTS) == "nfs4"
    warnings = warnings_for_path(Path("/mnt/team/desk/library.sqlite3"), MOUNTS)
    assert len(warnings) == 1 and "network share (nfs4)" in warnings[0]
    assert "network share (cifs)" in warnings_for_path(Path("/media/nas/l.sqlite3"), MOUNTS)[0]


def test_sync_folder_is_warned_about() -> None:
    warnings = warnings_for_path(Path("/home/ana/Dropbox/work/library.sqlite3"), MOUNTS)
    assert len(warnings) == 1 and "sync folder ('dropbox')" in warnings[0]


def test_local_disk_gets_no_warning() -> None:
    assert warnings_for_path(Path("/home/ana/.local/share/wb/library.sqlite3"), MOUNTS) == []
