"""Claim memory for a whole article: which of its sentences were judged before?

Each sentence of the article is recalled against the judged claims of the
other sessions (:func:`workbench.queries.recall.recall`); the sentences with a
match in the wanted tiers (strong, by default) come back with those matches.
The panes mark them in their marker strip after an import or when a session
opens. One recall per sentence: a batched recall can replace the loop without
changing what this returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from workbench.analysis.text import split_sentences
from workbench.errors import NotFound
from workbench.queries.recall import PastVerdict, recall
from workbench.storage.schema import Article
from workbench.storage.store import Library

STRONG = ("strong",)
MIN_WORDS = 4  # shorter sentences (datelines, bylines, "Read more.") are not claims


@dataclass(frozen=True)
class RecalledSentence:
    """A sentence of an article (``text == article_text[start:end]``) and the
    judged claims of other sessions it matches, best first."""

    article_id: str
    start: int
    end: int
    text: str
    matches: tuple[PastVerdict, ...]


def recall_in_article(
    lib: Library,
    article_id: str,
    *,
    tiers: tuple[str, ...] = STRONG,
    limit: int = 3,
    cancelled: Callable[[], bool] | None = None,
) -> list[RecalledSentence]:
    """The article's sentences that match judged claims of other sessions.

    ``cancelled`` is asked before each sentence; when it answers True the
    sentences found so far are returned (a worker whose result is no longer
    wanted stops early)."""
    with lib.read() as db:
        row = db.execute(
            select(Article.session_id, Article.text).where(Article.id == article_id)
        ).first()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    session_id, text = row
    out: list[RecalledSentence] = []
    for sentence in split_sentences(text):
        if cancelled is not None and cancelled():
            break
        if len(sentence.text.split()) < MIN_WORDS:
            continue
        # recall(text=...) searches the whole library: ask for a few more and
        # leave out the article's own session.
        found = recall(lib, text=sentence.text, limit=limit + 5)
        matches = tuple(p for p in found if p.session_id != session_id and p.tier in tiers)[:limit]
        if matches:
            out.append(
                RecalledSentence(article_id, sentence.start, sentence.end, sentence.text, matches)
            )
    return out
