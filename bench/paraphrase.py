"""Read the paraphrase corpora (MSRP, STS headlines) from a folder given at run time.

The data is measurement data only and never copied into the repository; see
``../shared/corpora/paraphrase/README.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PARAPHRASE = Path("../shared/corpora/paraphrase")
MSRP_TRAIN = "msr-para-train.tsv"
MSRP_VAL = "msr-para-val.tsv"
STS_TRAIN = ("sts-headlines-2013.tsv", "sts-headlines-2014.tsv")
STS_VAL = "sts-headlines-2015.tsv"
# An STS pair graded at least this is "the same claim" in retrieval and tiers.
STS_SAME = 4.0
# An STS pair graded at most this is "not the same claim" for tier precision.
STS_DIFFERENT = 2.5


@dataclass(frozen=True)
class Pair:
    """Two sentences and how alike annotators found them (label 0/1, or grade 0..5)."""

    a: str
    b: str
    value: float


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise SystemExit(
            f"paraphrase corpus file missing: {path} "
            "(expected ../shared/corpora/paraphrase with the MSRP and STS files)"
        )
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_msrp(folder: Path, name: str) -> list[Pair]:
    """MSRP pairs: value 1 for paraphrase, 0 otherwise."""
    rows = _rows(folder / name)
    return [Pair(r[3], r[4], float(r[0])) for r in rows[1:] if len(r) >= 5]


def load_sts(folder: Path, name: str) -> list[Pair]:
    """STS headline pairs with their grade (rows without a grade are skipped)."""
    out = []
    for r in _rows(folder / name):
        if len(r) >= 3 and r[0].strip():
            try:
                out.append(Pair(r[1], r[2], float(r[0])))
            except ValueError:
                continue
    return out
