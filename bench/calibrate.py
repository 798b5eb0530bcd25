"""Fit the matcher's scoring model and write ``workbench/data/match_model.json``.

Run from the repository root (``make calibrate``)::

    python -m bench.calibrate --paraphrase ../shared/corpora/paraphrase \
        --corpus ../shared/corpora/fnc1

Reproducible: no randomness beyond a fixed seed, the same data gives the
same file. Not run by the tests.

Pair model (does sentence B state the claim of sentence A?): logistic
regression with L2 (Newton's method, pure Python) over
:data:`workbench.analysis.matching.features.FEATURE_NAMES`, fitted on

- MSRP train (label 1 paraphrase / 0 not; its negatives are mostly "same
  topic, different detail"),
- STS headlines 2013 and 2014 (soft label grade / 5),
- FNC-1 word-sharing negatives: a headline and the body sentence sharing the
  most weight with it, from a body of another story (label 0); bodies with
  an even id only.

Validated on MSRP val (ROC-AUC) and STS 2015 (Spearman). Tiers are score
floors with a measured precision on validation pairs (MSRP val, STS 2015
graded >= 4 as positives and <= 2.5 as negatives, and for each positive
pair the two strongest wrong partners from its own retrieval pool):
strong = precision >= 0.90, likely >= 0.75, possible >= 0.50; the scan's
floor for mutual best matches ("mutual") is the floor with precision >= 0.35
(a mutual best match sharing two checkable words is far more often right
than a pair at that score in general).

Relatedness model (is this body about this headline?): logistic regression
over :data:`workbench.analysis.matching.features.RELATED_NAMES` on FNC-1 pairs of bodies
with an even id; validated on the odd ids; the threshold is the most
accurate cut on the fitting half.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import load_bodies, load_stances
from bench.metrics import roc_auc, spearman
from bench.paraphrase import (
    DEFAULT_PARAPHRASE,
    MSRP_TRAIN,
    MSRP_VAL,
    STS_DIFFERENT,
    STS_SAME,
    STS_TRAIN,
    STS_VAL,
    Pair,
    load_msrp,
    load_sts,
)
from workbench.analysis.matching.features import (
    FEATURE_NAMES,
    RELATED_NAMES,
    SentenceInfo,
    body_summary,
    pair_features,
    relatedness_features,
    sentence_info,
)
from workbench.analysis.matching.fitted_model import TIERS, Logistic
from workbench.analysis.text import split_sentences

OUT = Path(__file__).resolve().parent.parent / "workbench" / "data" / "match_model.json"
PRECISION = {"strong": 0.90, "likely": 0.75, "possible": 0.50, "mutual": 0.35}
L2 = 1.0
FNC_NEGATIVES = 1500
RELATED_SAMPLE = 12000
SEED = 1683


def fit_logistic(
    names: Sequence[str], xs: Sequence[Sequence[float]], ys: Sequence[float], l2: float = L2
) -> Logistic:
    """L2-regularised logistic regression (soft labels allowed) by Newton's method."""
    d = len(names)
    n = len(xs)
    mean = [sum(x[k] for x in xs) / n for k in range(d)]
    scale = [math.sqrt(sum((x[k] - mean[k]) ** 2 for x in xs) / n) or 1.0 for k in range(d)]
    zs = [[1.0] + [(x[k] - mean[k]) / scale[k] for k in range(d)] for x in xs]
    w = [0.0] * (d + 1)
    for _ in range(30):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for z, y in zip(zs, ys, strict=True):
            t = sum(wi * zi for wi, zi in zip(w, z, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, t))))
            g = p - y
            r = p * (1 - p)
            for i in range(d + 1):
                grad[i] += g * z[i]
                zi = r * z[i]
                row = hess[i]
                for j in range(i, d + 1):
                    row[j] += zi * z[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * w[i]
                hess[i][i] += l2
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return Logistic(tuple(names), tuple(mean), tuple(scale), tuple(w[1:]), w[0])


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def pair_rows(pairs: Sequence[Pair]) -> list[list[float]]:
    return [pair_features(sentence_info(0, p.a), sentence_info(1, p.b)) for p in pairs]


def fnc_negatives(corpus: Path, limit: int) -> list[tuple[str, str]]:
    """(headline, body sentence) pairs from different stories that share the most weight."""
    bodies = dict(load_bodies(corpus))
    rows = [(h, b) for h, b, s in load_stances(corpus) if s == "unrelated" and b % 2 == 0]
    rng = random.Random(SEED)
    rng.shuffle(rows)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for headline, body_id in rows:
        if headline in seen:
            continue
        claim = sentence_info(0, headline)
        best, best_text = 0.0, ""
        for s in split_sentences(bodies[body_id]):
            info = sentence_info(1, s.text)
            shared = sum(claim.weights[t] for t in claim.profile.terms & info.profile.terms)
            if shared > best:
                best, best_text = shared, s.text
        if best_text and best >= 0.25 * claim.total:
            seen.add(headline)
            out.append((headline, best_text))
            if len(out) >= limit:
                break
    return out


def hard_negatives(pairs: Sequence[Pair], model: Logistic, per_query: int = 2) -> list[float]:
    """Scores of the strongest wrong partners of each positive pair within its own pool."""
    infos_b = [sentence_info(1, p.b) for p in pairs]
    out: list[float] = []
    for i, p in enumerate(pairs):
        q = sentence_info(0, p.a)
        scores = []
        for j, b in enumerate(infos_b):
            if j != i and q.profile.terms & b.profile.terms:
                scores.append(model.probability(pair_features(q, b)))
        out += sorted(scores, reverse=True)[:per_query]
    return out


def tier_floors(positives: Sequence[float], negatives: Sequence[float]) -> dict[str, float]:
    """Lowest score floor whose precision (and every higher floor's) reaches each target."""
    scored = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives], reverse=True)
    floors: dict[str, float] = {}
    for name, target in PRECISION.items():
        tp = fp = 0
        floor = 1.0
        ok = True
        for k, (s, label) in enumerate(scored):
            tp += label
            fp += 1 - label
            nxt = scored[k + 1][0] if k + 1 < len(scored) else -1.0
            if nxt == s:
                continue
            if tp / (tp + fp) >= target and ok:
                floor = s
            elif tp + fp >= 20:
                ok = False
        floors[name] = floor
    return floors


def precision_at(floor: float, positives: Sequence[float], negatives: Sequence[float]) -> float:
    tp = sum(s >= floor for s in positives)
    fp = sum(s >= floor for s in negatives)
    return tp / (tp + fp) if tp + fp else 1.0


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.calibrate", description=__doc__)
    p.add_argument("--paraphrase", type=Path, default=DEFAULT_PARAPHRASE)
    p.add_argument("--corpus", type=Path, default=Path("../shared/corpora/fnc1"))
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)

    train = load_msrp(args.paraphrase, MSRP_TRAIN)
    sts_train = [q for name in STS_TRAIN for q in load_sts(args.paraphrase, name)]
    negatives = fnc_negatives(args.corpus, FNC_NEGATIVES)
    xs = pair_rows(train) + pair_rows(sts_train)
    xs += [pair_features(sentence_info(0, h), sentence_info(1, s)) for h, s in negatives]
    ys = [q.value for q in train] + [q.value / 5 for q in sts_train] + [0.0] * len(negatives)
    print(
        f"pair model: {len(train)} MSRP train, {len(sts_train)} STS 2013-14, "
        f"{len(negatives)} FNC-1 negatives"
    )
    pair = fit_logistic(FEATURE_NAMES, xs, ys)
    for name, c in zip(pair.names, pair.coef, strict=True):
        print(f"  {name:<15} {c:+.3f}")

    val = load_msrp(args.paraphrase, MSRP_VAL)
    sts_val = load_sts(args.paraphrase, STS_VAL)
    val_scores = [pair.probability(x) for x in pair_rows(val)]
    msrp_auc = roc_auc(
        [s for s, q in zip(val_scores, val, strict=True) if q.value == 1],
        [s for s, q in zip(val_scores, val, strict=True) if q.value == 0],
    )
    sts_scores = [pair.probability(x) for x in pair_rows(sts_val)]
    rho = spearman(sts_scores, [q.value for q in sts_val])
    print(f"MSRP val ROC-AUC {msrp_auc:.4f}; STS 2015 Spearman {rho:.4f}")

    pos = [s for s, q in zip(val_scores, val, strict=True) if q.value == 1]
    neg = [s for s, q in zip(val_scores, val, strict=True) if q.value == 0]
    pos += [s for s, q in zip(sts_scores, sts_val, strict=True) if q.value >= STS_SAME]
    neg += [s for s, q in zip(sts_scores, sts_val, strict=True) if q.value <= STS_DIFFERENT]
    retrieval = [q for q in val if q.value == 1] + [q for q in sts_val if q.value >= STS_SAME]
    neg += hard_negatives(retrieval, pair)
    floors = tier_floors(pos, neg)
    for name in ("strong", "likely"):
        floors[name] = max(floors[name], floors["possible"])
    floors["mutual"] = min(floors["mutual"], floors["possible"])
    print(
        "tiers: "
        + ", ".join(
            f"{n} >= {floors[n]:.3f} (precision {precision_at(floors[n], pos, neg):.3f}, "
            f"recall {sum(s >= floors[n] for s in pos) / len(pos):.3f})"
            for n in (*TIERS, "mutual")
        )
    )

    bodies = dict(load_bodies(args.corpus))
    stances = load_stances(args.corpus)
    rng = random.Random(SEED)
    fit_rows = [r for r in stances if r[1] % 2 == 0]
    fit_rows = rng.sample(fit_rows, min(RELATED_SAMPLE, len(fit_rows)))
    held = [r for r in stances if r[1] % 2 == 1]
    claims: dict[str, SentenceInfo] = {}

    def rel_x(headline: str, body_id: int) -> list[float]:
        claim = claims.get(headline)
        if claim is None:
            claim = claims[headline] = sentence_info(0, headline)
        return relatedness_features(claim, body_summary(bodies[body_id]))

    rx = [rel_x(h, b) for h, b, _ in fit_rows]
    ry = [0.0 if s == "unrelated" else 1.0 for _, _, s in fit_rows]
    related = fit_logistic(RELATED_NAMES, rx, ry, l2=0.1)
    fit_scores = [related.probability(x) for x in rx]
    threshold = _best_cut(fit_scores, ry)
    held_scores = [related.probability(rel_x(h, b)) for h, b, _ in held]
    held_y = [0.0 if s == "unrelated" else 1.0 for _, _, s in held]
    held_auc = roc_auc(
        [s for s, y in zip(held_scores, held_y, strict=True) if y],
        [s for s, y in zip(held_scores, held_y, strict=True) if not y],
    )
    held_acc = sum((s >= threshold) == bool(y) for s, y in zip(held_scores, held_y, strict=True))
    print(
        f"relatedness: fitted on {len(fit_rows)} FNC-1 pairs (even body ids); "
        f"held-out odd ids ({len(held)} pairs) ROC-AUC {held_auc:.4f}, "
        f"accuracy {held_acc / len(held):.4f} at {threshold:.3f}"
    )

    data = {
        "about": "Fitted by bench/calibrate.py (make calibrate); see its docstring.",
        "pair": pair.to_json(),
        "tiers": {n: round(v, 6) for n, v in floors.items()},
        "tier_precision_targets": PRECISION,
        "relatedness": related.to_json(),
        "related_threshold": round(threshold, 4),
        "validation": {
            "msrp_val_roc_auc": round(msrp_auc, 4),
            "sts2015_spearman": round(rho, 4),
            "tier_precision": {n: round(precision_at(floors[n], pos, neg), 4) for n in floors},
            "tier_recall": {
                n: round(sum(s >= floors[n] for s in pos) / len(pos), 4) for n in floors
            },
            "fnc1_heldout_roc_auc": round(held_auc, 4),
            "fnc1_heldout_accuracy": round(held_acc / len(held), 4),
        },
    }
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _best_cut(scores: Sequence[float], ys: Sequence[float]) -> float:
    ranked = sorted(zip(scores, ys, strict=True), reverse=True)
    positives = sum(ys)
    best, best_cut, tp, fp = -1.0, 0.5, 0.0, 0.0
    for k, (s, y) in enumerate(ranked):
        tp += y
        fp += 1 - y
        if k + 1 < len(ranked) and ranked[k + 1][0] == s:
            continue
        correct = tp + (len(ys) - positives - fp)
        if correct > best:
            best, best_cut = correct, s
    return best_cut


if __name__ == "__main__":
    sys.exit(main())
