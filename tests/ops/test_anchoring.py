"""Claims stay anchored: the stored quote always equals the text at its span."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench import ops
from workbench.analysis import anchoring
from workbench.errors import InvalidOperation
from workbench.queries.claims import claim_info
from workbench.queries.sessions import article_text
from workbench.storage.integrity import broken_anchors
from workbench.storage.store import Library, open_library

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300
)


@given(text=texts, data=st.data())
def test_anchor_quote_equals_text_at_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    try:
        a = anchoring.anchor(text, start, end)
    except InvalidOperation:
        assert text[start:end].strip() == ""
        return
    assert a.quote == text[a.start : a.end]
    assert a.quote == a.quote.strip() and a.quote
    assert start <= a.start < a.end <= end
    assert text[: a.start].endswith(a.prefix) and text[a.end :].startswith(a.suffix)
    assert anchoring.reanchor(text, a.quote, a.prefix, a.suffix) is not None


@given(text=texts, data=st.data())
def test_find_quote_returns_the_nth_occurrence(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    if not quote.strip():
        return
    n = anchoring.count_occurrences(text, quote)
    k = data.draw(st.integers(1, n))
    s, e = anchoring.find_quote(text, quote, k)
    assert text[s:e] == quote
    with pytest.raises(InvalidOperation):
        anchoring.find_quote(text, quote, n + 1)


def test_reanchor_prefers_the_occurrence_with_matching_context() -> None:
    text = "He said no. Later she said no. Then they said no."
    second = text.index("she said no") + len("she ")
    a = anchoring.anchor(text, second, second + len("said no"))
    assert anchoring.reanchor(text, a.quote, a.prefix, a.suffix) == (a.start, a.end)


_db_lib: list[Library] = []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts, data=st.data())
def test_stored_claims_match_their_article_text(
    tmp_path_factory: pytest.TempPathFactory, text: str, data: st.DataObject
) -> None:
    """Through the operations and the database, including resize, for any text."""
    if not _db_lib:
        _db_lib.append(open_library(tmp_path_factory.mktemp("prop") / "p.sqlite3"))
    lib = _db_lib[0]
    if not text.strip():
        return
    sid = ops.create_session(lib, "prop").target_id or ""
    aid = ops.add_article(lib, sid, "t", text).target_id or ""
    stored = article_text(lib, aid)
    assert stored == text
    for _ in range(3):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        try:
            cid = ops.add_claim(lib, aid, start, end).target_id or ""
        except InvalidOperation:
            continue
        s2 = data.draw(st.integers(0, len(text)))
        e2 = data.draw(st.integers(s2, len(text)))
        with contextlib.suppress(InvalidOperation):  # an empty new span is refused
            ops.resize_claim(lib, cid, s2, e2)
        c = claim_info(lib, cid)
        assert c.quote == stored[c.start : c.end]
    assert broken_anchors(lib) == []
