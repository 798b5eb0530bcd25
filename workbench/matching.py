"""Cross-source suggestions: find a claim's sentence in the other articles of a session.

:class:`SessionIndex` splits every article into sentences and keeps an
inverted index of their content terms (stop words removed, light stems,
numbers as digits, a few concept terms such as "~casualty") and of the
counts they report (casualties, "four drones"). Only sentences that share
rare terms or a counted thing are scored, so a session of thousands of
sentences answers in milliseconds. Every :class:`Match` and
:class:`Proposal` says why it was suggested ("shared names: Kestrel Bay",
"drones differ: 4 vs 12").

Scale: one score in 0..1 for all suggestions, the best of a lexical, a
paraphrase and a facts score (see :mod:`workbench.matching_score`).
:data:`DEFAULT_THRESHOLD` is 0.5; for the paraphrase part that is a rapidfuzz
``token_set_ratio`` of 80 (:data:`NAIVE_EQUIVALENT_RATIO`), so a scan
proposes every pair the naive all-against-all ``token_set_ratio`` would flag
at 80, provided the pair is found as a candidate.

Scan candidates (prefix filtering, as in all-pairs similarity search): a
pair whose term sets overlap by half of the smaller set must share one of
the rarest ``n - ceil(n / 2) + 1`` terms of that smaller sentence, and a
pair sharing half of the smaller total weight must share one of its
heaviest terms; only those postings are read, from the smaller side.
Sentences with fewer than three content words, and terms in more than 2 %
of the sentences (and more than 500), do not select candidates. Pairs that
report the same kind of count are added when that count is not common.
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import utils

from workbench.facts import facts_in_sentences
from workbench.facts_rules import Fact
from workbench.matching_score import (
    MIN_CONTENT_WORDS,
    PARAPHRASE_FLOOR,
    SentenceInfo,
    aligned_keys,
    judge_pair,
    pair_ratio,
    paraphrase_score,
)
from workbench.terms import CONCEPT_PREFIX, WEAK_WORDS, TermProfile, profile
from workbench.text import ArticleText, Sentence, split_sentences

__all__ = [
    "DEFAULT_THRESHOLD",
    "NAIVE_EQUIVALENT_RATIO",
    "ArticleText",
    "Match",
    "Passage",
    "Proposal",
    "SessionIndex",
    "relatedness",
]

DEFAULT_THRESHOLD = 0.5
# token_set_ratio (rapidfuzz default_process) whose paraphrase score is DEFAULT_THRESHOLD.
NAIVE_EQUIVALENT_RATIO = PARAPHRASE_FLOOR + DEFAULT_THRESHOLD * (100 - PARAPHRASE_FLOOR)
# Pairs whose term sets overlap less than this share of the smaller set are not
# scored in a scan (a token_set_ratio >= 80 almost never comes with less).
SCAN_MIN_OVERLAP = 0.5
# Terms in more sentences than both of these do not select scan candidates by count.
FREQUENT_POSTINGS = 500
FREQUENT_SHARE = 0.02
# A count shared by more sentences than this is too common to pair sentences on its own.
MAX_ALIGNED_POSTINGS = 50
# Query terms found in more than this share of sentences do not select candidates.
_COMMON_SHARE = 0.2
_WEAK_FACTOR = 0.35
_CONCEPT_FACTOR = 0.8


@dataclass(frozen=True)
class Passage:
    """A sentence of one article: ``text == article.text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """A passage found for a claim: score (0..1), reasons, and the link type to pre-fill."""

    passage: Passage
    score: float
    reasons: tuple[str, ...]
    suggested_type: str


@dataclass(frozen=True)
class Proposal:
    """A pair of sentences in two articles worth linking, found by a whole-session scan.

    ``kind`` is "same" (one claim reported by several outlets), "differs" (the
    same thing with a different detail) or "contradicts". Proposals of the same
    claim across three or more outlets share a ``group`` number above 0.
    """

    kind: str
    score: float
    reasons: tuple[str, ...]
    a: Passage
    b: Passage
    group: int = 0

    @property
    def key(self) -> str:
        """Stable identity for remembering a dismissal: article ids and normalised texts."""
        sides = sorted(
            [
                (self.a.article_id, " ".join(utils.default_process(self.a.text).split())),
                (self.b.article_id, " ".join(utils.default_process(self.b.text).split())),
            ]
        )
        raw = "\x1f".join(part for side in sides for part in side)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


class SessionIndex:
    """Sentences of a session's articles, indexed by rare terms, numbers, names and counts."""

    def __init__(self, articles: Sequence[ArticleText]) -> None:
        self._articles = list(articles)
        self._article_pos = {a.article_id: i for i, a in enumerate(self._articles)}
        self._passages: list[Passage] = []
        self._info: list[SentenceInfo] = []
        self._article_facts: list[list[Fact]] = []
        for pos, article in enumerate(self._articles):
            sentences = split_sentences(article.text)
            facts = facts_in_sentences(article, [(s.start, s.text) for s in sentences])
            self._article_facts.append(facts)
            per_sentence = _facts_by_sentence(sentences, facts)
            for s, sfacts in zip(sentences, per_sentence, strict=True):
                self._passages.append(Passage(article.article_id, s.start, s.end, s.text))
                self._info.append(_sentence_info(pos, s.text, s.start, sfacts))
        self._postings: dict[str, list[int]] = {}
        self._aligned: dict[str, list[int]] = {}
        self._aligned_keys = [frozenset(aligned_keys(info.facts)) for info in self._info]
        for i, info in enumerate(self._info):
            for term in info.profile.terms:
                self._postings.setdefault(term, []).append(i)
            for key in self._aligned_keys[i]:
                self._aligned.setdefault(key, []).append(i)
        n = len(self._info)
        self._weights = {t: self._idf(t, len(p)) for t, p in self._postings.items()}
        self._unseen_weight = math.log((n + 1) / 0.5)
        self._totals = [sum(self._weights[t] for t in i.profile.terms) for i in self._info]
        # The same index with integer term ids, rarest first, for the scan's inner loops.
        vocabulary = sorted(self._postings, key=lambda t: (len(self._postings[t]), t))
        term_id = {t: k for k, t in enumerate(vocabulary)}
        self._id_weights = [self._weights[t] for t in vocabulary]
        self._id_postings = [self._postings[t] for t in vocabulary]
        self._id_terms = [sorted(term_id[t] for t in info.profile.terms) for info in self._info]
        self._id_sets = [frozenset(ids) for ids in self._id_terms]
        # Postings ordered by term count and by total weight, so a scan reads
        # only the partners at least as large as the sentence it starts from.
        sizes = [len(ids) for ids in self._id_terms]
        self._by_size = [sorted(p, key=lambda j: sizes[j]) for p in self._id_postings]
        self._by_size_keys = [[sizes[j] for j in p] for p in self._by_size]
        self._by_mass = [sorted(p, key=self._totals.__getitem__) for p in self._id_postings]
        self._by_mass_keys = [[self._totals[j] for j in p] for p in self._by_mass]

    # ------------------------------------------------------------------ weights

    def _idf(self, term: str, df: int) -> float:
        w = math.log((len(self._info) + 1) / (df + 0.5))
        if term.startswith(CONCEPT_PREFIX):
            return w * _CONCEPT_FACTOR
        if term in WEAK_WORDS or _stemmed_weak(term):
            return w * _WEAK_FACTOR
        return w

    def weight(self, term: str) -> float:
        """How much sharing ``term`` says about two sentences (rarer terms weigh more)."""
        w = self._weights.get(term)
        return self._unseen_weight if w is None else w

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Every sentence of the session, in article order."""
        return tuple(self._passages)

    # ------------------------------------------------------------------ find

    def find_in_other_sources(
        self,
        text: str,
        *,
        article_id: str | None = None,
        limit: int = 10,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> list[Match]:
        """Sentences of other articles that state, support, contradict or vary ``text``."""
        query = self._query_info(text, article_id)
        exclude = self._article_pos.get(article_id) if article_id is not None else None
        common = max(50, int(_COMMON_SHARE * len(self._info)))
        gathered: dict[int, float] = {}
        for term in query.profile.terms:
            postings = self._postings.get(term)
            if postings is None or len(postings) > common:
                continue
            w = self._weights[term]
            for i in postings:
                gathered[i] = gathered.get(i, 0.0) + w
        aligned: set[int] = set()
        for key in aligned_keys(query.facts):
            aligned.update(self._aligned.get(key, ())[: MAX_ALIGNED_POSTINGS * 4])
        ranked = sorted(gathered, key=gathered.__getitem__, reverse=True)[: max(200, limit * 20)]
        candidates = [
            i for i in dict.fromkeys([*ranked, *aligned]) if self._info[i].article != exclude
        ]
        matches: list[Match] = []
        for i in candidates:
            judgement = judge_pair(query, self._info[i], self.weight, threshold)
            if judgement.score >= threshold:
                matches.append(
                    Match(
                        self._passages[i],
                        judgement.score,
                        judgement.reasons,
                        judgement.suggested_type,
                    )
                )
        matches.sort(
            key=lambda m: (-m.score, self._article_pos[m.passage.article_id], m.passage.start)
        )
        return matches[:limit]

    def _query_info(self, text: str, article_id: str | None) -> SentenceInfo:
        pos = self._article_pos.get(article_id) if article_id is not None else None
        if pos is None:
            facts = tuple(facts_in_sentences(ArticleText("", text), [(0, text)]))
            return _sentence_info(-1, text, 0, facts)
        article = self._articles[pos]
        at = article.text.find(text) if text else -1
        if at >= 0:
            # A span of the article: its facts as read in context (dates, surnames).
            end = at + len(text)
            facts = tuple(f for f in self._article_facts[pos] if at <= f.start and f.end <= end)
            return _sentence_info(pos, text, at, facts)
        own = ArticleText(article.article_id, text, article.published)
        return _sentence_info(pos, text, 0, tuple(facts_in_sentences(own, [(0, text)])))

    # ------------------------------------------------------------------ scan

    def scan(self, *, threshold: float = DEFAULT_THRESHOLD) -> list[Proposal]:
        """Pairs of sentences in different articles that state the same claim or differ in a detail.

        Candidates are pairs sharing a rare term from the rarer half of a
        sentence's terms (prefix filtering), or reporting the same kind of count.
        """
        pairs = self._candidate_pairs(threshold)
        proposals: list[Proposal] = []
        for i, j in sorted(pairs):
            a, b = self._info[i], self._info[j]
            ratio = pair_ratio(a, b)
            if paraphrase_score(ratio) < threshold and not self._maybe_above(i, j, threshold):
                continue
            judgement = judge_pair(a, b, self.weight, threshold, ratio)
            if judgement.score < threshold or judgement.suggested_type == "related":
                continue
            kind = (
                "same" if judgement.suggested_type == "corroborates" else judgement.suggested_type
            )
            proposals.append(
                Proposal(
                    kind, judgement.score, judgement.reasons, self._passages[i], self._passages[j]
                )
            )
        return _group(proposals, len(self._articles), self._article_pos)

    def _maybe_above(self, i: int, j: int, threshold: float) -> bool:
        if self._aligned_keys[i] & self._aligned_keys[j]:
            return True
        w = self._id_weights
        shared = sum(map(w.__getitem__, self._id_sets[i] & self._id_sets[j]))
        return shared >= threshold * min(self._totals[i], self._totals[j])

    def _candidate_pairs(self, threshold: float) -> set[tuple[int, int]]:
        """Pairs worth scoring: prefix filtering on rare terms, plus pairs reporting one count.

        A pair whose term sets overlap by ``SCAN_MIN_OVERLAP`` of the smaller set
        must share one of the rarest ``n - ceil(0.5 n) + 1`` terms of that
        smaller set; a pair sharing ``threshold`` of the smaller total weight must
        share one of the heaviest terms that make up more than ``1 - threshold``
        of it. Only those postings are read; each pair is checked from its smaller side.
        """
        info = self._info
        weights = self._id_weights
        postings = self._id_postings
        totals = self._totals
        eligible = [s.profile.content_words >= MIN_CONTENT_WORDS for s in info]
        article = [s.article for s in info]
        sets = self._id_sets
        sizes = [len(t) for t in sets]
        frequent = max(FREQUENT_POSTINGS, int(FREQUENT_SHARE * len(info)))
        pairs: set[tuple[int, int]] = set()
        for i, ti in enumerate(sets):
            if not eligible[i]:
                continue
            ids = self._id_terms[i]
            ni, wi, ai = sizes[i], totals[i], article[i]
            by_count, heavy, min_hits = self._prefixes(ids, wi, threshold)
            # Read one term past the prefix: a partner must then hit twice.
            hits: Counter[int] = Counter()
            extended = min(len(ids), by_count + 1)
            needed_hits = extended - by_count + 1
            for t in ids[:extended]:
                if len(postings[t]) > frequent:
                    needed_hits -= 1
                    continue
                hits.update(self._by_size[t][bisect.bisect_left(self._by_size_keys[t], ni) :])
            need = SCAN_MIN_OVERLAP * ni
            for j in [j for j, c in hits.items() if c >= needed_hits]:
                if (
                    (sizes[j] > ni or i < j)
                    and article[j] != ai
                    and eligible[j]
                    and len(ti & sets[j]) >= need
                ):
                    pairs.add((i, j) if i < j else (j, i))
            # The same on weights: read two terms past the heavy prefix and ask for
            # as many hits as the heaviest of them need to reach the threshold.
            heavy_hits: Counter[int] = Counter()
            for t in heavy:
                heavy_hits.update(self._by_mass[t][bisect.bisect_left(self._by_mass_keys[t], wi) :])
            need = threshold * wi
            for j in [j for j, c in heavy_hits.items() if c >= min_hits]:
                if (
                    (totals[j] > wi or i < j)
                    and article[j] != ai
                    and eligible[j]
                    and sum(map(weights.__getitem__, ti & sets[j])) >= need
                ):
                    pairs.add((i, j) if i < j else (j, i))
        for members in self._aligned.values():
            if len(members) > MAX_ALIGNED_POSTINGS:
                continue
            members = [i for i in members if eligible[i]]
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if article[i] != article[j]:
                        pairs.add((i, j))
        return pairs

    def _prefixes(
        self, ids: list[int], total: float, threshold: float
    ) -> tuple[int, list[int], int]:
        """Prefix length by count; the heavy terms to read and how many a partner must hit.

        A partner reaching ``threshold * total`` shared weight must share enough
        of the heaviest terms: all but ``rest`` of the weight lies in ``heavy``,
        so the hits there must add up to ``threshold * total - rest``.
        """
        by_count = len(ids) - math.ceil(SCAN_MIN_OVERLAP * len(ids)) + 1
        w = self._id_weights
        ordered = sorted(ids, key=w.__getitem__, reverse=True)
        rest = total
        size = 0
        for t in ordered:
            if rest < threshold * total:
                break
            rest -= w[t]
            size += 1
        size = min(len(ordered), size + 2)
        heavy = ordered[:size]
        rest = total - sum(w[t] for t in heavy)
        needed = threshold * total - rest - 1e-9
        min_hits, reached = 0, 0.0
        for t in heavy:
            if reached >= needed:
                break
            reached += w[t]
            min_hits += 1
        return by_count, heavy, max(1, min_hits)


def _stemmed_weak(term: str) -> bool:
    return term in _WEAK_STEMS


_WEAK_STEMS = frozenset(profile(" ".join(sorted(WEAK_WORDS))).terms)


def _facts_by_sentence(sentences: Sequence[Sentence], facts: list[Fact]) -> list[tuple[Fact, ...]]:
    out: list[list[Fact]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for f in facts:
        k = bisect.bisect_right(starts, f.start) - 1
        if k >= 0:
            out[k].append(f)
    return [tuple(x) for x in out]


def _sentence_info(article: int, text: str, offset: int, facts: Sequence[Fact]) -> SentenceInfo:
    processed = utils.default_process(text)
    core = processed
    spans = [(f.start - offset, f.end - offset) for f in facts if f.facet == "attribution"]
    if spans:
        chars = list(text)
        for s, e in spans:
            chars[max(0, s) : max(0, e)] = " " * (max(0, e) - max(0, s))
        core = utils.default_process("".join(chars))
    return SentenceInfo(article, text, processed, core, profile(text), tuple(facts))


def _group(
    proposals: list[Proposal], n_articles: int, article_pos: dict[str, int]
) -> list[Proposal]:
    """Number the claims stated by three or more outlets; sort best first."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in proposals:
        if p.kind == "same":
            ra, rb = find((p.a.article_id, p.a.start)), find((p.b.article_id, p.b.start))
            if ra != rb:
                parent[ra] = rb
    members: dict[tuple[str, int], set[str]] = {}
    for p in proposals:
        if p.kind == "same":
            members.setdefault(find((p.a.article_id, p.a.start)), set()).update(
                (p.a.article_id, p.b.article_id)
            )
    proposals = sorted(proposals, key=lambda p: (-p.score, article_pos[p.a.article_id], p.a.start))
    numbers: dict[tuple[str, int], int] = {}
    out: list[Proposal] = []
    for p in proposals:
        group = 0
        if p.kind == "same":
            root = find((p.a.article_id, p.a.start))
            if len(members[root]) >= 3:
                group = numbers.setdefault(root, len(numbers) + 1)
        out.append(Proposal(p.kind, p.score, p.reasons, p.a, p.b, group))
    return out


# ---------------------------------------------------------------------- FNC-1 relatedness

_CLAIM_NAME_WEIGHT = 2.0
# relatedness = coverage ** _CALIBRATION, so that a weighted coverage of 0.4
# (the best cut on FNC-1's training split) lands on DEFAULT_THRESHOLD.
_CALIBRATION = math.log(DEFAULT_THRESHOLD) / math.log(0.4)


@lru_cache(maxsize=4096)
def _body_terms(body: str) -> frozenset[str]:
    return profile(body).terms


def _claim_weight(term: str, claim: TermProfile) -> float:
    if term.startswith(CONCEPT_PREFIX):
        return 0.5
    if claim.describe(term) in WEAK_WORDS:
        return 0.3
    if term in claim.name_terms:
        return _CLAIM_NAME_WEIGHT
    return 1.0


def relatedness(claim: str, body: str) -> float:
    """How likely ``body`` is about ``claim`` (0..1): weighted share of the claim's terms in it.

    Names weigh double, reporting words ("said", "reported") and concept terms
    little. Calibrated so that :data:`DEFAULT_THRESHOLD` separates related from
    unrelated bodies.
    """
    claim_profile = profile(claim)
    total = sum(_claim_weight(t, claim_profile) for t in claim_profile.terms)
    if total <= 0:
        return 0.0
    terms = _body_terms(body)
    covered = sum(_claim_weight(t, claim_profile) for t in claim_profile.terms if t in terms)
    return float((covered / total) ** _CALIBRATION)
