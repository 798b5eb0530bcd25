"""Using a past verdict: verdict, rationale and evidence copied, audited, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.claim_memory import (
    DRUCE_PARAPHRASE,
    EVIDENCE,
    NEW_TEXT,
    PAST_TITLE,
    RATIONALE,
    Memory,
    judged_library,
)
from tests.conftest import claim_by_quote
from workbench import ops
from workbench.errors import InvalidOperation, NotFound, StaleEdit
from workbench.queries.claims import claim_info, verdict_history
from workbench.queries.sessions import session_detail
from workbench.storage.schema import Event
from workbench.storage.store import Library


@pytest.fixture
def memory(lib: Library) -> Memory:
    return judged_library(lib)


def _evidence(lib: Library, session_id: str, claim_id: str) -> list[tuple[str, str, str, str]]:
    return sorted(
        (e.url, e.title, e.citation, e.excerpt)
        for e in session_detail(lib, session_id).evidence
        if e.claim_id == claim_id
    )


def _events(lib: Library, operation: str) -> list[Event]:
    with lib.read() as db:
        return list(db.scalars(select(Event).where(Event.operation == operation)))


def test_copy_sets_verdict_rationale_and_evidence_and_undo_restores(
    lib: Library, memory: Memory
) -> None:
    new_claim = claim_by_quote(lib, memory.new_article, NEW_TEXT, DRUCE_PARAPHRASE)
    ops.set_rationale(lib, new_claim, "my first thoughts")
    change = ops.copy_verdict(lib, new_claim, memory.druce)

    c = claim_info(lib, new_claim)
    assert (c.verdict, c.rationale) == ("False", RATIONALE)
    copied = _evidence(lib, memory.new_session, new_claim)
    assert copied == _evidence(lib, memory.past_session, memory.druce)
    assert len(copied) == len(EVIDENCE)
    # The past claim keeps its own evidence: these are copies, not moves.
    assert len(_evidence(lib, memory.past_session, memory.druce)) == len(EVIDENCE)

    [event] = _events(lib, "copy_verdict")
    assert (event.session_id, event.target_id, event.actor) == (
        memory.new_session,
        new_claim,
        "tester",
    )
    assert event.before == {"verdict": "Unchecked", "rationale": "my first thoughts"}
    assert event.after is not None
    assert event.after["from_claim_id"] == memory.druce
    assert event.after["from_session_id"] == memory.past_session
    assert event.after["from_session_title"] == PAST_TITLE
    assert sorted(event.after["evidence_ids"]) == sorted(change.ids - {new_claim})
    assert PAST_TITLE in change.description
    # A copied verdict is part of the claim's verdict history, judged by whoever copied it.
    assert [(who, a, b) for _at, who, a, b in verdict_history(lib, new_claim)] == [
        ("tester", "Unchecked", "False")
    ]
    [shown] = [c for c in session_detail(lib, memory.new_session).claims if c.id == new_claim]
    assert shown.judged_by == "tester"

    undone = ops.apply(lib, change.inverse)
    c = claim_info(lib, new_claim)
    assert (c.verdict, c.rationale) == ("Unchecked", "my first thoughts")
    assert _evidence(lib, memory.new_session, new_claim) == []
    assert len(_events(lib, "uncopy_verdict")) == 1
    assert [(a, b) for _at, _who, a, b in verdict_history(lib, new_claim)][-1] == (
        "False",
        "Unchecked",
    )

    ops.apply(lib, undone.inverse)  # redo: the same rows again, with the same ids
    assert claim_info(lib, new_claim).verdict == "False"
    ids = {e.id for e in session_detail(lib, memory.new_session).evidence}
    assert ids == set(change.ids - {new_claim})


def test_a_verdict_outside_the_session_scale_is_refused(lib: Library) -> None:
    memory = judged_library(lib, new_scale="platform")  # True ... False: no "Mostly True"
    new_claim = claim_by_quote(lib, memory.new_article, NEW_TEXT, DRUCE_PARAPHRASE)
    with pytest.raises(InvalidOperation, match="'Mostly True' is not on this session's scale"):
        ops.copy_verdict(lib, new_claim, memory.stocks)
    assert claim_info(lib, new_claim).verdict == "Unchecked"
    assert _evidence(lib, memory.new_session, new_claim) == []
    assert _events(lib, "copy_verdict") == []
    # "False" is on both scales: that one may be copied.
    ops.copy_verdict(lib, new_claim, memory.druce)
    assert claim_info(lib, new_claim).verdict == "False"


def test_copy_honours_the_version_and_refuses_nonsense(lib: Library, memory: Memory) -> None:
    new_claim = claim_by_quote(lib, memory.new_article, NEW_TEXT, DRUCE_PARAPHRASE)
    seen = claim_info(lib, new_claim).version
    ops.set_verdict(lib, new_claim, "In progress")  # someone else, meanwhile
    with pytest.raises(StaleEdit):
        ops.copy_verdict(lib, new_claim, memory.druce, expected_version=seen)
    assert claim_info(lib, new_claim).verdict == "In progress"
    with pytest.raises(InvalidOperation, match="no verdict to copy"):
        ops.copy_verdict(lib, new_claim, memory.amrozi)  # marked, never judged
    with pytest.raises(InvalidOperation):
        ops.copy_verdict(lib, memory.druce, memory.druce)
    with pytest.raises(NotFound):
        ops.copy_verdict(lib, new_claim, "00000000-0000-0000-0000-000000000000")
    assert _events(lib, "copy_verdict") == []


def test_a_copied_verdict_travels_in_a_session_file_with_its_history(
    lib: Library, memory: Memory, tmp_path: Path
) -> None:
    from workbench.export.session_file import export_session, import_session_file
    from workbench.storage.store import open_library

    new_claim = claim_by_quote(lib, memory.new_article, NEW_TEXT, DRUCE_PARAPHRASE)
    ops.copy_verdict(lib, new_claim, memory.druce)
    out = tmp_path / "week2.fcsession"
    export_session(lib, memory.new_session, out)
    other = open_library(tmp_path / "other.sqlite3", actor="colleague")
    try:
        import_session_file(other, str(out))
        c = claim_info(other, new_claim)
        assert (c.verdict, c.rationale) == ("False", RATIONALE)
        assert len(_evidence(other, memory.new_session, new_claim)) == len(EVIDENCE)
        history = [(who, a, b) for _at, who, a, b in verdict_history(other, new_claim)]
        assert history == [("tester", "Unchecked", "False")]
    finally:
        other.close()
    # Merging the file back adds no second copy of that history.
    report = import_session_file(lib, str(out))
    assert report.history_added == 0
    assert len(verdict_history(lib, new_claim)) == 1
