"""Scoring and explaining one pair of sentences: the numbers behind a suggestion.

A pair gets three scores on one 0..1 scale and keeps the best:

- lexical: weighted overlap of content terms (rare terms weigh more),
  ``0.5 * dice + 0.5 * containment``;
- paraphrase: rapidfuzz ``token_set_ratio`` of the lower-cased texts,
  mapped so that a ratio of 60 is 0 and 100 is 1 (80 -> 0.5);
- facts: when both sentences report the same kind of count (casualties, or
  the number of drones), ``0.5 + 0.5 * lexical``.

The suggested link type then follows from what the facts of the two sentences
say: none injured vs two killed contradicts, four drones vs twelve differs,
near-identical wording is the same claim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.facts import compare_values, describe
from workbench.facts_rules import Fact
from workbench.terms import CONCEPT_PREFIX, TermProfile

__all__ = [
    "LINK_TYPES",
    "MIN_CONTENT_WORDS",
    "PARAPHRASE_FLOOR",
    "SAME_LEVEL",
    "Judgement",
    "SentenceInfo",
    "aligned_keys",
    "judge_pair",
    "lexical_score",
    "pair_ratio",
    "paraphrase_score",
]

LINK_TYPES = ("same", "corroborates", "contradicts", "differs", "related")
SAME_LEVEL = 0.75
# token_set_ratio at or below this maps to a paraphrase score of 0.
PARAPHRASE_FLOOR = 60.0
MIN_CONTENT_WORDS = 3
# Two sentences reporting the same kind of count need at least this much
# lexical overlap (their share of the session's rarer words) to be lined up by it.
ALIGN_MIN_LEXICAL = 0.1
GENERIC_COUNTS = frozenset(
    """people person man woman child member other foot metre meter mile kilometre kilometer inch
    pound kilogram kg km tonne ton dollar euro percent minute hour thing item unit case version
    word page line time""".split()
)
# A negation in only one of two sentences contradicts only when the rest of
# them is much the same both ways (weighted Dice of their terms).
NEGATION_MIN_DICE = 0.6
# Facets and keys whose values are compared between two sentences.
_COMPARED = {
    ("time", "event date"): "event date",
    ("place", "location"): "location",
    ("attribution", "speaker"): "speaker",
    ("attribution", "source"): "source",
}


@dataclass(frozen=True)
class SentenceInfo:
    """What the scorer knows about one sentence (or a query claim)."""

    article: int
    text: str
    processed: str  # lower-cased words for token_set_ratio
    core: str  # processed, without attribution phrases ("Elena Varga said")
    profile: TermProfile
    facts: tuple[Fact, ...]


def paraphrase_score(ratio: float) -> float:
    """Map a token_set_ratio (0..100) onto the 0..1 suggestion scale (80 -> 0.5)."""
    return max(0.0, min(1.0, (ratio - PARAPHRASE_FLOOR) / (100.0 - PARAPHRASE_FLOOR)))


def lexical_score(shared: float, weight_a: float, weight_b: float) -> float:
    """``0.5 * dice + 0.5 * containment`` of weighted term overlap."""
    if shared <= 0 or weight_a <= 0 or weight_b <= 0:
        return 0.0
    dice = 2 * shared / (weight_a + weight_b)
    containment = shared / min(weight_a, weight_b)
    return min(1.0, 0.5 * dice + 0.5 * containment)


def aligned_keys(facts: Sequence[Fact]) -> set[str]:
    """Keys that make two sentences comparable on their own: casualties, counts of a thing.

    Counts of very general things (people, metres, dollars) do not count.
    """
    keys: set[str] = set()
    for f in facts:
        if f.facet == "casualties":
            keys.add("casualties")
        elif f.facet == "quantities" and f.key.split()[-1] not in GENERIC_COUNTS:
            keys.add("quantities:" + f.key)
    return keys


@dataclass(frozen=True)
class Judgement:
    """Score, reasons and link type of a pair."""

    score: float
    reasons: tuple[str, ...]
    suggested_type: str


def judge_pair(
    a: SentenceInfo,
    b: SentenceInfo,
    weight: Callable[[str], float],
    threshold: float,
    ratio: float | None = None,
) -> Judgement:
    """Score a pair and say why, in words a fact-checker can check against the text."""
    shared_terms = a.profile.terms & b.profile.terms
    weight_a = sum(weight(t) for t in a.profile.terms)
    weight_b = sum(weight(t) for t in b.profile.terms)
    shared_weight = sum(weight(t) for t in shared_terms)
    lexical = lexical_score(shared_weight, weight_a, weight_b)
    dice = 2 * shared_weight / (weight_a + weight_b) if weight_a + weight_b > 0 else 0.0
    if ratio is None:
        ratio = pair_ratio(a, b)
    paraphrase = paraphrase_score(ratio)
    aligned = aligned_keys(a.facts) & aligned_keys(b.facts)
    if lexical < ALIGN_MIN_LEXICAL:
        aligned = set()
    fact_score = 0.5 + 0.5 * lexical if aligned else 0.0
    score = max(lexical, paraphrase, fact_score)

    reasons: list[str] = []
    contradiction, counts, context = _fact_differences(a.facts, b.facts)
    differences = counts + context
    if (
        a.profile.negated != b.profile.negated
        and paraphrase >= 0.5
        and dice >= NEGATION_MIN_DICE
        and not contradiction
    ):
        only = "first" if a.profile.negated else "second"
        contradiction.append(f"negation mismatch: only the {only} is negated")
    reasons += contradiction + differences
    numbers_differ = ""
    if not differences and not contradiction and paraphrase >= 0.5:
        only_a = sorted(a.profile.numbers - b.profile.numbers)
        only_b = sorted(b.profile.numbers - a.profile.numbers)
        if only_a and only_b:
            numbers_differ = f"numbers differ: {', '.join(only_a)} vs {', '.join(only_b)}"
            reasons.append(numbers_differ)
    if ratio >= PARAPHRASE_FLOOR:
        reasons.append(f"paraphrase score {ratio / 100:.2f}")
    shared_names = [n for n in a.profile.names if _name_shared(n, b.profile)]
    if shared_names:
        reasons.append("shared names: " + ", ".join(shared_names[:4]))
    shared_numbers = sorted(a.profile.numbers & b.profile.numbers, key=float)
    if shared_numbers:
        reasons.append("shared numbers: " + ", ".join(shared_numbers[:5]))
    plain = [
        t
        for t in shared_terms
        if not t.startswith(CONCEPT_PREFIX)
        and t not in a.profile.numbers
        and t not in a.profile.name_terms
    ]
    plain.sort(key=lambda t: (-weight(t), t))
    if plain:
        reasons.append("shared terms: " + ", ".join(a.profile.describe(t) for t in plain[:5]))
    for key in sorted(aligned):
        if not differences and not contradiction:
            reasons.append(f"both report {key.split(':')[-1]}")

    near_identical = (
        paraphrase_score(float(fuzz.token_set_ratio(a.processed, b.processed))) >= SAME_LEVEL
    )
    if contradiction:
        kind = "contradicts"
    elif near_identical and not counts and not numbers_differ:
        # One wording (a quotation, a wire copy) with a different speaker, source
        # or date around it: the same claim; the reasons name the difference.
        kind = "same"
    elif differences or numbers_differ:
        kind = "differs"
    elif max(paraphrase, lexical) >= SAME_LEVEL:
        kind = "same"
    elif score >= threshold and (paraphrase >= 0.5 or shared_numbers or shared_names or aligned):
        kind = "corroborates"
    else:
        kind = "related"
    return Judgement(round(score, 4), tuple(reasons), kind)


def pair_ratio(a: SentenceInfo, b: SentenceInfo) -> float:
    """Best token_set_ratio of the two texts, with and without attribution phrases."""
    if min(a.profile.content_words, b.profile.content_words) < MIN_CONTENT_WORDS:
        return 0.0
    ratio = fuzz.token_set_ratio(a.processed, b.processed, processor=None)
    if a.core != a.processed or b.core != b.processed:
        ratio = max(ratio, fuzz.token_set_ratio(a.core, b.core, processor=None))
    return float(ratio)


def _name_shared(name: str, other: TermProfile) -> bool:
    lower = name.lower()
    return any(lower == n.lower() for n in other.names) or all(
        w.lower() in other.surface.values() for w in name.split()
    )


def _fact_differences(
    fa: Sequence[Fact], fb: Sequence[Fact]
) -> tuple[list[str], list[str], list[str]]:
    """Contradictions (none vs some casualties), differing counts, and differing context.

    Context is who said it, where and when the event happened.
    """
    contradictions: list[str] = []
    differences: list[str] = []
    context: list[str] = []
    cas_a = [f for f in fa if f.facet == "casualties"]
    cas_b = [f for f in fb if f.facet == "casualties"]
    polarity = clash = False
    for key in sorted({f.key for f in cas_a} & {g.key for g in cas_b}):
        ka = [f for f in cas_a if f.key == key]
        kb = [g for g in cas_b if g.key == key]
        if not any(compare_values(f, g) for f in ka for g in kb):
            clash = True
            polarity |= all(f.number == 0 for f in ka) != all(g.number == 0 for g in kb)
    if clash:
        text = f"casualties differ: {_join(cas_a)} vs {_join(cas_b)}"
        (contradictions if polarity else differences).append(text)
    keys_a = {(f.facet, f.key) for f in fa if f.facet == "quantities"}
    for facet, key in sorted(keys_a):
        qa = [f for f in fa if (f.facet, f.key) == (facet, key)]
        qb = [f for f in fb if (f.facet, f.key) == (facet, key)]
        if qb and not any(compare_values(x, y) for x in qa for y in qb):
            differences.append(f"{_plural(key)} differ: {_join(qa)} vs {_join(qb)}")
    for (facet, key), label in _COMPARED.items():
        va = [f for f in fa if (f.facet, f.key) == (facet, key)]
        vb = [f for f in fb if (f.facet, f.key) == (facet, key)]
        if va and vb and not any(compare_values(x, y) for x in va for y in vb):
            context.append(f"{label} differs: {_join(va)} vs {_join(vb)}")
    return contradictions, differences, context


def _join(facts: Sequence[Fact]) -> str:
    return ", ".join(dict.fromkeys(describe(f) for f in facts))


def _plural(key: str) -> str:
    if key.endswith(("s", "people", "police", "staff", "personnel")):
        return key
    if key.endswith("y") and not key.endswith(("ay", "ey", "oy")):
        return key[:-1] + "ies"
    return key + "s"
