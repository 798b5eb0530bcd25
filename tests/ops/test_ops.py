"""Operations: each change, its audit event, and its inverse (undo)."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from sqlalchemy import func, select

from tests.conftest import ARTICLE_A, ARTICLE_B, claim_by_quote
from workbench import ops
from workbench.errors import InvalidOperation, NotFound
from workbench.queries.claims import claim_info, verdict_history
from workbench.queries.sessions import dismissed_keys, session_detail, session_summary
from workbench.storage.schema import Event
from workbench.storage.store import Library


def _events(lib: Library) -> list[Event]:
    with lib.read() as db:
        return list(db.scalars(select(Event).order_by(Event.id)))


def _state(lib: Library, sid: str) -> tuple[object, ...]:
    """Everything a user could see of a session, for before/after comparisons
    (``updated`` stamps and row versions aside: an undo is itself a change)."""
    d = session_detail(lib, sid)

    def plain(rows: tuple[object, ...]) -> list[dict[str, object]]:
        hidden = ("updated", "version")
        return [{k: v for k, v in asdict(r).items() if k not in hidden} for r in rows]  # type: ignore[call-overload]

    return (
        d.summary.title,
        plain(d.articles),
        plain(d.claims),
        plain(d.links),
        plain(d.evidence),
        plain(d.notes),
    )


def test_add_claim_trims_whitespace_and_stores_quote_with_context(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    _, a, _ = two_articles
    start = ARTICLE_A.index("No one was injured")
    change = ops.add_claim(lib, a, start - 1, start + len("No one was injured") + 1)
    claim = claim_info(lib, change.target_id or "")
    assert claim.quote == "No one was injured"
    assert (claim.start, claim.end) == (start, start + len("No one was injured"))
    assert ARTICLE_A[claim.start - len(claim.prefix) : claim.start] == claim.prefix
    assert claim.suffix.startswith(" in the attack")
    assert claim.verdict == "Unchecked"


@pytest.mark.parametrize("span", [(5, 5), (-1, 4), (0, 10_000), (1, 2)])
def test_add_claim_refuses_empty_or_outside_spans(
    lib: Library, two_articles: tuple[str, str, str], span: tuple[int, int]
) -> None:
    _, a, _ = two_articles
    if span == (1, 2):  # a single space: empty once trimmed
        assert ARTICLE_A[1] == " "
    with pytest.raises(InvalidOperation):
        ops.add_claim(lib, a, *span)
    assert session_detail(lib, two_articles[0]).claims == ()


def test_every_operation_appends_one_audit_event(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    _, a, b = two_articles
    before = len(_events(lib))
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    c2 = claim_by_quote(lib, b, ARTICLE_B, "At least two people were killed")
    ops.link_claims(lib, c1, c2, "contradicts")
    ops.set_verdict(lib, c1, "False", rationale="two deaths confirmed")
    events = _events(lib)[before:]
    assert [e.operation for e in events] == ["add_claim", "add_claim", "link_claims", "set_verdict"]
    verdict = events[-1]
    assert verdict.actor == "tester"
    assert verdict.before == {"verdict": "Unchecked", "rationale": ""}
    assert verdict.after == {"verdict": "False", "rationale": "two deaths confirmed"}


def test_audit_trail_is_append_only(lib: Library, two_articles: tuple[str, str, str]) -> None:
    with pytest.raises(Exception, match="append-only"), lib.write() as db:
        db.execute(Event.__table__.delete())
    with lib.read() as db:
        assert db.scalar(select(func.count()).select_from(Event)) > 0


def test_linking_rules(lib: Library, two_articles: tuple[str, str, str]) -> None:
    sid, a, b = two_articles
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    c1b = claim_by_quote(lib, a, ARTICLE_A, "Four drones")
    c2 = claim_by_quote(lib, b, ARTICLE_B, "At least two people were killed")
    with pytest.raises(InvalidOperation, match="itself"):
        ops.link_claims(lib, c1, c1, "same")
    with pytest.raises(InvalidOperation, match="same article"):
        ops.link_claims(lib, c1, c1b, "related")
    with pytest.raises(InvalidOperation, match="not one of"):
        ops.link_claims(lib, c1, c2, "agrees")
    ops.link_claims(lib, c2, c1, "contradicts")
    with pytest.raises(InvalidOperation, match="already linked"):
        ops.link_claims(lib, c1, c2, "same")
    other = ops.create_session(lib, "Other").target_id or ""
    x = ops.add_article(lib, other, "X", "Some other text here.").target_id or ""
    cx = ops.add_claim(lib, x, 0, 4).target_id or ""
    with pytest.raises(InvalidOperation, match="different sessions"):
        ops.link_claims(lib, c1, cx, "related")
    assert len(session_detail(lib, sid).links) == 1


def test_verdict_must_be_on_the_sessions_scale(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    _, a, _ = two_articles
    c = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    with pytest.raises(InvalidOperation, match="not on this session's scale"):
        ops.set_verdict(lib, c, "Fake news")
    ops.set_verdict(lib, c, "pants on fire")  # case-insensitive, stored as on the scale
    assert claim_info(lib, c).verdict == "Pants on Fire"
    ops.set_verdict(lib, c, "Needs second look")
    assert claim_info(lib, c).verdict == "Needs second look"


def test_custom_scale(lib: Library) -> None:
    sid = (
        ops.create_session(
            lib, "Custom", scale="desk", custom_verdicts=["Solid", "Shaky"]
        ).target_id
        or ""
    )
    detail = session_detail(lib, sid)
    assert detail.scale.labels == ("Solid", "Shaky")
    with pytest.raises(InvalidOperation):
        ops.create_session(lib, "Bad", scale="x", custom_verdicts=["Unchecked"])
    with pytest.raises(InvalidOperation, match="unknown verdict scale"):
        ops.create_session(lib, "Bad", scale="nonsense")


def test_remove_claim_takes_links_notes_evidence_and_undo_restores_them(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, b = two_articles
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    c2 = claim_by_quote(lib, b, ARTICLE_B, "At least two people were killed")
    link = ops.link_claims(lib, c1, c2, "contradicts", note="check hospital").target_id or ""
    ops.add_note(lib, c1, "ask the port authority")
    ops.add_note(lib, link, "a note on the link")
    ops.add_evidence(lib, c1, url="https://hospital.example/statement", title="Statement")
    ops.set_verdict(lib, c1, "False", rationale="deaths confirmed")
    full = _state(lib, sid)

    change = ops.remove_claim(lib, c1)
    after = session_detail(lib, sid)
    assert [c.id for c in after.claims] == [c2]
    assert after.links == () and after.evidence == () and after.notes == ()
    assert {"claim", "link", "note", "evidence"} <= change.kinds

    restored = ops.apply(lib, change.inverse)
    assert _state(lib, sid)[1:] == full[1:]
    # redo of the undo deletes again, and undo once more restores again
    ops.apply(lib, restored.inverse)
    assert session_detail(lib, sid).claims[0].id == c2
    ops.apply(lib, change.inverse)
    assert _state(lib, sid)[1:] == full[1:]


def test_each_simple_operation_is_undone_by_its_inverse(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, b = two_articles
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    c2 = claim_by_quote(lib, b, ARTICLE_B, "A dozen drones")
    link = ops.link_claims(lib, c1, c2, "related").target_id or ""
    note = ops.add_note(lib, c1, "first").target_id or ""
    ev = ops.add_evidence(lib, c1, url="https://a.example").target_id or ""
    steps = [
        lambda: ops.set_verdict(lib, c1, "Half True", rationale="why"),
        lambda: ops.resize_claim(lib, c1, 0, 10),
        lambda: ops.update_link(lib, link, type="differs", note="n"),
        lambda: ops.edit_note(lib, note, "second"),
        lambda: ops.edit_evidence(lib, ev, title="T", excerpt="E"),
        lambda: ops.remove_evidence(lib, ev),
        lambda: ops.remove_note(lib, note),
        lambda: ops.unlink(lib, link),
        lambda: ops.update_session(lib, sid, title="Renamed", description="d"),
        lambda: ops.update_article(lib, a, outlet="Other outlet", published="2026-01-01"),
        lambda: ops.move_article(lib, b, 0),
        lambda: ops.set_checkworthiness(lib, c1, 4),
        lambda: ops.add_claim(lib, b, 0, 8),
        lambda: ops.remove_article(lib, b),
    ]
    for step in steps:
        before = _state(lib, sid)
        change = step()
        changed = _state(lib, sid)
        assert changed != before, change.operation
        ops.apply(lib, change.inverse)
        restored = _state(lib, sid)
        # timestamps of the session itself move on; everything else is back
        assert restored[1:] == before[1:], change.operation
        if change.operation in ("update_session",):
            assert restored[0] == before[0]
        # and the redo call does it again identically
        ops.apply(lib, change.redo)
        assert _state(lib, sid)[1:] == changed[1:] or change.operation == "add_claim"
        ops.apply(lib, change.inverse)


def test_delete_session_and_undo(lib: Library, two_articles: tuple[str, str, str]) -> None:
    sid, a, b = two_articles
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    c2 = claim_by_quote(lib, b, ARTICLE_B, "A dozen drones")
    ops.link_claims(lib, c1, c2, "related")
    ops.add_note(lib, sid, "session note")
    ops.dismiss_suggestion(lib, sid, "some-key")
    before = _state(lib, sid)
    change = ops.delete_session(lib, sid)
    with pytest.raises(NotFound):
        session_detail(lib, sid)
    ops.apply(lib, change.inverse)
    assert _state(lib, sid)[1:] == before[1:]
    assert dismissed_keys(lib, sid) == {"some-key"}


def test_notes_on_every_target_kind(lib: Library, two_articles: tuple[str, str, str]) -> None:
    sid, a, b = two_articles
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    c2 = claim_by_quote(lib, b, ARTICLE_B, "A dozen drones")
    link = ops.link_claims(lib, c1, c2, "related").target_id or ""
    for target, kind in ((sid, "session"), (a, "article"), (c1, "claim"), (link, "link")):
        nid = ops.add_note(lib, target, f"on {kind}").target_id
        note = next(n for n in session_detail(lib, sid).notes if n.id == nid)
        assert (note.target_kind, note.target_id, note.text) == (kind, target, f"on {kind}")
    with pytest.raises(NotFound):
        ops.add_note(lib, "00000000-0000-0000-0000-000000000000", "nowhere")
    with pytest.raises(InvalidOperation):
        ops.add_note(lib, sid, "   ")


def test_accepting_a_suggestion_creates_claims_and_link_and_undo_removes_only_new_ones(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, b = two_articles
    existing = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    qa = ARTICLE_A.index("No one was injured")
    qb = ARTICLE_B.index("At least two people were killed")
    change = ops.link_passages(
        lib,
        a,
        qa,
        qa + len("No one was injured"),
        b,
        qb,
        qb + len("At least two people were killed"),
        "contradicts",
    )
    detail = session_detail(lib, sid)
    assert len(detail.claims) == 2 and len(detail.links) == 1
    assert existing in {detail.links[0].claim_a_id, detail.links[0].claim_b_id}
    ops.apply(lib, change.inverse)
    detail = session_detail(lib, sid)
    assert [c.id for c in detail.claims] == [existing] and detail.links == ()
    ops.apply(lib, change.redo)
    assert len(session_detail(lib, sid).links) == 1


def test_verdict_history_keeps_every_change(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    _, a, _ = two_articles
    c = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    ops.set_verdict(lib, c, "In progress")
    ops.set_verdict(lib, c, "Mostly False", rationale="first look")
    ops.set_verdict(lib, c, "Mostly False", rationale="rationale only")
    ops.set_verdict(lib, c, "False")
    history = [(before, after) for _, _, before, after in verdict_history(lib, c)]
    assert history == [
        ("Unchecked", "In progress"),
        ("In progress", "Mostly False"),
        ("Mostly False", "False"),
    ]


def test_session_counts_and_progress(lib: Library, two_articles: tuple[str, str, str]) -> None:
    sid, a, b = two_articles
    c1 = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    claim_by_quote(lib, b, ARTICLE_B, "A dozen drones")
    ops.set_verdict(lib, c1, "False")
    s = session_summary(lib, sid)
    assert (s.articles, s.claims, s.links, s.checked) == (2, 2, 0, 1)
    assert s.progress == 0.5


def test_undoing_a_verdict_works_after_the_scale_changed(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, _ = two_articles
    c = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    ops.set_verdict(lib, c, "Pants on Fire")
    ops.set_scale(lib, sid, "snopes")
    change = ops.set_verdict(lib, c, "False")
    ops.apply(lib, change.inverse)  # back to a verdict the new scale does not have
    assert claim_info(lib, c).verdict == "Pants on Fire"
    ops.apply(lib, change.redo)
    assert claim_info(lib, c).verdict == "False"


def test_rationale_alone_never_touches_the_verdict(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    _, a, _ = two_articles
    c = claim_by_quote(lib, a, ARTICLE_A, "No one was injured")
    ops.set_verdict(lib, c, "False")
    change = ops.set_rationale(lib, c, "Two deaths confirmed")
    assert (claim_info(lib, c).verdict, claim_info(lib, c).rationale) == (
        "False",
        "Two deaths confirmed",
    )
    ops.apply(lib, change.inverse)
    assert (claim_info(lib, c).verdict, claim_info(lib, c).rationale) == (
        "False",
        "",
    )


def test_undo_of_an_accepted_suggestion_with_a_note_on_its_link_restores_cleanly(
    lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, b = two_articles
    qa = ARTICLE_A.index("No one was injured")
    qb = ARTICLE_B.index("At least two people were killed")
    accepted = ops.link_passages(
        lib, a, qa, qa + 18, b, qb, qb + len("At least two people were killed"), "contradicts"
    )
    ops.add_note(lib, accepted.target_id or "", "check the hospital")
    before = _state(lib, sid)
    removed = ops.apply(lib, accepted.inverse)
    assert session_detail(lib, sid).links == ()
    ops.apply(lib, removed.inverse)
    assert _state(lib, sid) == before
