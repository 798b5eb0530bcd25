"""Claim memory for a whole article: which of its sentences were judged before?

Each sentence of the article is recalled against the judged claims of the
other sessions (:func:`workbench.queries.recall.recall`); the sentences with a
match in the wanted tiers (strong, by default) come back with those matches.
The panes mark them in their marker strip after an import or when a session
opens. The sentences go to :func:`~workbench.queries.recall.recall_many` in small
batches, so a cancelled worker stops soon.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from workbench.analysis.text import split_sentences
from workbench.errors import NotFound
from workbench.queries.recall import PastVerdict, recall_many
from workbench.storage.schema import Article
from workbench.storage.store import Library

STRONG = ("strong",)
CHUNK = 16  # sentences per recall_many call; cancelling is checked between calls
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

    ``cancelled`` is asked between batches of sentences; when it answers True the
    sentences found so far are returned (a worker whose result is no longer
    wanted stops early)."""
    with lib.read() as db:
        row = db.execute(
            select(Article.session_id, Article.text).where(Article.id == article_id)
        ).first()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    session_id, text = row
    sentences = [s for s in split_sentences(text) if len(s.text.split()) >= MIN_WORDS]
    out: list[RecalledSentence] = []
    for first in range(0, len(sentences), CHUNK):
        if cancelled is not None and cancelled():
            break
        chunk = sentences[first : first + CHUNK]
        found = recall_many(lib, [s.text for s in chunk], exclude_session=session_id, limit=limit)
        for sentence, hits in zip(chunk, found, strict=True):
            matches = tuple(p for p in hits if p.tier in tiers)[:limit]
            if matches:
                out.append(
                    RecalledSentence(
                        article_id, sentence.start, sentence.end, sentence.text, matches
                    )
                )
    return out
