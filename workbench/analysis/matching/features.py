"""Features of a pair of sentences, for the fitted scoring model
(:mod:`workbench.analysis.matching.fitted_model`).

Every feature is a number computed from the two sentences alone (no session
statistics), so the weights fitted on public paraphrase data
(``make calibrate``) mean the same in a session of three articles as in one
of a thousand. Term weights are general-English rarity
(:func:`workbench.analysis.lexicon.rarity`): sharing "explosion" says more than
sharing "said"; aliases and numbers weigh like rare words, synonym-group
concepts half as much as their words.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, utils

from workbench.analysis.facts.rules import Fact
from workbench.analysis.lexicon import ALIAS_PREFIX, CONCEPT_PREFIX, Aliases, rarity
from workbench.analysis.terms import WEAK_WORDS, TermProfile, profile

__all__ = [
    "FEATURE_NAMES",
    "RELATED_NAMES",
    "BodySummary",
    "SentenceInfo",
    "body_summary",
    "clause_infos",
    "pair_features",
    "relatedness_features",
    "sentence_info",
    "term_weight",
]

NUMBER_WEIGHT = 3.0
ALIAS_WEIGHT = 4.0
CONCEPT_FACTOR = 0.5
WEAK_FACTOR = 0.5
# Unmatched terms whose lemmas share this many first letters count as half a match
# ("explosion" / "explode", "investigation" / "investigate").
PREFIX = 5

FEATURE_NAMES = (
    "dice",  # weighted Dice of all terms (lemmas, aliases, numbers, concepts)
    "containment",  # shared weight / weight of the lighter sentence
    "coverage",  # shared weight / weight of the heavier sentence
    "dice_words",  # weighted Dice of lemmas, aliases and numbers only (no concepts)
    "token_set",  # rapidfuzz token_set_ratio / 100
    "token_sort",  # rapidfuzz token_sort_ratio / 100
    "word_pairs",  # Dice of adjacent content-word pairs (word order)
    "names_apart",  # share of name weight found in only one sentence
    "numbers_shared",  # 1 when a number appears in both
    "numbers_apart",  # share of numbers found in only one, when both have numbers
    "negation_apart",  # 1 when exactly one sentence is negated
    "length_apart",  # |log| of the ratio of content-word counts
    "unmatched_rare",  # weight of the rarest unshared term / 5.5
    "near_words",  # weight of unshared terms sharing a 5-letter prefix / lighter weight
)


@dataclass(frozen=True)
class SentenceInfo:
    """What the scorer knows about one sentence (or a query claim)."""

    article: int
    text: str
    processed: str  # lower-cased words for token_set_ratio
    core: str  # processed, without attribution phrases ("Elena Varga said")
    profile: TermProfile
    facts: tuple[Fact, ...]
    weights: dict[str, float]
    total: float
    pairs: frozenset[tuple[str, str]]
    plain_total: float = 0.0  # weight of the terms that are not concepts
    name_total: float = 0.0  # weight of the name terms


@lru_cache(maxsize=300_000)
def term_weight(term: str) -> float:
    """Weight of one term: general-English rarity, numbers and aliases as rare words."""
    if term.startswith(ALIAS_PREFIX):
        return ALIAS_WEIGHT
    if term.startswith(CONCEPT_PREFIX):
        return CONCEPT_FACTOR * rarity(term[1:])
    if term[:1].isdigit():
        return NUMBER_WEIGHT
    w = rarity(term)
    return w * WEAK_FACTOR if term in WEAK_WORDS else w


def sentence_info(
    article: int,
    text: str,
    facts: Sequence[Fact] = (),
    *,
    offset: int = 0,
    aliases: Aliases | None = None,
) -> SentenceInfo:
    """Everything the scorer needs about ``text`` (facts are offsets into the article)."""
    processed = utils.default_process(text)
    core = processed
    spans = [(f.start - offset, f.end - offset) for f in facts if f.facet == "attribution"]
    if spans:
        chars = list(text)
        for s, e in spans:
            chars[max(0, s) : max(0, e)] = " " * (max(0, e) - max(0, s))
        core = utils.default_process("".join(chars))
    prof = profile(text, aliases)
    weights = {t: term_weight(t) for t in prof.terms}
    seq = prof.sequence
    pairs = frozenset(itertools.pairwise(seq))
    return SentenceInfo(
        article,
        text,
        processed,
        core,
        prof,
        tuple(facts),
        weights,
        sum(weights.values()),
        pairs,
        sum(w for t, w in weights.items() if t[0] != CONCEPT_PREFIX),
        sum(weights[t] for t in prof.name_terms),
    )


# Where a news sentence joins two claims: "..., in what is the first known operation",
# "...; officials said", "... that it is planning to open a restaurant".
_CLAUSE_CUT = re.compile(
    r"\s*[;:]\s+|,\s+(?=(?:in what|which|who|while|whereas|but|after|as|and|according)\b)"
    r"|\s+(?=(?:that|which|whereas|because)\s)|\s+[—–]\s+"
)
# A clause needs this many content words to be matched on its own.
CLAUSE_MIN_WORDS = 4


def clause_infos(info: SentenceInfo, aliases: Aliases | None = None) -> list[SentenceInfo]:
    """The clauses of a sentence with at least :data:`CLAUSE_MIN_WORDS` content words,
    when it has two or more (facts stay with the whole sentence)."""
    pieces = [p.strip(" ,;:") for p in _CLAUSE_CUT.split(info.text)]
    out = [sentence_info(info.article, p, aliases=aliases) for p in pieces if p]
    out = [c for c in out if c.profile.content_words >= CLAUSE_MIN_WORDS]
    return out if len(out) >= 2 else []


def pair_features(a: SentenceInfo, b: SentenceInfo) -> list[float]:
    """The :data:`FEATURE_NAMES` values of a pair, in order."""
    wa, wb = a.weights, b.weights
    ta, tb = a.profile.terms, b.profile.terms
    shared = ta & tb
    s = sum(wa[t] for t in shared)
    tot_a, tot_b = a.total, b.total
    both = tot_a + tot_b
    lighter = min(tot_a, tot_b)
    heavier = max(tot_a, tot_b)
    dice = 2 * s / both if both > 0 else 0.0
    containment = s / lighter if lighter > 0 else 0.0
    coverage = s / heavier if heavier > 0 else 0.0
    plain_a, plain_b = a.plain_total, b.plain_total
    plain_s = sum(wa[t] for t in shared if t[0] != CONCEPT_PREFIX)
    dice_words = 2 * plain_s / (plain_a + plain_b) if plain_a + plain_b > 0 else 0.0
    token_set = fuzz.token_set_ratio(a.processed, b.processed, processor=None) / 100
    if a.core != a.processed or b.core != b.processed:
        token_set = max(token_set, fuzz.token_set_ratio(a.core, b.core, processor=None) / 100)
    token_sort = fuzz.token_sort_ratio(a.processed, b.processed, processor=None) / 100
    pa, pb = a.pairs, b.pairs
    word_pairs = 2 * len(pa & pb) / (len(pa) + len(pb)) if pa or pb else 0.0
    na, nb = a.profile.name_terms, b.profile.name_terms
    name_total = a.name_total + b.name_total
    if name_total > 0:
        name_apart = sum(wa[t] for t in na - tb) + sum(wb[t] for t in nb - ta)
        names_apart = name_apart / name_total
    else:
        names_apart = 0.0
    ma, mb = a.profile.numbers, b.profile.numbers
    numbers_shared = 1.0 if ma & mb else 0.0
    numbers_apart = len(ma ^ mb) / len(ma | mb) if ma and mb else 0.0
    negation_apart = 1.0 if a.profile.negated != b.profile.negated else 0.0
    ca, cb = a.profile.content_words, b.profile.content_words
    length_apart = abs(math.log((ca + 1) / (cb + 1)))
    only_a = [t for t in ta - shared if t[0] != CONCEPT_PREFIX]
    only_b = [t for t in tb - shared if t[0] != CONCEPT_PREFIX]
    unmatched = max([wa[t] for t in only_a] + [wb[t] for t in only_b] + [0.0]) / 5.5
    near = 0.0
    if only_a and only_b:
        heads = {t[:PREFIX] for t in only_b if len(t) >= PREFIX}
        near = sum(wa[t] for t in only_a if len(t) >= PREFIX and t[:PREFIX] in heads)
    near_words = near / lighter if lighter > 0 else 0.0
    return [
        dice,
        containment,
        coverage,
        dice_words,
        token_set,
        token_sort,
        word_pairs,
        names_apart,
        numbers_shared,
        numbers_apart,
        negation_apart,
        length_apart,
        unmatched,
        min(1.0, near_words),
    ]


# ---------------------------------------------------------------------- headline / body

RELATED_NAMES = (
    "coverage",  # weight of the claim's terms (no concepts) found in the body / total
    "name_coverage",  # the same for the claim's names (1 when it names nothing)
    "rare_coverage",  # the same for its rare terms (weight >= 3.5)
    "pair_coverage",  # share of the claim's adjacent word pairs found in the body
    "best_sentence",  # best share of the claim's weight found in one body sentence
)
RARE_WEIGHT = 3.5


@dataclass(frozen=True)
class BodySummary:
    """The terms of a whole article body and of each of its sentences."""

    terms: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    sentences: tuple[frozenset[str], ...]


@lru_cache(maxsize=4096)
def body_summary(body: str) -> BodySummary:
    from workbench.analysis.text import split_sentences

    terms: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    sentences = []
    for s in split_sentences(body):
        prof = profile(s.text)
        terms |= prof.terms
        pairs.update(zip(prof.sequence, prof.sequence[1:], strict=False))
        sentences.append(prof.terms)
    return BodySummary(frozenset(terms), frozenset(pairs), tuple(sentences))


def relatedness_features(claim: SentenceInfo, body: BodySummary) -> list[float]:
    """The :data:`RELATED_NAMES` values of a (claim, body) pair."""
    w = {t: v for t, v in claim.weights.items() if t[0] != CONCEPT_PREFIX}
    total = sum(w.values())
    if total <= 0:
        return [0.0, 1.0, 1.0, 0.0, 0.0]
    covered = sum(v for t, v in w.items() if t in body.terms)
    names = [t for t in claim.profile.name_terms if t in w]
    name_total = sum(w[t] for t in names)
    name_cov = sum(w[t] for t in names if t in body.terms) / name_total if name_total else 1.0
    rare = [t for t, v in w.items() if v >= RARE_WEIGHT]
    rare_total = sum(w[t] for t in rare)
    rare_cov = sum(w[t] for t in rare if t in body.terms) / rare_total if rare_total else 1.0
    pair_cov = len(claim.pairs & body.pairs) / len(claim.pairs) if claim.pairs else 0.0
    keys = w.keys()
    best = max((sum(w[t] for t in keys & s) for s in body.sentences), default=0.0)
    return [covered / total, name_cov, rare_cov, pair_cov, best / total]
