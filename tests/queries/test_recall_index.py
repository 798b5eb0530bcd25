"""The recall index agrees with the claims: `check` says when it does not, and
`check --repair` rebuilds it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.conftest import ARTICLE_A, claim_by_quote
from workbench import ops
from workbench.cli.main import main
from workbench.queries.recall import recall
from workbench.storage import recall_index
from workbench.storage.integrity import check_library
from workbench.storage.store import Library

QUERY = "Nobody was hurt in the attack on the fuel depot."


@pytest.fixture
def judged(lib: Library) -> str:
    sid = ops.create_session(lib, "Strike").target_id or ""
    aid = ops.add_article(lib, sid, "Herald", ARTICLE_A).target_id or ""
    cid = claim_by_quote(lib, aid, ARTICLE_A, "No one was injured in the attack")
    ops.set_verdict(lib, cid, "False")
    return cid


def _sql(lib: Library, *statements: str) -> None:
    """Change the database behind the program's back (another tool, a bad disk)."""
    with lib.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _check_repair(target: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    code = main(["--db", target, "check", "--repair", "--json"])
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    assert code == 0, result
    return result


def test_check_finds_a_dropped_index_and_repair_rebuilds_it(
    lib: Library, judged: str, library_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_library(lib) == []
    _sql(lib, "DROP TABLE recall_terms")
    assert check_library(lib) == [
        "the recall index is missing (workbench check --repair rebuilds it)"
    ]
    assert _check_repair(library_target, capsys) == {"ok": True, "problems": []}
    lib.forget_schema()
    assert check_library(lib) == []
    assert recall(lib, text=QUERY)[0].claim_id == judged
    # And the rebuilt index keeps following edits.
    ops.set_verdict(lib, judged, "Unchecked")
    assert recall(lib, text=QUERY) == [] and check_library(lib) == []


def test_check_finds_a_dropped_trigger(
    lib: Library, judged: str, library_target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A migration that rebuilds the claims table drops its triggers with it."""
    sqlite = lib.engine.dialect.name == "sqlite"
    _sql(
        lib,
        "DROP TRIGGER recall_claims_au"
        if sqlite
        else "DROP TRIGGER recall_claims_changed ON claims",
    )
    assert check_library(lib) == [
        "the recall index is missing (workbench check --repair rebuilds it)"
    ]
    _check_repair(library_target, capsys)
    ops.set_verdict(lib, judged, "Unchecked")  # followed again
    assert recall(lib, text=QUERY) == [] and check_library(lib) == []


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ("DELETE FROM recall_claims", "the recall index lacks 1 judged claims"),
        ("UPDATE recall_claims SET digest = 'x'", "as they were before an edit"),
        ("DELETE FROM recall_terms WHERE term = 'injure'", "term entries where its claims have"),
        ("UPDATE recall_meta SET value = 'old'", "built with other matching terms"),
    ],
)
def test_check_finds_a_stale_index(
    lib: Library,
    judged: str,
    library_target: str,
    capsys: pytest.CaptureFixture[str],
    damage: str,
    problem: str,
) -> None:
    _sql(lib, damage)
    problems = check_library(lib)
    assert any(problem in p for p in problems), problems
    assert all(p.endswith("(workbench check --repair rebuilds it)") for p in problems)
    _check_repair(library_target, capsys)
    assert check_library(lib) == []
    assert recall(lib, text=QUERY)[0].claim_id == judged
    ops.set_verdict(lib, judged, "True")  # indexed anew after the rebuild
    assert recall(lib, text=QUERY)[0].verdict == "True" and check_library(lib) == []


def test_a_verdict_set_by_another_tool_is_recalled_at_the_next_recall(
    lib: Library, judged: str
) -> None:
    _sql(lib, f"UPDATE claims SET verdict = 'Unchecked' WHERE id = '{judged}'")
    assert check_library(lib) == []  # due for indexing, not wrong
    assert recall(lib, text=QUERY) == []
    with lib.read() as db:
        assert recall_index.indexed_count(db) == 0
    _sql(lib, f"UPDATE claims SET verdict = 'True' WHERE id = '{judged}'")
    [best] = recall(lib, text=QUERY)
    assert (best.claim_id, best.verdict) == (judged, "True")


def test_desks_judging_at_once_are_all_indexed(lib: Library, library_target: str) -> None:
    """On a server each desk's write indexes its own claims; none is lost or twice."""
    import threading

    from workbench.storage.store import open_library

    sid = ops.create_session(lib, "Race").target_id or ""
    aid = ops.add_article(lib, sid, "Herald", ARTICLE_A).target_id or ""
    quotes = ["No one was injured", "Four drones were launched", "A fuel depot was hit"]
    claims = [claim_by_quote(lib, aid, ARTICLE_A, q) for q in quotes]
    failures: list[BaseException] = []

    def desk(claim_id: str) -> None:
        mine = open_library(library_target, actor="desk")
        try:
            for verdict in ("True", "False", "Mostly True", "Half True"):
                ops.set_verdict(mine, claim_id, verdict)
        except BaseException as err:  # reported below
            failures.append(err)
        finally:
            mine.close()

    threads = [threading.Thread(target=desk, args=(c,)) for c in claims]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == []
    assert check_library(lib) == []
    with lib.read() as db:
        assert recall_index.indexed_count(db) == len(claims)
    assert recall(lib, text="Nobody was injured")[0].verdict == "Half True"
