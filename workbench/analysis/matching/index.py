"""Cross-source suggestions: find a claim's sentence in the other articles of a session.

:class:`SessionIndex` splits every article into sentences and keeps an
inverted index of their terms (lemmas, aliases, numbers, synonym concepts;
see :mod:`workbench.analysis.terms`) and of the counts they report. Candidates are
the sentences sharing the most term weight with a claim; each is scored by
the fitted model (:mod:`workbench.analysis.matching.fitted_model`), a probability that the two
state the same claim, and given a tier (strong / likely / possible, floors
measured on validation data) and reasons ("shared names: Kestrel Bay",
"similar words: blast ~ explosion", "drones differ: 4 vs 12").

Results are relative to the session: :meth:`SessionIndex.find_in_other_sources`
returns, for each other article, its best passages (up to ``per_article``)
at or above the possible floor; an article whose best passage is below the
floor still shows it when it shares something checkable with the claim
(a content word, name, number or concept), so a partner is hidden only when
it truly shares nothing.

The scan (:meth:`SessionIndex.scan`) proposes, for each pair of articles,
the mutual best matches above the possible floor, one-sided best matches
from the likely floor, and every strong match: a sentence stating two claims
can pair with a different partner for each. Claims stated by three or more
outlets are grouped. Work is bounded: each sentence reads at most
:data:`SCAN_BUDGET` posting entries (its rarest terms first) and scores at most
:data:`SCAN_CANDIDATES` partners, and at most :data:`MAX_PROPOSALS`
proposals are kept ("too many similar sentences; showing the strongest N").
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import utils

from workbench.analysis.facts.extract import facts_in_sentences
from workbench.analysis.facts.rules import Fact
from workbench.analysis.lexicon import CONCEPT_PREFIX, Aliases, default_aliases, learn_acronyms
from workbench.analysis.matching.explain import (
    MIN_CONTENT_WORDS,
    aligned_keys,
    checkable_overlap,
    fact_aligned,
    judge_pair,
    substance,
)
from workbench.analysis.matching.features import (
    SentenceInfo,
    body_summary,
    clause_infos,
    pair_features,
    relatedness_features,
    sentence_info,
    term_weight,
)
from workbench.analysis.matching.fitted_model import TIERS, model
from workbench.analysis.terms import WEAK_WORDS
from workbench.analysis.text import ArticleText, Sentence, split_sentences

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_PROPOSALS",
    "RELATED_THRESHOLD",
    "TIERS",
    "ArticleText",
    "Match",
    "Passage",
    "Proposal",
    "ScanReport",
    "SessionIndex",
    "relatedness",
]

# The possible floor: matches below it are shown only as an article's best
# passage that shares something checkable; scan proposals need at least it.
DEFAULT_THRESHOLD = model().tiers["possible"]
# Headline/body relatedness at or above this means "about the same story".
RELATED_THRESHOLD = model().related_threshold
PER_ARTICLE = 3
# A match of one clause counts for this share of a match of the whole sentence.
CLAUSE_FACTOR = 0.6
# Clauses are tried for the closest candidates when one sentence has this many
# times the content words of the other.
_CLAUSE_CANDIDATES = 20
CLAUSE_LENGTH_RATIO = 1.5
# Mutual best matches of two articles are proposed from this floor (validation
# precision 0.35 on its own; with mutual best and two shared checkable words
# the labelled FNC-1 pairs measure far higher, see README).
MUTUAL_FLOOR = model().tiers.get("mutual", DEFAULT_THRESHOLD)
# A scan proposes at most this many pairs (the strongest).
MAX_PROPOSALS = 600
# Each sentence scores at least this many partners in a scan (those sharing most
# weight), more while the pairs scored stay under SCAN_PAIR_BUDGET.
SCAN_CANDIDATES = 5
SCAN_PAIR_BUDGET = 40_000
# Sessions of at most this many sentences score every candidate, without the filters below.
SMALL_SESSION = 1500
# At most this many entries of one posting list are read for one sentence ...
SCAN_POSTINGS = 200
# ... and at most this many in all (rarest terms first), so work per sentence is bounded.
SCAN_BUDGET = 200
# A candidate must share at least this share of the lighter sentence's weight,
# and this weighted Dice (both from the terms read).
SCAN_MIN_SHARE = 0.2
SCAN_MIN_DICE = 0.25
# Two sentences that are each other's best or second best partner in the
# other's article (a sentence may state two claims) are mutual matches.
MUTUAL_RANKS = 2
# A second partner must share this many checkable words the best partner lacks.
SCAN_NEW_SUBSTANCE = 1
# A proposal below the likely floor must share this many checkable words, names or numbers.
SCAN_MIN_SUBSTANCE = 2
# ... and this many when it is below the possible floor.
SCAN_MIN_SUBSTANCE_WEAK = 3
# A count shared by more sentences than this is too common to pair sentences on its own.
MAX_ALIGNED_POSTINGS = 50
# Query terms in more than this share of sentences (and more than 50) do not select candidates.
_COMMON_SHARE = 0.05
_FIND_CANDIDATES = 60


@dataclass(frozen=True)
class Passage:
    """A sentence of one article: ``text == article.text[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """A passage found for a claim: score (0..1), tier, reasons, and the link type to pre-fill."""

    passage: Passage
    score: float
    reasons: tuple[str, ...]
    suggested_type: str
    tier: str = ""


@dataclass(frozen=True)
class Proposal:
    """A pair of sentences in two articles worth linking, found by a whole-session scan.

    ``kind`` is "same" (one claim reported by several outlets), "differs" (the
    same thing with a different detail) or "contradicts". Proposals of the same
    claim across three or more outlets share a ``group`` number above 0 and
    count the ``outlets``.
    """

    kind: str
    score: float
    reasons: tuple[str, ...]
    a: Passage
    b: Passage
    group: int = 0
    tier: str = ""
    outlets: int = 0

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

    @property
    def group_label(self) -> str:
        """ "same claim in 3 outlets" for a grouped proposal, "" otherwise."""
        return f"same claim in {self.outlets} outlets" if self.group else ""


@dataclass
class ScanReport:
    """A scan's proposals, and a note when the bound cut them short."""

    proposals: list[Proposal] = field(default_factory=list)
    scored_pairs: int = 0
    found: int = 0
    note: str = ""

    @property
    def truncated(self) -> bool:
        return self.found > len(self.proposals)


Progress = Callable[[int, int], None]


class SessionIndex:
    """Sentences of a session's articles, indexed by terms and counts, scored by the model."""

    def __init__(self, articles: Sequence[ArticleText]) -> None:
        self._articles = list(articles)
        self._article_pos = {a.article_id: i for i, a in enumerate(self._articles)}
        self._model = model()
        self._lift = self._model.tiers["likely"]
        self.aliases: Aliases = default_aliases().with_acronyms(
            learn_acronyms(a.text for a in self._articles)
        )
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
                self._info.append(
                    sentence_info(pos, s.text, sfacts, offset=s.start, aliases=self.aliases)
                )
        self._clauses: dict[int, list[SentenceInfo]] = {}
        self._postings: dict[str, list[int]] = {}
        self._aligned: dict[str, list[int]] = {}
        for i, info in enumerate(self._info):
            for term in info.profile.terms:
                self._postings.setdefault(term, []).append(i)
            for key in aligned_keys(info.facts):
                self._aligned.setdefault(key, []).append(i)

    def weight(self, term: str) -> float:
        """How much sharing ``term`` says about two sentences (rarer words weigh more)."""
        return term_weight(term)

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Every sentence of the session, in article order."""
        return tuple(self._passages)

    def clauses(self, i: int) -> list[SentenceInfo]:
        """The clauses of sentence ``i`` that could state a claim of their own."""
        found = self._clauses.get(i)
        if found is None:
            found = self._clauses[i] = clause_infos(self._info[i], self.aliases)
        return found

    def clause_score(
        self,
        a: SentenceInfo,
        a_clauses: Sequence[SentenceInfo],
        b: SentenceInfo,
        b_clauses: Sequence[SentenceInfo],
    ) -> tuple[float, str]:
        """The best of the whole pair and of one sentence against a clause of the other
        (a sentence often states two claims); the clause's text when it won."""
        best, part = self.score(a, b), ""
        for c in b_clauses:
            s = CLAUSE_FACTOR * self._model.score(pair_features(a, c))
            if s > best:
                best, part = s, c.text
        for c in a_clauses:
            s = CLAUSE_FACTOR * self._model.score(pair_features(c, b))
            if s > best:
                best, part = s, c.text
        return best, part

    def score(self, a: SentenceInfo, b: SentenceInfo) -> float:
        """The model's score; a pair reporting the same kind of count about one event
        (casualties, drones) is lifted to the likely floor, which the paraphrase
        data the model learned from cannot teach."""
        s = self._model.score(pair_features(a, b))
        if s < self._lift and fact_aligned(a, b):
            return self._lift
        return s

    # ------------------------------------------------------------------ find

    def find_in_other_sources(
        self,
        text: str,
        *,
        article_id: str | None = None,
        limit: int = 10,
        threshold: float | None = None,
        per_article: int = PER_ARTICLE,
    ) -> list[Match]:
        """Per other article, its best passages for ``text``, best articles first.

        Passages at or above ``threshold`` (default: the possible floor), at
        most ``per_article`` of each article; an article with none still shows
        its best passage when that shares something checkable with ``text``.
        At most ``limit`` matches in all.
        """
        floor = DEFAULT_THRESHOLD if threshold is None else threshold
        query = self._query_info(text, article_id)
        if not query.profile.terms:
            return []
        exclude = self._article_pos.get(article_id) if article_id is not None else None
        common = max(50, int(_COMMON_SHARE * len(self._info)))
        gathered: dict[int, float] = {}
        for term, w in query.weights.items():
            postings = self._postings.get(term)
            if postings is None or len(postings) > common:
                continue
            for i in postings:
                gathered[i] = gathered.get(i, 0.0) + w
        # The model scores only the candidates closest by weighted Dice of shared terms.
        q_total = query.total
        info_all = self._info
        heavy = heapq.nlargest(4 * _FIND_CANDIDATES, gathered, key=gathered.__getitem__)
        dice = {i: gathered[i] / (q_total + info_all[i].total) for i in heavy}
        ranked = heapq.nlargest(_FIND_CANDIDATES, dice, key=dice.__getitem__)
        aligned: list[int] = []
        for key in aligned_keys(query.facts):
            aligned += self._aligned.get(key, ())[: MAX_ALIGNED_POSTINGS * 4]
        by_article: dict[int, list[tuple[float, int]]] = {}
        query_clauses: list[SentenceInfo] | None = None
        parts: dict[int, str] = {}
        clause_ranks = len(ranked) if len(self._info) <= SMALL_SESSION else _CLAUSE_CANDIDATES
        for rank, i in enumerate(dict.fromkeys([*ranked, *aligned])):
            info = self._info[i]
            if info.article == exclude:
                continue
            # Clauses only for the closest candidates, and only where one side is
            # much longer than the other (a claim against a sentence of two claims).
            qn, cn = query.profile.content_words, info.profile.content_words
            if rank >= clause_ranks or max(qn, cn) < CLAUSE_LENGTH_RATIO * min(qn, cn):
                score, parts[i] = self.score(query, info), ""
                by_article.setdefault(info.article, []).append((score, i))
                continue
            if qn > cn:
                if query_clauses is None:
                    query_clauses = clause_infos(query, self.aliases)
                score, parts[i] = self.clause_score(query, query_clauses, info, [])
            else:
                score, parts[i] = self.clause_score(query, [], info, self.clauses(i))
            by_article.setdefault(info.article, []).append((score, i))
        groups: list[tuple[float, int, list[tuple[float, int]]]] = []
        for pos, scored in by_article.items():
            scored.sort(key=lambda x: (-x[0], self._passages[x[1]].start))
            groups.append((scored[0][0], pos, scored))
        groups.sort(key=lambda g: (-g[0], g[1]))
        matches: list[Match] = []
        for _, _, scored in groups:
            kept = 0
            for score, i in scored:
                if len(matches) >= limit or kept >= per_article:
                    break
                if score < floor and not checkable_overlap(query, self._info[i]):
                    continue
                kept += 1
                j = judge_pair(query, self._info[i], score, self._model)
                reasons = j.reasons
                kind = j.suggested_type
                if parts[i]:
                    reasons = (*reasons, f"matching part: “{parts[i]}”")
                    if (
                        query.profile.negated != self._info[i].profile.negated
                        and kind != "contradicts"
                    ):
                        # "X has denied reports that it is planning ...": the rest of the
                        # sentence around the matching part negates it.
                        only = "first" if query.profile.negated else "second"
                        reasons = (f"negation mismatch: only the {only} is negated", *reasons)
                        kind = "contradicts"
                matches.append(
                    Match(
                        self._passages[i],
                        j.score,
                        reasons,
                        kind,
                        self._model.tier(score),
                    )
                )
            if len(matches) >= limit:
                break
        return matches[:limit]

    def _query_info(self, text: str, article_id: str | None) -> SentenceInfo:
        pos = self._article_pos.get(article_id) if article_id is not None else None
        if pos is None:
            facts = tuple(facts_in_sentences(ArticleText("", text), [(0, text)]))
            return sentence_info(-1, text, facts, aliases=self.aliases)
        article = self._articles[pos]
        at = article.text.find(text) if text else -1
        if at >= 0:
            # A span of the article: its facts as read in context (dates, surnames).
            end = at + len(text)
            facts = tuple(f for f in self._article_facts[pos] if at <= f.start and f.end <= end)
            return sentence_info(pos, text, facts, offset=at, aliases=self.aliases)
        own = ArticleText(article.article_id, text, article.published)
        facts = tuple(facts_in_sentences(own, [(0, text)]))
        return sentence_info(pos, text, facts, aliases=self.aliases)

    # ------------------------------------------------------------------ scan

    def scan(
        self, *, threshold: float | None = None, progress: Progress | None = None
    ) -> list[Proposal]:
        """Pairs of sentences in different articles worth linking, strongest first."""
        return self.scan_report(threshold=threshold, progress=progress).proposals

    def scan_report(
        self,
        *,
        threshold: float | None = None,
        progress: Progress | None = None,
        max_proposals: int = MAX_PROPOSALS,
    ) -> ScanReport:
        """:meth:`scan` with its bound: how many pairs were scored and found, and a note.

        ``threshold`` raises the floor of every proposal (default: the possible floor).
        ``progress(done, total)`` is called as sentences are processed.
        """
        floor = MUTUAL_FLOOR if threshold is None else max(threshold, MUTUAL_FLOOR)
        likely = max(floor, self._model.tiers["likely"])
        strong = max(floor, self._model.tiers["strong"])
        possible = max(floor, self._model.tiers["possible"])
        scores = self._scored_candidates(floor, progress)
        info = self._info
        # The two best partners of each sentence in each other article.
        top: dict[tuple[int, int], list[tuple[float, int]]] = {}
        for (i, j), s in scores.items():
            for x, y in ((i, j), (j, i)):
                k = (x, info[y].article)
                best2 = top.setdefault(k, [])
                best2.append((s, y))
                if len(best2) > MUTUAL_RANKS:
                    best2.sort(reverse=True)
                    best2.pop()
        chosen: list[tuple[float, int, int]] = []
        for (i, j), s in scores.items():
            rank_i = _rank(top[(i, info[j].article)], j)
            rank_j = _rank(top[(j, info[i].article)], i)
            if (
                s >= strong
                or ((rank_i == 0 or rank_j == 0) and s >= likely)
                or (
                    rank_i < MUTUAL_RANKS
                    and rank_j < MUTUAL_RANKS
                    and substance(info[i], info[j])
                    >= (SCAN_MIN_SUBSTANCE if s >= possible else SCAN_MIN_SUBSTANCE_WEAK)
                    and (rank_i == 0 or self._adds_claim(i, j, top[(i, info[j].article)]))
                    and (rank_j == 0 or self._adds_claim(j, i, top[(j, info[i].article)]))
                )
            ):
                chosen.append((s, i, j))
        chosen.sort(key=lambda c: (-c[0], c[1], c[2]))
        report = ScanReport(scored_pairs=len(scores), found=len(chosen))
        if len(chosen) > max_proposals:
            chosen = chosen[:max_proposals]
            report.note = f"too many similar sentences; showing the strongest {max_proposals}"
        proposals: list[Proposal] = []
        for s, i, j in chosen:
            judgement = judge_pair(info[i], info[j], s, self._model)
            kind = judgement.suggested_type
            if kind in ("corroborates", "related"):
                kind = "same"
            proposals.append(
                Proposal(
                    kind,
                    judgement.score,
                    judgement.reasons,
                    self._passages[i],
                    self._passages[j],
                    tier=self._model.tier(s),
                )
            )
        report.proposals = _group(proposals, self._article_pos)
        return report

    def _adds_claim(self, i: int, j: int, best: list[tuple[float, int]]) -> bool:
        """True when ``j``, the second best partner of ``i``, shares with ``i`` a
        checkable word that ``i``'s best partner does not (another claim of the same
        sentence: "... in what is the first known operation"), so a second partner
        is not just a weaker echo of the first."""
        first = max(best)[1]
        a, b, c = self._info[i], self._info[j], self._info[first]
        new = (a.profile.terms & b.profile.terms) - c.profile.terms
        return (
            sum(
                1
                for t in new
                if t[0] != CONCEPT_PREFIX and t not in WEAK_WORDS and t not in a.profile.numbers
            )
            >= SCAN_NEW_SUBSTANCE
        )

    def _scored_candidates(
        self, floor: float, progress: Progress | None
    ) -> dict[tuple[int, int], float]:
        """Model scores of the candidate pairs at or above ``floor`` (keys ``i < j``).

        Each sentence gathers shared term weight from the posting lists of its
        rarest terms (sentences of later articles only, :data:`SCAN_BUDGET` entries in all,
        :data:`SCAN_POSTINGS` of one list) and scores the partners sharing
        most: ``SCAN_PAIR_BUDGET / n`` of them, at least :data:`SCAN_CANDIDATES`;
        in a session of more than :data:`SMALL_SESSION` sentences only those
        that share at least :data:`SCAN_MIN_SHARE` of the lighter weight and a
        weighted Dice of :data:`SCAN_MIN_DICE`.
        """
        info = self._info
        postings = self._postings
        n = len(info)
        eligible = [s.profile.content_words >= MIN_CONTENT_WORDS for s in info]
        scores: dict[tuple[int, int], float] = {}
        aligned_lists = [p for p in self._aligned.values() if len(p) <= MAX_ALIGNED_POSTINGS]
        aligned_partners: dict[int, set[int]] = {}
        for plist in aligned_lists:
            for i in plist:
                aligned_partners.setdefault(i, set()).update(plist)
        step = max(1, n // 100)
        # Partners are read from the later articles only (sentences are in article order).
        first_of = [n] * (len(self._articles) + 1)
        for k in range(n - 1, -1, -1):
            first_of[info[k].article] = k
        after = [n] * (len(self._articles) + 1)
        nxt = n
        for pos in range(len(self._articles) - 1, -1, -1):
            after[pos] = nxt
            nxt = min(nxt, first_of[pos])
        # A small session scores every pair that shares a term; a large one the
        # closest few per sentence, so the pairs scored stay under the budget.
        per_sentence = max(SCAN_CANDIDATES, SCAN_PAIR_BUDGET // max(1, n))
        small = n <= SMALL_SESSION
        for i, a in enumerate(info):
            if progress is not None and i % step == 0:
                progress(i, n)
            if not eligible[i]:
                continue
            # Rarest terms first, until the reading budget is spent.
            terms = sorted(a.weights, key=lambda t: len(postings[t]))
            gathered: dict[int, float] = {}
            ai = a.article
            budget = SCAN_BUDGET
            for t in terms:
                if budget <= 0:
                    break
                w = a.weights[t]
                plist = postings[t]
                at = bisect.bisect_left(plist, after[ai])
                plist = plist[at : at + min(budget, SCAN_POSTINGS)]
                budget -= len(plist)
                for j in plist:
                    gathered[j] = gathered.get(j, 0.0) + w
            for j in aligned_partners.get(i, ()):
                if j > i:
                    gathered.setdefault(j, 0.0)
            best = heapq.nlargest(per_sentence * 2, gathered, key=gathered.__getitem__)
            taken = 0
            for j in best:
                b = info[j]
                if b.article == ai or not eligible[j]:
                    continue
                # The weight really shared (the budget may have read only some terms).
                g = sum(a.weights[t] for t in a.profile.terms & b.profile.terms)
                share = g / (min(a.total, b.total) or 1.0)
                dice = 2 * g / ((a.total + b.total) or 1.0)
                if (
                    not small
                    and (share < SCAN_MIN_SHARE or dice < SCAN_MIN_DICE)
                    and j not in aligned_partners.get(i, ())
                ):
                    continue
                taken += 1
                s = self.score(a, b)
                if s >= floor:
                    scores[(i, j)] = s
                if taken >= per_sentence:
                    break
        if progress is not None:
            progress(n, n)
        return scores


def _rank(best: list[tuple[float, int]], j: int) -> int:
    """Rank of partner ``j`` among a sentence's best partners (len when not among them)."""
    ordered = sorted(best, reverse=True)
    for k, (_, y) in enumerate(ordered):
        if y == j:
            return k
    return len(ordered)


def _facts_by_sentence(sentences: Sequence[Sentence], facts: list[Fact]) -> list[tuple[Fact, ...]]:
    out: list[list[Fact]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for f in facts:
        k = bisect.bisect_right(starts, f.start) - 1
        if k >= 0:
            out[k].append(f)
    return [tuple(x) for x in out]


def _group(proposals: list[Proposal], article_pos: dict[str, int]) -> list[Proposal]:
    """Group the claims stated by three or more outlets; sort best first."""
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
        group = outlets = 0
        if p.kind == "same":
            root = find((p.a.article_id, p.a.start))
            if len(members[root]) >= 3:
                group = numbers.setdefault(root, len(numbers) + 1)
                outlets = len(members[root])
        out.append(Proposal(p.kind, p.score, p.reasons, p.a, p.b, group, p.tier, outlets))
    return out


# ---------------------------------------------------------------------- FNC-1 relatedness


def relatedness(claim: str, body: str) -> float:
    """How likely ``body`` is about ``claim`` (0..1), by the fitted relatedness model.

    :data:`RELATED_THRESHOLD` separates related from unrelated bodies.
    """
    info = sentence_info(0, claim)
    if not info.profile.terms:
        return 0.0
    return model().relatedness.probability(relatedness_features(info, body_summary(body)))
