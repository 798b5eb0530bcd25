"""Speed and quality of cross-source suggestions on the FNC-1 corpus.

Run from the repository root::

    .venv/bin/python -c "from bench.matching import main; from pathlib import Path; \
main(Path('../shared/corpora/fnc1'))"

What it prints, in one run:

1. Scan time (index build + ``SessionIndex.scan``) on the first 300 and on all
   1,683 bodies, each body one article.
2. The naive baseline on the first 300 bodies: every sentence against every
   other with ``rapidfuzz.process.cdist(..., scorer=fuzz.token_set_ratio,
   workers=-1)`` (when numpy is importable; otherwise the same scores row by
   row with ``process.extract``, which is slower, and the report says so),
   and the speed-up of the scan over it.
3. Recall of the naive pairs. *Naive pairs* are pairs of sentences from
   different bodies, both with at least ``MIN_CONTENT_WORDS`` (3) words that
   are not stop words, whose ``token_set_ratio`` with
   ``processor=rapidfuzz.utils.default_process`` is at least
   ``NAIVE_EQUIVALENT_RATIO`` (80): the ratio whose paraphrase score equals
   ``DEFAULT_THRESHOLD``. Recall is the share of them that the scan proposes
   (any kind). Both sides use ``workbench.text.split_sentences``.
4. Find-in-other-sources latency over all bodies: median and p95 of 200
   queries (random sentences, excluding their own article).
5. FNC-1 quality of ``relatedness``: every (headline, body) pair scored;
   ROC-AUC of related (agree, disagree, discuss) vs unrelated (rank-based,
   Mann-Whitney U with ties averaged) and accuracy at ``DEFAULT_THRESHOLD``.
"""

from __future__ import annotations

import importlib.util
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bench.corpus import load_bodies, load_stances
from workbench.matching import (
    DEFAULT_THRESHOLD,
    NAIVE_EQUIVALENT_RATIO,
    ArticleText,
    SessionIndex,
    relatedness,
)
from workbench.matching_score import MIN_CONTENT_WORDS
from workbench.terms import profile
from workbench.text import split_sentences

SMALL = 300
QUERIES = 200


def _articles(bodies: Sequence[tuple[int, str]]) -> list[ArticleText]:
    return [ArticleText(str(body_id), text) for body_id, text in bodies]


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Area under the ROC curve by ranks (Mann-Whitney U); ties get the average rank."""
    scored = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum = 0.0
    i = 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2
        rank_sum += average_rank * sum(label for _, label in scored[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def naive_pairs(
    articles: Sequence[ArticleText],
) -> tuple[float, str, set[tuple[str, int, str, int]]]:
    """Time the naive all-against-all baseline and return the pairs at the equivalent cutoff."""
    sentences: list[tuple[str, int, str]] = []
    for a in articles:
        sentences += [(a.article_id, s.start, s.text) for s in split_sentences(a.text)]
    texts = [s[2] for s in sentences]
    eligible = [profile(t).content_words >= MIN_CONTENT_WORDS for t in texts]
    cutoff = NAIVE_EQUIVALENT_RATIO
    found: list[tuple[int, int]] = []
    if importlib.util.find_spec("numpy") is not None:  # cdist returns a numpy matrix
        method = "process.cdist(token_set_ratio, workers=-1)"
        start = time.perf_counter()
        matrix = process.cdist(
            texts, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process, workers=-1
        )
        seconds = time.perf_counter() - start
        rows, cols = (matrix >= cutoff).nonzero()
        found = [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if i < j]
    else:
        method = "process.extract row by row, one thread (numpy absent, so no cdist)"
        processed = [utils.default_process(t) for t in texts]
        start = time.perf_counter()
        for i, query in enumerate(processed):
            for _, _, j in process.extract(
                query,
                processed,
                scorer=fuzz.token_set_ratio,
                processor=None,
                limit=None,
                score_cutoff=cutoff,
            ):
                if i < j:
                    found.append((i, j))
        seconds = time.perf_counter() - start
    pairs = {
        _pair_key(sentences[i], sentences[j])
        for i, j in found
        if sentences[i][0] != sentences[j][0] and eligible[i] and eligible[j]
    }
    return seconds, method, pairs


def _pair_key(a: tuple[str, int, str], b: tuple[str, int, str]) -> tuple[str, int, str, int]:
    first, second = sorted([(a[0], a[1]), (b[0], b[1])])
    return (first[0], first[1], second[0], second[1])


def main(corpus: Path) -> None:
    """Print scan/naive timings, recall, find latency and FNC-1 quality in one run."""
    all_bodies = load_bodies(corpus)
    small = _articles(all_bodies[:SMALL])
    every = _articles(all_bodies)
    print(f"corpus: {corpus} ({len(all_bodies)} bodies); DEFAULT_THRESHOLD = {DEFAULT_THRESHOLD}")

    build_small, index_small = _timed(lambda: SessionIndex(small))
    assert isinstance(index_small, SessionIndex)
    scan_small, proposals = _timed(index_small.scan)
    assert isinstance(proposals, list)
    total_small = build_small + scan_small
    print(
        f"scan {SMALL} bodies: {total_small:.2f} s "
        f"(index {build_small:.2f} s + scan {scan_small:.2f} s), "
        f"{len(index_small.passages)} sentences, {len(proposals)} proposals"
    )
    build_all, index_all = _timed(lambda: SessionIndex(every))
    assert isinstance(index_all, SessionIndex)
    scan_all, proposals_all = _timed(index_all.scan)
    assert isinstance(proposals_all, list)
    print(
        f"scan {len(every)} bodies: {build_all + scan_all:.2f} s (index {build_all:.2f} s + "
        f"scan {scan_all:.2f} s), {len(index_all.passages)} sentences, "
        f"{len(proposals_all)} proposals"
    )

    naive_seconds, method, naive = naive_pairs(small)
    print(f"naive {SMALL} bodies: {naive_seconds:.2f} s with {method}")
    print(f"speed-up (naive / scan incl. index): {naive_seconds / total_small:.1f}x")
    proposed = {
        _pair_key((p.a.article_id, p.a.start, p.a.text), (p.b.article_id, p.b.start, p.b.text))
        for p in proposals
    }
    hit = len(naive & proposed)
    recall = hit / len(naive) if naive else 1.0
    print(
        f"recall of naive pairs (token_set_ratio >= {NAIVE_EQUIVALENT_RATIO:.0f}, "
        "different bodies, "
        f">= {MIN_CONTENT_WORDS} content words): {hit}/{len(naive)} = {recall:.3f}"
    )

    rng = random.Random(1683)
    passages = index_all.passages
    times: list[float] = []
    for passage in rng.sample(passages, QUERIES):
        start = time.perf_counter()
        index_all.find_in_other_sources(passage.text, article_id=passage.article_id)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"find_in_other_sources over {len(every)} bodies, {QUERIES} queries: "
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )

    bodies = dict(all_bodies)
    stances = load_stances(corpus)
    start = time.perf_counter()
    related: list[float] = []
    unrelated: list[float] = []
    for headline, body_id, stance in stances:
        score = relatedness(headline, bodies[body_id])
        (unrelated if stance == "unrelated" else related).append(score)
    seconds = time.perf_counter() - start
    correct = sum(s >= DEFAULT_THRESHOLD for s in related) + sum(
        s < DEFAULT_THRESHOLD for s in unrelated
    )
    print(
        f"FNC-1 relatedness on {len(stances)} pairs ({seconds:.1f} s): "
        f"ROC-AUC {roc_auc(related, unrelated):.4f}, accuracy at {DEFAULT_THRESHOLD} "
        f"{correct / len(stances):.4f} (related {len(related)}, unrelated {len(unrelated)})"
    )
