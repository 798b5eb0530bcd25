"""Every operation runs through one skeleton, ``framework.perform``.

It refuses bad arguments before the write, and an operation that fails half
way leaves neither rows nor an audit event; the modules of ``workbench/ops``
neither open writes nor build ``Change`` records themselves, nor reach into
each other's private helpers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

import workbench.ops
from tests.conftest import ARTICLE_A, ARTICLE_B
from workbench import ops
from workbench.errors import InvalidOperation
from workbench.ops.framework import OpCall, Outcome, perform
from workbench.queries.sessions import session_detail
from workbench.storage.schema import Event, Note, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id

OPS = Path(workbench.ops.__file__).resolve().parent


def _events(lib: Library) -> int:
    with lib.read() as db:
        return int(db.scalar(select(func.count()).select_from(Event)) or 0)


def test_a_refused_operation_writes_nothing_and_audits_nothing(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, b = two_articles
    start = ARTICLE_A.index("No one")
    c1 = ops.add_claim(lib, a, start, start + 18).target_id or ""
    c2 = ops.add_claim(lib, b, 0, ARTICLE_B.index(" were")).target_id or ""
    before = _events(lib)
    with pytest.raises(InvalidOperation, match="link type 'agrees' is not one of"):
        ops.link_claims(lib, c1, c2, "agrees")
    with pytest.raises(InvalidOperation, match="the note is empty"):
        ops.add_note(lib, c1, "   ")
    with pytest.raises(InvalidOperation, match="check-worthiness goes from 1 to 5"):
        ops.set_checkworthiness(lib, c1, 0)
    assert _events(lib) == before
    detail = session_detail(lib, sid)
    assert detail.links == () and detail.notes == ()
    assert [c.checkworthiness for c in detail.claims] == [None, None]


def test_a_body_that_fails_half_way_leaves_no_row_and_no_event(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid = two_articles[0]
    before = _events(lib)

    def body(db: DbSession) -> Outcome:
        now = utcnow()
        db.add(Note(id=new_id(), session_id=sid, text="half", created=now, updated=now))
        db.flush()  # the row is in the transaction...
        raise InvalidOperation("refused half way")  # ...which this rolls back

    with pytest.raises(InvalidOperation, match="half way"):
        perform(lib, op="add_note", body=body)
    assert session_detail(lib, sid).notes == ()
    assert _events(lib) == before


def test_perform_builds_the_change_and_the_event_from_the_outcome(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid = two_articles[0]
    change = ops.add_note(lib, sid, "Call the port authority")
    nid = change.target_id or ""
    assert change.operation == "add_note" and change.redo.name == "add_note"
    assert change.redo.args == {"target_id": sid, "text": "Call the port authority", "note_id": nid}
    assert change.inverse == OpCall("remove_note", {"note_id": nid})
    assert (change.kinds, change.ids) == (frozenset({"note"}), frozenset({nid, sid}))
    with lib.read() as db:
        event = db.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        assert (event.operation, event.actor, event.session_id, event.target_id) == (
            "add_note",
            "tester",
            sid,
            nid,
        )
        assert (event.before, event.after) == (
            None,
            {"target_id": sid, "text": "Call the port authority"},
        )
        assert event.origin == lib.origin


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_only_the_framework_opens_writes_and_builds_changes() -> None:
    offenders = []
    for path in sorted(OPS.glob("*.py")):
        if path.name == "framework.py":
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Attribute) and f.attr == "write":
                    offenders.append(f"{path.name}:{node.lineno} opens a write")
                if isinstance(f, ast.Name) and f.id == "Change":
                    offenders.append(f"{path.name}:{node.lineno} builds a Change")
    assert offenders == []


def test_no_module_of_ops_uses_another_modules_private_helpers() -> None:
    offenders = []
    for path in sorted(OPS.glob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("workbench"):
                offenders += [
                    f"{path.name}: {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and a.name != "__future__"
                ]
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in ("ops", "framework", "snapshots")
            ):
                offenders.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    assert offenders == []


def test_importing_the_package_registers_every_operation_module() -> None:
    """Undo and redo (``apply``) find an operation by name, whatever was imported first."""
    names = set(ops.OPERATIONS)
    assert {"set_setting", "import_session", "undo_session_merge", "add_snapshot"} <= names
    assert {"create_session", "link_passages", "restore", "remove_rows"} <= names
