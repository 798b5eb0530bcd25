"""Library search: every article, claim, rationale and note of every session,
kept current with each edit, on both backends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ARTICLE_A, ARTICLE_B, claim_by_quote
from workbench import ops
from workbench.errors import UserError
from workbench.storage.integrity import check_library
from workbench.storage.search_index import index_problems, parse_query, rebuild, search
from workbench.storage.store import Library


@pytest.fixture
def two_sessions(lib: Library) -> dict[str, str]:
    first = ops.create_session(lib, "Port strike").target_id or ""
    second = ops.create_session(lib, "Election rally").target_id or ""
    a = ops.add_article(lib, first, "Herald report", ARTICLE_A, outlet="Herald").target_id or ""
    b = ops.add_article(lib, second, "Courier report", ARTICLE_B, outlet="Courier").target_id or ""
    claim = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    ops.set_verdict(lib, claim, "False", rationale="The hospital confirmed two deaths")
    note = ops.add_note(lib, b, "Ask the Northern Courier for its source").target_id or ""
    return {"first": first, "second": second, "a": a, "b": b, "claim": claim, "note": note}


def test_finds_articles_claims_rationales_and_notes_across_sessions(
    lib: Library, two_sessions: dict[str, str]
) -> None:
    ids = two_sessions
    kinds = {(h.kind, h.id) for h in search(lib, "hospital")}
    assert kinds == {("rationale", ids["claim"])}
    courier = {(h.kind, h.session_id) for h in search(lib, "courier")}
    assert ("note", ids["second"]) in courier and ("article", ids["second"]) in courier
    [claim_hit] = [h for h in search(lib, '"no one was injured"') if h.kind == "claim"]
    assert (claim_hit.start, claim_hit.end) == (
        ARTICLE_A.index("No one was injured"),
        ARTICLE_A.index("No one was injured") + len("No one was injured"),
    )
    article_hit = next(h for h in search(lib, "launched") if h.kind == "article")
    # The passage is the sentence, with its span in the article text.
    assert article_hit.text == "Four drones were launched from the sea."
    assert ARTICLE_A[article_hit.start : article_hit.end] == article_hit.text


def test_phrases_prefixes_and_every_word_required(
    lib: Library, two_sessions: dict[str, str]
) -> None:
    assert search(lib, '"injured in the attack"')
    assert not search(lib, '"injured the attack"')
    assert {h.kind for h in search(lib, "wound*")} == {"article"}  # "wounded"
    assert not search(lib, "drones parliament")
    assert search(lib, "DRONES") and search(lib, "drones")


def test_ranking_puts_the_denser_match_first(lib: Library) -> None:
    sid = ops.create_session(lib, "s").target_id or ""
    dense = ops.add_article(
        lib, sid, "t1", "Tankers and more tankers: the tankers burned at the pier."
    ).target_id
    sparse = ops.add_article(
        lib,
        sid,
        "t2",
        "A long report about the port, the weather, the town and one tanker "
        "fire that was put out quickly by the crews of the harbour brigade.",
    ).target_id
    hits = [h.id for h in search(lib, "tanker*")]
    assert hits.index(dense or "") < hits.index(sparse or "")


def test_hostile_queries_are_words_not_syntax(lib: Library, two_sessions: dict[str, str]) -> None:
    for query in ('"unbalanced', "NEAR(drones", "drones OR", "a:b", "col:drones", "^drones"):
        search(lib, query)  # no syntax error reaches the user
    assert search(lib, "drones)")  # punctuation around a word is ignored
    with pytest.raises(UserError):
        parse_query("*** ()")


def test_the_index_follows_every_edit_and_undo(lib: Library, two_sessions: dict[str, str]) -> None:
    ids = two_sessions
    change = ops.set_rationale(lib, ids["claim"], "Checked with the coroner")
    assert not search(lib, "hospital") and search(lib, "coroner")
    ops.apply(lib, change.inverse)
    assert search(lib, "hospital") and not search(lib, "coroner")
    removed = ops.remove_article(lib, ids["a"])  # cascades to its claim
    assert not search(lib, "hospital") and not search(lib, "launched")
    ops.apply(lib, removed.inverse)
    assert search(lib, "hospital") and search(lib, "launched")
    ops.edit_note(lib, ids["note"], "Call the ministry")
    assert not search(lib, "source") or all(h.kind != "note" for h in search(lib, "source"))
    assert [h.kind for h in search(lib, "ministry")] == ["note"]
    assert check_library(lib) == []


def test_check_finds_a_missing_or_stale_index_and_repair_rebuilds_it(
    sqlite_lib: Library, db_path: Path
) -> None:
    lib = sqlite_lib
    sid = ops.create_session(lib, "s").target_id or ""
    aid = ops.add_article(lib, sid, "A", ARTICLE_A).target_id or ""
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM search_index WHERE kind = 'article'")
    con.commit()
    assert any("search index" in p for p in check_library(lib))
    rebuild(lib)
    assert check_library(lib) == [] and search(lib, "launched")[0].article_id == aid
    con.execute("DROP TABLE search_index")
    con.commit()
    con.close()
    assert index_problems(lib) == [
        "the search index is missing (workbench check --repair rebuilds it)"
    ]
    rebuild(lib)
    assert check_library(lib) == [] and search(lib, "launched")


def test_edits_by_another_tool_are_found_at_the_next_search(
    sqlite_lib: Library, db_path: Path
) -> None:
    lib = sqlite_lib
    sid = ops.create_session(lib, "s").target_id or ""
    aid = ops.add_article(lib, sid, "A", ARTICLE_A).target_id or ""
    cid = claim_by_quote(lib, aid, ARTICLE_A, "No one was injured")
    con = sqlite3.connect(db_path)
    con.execute("UPDATE claims SET rationale = 'typed elsewhere' WHERE id = ?", (cid,))
    con.commit()
    con.close()
    assert [h.id for h in search(lib, "elsewhere")] == [cid]
