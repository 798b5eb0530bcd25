"""Batch import: files -> importers -> ``ops.add_article``, one file at a time.

A file that fails changes nothing, is named with its reason, and does not stop
the rest of the batch. A file whose text is already in the session is refused
as a duplicate. Each imported file keeps the ``Change`` that added it, so the
app can undo (and redo) the whole batch as one step.
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
    change: ops.Change | None = None  # what add_article did (undo removes the article)


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
    change = add_imported(lib, session_id, art)
    assert change.target_id is not None
    return change.target_id


def add_imported(lib: Library, session_id: str, art: ImportedArticle) -> ops.Change:
    """Add one already-read article to a session; returns the operation's Change."""
    return ops.add_article(
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
            change = add_imported(lib, session_id, art)
        except EncodingUncertain as err:
            result.errors.append(ImportFailure(path, err.reason, tuple(err.candidates)))
        except ImportRefused as err:
            result.errors.append(ImportFailure(path, err.reason))
        except WorkbenchError as err:
            result.errors.append(ImportFailure(path, str(err)))
        else:
            assert change.target_id is not None
            result.imported.append(Imported(path, change.target_id, art, change))
    if progress is not None and not result.cancelled:
        progress(len(paths), len(paths), paths[-1] if paths else Path())
    return result
