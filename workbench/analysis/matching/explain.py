"""Explaining one pair of sentences: reasons, and the link type to suggest.

The score itself comes from the fitted model (:mod:`workbench.analysis.matching.fitted_model`
over :mod:`workbench.analysis.matching.features`); this module says in words a
fact-checker can check against the text why a pair was suggested, and which
link type follows from what the facts of the two sentences say: none injured
vs two killed contradicts, four drones vs twelve differs, a strong match
without a differing detail is the same claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.analysis.facts.extract import compare_values, describe
from workbench.analysis.facts.rules import Fact
from workbench.analysis.lexicon import ALIAS_PREFIX, CONCEPT_PREFIX
from workbench.analysis.matching.features import SentenceInfo
from workbench.analysis.matching.fitted_model import MatchModel
from workbench.analysis.terms import WEAK_WORDS, TermProfile, profile

__all__ = [
    "LINK_TYPES",
    "MIN_CONTENT_WORDS",
    "Judgement",
    "SentenceInfo",
    "aligned_keys",
    "checkable_overlap",
    "fact_aligned",
    "judge_pair",
    "substance",
]

LINK_TYPES = ("same", "corroborates", "contradicts", "differs", "related")
MIN_CONTENT_WORDS = 3
# token_set_ratio of the texts without attributions from which a pair is one wording.
NEAR_IDENTICAL = 90
# Pairs reporting the same kind of count (casualties, drones) need this much
# weighted Dice of their terms to be lined up by the count.
ALIGN_MIN_DICE = 0.12
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


def checkable_overlap(a: SentenceInfo, b: SentenceInfo) -> bool:
    """True when the pair shares something a reader can check: a content word, name
    or concept (reporting words such as "said" do not count, nor a number alone:
    "3-1" in a football score is not "three patrol boats")."""
    for t in a.profile.terms & b.profile.terms:
        if t in a.profile.numbers:
            continue
        if t.startswith(CONCEPT_PREFIX):
            if t not in _WEAK_CONCEPTS:
                return True
        elif a.profile.describe(t) not in WEAK_WORDS and t not in WEAK_WORDS:
            return True
    return False


def substance(a: SentenceInfo, b: SentenceInfo) -> int:
    """How many checkable things the pair shares: content words, names, numbers
    (each alias or word once; reporting words and concepts do not count)."""
    return sum(
        1
        for t in a.profile.terms & b.profile.terms
        if t[0] != CONCEPT_PREFIX
        and t not in WEAK_WORDS
        and a.profile.describe(t) not in WEAK_WORDS
    )


_WEAK_CONCEPTS = frozenset(CONCEPT_PREFIX + w for w in ("say", "report", "people", "first"))


def fact_aligned(a: SentenceInfo, b: SentenceInfo) -> bool:
    """Both report the same kind of count and share enough else to be about one event."""
    if not aligned_keys(a.facts) & aligned_keys(b.facts):
        return False
    shared = sum(a.weights[t] for t in a.profile.terms & b.profile.terms)
    both = a.total + b.total
    return both > 0 and 2 * shared / both >= ALIGN_MIN_DICE


def judge_pair(a: SentenceInfo, b: SentenceInfo, score: float, model: MatchModel) -> Judgement:
    """Reasons and link type of a pair the model scored ``score``."""
    tier = model.tier(score)
    shared_terms = a.profile.terms & b.profile.terms
    reasons: list[str] = []
    contradiction, counts, context = _fact_differences(a.facts, b.facts)
    differences = counts + context
    close = score >= model.tiers["likely"]
    if a.profile.negated != b.profile.negated and close and not contradiction:
        only = "first" if a.profile.negated else "second"
        contradiction.append(f"negation mismatch: only the {only} is negated")
    reasons += contradiction + differences
    numbers_differ = ""
    if not differences and not contradiction and close:
        only_a = sorted(a.profile.numbers - b.profile.numbers)
        only_b = sorted(b.profile.numbers - a.profile.numbers)
        if only_a and only_b:
            numbers_differ = f"numbers differ: {', '.join(only_a)} vs {', '.join(only_b)}"
            reasons.append(numbers_differ)
    reasons.append(f"score {score:.2f} ({tier or 'below possible'})")
    shared_names = [n for n in a.profile.names if _name_shared(n, b.profile)]
    if shared_names:
        reasons.append("shared names: " + ", ".join(shared_names[:4]))
    aliases = sorted(
        t for t in shared_terms if t.startswith(ALIAS_PREFIX) and _surface_differs(t, a, b)
    )
    if aliases:
        reasons.append(
            "same names: "
            + ", ".join(f"{a.profile.describe(t)} = {b.profile.describe(t)}" for t in aliases[:3])
        )
    shared_numbers = sorted(a.profile.numbers & b.profile.numbers, key=float)
    if shared_numbers:
        reasons.append("shared numbers: " + ", ".join(shared_numbers[:5]))
    plain = [
        t
        for t in shared_terms
        if t[0] not in (CONCEPT_PREFIX, ALIAS_PREFIX)
        and t not in a.profile.numbers
        and t not in a.profile.name_terms
    ]
    plain.sort(key=lambda t: (-a.weights.get(t, 0.0), t))
    if plain:
        reasons.append("shared terms: " + ", ".join(a.profile.describe(t) for t in plain[:5]))
    similar = _similar_words(a, b, shared_terms)
    if similar:
        reasons.append("similar words: " + ", ".join(similar[:4]))
    aligned = aligned_keys(a.facts) & aligned_keys(b.facts)
    for key in sorted(aligned):
        if not differences and not contradiction:
            reasons.append(f"both report {key.split(':')[-1]}")

    near_identical = (
        fuzz.token_set_ratio(a.processed, b.processed, processor=None) >= NEAR_IDENTICAL
    )
    if contradiction:
        kind = "contradicts"
    elif near_identical and not counts and not numbers_differ:
        # One wording (a quotation, a wire copy) with a different speaker, source
        # or date around it: the same claim; the reasons name the difference.
        kind = "same"
    elif differences or numbers_differ:
        kind = "differs"
    elif tier == "strong":
        kind = "same"
    elif tier:
        kind = "corroborates"
    else:
        kind = "related"
    return Judgement(round(score, 4), tuple(reasons), kind)


def _surface_differs(term: str, a: SentenceInfo, b: SentenceInfo) -> bool:
    return a.profile.describe(term).lower() != b.profile.describe(term).lower()


def _similar_words(a: SentenceInfo, b: SentenceInfo, shared: frozenset[str]) -> list[str]:
    """Word pairs that meet only through a synonym group: "blast ~ explosion"."""
    out: list[str] = []
    own_a = {t for t in a.profile.terms - shared if t[0] not in (CONCEPT_PREFIX, ALIAS_PREFIX)}
    own_b = {t for t in b.profile.terms - shared if t[0] not in (CONCEPT_PREFIX, ALIAS_PREFIX)}
    if not own_a or not own_b:
        return out
    from workbench.analysis.lexicon import concepts_of

    groups_b: dict[str, str] = {}
    for t in sorted(own_b):
        for c in concepts_of(t):
            groups_b.setdefault(c, t)
    for t in sorted(own_a, key=lambda t: -a.weights.get(t, 0.0)):
        for c in concepts_of(t):
            if c in shared and c in groups_b and c not in _WEAK_CONCEPTS:
                out.append(f"{a.profile.describe(t)} ~ {b.profile.describe(groups_b[c])}")
                break
    return out


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
            if label == "location" and any(_same_place(x, y) for x in va for y in vb):
                continue
            context.append(f"{label} differs: {_join(va)} vs {_join(vb)}")
    return contradictions, differences, context


def _place_keys(text: str) -> frozenset[str]:
    """What a place name means: aliases and synonym groups for words that have them
    ("Venezuelan port" and "Venezuela's harbour" mean the same), lemmas otherwise."""
    from workbench.analysis.lexicon import concepts_of

    keys: set[str] = set()
    for t in profile(text).terms:
        if t[0] in (CONCEPT_PREFIX, ALIAS_PREFIX) or not concepts_of(t):
            keys.add(t)
    return frozenset(keys)


def _same_place(x: Fact, y: Fact) -> bool:
    """One place named twice: the keys of one include the other's ("Venezuela" and
    "a port in Venezuela"), so the difference is only in how much is said."""
    kx, ky = _place_keys(describe(x)), _place_keys(describe(y))
    return bool(kx and ky) and (kx <= ky or ky <= kx)


def _join(facts: Sequence[Fact]) -> str:
    return ", ".join(dict.fromkeys(describe(f) for f in facts))


def _plural(key: str) -> str:
    if key.endswith(("s", "people", "police", "staff", "personnel")):
        return key
    if key.endswith("y") and not key.endswith(("ay", "ey", "oy")):
        return key[:-1] + "ies"
    return key + "s"
