"""A pathological session (issue 8, item 8): two large articles built from 25 words.

Before the bound, two 180 KB files like these took 91 s and 2.4 GB and gave
838,981 proposals. Now every sentence reads a bounded number of postings and
scores a bounded number of partners; the strongest proposals are kept with a
note; progress is reported; memory stays flat.
"""

from __future__ import annotations

import random
import tracemalloc

import pytest

from workbench.analysis.matching.index import (
    MAX_PROPOSALS,
    SCAN_CANDIDATES,
    SCAN_PAIR_BUDGET,
    ArticleText,
    SessionIndex,
)

VOCABULARY = (
    "port drone fuel tanker blast pier crew harbour fire smoke ship dock guard "
    "night army oil storm alarm coast boat city road bridge tower river"
).split()


def _article(seed: int, size: int) -> str:
    rng = random.Random(seed)
    sentences = []
    total = 0
    while total < size:
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 14))]
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        total += len(sentence) + 1
    return " ".join(sentences)


def _scan(size: int, cap: int = MAX_PROPOSALS) -> None:
    articles = [ArticleText("a", _article(1, size)), ArticleText("b", _article(2, size))]
    # The lemma dictionary and the word list are read once per process; not part of the scan.
    SessionIndex([ArticleText("w", "Warm the dictionaries up, once.")])
    tracemalloc.start()
    index = SessionIndex(articles)
    seen: list[tuple[int, int]] = []
    report = index.scan_report(
        progress=lambda done, total: seen.append((done, total)), max_proposals=cap
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(index.passages)
    assert n > 300
    # At most SCAN_PAIR_BUDGET pairs, or SCAN_CANDIDATES per sentence when that is more.
    assert report.scored_pairs <= max(n * SCAN_CANDIDATES, SCAN_PAIR_BUDGET + n)
    assert report.found <= report.scored_pairs
    assert len(report.proposals) == min(cap, report.found)
    if report.found > cap:
        assert report.note == f"too many similar sentences; showing the strongest {cap}"
        assert report.truncated
    scores = [p.score for p in report.proposals]
    assert scores == sorted(scores, reverse=True)
    # Progress is streamed from 0 to the end.
    assert seen[0][0] == 0 and seen[-1] == (n, n) and len(seen) >= 50
    # Memory grows with the text, not with the square of it (2.4 GB before for 360 KB).
    total = sum(len(a.text) for a in articles)
    assert peak < 200 * total, peak


def test_pathological_session_is_bounded() -> None:
    _scan(40_000, cap=100)


@pytest.mark.long
def test_pathological_session_of_two_180_kb_files_is_bounded() -> None:
    _scan(180_000)
