"""Which sentences of an article were judged before, in other sessions."""

from __future__ import annotations

import pytest

from tests.claim_memory import (
    DRUCE_PARAPHRASE,
    NEW_TEXT,
    STOCKS_PARAPHRASE,
    judged_library,
)
from workbench.errors import NotFound
from workbench.queries.recall_article import recall_in_article
from workbench.storage.store import Library


def test_sentences_matching_judged_claims_of_other_sessions(lib: Library) -> None:
    memory = judged_library(lib)
    found = recall_in_article(lib, memory.new_article)
    # The unrelated sentence and the paraphrase of a claim never judged are left out.
    assert [s.text for s in found] == [DRUCE_PARAPHRASE, STOCKS_PARAPHRASE]
    assert all(NEW_TEXT[s.start : s.end] == s.text for s in found)
    assert [[p.claim_id for p in s.matches] for s in found] == [[memory.druce], [memory.stocks]]
    assert [s.matches[0].verdict for s in found] == ["False", "Mostly True"]
    assert all(p.tier == "strong" for s in found for p in s.matches)
    # A session's own judged claims are not "checked before" for its articles.
    assert recall_in_article(lib, memory.past_article) == []


def test_a_cancelled_search_stops_and_a_missing_article_says_so(lib: Library) -> None:
    memory = judged_library(lib)
    assert recall_in_article(lib, memory.new_article, cancelled=lambda: True) == []
    with pytest.raises(NotFound):
        recall_in_article(lib, "00000000-0000-0000-0000-000000000000")
