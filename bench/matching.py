"""Quality and speed of cross-source suggestions, on real text the matcher was not fitted on.

Run from the repository root (``make bench``, or ``python -m bench --only matching``).
The paraphrase corpora are read from ``paraphrase/`` beside the FNC-1 folder
(``../shared/corpora/paraphrase``). What it prints, in one run, each beside
the previous method where it applies (``token_set_ratio`` ranking, the
paraphrase score the matcher shipped before, whose cutoff 0.5 was a ratio of
80; word-overlap Dice as the usual baseline):

1. MSRP val: pair ROC-AUC. STS 2015: Spearman of score vs grade.
2. Retrieval (pool = second sentence of each positive pair, one article
   each; query = the first sentence): recall@1, recall@3, and the share of
   partners among the results ``find_in_other_sources`` shows at its
   defaults, on MSRP val and STS 2015 (grade >= 4).
3. The hand-labelled FNC-1 pairs (``bench/fnc1_pairs.py``; sessions of each
   story's full bodies): suggest recall@3 (the partner among the first three
   results for the partner's article, both directions), scan precision
   (labelled pairs proposed that should match / labelled pairs proposed) and
   recall, and the number of proposals.
4. FNC-1 headline/body relatedness over all 49,972 pairs: ROC-AUC, and
   accuracy at the shipped threshold.
5. Speed: find-in-other-sources median and p95 over all 1,683 bodies (200
   random sentences as queries), scan time (index + scan) for 300 and 1,683
   bodies.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from bench.corpus import load_bodies, load_stances
from bench.fnc1_pairs import MATCH_LABELS, PAIRS
from bench.metrics import roc_auc, spearman
from bench.paraphrase import MSRP_VAL, STS_SAME, STS_VAL, Pair, load_msrp, load_sts
from workbench.analysis.matching.features import pair_features, sentence_info
from workbench.analysis.matching.fitted_model import model
from workbench.analysis.matching.index import (
    DEFAULT_THRESHOLD,
    RELATED_THRESHOLD,
    ArticleText,
    SessionIndex,
    relatedness,
)
from workbench.analysis.terms import profile

SMALL = 300
QUERIES = 200
# The previous shipped cutoff: token_set_ratio 80 (paraphrase score 0.5).
PREVIOUS_RATIO = 80
# Recorded with the previous matcher (relatedness by weighted term coverage).
PREVIOUS_FNC = "ROC-AUC 0.9882, accuracy 0.9616"


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _dice(a: str, b: str) -> float:
    ta, tb = profile(a).terms, profile(b).terms
    return 2 * len(ta & tb) / (len(ta) + len(tb)) if ta or tb else 0.0


def _tsr(a: str, b: str) -> float:
    return fuzz.token_set_ratio(a, b, processor=utils.default_process) / 100


def _model_score(a: str, b: str) -> float:
    return model().score(pair_features(sentence_info(0, a), sentence_info(1, b)))


def pair_quality(pairs: Sequence[Pair], label: str) -> None:
    """ROC-AUC (0/1 labels) or Spearman (grades) of the model and the baselines."""
    for name, fn in (("model", _model_score), ("token_set_ratio", _tsr), ("word Dice", _dice)):
        scores = [fn(p.a, p.b) for p in pairs]
        if label == "auc":
            pos = [s for s, p in zip(scores, pairs, strict=True) if p.value == 1]
            neg = [s for s, p in zip(scores, pairs, strict=True) if p.value == 0]
            print(f"    {name:<16} ROC-AUC {roc_auc(pos, neg):.4f}")
        else:
            rho = spearman(scores, [p.value for p in pairs])
            print(f"    {name:<16} Spearman {rho:.4f}")


def retrieval(pairs: Sequence[Pair], title: str) -> None:
    """Recall@1/@3 and partners shown at defaults: the model vs token_set_ratio."""
    pool = [ArticleText(f"p{k}", p.b) for k, p in enumerate(pairs)]
    index = SessionIndex(pool)
    r1 = r3 = shown = 0
    for k, p in enumerate(pairs):
        ranked = index.find_in_other_sources(p.a, limit=1000, threshold=0.0)
        ids = [m.passage.article_id for m in ranked]
        target = f"p{k}"
        r1 += ids[:1] == [target]
        r3 += target in ids[:3]
        shown += any(m.passage.article_id == target for m in index.find_in_other_sources(p.a))
    n = len(pairs)
    print(
        f"    model            recall@1 {r1 / n:.3f}, recall@3 {r3 / n:.3f}, "
        f"shown at defaults {shown / n:.3f}  ({title}, {n} queries)"
    )
    texts = [p.b for p in pairs]
    processed = [utils.default_process(t) for t in texts]
    b1 = b3 = bshown = 0
    for k, p in enumerate(pairs):
        top = process.extract(
            utils.default_process(p.a),
            processed,
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=10,
        )
        ids = [j for _, _, j in top]
        b1 += ids[:1] == [k]
        b3 += k in ids[:3]
        bshown += any(j == k and s >= PREVIOUS_RATIO for _, s, j in top)
    print(
        f"    token_set_ratio  recall@1 {b1 / n:.3f}, recall@3 {b3 / n:.3f}, "
        f"shown at its cutoff {PREVIOUS_RATIO} {bshown / n:.3f}"
    )


def labelled_pairs(corpus: Path) -> None:
    """Suggest recall@3 and scan precision/recall on the hand-labelled FNC-1 pairs."""
    bodies = dict(load_bodies(corpus))
    stories: dict[str, list] = defaultdict(list)
    for p in PAIRS:
        assert p.text_a in bodies[p.body_a] and p.text_b in bodies[p.body_b], p
        stories[p.story].append(p)
    hits = total = 0
    found = expected = proposed_labelled = proposed_right = proposals = 0
    for story, pairs in stories.items():
        ids = sorted({p.body_a for p in pairs} | {p.body_b for p in pairs})
        index = SessionIndex([ArticleText(str(i), bodies[i]) for i in ids])
        for p in pairs:
            if p.label not in MATCH_LABELS:
                continue
            for qa, qt, ta, tt in (
                (p.body_a, p.text_a, p.body_b, p.text_b),
                (p.body_b, p.text_b, p.body_a, p.text_a),
            ):
                ms = index.find_in_other_sources(qt, article_id=str(qa), limit=100)
                mine = [m.passage.text for m in ms if m.passage.article_id == str(ta)]
                total += 1
                hits += tt in mine[:3]
        report = index.scan_report()
        proposals += len(report.proposals)
        labels = {
            frozenset([(str(p.body_a), p.text_a), (str(p.body_b), p.text_b)]): p.label
            for p in pairs
        }
        got = set()
        for pr in report.proposals:
            key = frozenset([(pr.a.article_id, pr.a.text), (pr.b.article_id, pr.b.text)])
            if key in labels:
                proposed_labelled += 1
                proposed_right += labels[key] in MATCH_LABELS
                got.add(key)
        expected += sum(v in MATCH_LABELS for v in labels.values())
        found += sum(v in MATCH_LABELS and k in got for k, v in labels.items())
        print(f"    {story}: {len(ids)} bodies, {len(report.proposals)} proposals")
    print(f"    suggest recall@3 {hits}/{total} = {hits / total:.3f}")
    print(
        f"    scan recall {found}/{expected} = {found / expected:.3f}, precision "
        f"{proposed_right}/{proposed_labelled} = "
        f"{proposed_right / max(1, proposed_labelled):.3f}, {proposals} proposals in all"
    )


def main(corpus: Path) -> None:
    """Print quality and speed figures in one run (see the module docstring)."""
    paraphrase = corpus.parent / "paraphrase"
    m = model()
    print(
        f"tiers (score floors): strong {m.tiers['strong']:.3f}, likely {m.tiers['likely']:.3f}, "
        f"possible {m.tiers['possible']:.3f} (= DEFAULT_THRESHOLD {DEFAULT_THRESHOLD:.3f}); "
        f"relatedness threshold {RELATED_THRESHOLD:.3f}"
    )
    val = load_msrp(paraphrase, MSRP_VAL)
    sts = load_sts(paraphrase, STS_VAL)
    print(f"MSRP val ({len(val)} pairs):")
    pair_quality(val, "auc")
    print(f"STS 2015 ({len(sts)} graded pairs):")
    pair_quality(sts, "spearman")
    print("retrieval:")
    retrieval([p for p in val if p.value == 1], "MSRP val positives")
    retrieval([p for p in sts if p.value >= STS_SAME], "STS 2015 grade >= 4")
    print(f"labelled FNC-1 pairs ({len(PAIRS)}):")
    labelled_pairs(corpus)

    all_bodies = load_bodies(corpus)
    bodies = dict(all_bodies)
    stances = load_stances(corpus)
    start = time.perf_counter()
    related: list[float] = []
    unrelated: list[float] = []
    for headline, body_id, stance in stances:
        score = relatedness(headline, bodies[body_id])
        (unrelated if stance == "unrelated" else related).append(score)
    seconds = time.perf_counter() - start
    correct = sum(s >= RELATED_THRESHOLD for s in related) + sum(
        s < RELATED_THRESHOLD for s in unrelated
    )
    print(
        f"FNC-1 relatedness on {len(stances)} pairs ({seconds:.1f} s): "
        f"ROC-AUC {roc_auc(related, unrelated):.4f}, accuracy at {RELATED_THRESHOLD:.3f} "
        f"{correct / len(stances):.4f}; previous matcher {PREVIOUS_FNC}"
    )

    small = [ArticleText(str(i), t) for i, t in all_bodies[:SMALL]]
    every = [ArticleText(str(i), t) for i, t in all_bodies]
    for articles in (small, every):
        build, index = _timed(lambda a=articles: SessionIndex(a))  # type: ignore[misc]
        assert isinstance(index, SessionIndex)
        scan, report = _timed(index.scan_report)
        print(
            f"scan {len(articles)} bodies: {build + scan:.2f} s (index {build:.2f} s + "
            f"scan {scan:.2f} s), {len(index.passages)} sentences, "
            f"{len(report.proposals)} proposals"  # type: ignore[attr-defined]
        )
    rng = random.Random(1683)
    passages = index.passages
    times: list[float] = []
    for passage in rng.sample(passages, QUERIES):
        start = time.perf_counter()
        index.find_in_other_sources(passage.text, article_id=passage.article_id)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"find_in_other_sources over {len(every)} bodies, {QUERIES} queries: "
        f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )
