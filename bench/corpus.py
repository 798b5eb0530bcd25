"""Read the FNC-1 corpus (bodies and stances) from a folder given at run time.

The corpus is measurement data only and never copied into the repository; see
``../shared/corpora/fnc1/README.md``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

BODIES_FILE = "train_bodies.csv"
STANCES_FILE = "train_stances.csv"


def _open_csv(corpus_dir: Path, name: str) -> list[dict[str, str]]:
    path = corpus_dir / name
    if not corpus_dir.is_dir():
        raise SystemExit(
            f"FNC-1 corpus folder not found: {corpus_dir} "
            "(expected ../shared/corpora/fnc1 with train_bodies.csv and train_stances.csv)"
        )
    if not path.is_file():
        raise SystemExit(f"FNC-1 corpus file missing: {path}")
    csv.field_size_limit(max(csv.field_size_limit(), sys.maxsize // 2**32))
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_bodies(corpus_dir: Path, limit: int | None = None) -> list[tuple[int, str]]:
    """Return ``(Body ID, articleBody)`` pairs in file order, the first ``limit`` if given."""
    rows = _open_csv(corpus_dir, BODIES_FILE)
    if limit is not None:
        rows = rows[:limit]
    return [(int(row["Body ID"]), row["articleBody"]) for row in rows]


def load_stances(corpus_dir: Path) -> list[tuple[str, int, str]]:
    """Return ``(Headline, Body ID, Stance)`` triples in file order."""
    rows = _open_csv(corpus_dir, STANCES_FILE)
    return [(row["Headline"], int(row["Body ID"]), row["Stance"]) for row in rows]
