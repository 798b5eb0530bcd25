"""ClaimReview markup (schema.org JSON-LD) for search engines and fact-check aggregators.

One ``ClaimReview`` per claim with a final verdict (never a working state).
Google's fact-check markup requires ``claimReviewed``, ``reviewRating`` with
``alternateName`` and ``url``; the recommended ``author``, rating values,
``datePublished`` and ``itemReviewed`` (a ``Claim`` with its ``author``,
``datePublished``, ``appearance`` and ``firstAppearance``) are filled too.
The review ``url`` is the review URL prefix plus the claim's id, and the
author is the organisation from the settings (or from the command line): an
export that cannot fill them is refused, naming the setting.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from workbench import vocabulary
from workbench.errors import UserError
from workbench.ops.settings import ORG_NAME, ORG_URL, REVIEW_URL_PREFIX, settings
from workbench.queries.records import ArticleInfo, SessionDetail
from workbench.queries.sessions import session_detail, session_summary
from workbench.storage.output import atomic_output
from workbench.storage.schema import Event
from workbench.storage.store import Library

CONTEXT = "https://schema.org"
# Google asks for a short claimReviewed; a longer quote is cut at a word.
CLAIM_REVIEWED_MAX = 250


class MissingSetting(UserError):
    """ClaimReview cannot be made without a setting."""


@dataclass(frozen=True)
class Publisher:
    org_name: str
    org_url: str
    review_url_prefix: str


def publisher(
    lib: Library,
    session_id: str,
    *,
    org_name: str | None = None,
    org_url: str | None = None,
    review_url: str | None = None,
) -> Publisher:
    """The organisation and review address: arguments over the session's and the
    library's settings. Refuses, naming the setting, when one is missing or wrong."""
    saved = settings(lib, session_id)
    name = (org_name if org_name is not None else saved.get(ORG_NAME, "")).strip()
    url = (org_url if org_url is not None else saved.get(ORG_URL, "")).strip()
    prefix = (review_url if review_url is not None else saved.get(REVIEW_URL_PREFIX, "")).strip()
    if not prefix:
        raise MissingSetting(
            f"ClaimReview needs each review's address (url): set the review URL prefix "
            f"(setting {REVIEW_URL_PREFIX}, or --review-url URL_PREFIX)"
        )
    if not _is_web(prefix):
        raise MissingSetting(
            f"the review URL prefix {prefix!r} (setting {REVIEW_URL_PREFIX}) is not an "
            "http(s) address"
        )
    if not name:
        raise MissingSetting(
            f"ClaimReview needs the fact-checking organisation as its author: set its name "
            f"(setting {ORG_NAME}, or --org-name NAME)"
        )
    if url and not _is_web(url):
        raise MissingSetting(
            f"the organisation URL {url!r} (setting {ORG_URL}) is not an http(s) address"
        )
    return Publisher(name, url, prefix)


def _is_web(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def ordinal_ratings(scale: vocabulary.VerdictScale) -> dict[str, tuple[int, int, int]]:
    """label -> (ratingValue, bestRating, worstRating) for the verdicts of an ordinal
    scale (best first, from true through mixed to false); verdicts outside that line
    (satire, outdated, unproven...) and non-ordinal scales get none."""
    rank = {"true": 0, "mixed": 1, "false": 2}
    line = [v for v in scale.verdicts if v.tone in rank]
    tones = [rank[v.tone] for v in line]
    if len(line) < 2 or tones != sorted(tones) or len(set(tones)) < 2:
        return {}
    n = len(line)
    return {v.label: (n - i, n, 1) for i, v in enumerate(line)}


def _short(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _same_claims(detail: SessionDetail, claim_id: str) -> list[str]:
    """The claim and every claim joined to it by 'same claim' links (transitively)."""
    seen = {claim_id}
    todo = [claim_id]
    same = [lk for lk in detail.links if lk.type == "same"]
    while todo:
        current = todo.pop()
        for lk in same:
            if current in (lk.claim_a_id, lk.claim_b_id):
                other = lk.other(current)
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
    return sorted(seen)


def _verdict_dates(lib: Library, session_id: str) -> dict[str, date]:
    """claim id -> the day its verdict was last changed (from the audit trail)."""
    with lib.read() as db:
        rows = db.execute(
            select(Event.target_id, Event.at, Event.before, Event.after)
            .where(
                Event.session_id == session_id, Event.operation.in_(vocabulary.VERDICT_OPERATIONS)
            )
            .order_by(Event.id)
        ).all()
    out: dict[str, date] = {}
    for target, at, before, after in rows:
        if target and (before or {}).get("verdict") != (after or {}).get("verdict"):
            out[target] = at.date()
    return out


def _appearance(art: ArticleInfo) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": art.title}
    if art.url:
        work["url"] = art.url
    if art.published:
        work["datePublished"] = art.published.isoformat()
    if art.outlet:
        work["publisher"] = {"@type": "Organization", "name": art.outlet}
    return work


def claim_reviews(lib: Library, session_id: str, pub: Publisher) -> list[dict[str, Any]]:
    """The ClaimReview objects of a session, in report order."""
    from workbench.export.report_model import claim_order

    detail = session_detail(lib, session_id)
    ratings = ordinal_ratings(detail.scale)
    dates = _verdict_dates(lib, session_id)
    by_id = {c.id: c for c in detail.claims}
    articles = {a.id: a for a in detail.articles}
    author: dict[str, Any] = {"@type": "Organization", "name": pub.org_name}
    if pub.org_url:
        author["url"] = pub.org_url
    out = []
    for c in claim_order(detail):
        if c.verdict in vocabulary.WORKING_STATES:
            continue
        art = articles[c.article_id]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": c.verdict}
        if c.verdict in ratings:
            value, best, worst = ratings[c.verdict]
            rating.update(ratingValue=value, bestRating=best, worstRating=worst)
        if c.rationale.strip():
            rating["ratingExplanation"] = c.rationale
        same = [articles[by_id[i].article_id] for i in _same_claims(detail, c.id)]
        seen_articles: dict[str, ArticleInfo] = {}
        for a in [art, *same]:
            seen_articles.setdefault(a.id, a)
        appearances = list(seen_articles.values())
        dated = [a for a in appearances if a.published]
        first = min(dated, key=lambda a: (a.published, a.position)) if dated else art
        item: dict[str, Any] = {"@type": "Claim"}
        if art.outlet:
            item["author"] = {"@type": "Organization", "name": art.outlet}
        elif art.author:
            item["author"] = {"@type": "Person", "name": art.author}
        if first.published:
            item["datePublished"] = first.published.isoformat()
        item["appearance"] = [_appearance(a) for a in appearances]
        item["firstAppearance"] = _appearance(first)
        review: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": pub.review_url_prefix + c.id,
            "claimReviewed": _short(c.quote),
            "reviewRating": rating,
            "author": author,
            "datePublished": (dates.get(c.id) or c.updated.date()).isoformat(),
            "itemReviewed": item,
        }
        if art.language:
            review["inLanguage"] = art.language
        out.append(review)
    return out


def safe_json(data: object) -> str:
    """JSON with ``<``, ``>`` and ``&`` written as escapes, so the markup can be
    pasted into a ``<script type="application/ld+json">`` element and a quote
    holding ``</script>`` cannot end it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def export_claimreview(
    lib: Library,
    session_id: str,
    out: str | os.PathLike[str],
    *,
    org_name: str | None = None,
    org_url: str | None = None,
    review_url: str | None = None,
) -> dict[str, Any]:
    """Write the session's ClaimReview JSON-LD (a JSON array) to ``out``."""
    pub = publisher(lib, session_id, org_name=org_name, org_url=org_url, review_url=review_url)
    reviews = claim_reviews(lib, session_id, pub)
    if not reviews:
        raise UserError(
            "no claim of this session has a final verdict yet; ClaimReview covers only "
            "claims with a verdict from the scale"
        )
    text = safe_json(reviews)
    with atomic_output(out, lib=lib, encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    total = session_summary(lib, session_id).claims
    return {"file": str(out), "claims": len(reviews), "skipped_working": total - len(reviews)}
