"""Batch import: files -> importers -> ``ops.add_article``, one file at a time.

A file that fails changes nothing, is named with its reason, and does not stop
the rest of the batch. A file whose text is already in the session is refused
as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench import ops
from workbench.errors import EncodingUncertain, ImportRefused, WorkbenchError
from workbench.importers import ImportedArticle, read_article
from workbench.storage.store import Library

# progress(done, total, current file) -> False to cancel the rest of the batch
Progress = Callable[[int, int, Path], bool]


@dataclass(frozen=True)
class Imported:
    path: Path
    article_id: str
    article: ImportedArticle


@dataclass(frozen=True)
class ImportFailure:
    path: Path
    reason: str
    # Plausible encodings when detection was unsure: the caller may ask the user.
    candidates: tuple[str, ...] = ()


@dataclass
class BatchResult:
    imported: list[Imported] = field(default_factory=list)
    errors: list[ImportFailure] = field(default_factory=list)
    cancelled: bool = False


def import_article(lib: Library, session_id: str, art: ImportedArticle) -> str:
    """Add one already-read article to a session; returns its id."""
    change = ops.add_article(
        lib,
        session_id,
        art.title,
        art.text,
        outlet=art.outlet,
        author=art.author,
        url=art.url,
        published=art.published,
        language=art.language,
        source_name=art.source_name,
        fmt=art.fmt,
    )
    assert change.target_id is not None
    return change.target_id


def import_files(
    lib: Library,
    session_id: str,
    paths: Sequence[Path],
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Import each file into the session; failures are collected, not raised."""
    result = BatchResult()
    for done, path in enumerate(paths):
        if progress is not None and not progress(done, len(paths), path):
            result.cancelled = True
            break
        try:
            art = read_article(path, encoding=encoding)
            aid = import_article(lib, session_id, art)
        except EncodingUncertain as err:
            result.errors.append(ImportFailure(path, err.reason, tuple(err.candidates)))
        except ImportRefused as err:
            result.errors.append(ImportFailure(path, err.reason))
        except WorkbenchError as err:
            result.errors.append(ImportFailure(path, str(err)))
        else:
            result.imported.append(Imported(path, aid, art))
    if progress is not None and not result.cancelled:
        progress(len(paths), len(paths), paths[-1] if paths else Path())
    return result
