"""What a report shows, worked out once for every reader of it.

The HTML report, the PDF report and the review mode's claim page show the
same things: the session's summary counts, the facts grid, then every claim
with its article, the quote in its sentence, the verdict, rationale,
evidence, notes and linked claims. This module builds that as plain data
from :func:`workbench.queries.sessions.session_detail` (the query the CSV uses), so
each renderer only lays it out.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import UTC, datetime

from workbench import vocabulary
from workbench.analysis.text import split_sentences
from workbench.queries.records import (
    ArticleInfo,
    ClaimInfo,
    EvidenceInfo,
    NoteInfo,
    SessionDetail,
    links_by_claim,
)
from workbench.queries.sessions import article_texts, session_detail
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES

# Verdict tones and link types, as hex for files (the UI's palette has the same values).
TONE_COLOURS: dict[str, str] = {
    "working": "#ffe68c",
    "true": "#aae1aa",
    "mixed": "#c8b9f0",
    "false": "#faaaa5",
    "other": "#bed7f0",
}
UNCHECKED_COLOUR = "#fff0b4"
LINK_COLOURS: dict[str, str] = {
    "same": "#2878c8",
    "corroborates": "#289650",
    "contradicts": "#d23232",
    "differs": "#e18c14",
    "related": "#82828c",
}


def verdict_colour(scale: vocabulary.VerdictScale, verdict: str) -> str:
    """The fill of a verdict's badge (the same fill its highlight has in the panes)."""
    if verdict == vocabulary.UNCHECKED:
        return UNCHECKED_COLOUR
    return TONE_COLOURS.get(scale.tone_of(verdict), TONE_COLOURS["other"])


@dataclass(frozen=True)
class ReportLink:
    """A claim in another article linked to the reported one."""

    type: str
    label: str
    colour: str
    claim_id: str
    number: int
    outlet: str
    quote: str
    verdict: str
    verdict_colour: str
    note: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ReportClaim:
    id: str
    number: int
    article: ArticleInfo
    quote: str
    before: str  # the rest of the quote's sentence (or its stored context) before it
    after: str
    verdict: str
    verdict_colour: str
    final: bool  # a verdict from the scale, not a working state
    rationale: str
    checkworthiness: int | None
    evidence: tuple[EvidenceInfo, ...]
    notes: tuple[NoteInfo, ...]
    links: tuple[ReportLink, ...]


@dataclass(frozen=True)
class ReportArticle:
    info: ArticleInfo
    claims: tuple[ReportClaim, ...]
    checked: int
    notes: tuple[NoteInfo, ...]


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    n: int
    colour: str


@dataclass(frozen=True)
class FactRow:
    facet: str
    key: str
    conflict: bool
    reason: str
    cells: tuple[str, ...]  # one per article, in pane order ("" when it says nothing)


@dataclass(frozen=True)
class Report:
    session_id: str
    title: str
    description: str
    scale_name: str
    scale: tuple[Count, ...]  # the scale's verdicts (n unused: 0)
    generated: datetime
    claims_total: int
    checked: int
    per_verdict: tuple[Count, ...]
    links_total: int
    per_link_type: tuple[Count, ...]
    articles: tuple[ReportArticle, ...]
    facts: tuple[FactRow, ...]
    session_notes: tuple[NoteInfo, ...]

    @property
    def checked_share(self) -> float:
        return self.checked / self.claims_total if self.claims_total else 0.0

    @property
    def checked_percent(self) -> int:
        return round(100 * self.checked_share)

    @property
    def claims(self) -> list[ReportClaim]:
        return [c for a in self.articles for c in a.claims]

    @property
    def conflicts(self) -> int:
        return sum(1 for f in self.facts if f.conflict)


def sentence_context(
    sentences: list[tuple[int, int]], text: str, start: int, end: int
) -> tuple[str, str]:
    """The text of the sentences around ``text[start:end]`` before and after it."""
    starts = [s for s, _ in sentences]
    i = max(0, bisect.bisect_right(starts, start) - 1)
    j = max(i, bisect.bisect_left(starts, end) - 1)
    if not sentences:
        return "", ""
    s_start = min(sentences[i][0], start)
    s_end = max(sentences[j][1], end)
    return text[s_start:start], text[end:s_end]


def stored_context(claim: ClaimInfo) -> tuple[str, str]:
    """The claim's stored context cut to whole words, with ellipses where it was cut."""
    prefix, suffix = claim.prefix, claim.suffix
    if prefix and not prefix[0].isspace() and " " in prefix:
        prefix = prefix.split(" ", 1)[1]
    if suffix and not suffix[-1].isspace() and " " in suffix:
        suffix = suffix.rsplit(" ", 1)[0]
    return (f"…{prefix}" if prefix.strip() else "", f"{suffix}…" if suffix.strip() else "")


def claim_order(detail: SessionDetail) -> list[ClaimInfo]:
    """Pane order, then text order (the CSV's and the review's order)."""
    rank = {a.id: a.position for a in detail.articles}
    return sorted(detail.claims, key=lambda c: (rank.get(c.article_id, 0), c.start))


def build_claims(
    detail: SessionDetail,
    contexts: dict[str, tuple[str, str]] | None = None,
    only: str | None = None,
) -> list[ReportClaim]:
    """Every claim of ``detail`` ready to show, numbered in report order (or
    just the claim ``only``, as the review mode shows one at a time).

    ``contexts`` maps claim ids to (before, after); a claim without one shows
    its stored context."""
    ordered = claim_order(detail)
    number = {c.id: i + 1 for i, c in enumerate(ordered)}
    by_id = {c.id: c for c in ordered}
    articles = {a.id: a for a in detail.articles}
    links = links_by_claim(detail.links)
    evidence: dict[str, list[EvidenceInfo]] = {}
    for e in detail.evidence:
        evidence.setdefault(e.claim_id, []).append(e)
    notes: dict[str, list[NoteInfo]] = {}
    for n in detail.notes:
        notes.setdefault(n.target_id, []).append(n)
    out = []
    for c in ordered:
        if only is not None and c.id != only:
            continue
        linked = []
        for lk in links.get(c.id, []):
            other = by_id.get(lk.other(c.id))
            if other is None:
                continue
            linked.append(
                ReportLink(
                    lk.type,
                    LINK_TYPE_LABELS[lk.type],
                    LINK_COLOURS.get(lk.type, LINK_COLOURS["related"]),
                    other.id,
                    number[other.id],
                    articles[other.article_id].label,
                    other.quote,
                    other.verdict,
                    verdict_colour(detail.scale, other.verdict),
                    lk.note,
                    tuple(n.text for n in notes.get(lk.id, [])),
                )
            )
        before, after = (contexts or {}).get(c.id) or stored_context(c)
        out.append(
            ReportClaim(
                c.id,
                number[c.id],
                articles[c.article_id],
                c.quote,
                before,
                after,
                c.verdict,
                verdict_colour(detail.scale, c.verdict),
                c.verdict not in vocabulary.WORKING_STATES,
                c.rationale,
                c.checkworthiness,
                tuple(evidence.get(c.id, [])),
                tuple(notes.get(c.id, [])),
                tuple(linked),
            )
        )
    return out


def build_report(lib: Library, session_id: str, *, facts: bool = True) -> Report:
    """The report of one session (``facts=False`` leaves the facts grid out)."""
    detail = session_detail(lib, session_id)
    texts = article_texts(lib, session_id)
    contexts: dict[str, tuple[str, str]] = {}
    for art in detail.articles:
        text = texts.get(art.id, "")
        sentences = [(s.start, s.end) for s in split_sentences(text)]
        for c in detail.claims_of(art.id):
            contexts[c.id] = sentence_context(sentences, text, c.start, c.end)
    claims = build_claims(detail, contexts)
    rows = fact_rows(lib, detail) if facts else ()
    return assemble(detail, claims, rows)


def fact_rows(lib: Library, detail: SessionDetail) -> tuple[FactRow, ...]:
    """The facts grid (``workbench.analysis.facts.extract`` via ``session_facts``):
    one cell per article."""
    from workbench.queries.suggestions import session_facts

    out = []
    for row in session_facts(lib, detail.summary.id):
        cells = []
        for art in detail.articles:
            values = [f.value for f in row.values if f.article_id == art.id]
            cells.append(", ".join(dict.fromkeys(values)))
        out.append(FactRow(row.facet, row.key, row.conflict, row.reason, tuple(cells)))
    return tuple(out)


def assemble(
    detail: SessionDetail, claims: list[ReportClaim], facts: tuple[FactRow, ...] = ()
) -> Report:
    """Counts and grouping around already built claims."""
    s = detail.summary
    per_verdict = []
    counts: dict[str, int] = {}
    for c in detail.claims:
        counts[c.verdict] = counts.get(c.verdict, 0) + 1
    choices = list(detail.scale.choices())
    choices += sorted(v for v in counts if v not in choices)  # verdicts of an older scale
    for v in choices:
        per_verdict.append(Count(v, v, counts.get(v, 0), verdict_colour(detail.scale, v)))
    link_counts = {t: 0 for t in LINK_TYPES}
    for lk in detail.links:
        link_counts[lk.type] = link_counts.get(lk.type, 0) + 1
    per_link = tuple(
        Count(t, LINK_TYPE_LABELS.get(t, t), n, LINK_COLOURS.get(t, LINK_COLOURS["related"]))
        for t, n in link_counts.items()
    )
    articles = []
    for art in detail.articles:
        mine = tuple(c for c in claims if c.article.id == art.id)
        articles.append(
            ReportArticle(
                art,
                mine,
                sum(1 for c in mine if c.final),
                tuple(n for n in detail.notes if n.target_id == art.id),
            )
        )
    return Report(
        s.id,
        s.title,
        s.description,
        s.scale_name,
        tuple(Count(v, v, 0, verdict_colour(detail.scale, v)) for v in detail.scale.labels),
        datetime.now(UTC),
        len(detail.claims),
        sum(1 for c in detail.claims if c.verdict not in vocabulary.WORKING_STATES),
        tuple(per_verdict),
        len(detail.links),
        per_link,
        tuple(articles),
        facts,
        tuple(n for n in detail.notes if n.target_kind == "session"),
    )
