"""Claim memory: a claim judged in one session is recalled in another."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLE_A, ARTICLE_B, claim_by_quote
from workbench import ops
from workbench.analysis.matching.index import SessionIndex
from workbench.analysis.text import ArticleText, split_sentences
from workbench.errors import NotFound
from workbench.importers import read_article
from workbench.queries.recall import recall, recall_many
from workbench.resources import sample_files
from workbench.storage import recall_index
from workbench.storage.store import Library

LATER = (
    "A week later a second outlet repeated that nobody was injured in the drone attack "
    "on the fuel depot. The port reopened on Friday."
)


@pytest.fixture
def judged(lib: Library) -> dict[str, str]:
    first = ops.create_session(lib, "Strike, week 1").target_id or ""
    a = ops.add_article(lib, first, "Herald", ARTICLE_A).target_id or ""
    b = ops.add_article(lib, first, "Courier", ARTICLE_B).target_id or ""
    none_hurt = claim_by_quote(lib, a, ARTICLE_A, "No one was injured in the attack")
    ops.set_verdict(lib, none_hurt, "False", rationale="two died")
    dozen = claim_by_quote(lib, b, ARTICLE_B, "A dozen drones took part in the attack")
    ops.set_verdict(lib, dozen, "In progress")  # a working state: not judged
    later = ops.create_session(lib, "Strike, week 2").target_id or ""
    c = ops.add_article(lib, later, "Gazette", LATER).target_id or ""
    repeat = claim_by_quote(
        lib, c, LATER, "nobody was injured in the drone attack on the fuel depot"
    )
    return {
        "none_hurt": none_hurt,
        "dozen": dozen,
        "repeat": repeat,
        "first": first,
        "later": later,
        "article": a,
    }


def test_a_judged_claim_is_recalled_from_another_session(
    lib: Library, judged: dict[str, str]
) -> None:
    [best, *_] = recall(lib, claim_id=judged["repeat"])
    assert best.claim_id == judged["none_hurt"]
    assert (best.verdict, best.rationale, best.session_id) == ("False", "two died", judged["first"])
    assert best.session_title == "Strike, week 1"
    assert best.tier in ("strong", "likely") and best.reasons
    assert best.judged is not None and best.judged_by == "tester"


def test_a_paraphrase_is_recalled_with_the_matchers_tier_and_reasons(
    lib: Library, judged: dict[str, str]
) -> None:
    [best, *_] = recall(lib, text="Nobody was hurt in the strike on the fuel depot.")
    assert best.claim_id == judged["none_hurt"]
    assert best.tier == "likely"
    assert "similar words: strike ~ attack, hurt ~ injured" in best.reasons


def test_unjudged_claims_and_unrelated_text_are_not_recalled(
    lib: Library, judged: dict[str, str]
) -> None:
    # The very words of a claim in a working state do not find it.
    found = recall(lib, text="A dozen drones took part in the attack")
    assert judged["dozen"] not in [p.claim_id for p in found]
    assert all(p.verdict == "False" for p in found)
    assert recall(lib, text="The mayor opened the new public library on Saturday") == []
    # Same story, another claim: nothing at the likely or strong tiers.
    found = recall(lib, text="The attack drew condemnation from the government.")
    assert all(p.tier not in ("strong", "likely") for p in found)
    # A claim is never recalled from its own session.
    assert recall(lib, claim_id=judged["none_hurt"]) == []
    with pytest.raises(NotFound):
        recall(lib, claim_id="00000000-0000-0000-0000-000000000000")


def test_recall_many_answers_each_text_and_leaves_out_a_session(
    lib: Library, judged: dict[str, str]
) -> None:
    texts = ["Nobody was hurt in the strike on the fuel depot.", "", "A recipe for lemon cake."]
    many = recall_many(lib, texts)
    assert [[p.claim_id for p in hits] for hits in many] == [
        [p.claim_id for p in recall(lib, text=t)] for t in texts
    ]
    assert many[0][0].claim_id == judged["none_hurt"] and many[1:] == [[], []]
    assert recall_many(lib, texts[:1], exclude_session=judged["first"]) == [[]]
    assert recall_many(lib, []) == []


def test_the_index_follows_verdicts_edits_removal_and_undo(
    lib: Library, judged: dict[str, str]
) -> None:
    def recalled() -> list[str]:
        """The claims recalled at the likely or strong tier."""
        found = recall(lib, claim_id=judged["repeat"])
        return [p.claim_id for p in found if p.tier in ("strong", "likely")]

    none_hurt = judged["none_hurt"]
    assert recalled() == [none_hurt]
    cleared = ops.set_verdict(lib, none_hurt, "Unchecked")
    assert recalled() == []
    ops.apply(lib, cleared.inverse)  # undo: judged again
    assert recalled() == [none_hurt]
    # Resized to another claim of the article: recalled by its new words only.
    start = ARTICLE_A.index("Four drones were launched")
    resized = ops.resize_claim(lib, none_hurt, start, start + len("Four drones were launched"))
    assert recalled() == []
    assert recall(lib, text="Four drones were launched")[0].quote == "Four drones were launched"
    ops.apply(lib, resized.inverse)
    assert recalled() == [none_hurt]
    removed = ops.remove_claim(lib, none_hurt)
    assert recalled() == []
    ops.apply(lib, removed.inverse)  # restored with its verdict
    assert recalled() == [none_hurt]
    deleted = ops.delete_session(lib, judged["first"])
    assert recalled() == []
    ops.apply(lib, deleted.inverse)
    assert recalled() == [none_hurt]
    # A working-state claim that gets a verdict joins the index.
    ops.set_verdict(lib, judged["dozen"], "Mostly True")
    assert (
        recall(lib, text="A dozen drones took part in the attack")[0].claim_id == (judged["dozen"])
    )
    assert recall_index.index_problems(lib) == []


def test_the_index_survives_reopening(
    library_target: str, lib: Library, judged: dict[str, str]
) -> None:
    from workbench.storage.store import open_library

    lib.close()
    again = open_library(library_target, actor="tester")
    try:
        with again.read() as db:
            assert recall_index.indexed_count(db) == 1
        assert [p.claim_id for p in recall(again, claim_id=judged["repeat"])] == [
            judged["none_hurt"]
        ]
    finally:
        again.close()


def test_an_imported_session_brings_its_verdicts(
    lib: Library, judged: dict[str, str], tmp_path: pytest.TempPathFactory
) -> None:
    from pathlib import Path

    from workbench.export.session_file import export_session, import_session_file

    out = Path(str(tmp_path)) / "week1.fcsession"
    export_session(lib, judged["first"], out)
    ops.delete_session(lib, judged["first"])
    assert recall(lib, claim_id=judged["repeat"]) == []
    import_session_file(lib, str(out))
    [best] = recall(lib, claim_id=judged["repeat"])
    assert (best.claim_id, best.verdict) == (judged["none_hurt"], "False")


def test_a_very_long_text_is_answered(lib: Library, judged: dict[str, str]) -> None:
    # More distinct terms than SQLite takes in one compound statement (500).
    words = " ".join(f"word{n}x" for n in range(600))
    long_text = f"Nobody was hurt in the strike on the fuel depot, {words}."
    assert len(recall_index.claim_terms(long_text)) > 600
    found = recall(lib, text=long_text)
    assert all(p.tier not in ("strong", "likely") for p in found)


def test_recall_agrees_with_where_else_over_every_judged_claim(lib: Library) -> None:
    """Rescoring only the closest candidates gives what "where else" gives when it
    scores every judged claim of the library: the same claims, tiers and reasons."""
    judged: list[tuple[str, str]] = []
    articles = [read_article(p) for p in sample_files()]
    for k, text in enumerate([a.text for a in articles] + [ARTICLE_A, ARTICLE_B]):
        sid = ops.create_session(lib, f"Session {k}").target_id or ""
        aid = ops.add_article(lib, sid, f"Article {k}", text).target_id or ""
        for s in split_sentences(text):
            if len(s.text) >= 20:
                cid = ops.add_claim(lib, aid, s.start, s.end).target_id or ""
                ops.set_verdict(lib, cid, "True")
                judged.append((cid, s.text))
    assert len(judged) > recall_index.RESCORE
    every = SessionIndex([ArticleText(cid, quote) for cid, quote in judged])
    queries = [
        "Nobody was hurt when drones struck the fuel depot at Kestrel Bay.",
        "Two workers at the port died, officials said.",
        "The governor said the depot was evacuated before the strike.",
        "About 30,000 tonnes of fuel were stored at the depot.",
        *(quote for _, quote in judged[::4]),
    ]
    for query in queries:
        ours = recall(lib, text=query, limit=3)
        theirs = every.find_in_other_sources(query, limit=10, per_article=1)
        assert [(p.score, p.tier) for p in ours] == [(m.score, m.tier) for m in theirs[:3]]
        reasons = {m.passage.article_id: m.reasons for m in theirs}
        assert all(reasons[p.claim_id] == p.reasons for p in ours)
