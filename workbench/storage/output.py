"""Where a report may be written, and writing it so a crash leaves no half file.

Every writer of an output file (CSV, HTML, PDF, XLSX, JSON-LD, session files)
goes through :func:`atomic_output`. It refuses a destination that would
destroy the user's work: the library itself, its ``-wal``/``-shm``/
``-journal`` companions, a file in the backup folder, or any SQLite database
(a report never needs to overwrite one). Then it writes to a temporary file
beside the destination, fsyncs it and renames it into place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, overload

from workbench.errors import UserError

if TYPE_CHECKING:
    from workbench.storage.store import Library

SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("", "-wal", "-shm", "-journal")


class UnsafeDestination(UserError):
    """An output file would overwrite something that must not be overwritten."""


def is_sqlite_file(path: Path) -> bool:
    """True when ``path`` is a file that starts with SQLite's header."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve(strict=False) == b.resolve(strict=False)


def check_destination(
    dest: Path, *, library: Path | None = None, backups: Path | None = None
) -> None:
    """Raise :class:`UnsafeDestination` with a one-line reason if ``dest`` must
    not be written: a folder, the library or its companions, a backup, or an
    SQLite database."""
    if dest.is_dir():
        raise UnsafeDestination(f"{dest}: is a folder; give a file name")
    if library is not None:
        for suffix in COMPANIONS:
            if _same(dest, Path(str(library) + suffix)):
                what = "the library" if not suffix else f"the library's {suffix[1:]} file"
                raise UnsafeDestination(
                    f"{dest}: is {what}; writing a report there would destroy it"
                )
    if backups is not None:
        folder = backups.resolve(strict=False)
        if folder in dest.resolve(strict=False).parents:
            raise UnsafeDestination(
                f"{dest}: is in the backup folder {backups}; choose another place"
            )
    if is_sqlite_file(dest):
        raise UnsafeDestination(f"{dest}: is an SQLite database; a report never overwrites one")


def check_library_destination(lib: Library | None, dest: Path) -> None:
    """:func:`check_destination` against ``lib``'s file and backup folder."""
    library = lib.sqlite_path if lib is not None else None
    backups = None
    if lib is not None and library is not None:
        from workbench.storage.backup import backup_folder

        backups = backup_folder(lib)
    check_destination(dest, library=library, backups=backups)


@overload
def atomic_output(
    path: str | os.PathLike[str],
    *,
    lib: Library | None = ...,
    binary: Literal[True],
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


@overload
def atomic_output(
    path: str | os.PathLike[str],
    *,
    lib: Library | None = ...,
    binary: Literal[False] = ...,
    encoding: str = ...,
    newline: str | None = ...,
) -> contextlib.AbstractContextManager[IO[str]]: ...


def atomic_output(
    path: str | os.PathLike[str],
    *,
    lib: Library | None = None,
    binary: bool = False,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> contextlib.AbstractContextManager[Any]:
    """Open a temporary file beside ``path`` for writing; on a clean exit it
    is fsynced, given the usual file mode and renamed over ``path``. On an
    error the temporary file is removed and ``path`` is untouched. Errors name
    ``path``, never the temporary file."""
    dest = Path(path)
    check_library_destination(lib, dest)
    return _atomic(dest, binary=binary, encoding=encoding, newline=newline)


@contextmanager
def _atomic(dest: Path, *, binary: bool, encoding: str, newline: str | None) -> Iterator[IO[Any]]:
    folder = dest.parent if str(dest.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise UserError(f"{dest}: the folder {folder} does not exist") from None
    except PermissionError:
        raise UserError(f"{dest}: no permission to write in {folder}") from None
    tmp = Path(tmp_name)
    try:
        if binary:
            fh: IO[Any] = os.fdopen(fd, "wb")
        else:
            fh = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a report gets the usual mode.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, dest)
        except IsADirectoryError:
            raise UserError(f"{dest}: is a folder; give a file name") from None
        except PermissionError:
            raise UserError(f"{dest}: no permission to write it") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
