"""Whole-session scan on the demo articles: planted pairs, groups and stable keys."""

from __future__ import annotations

import pytest
from suggest_demo import DEMO

from workbench.analysis.matching.index import ArticleText, Passage, Proposal, SessionIndex
from workbench.storage.store import Library

QUOTE = '"Our crews followed the alarm procedure exactly as trained'


@pytest.fixture(scope="module")
def proposals() -> list[Proposal]:
    return SessionIndex(DEMO).scan()


def _find(proposals: list[Proposal], a_prefix: str, b_prefix: str) -> Proposal:
    for p in proposals:
        texts = (p.a.text, p.b.text)
        if (texts[0].startswith(a_prefix) and texts[1].startswith(b_prefix)) or (
            texts[1].startswith(a_prefix) and texts[0].startswith(b_prefix)
        ):
            return p
    raise AssertionError(f"no proposal for {a_prefix!r} / {b_prefix!r}")


@pytest.mark.parametrize(
    ("a", "b", "kind", "reason"),
    [
        (
            "No one was injured",
            "At least two people were killed",
            "contradicts",
            "casualties differ",
        ),
        ("No one was injured", "Two port workers died", "contradicts", "casualties differ"),
        ("Four drones were launched", "A dozen drones", "differs", "drones differ: 4 vs 12"),
        ("Four drones were launched", "Two port workers died", "differs", "drones differ: 4 vs 6"),
        (
            "Two patrol boats were sent",
            "Three patrol boats",
            "differs",
            "patrol boats differ: 2 vs 3",
        ),
        (
            "Shipping resumed on Tuesday morning",
            "The port was closed",
            "differs",
            "cargo ships differ",
        ),
        (
            "Port authority spokesperson Elena Varga",
            "Interior Minister Tomas Reyl",
            "differs",
            "speaker differs: Elena Varga vs Tomas Reyl",
        ),
        (
            "The depot holds about 30,000 tonnes of diesel",
            "The depot holds about 30,000 tonnes of fuel",
            "same",
            "shared numbers: 30000",
        ),
        (
            "Shipping resumed on Tuesday morning",
            "Shipping resumed on Tuesday, the port",
            "same",
            "shared numbers: 14",
        ),
    ],
)
def test_planted_pairs_are_proposed(
    proposals: list[Proposal], a: str, b: str, kind: str, reason: str
) -> None:
    p = _find(proposals, a, b)
    assert p.kind == kind
    assert any(r.startswith(reason) for r in p.reasons), p.reasons


def test_quote_is_one_group_across_three_outlets(proposals: list[Proposal]) -> None:
    quotes = [p for p in proposals if p.a.text.startswith(QUOTE) and p.b.text.startswith(QUOTE)]
    assert len(quotes) == 3
    assert {p.kind for p in quotes} == {"same"}
    groups = {p.group for p in quotes}
    assert len(groups) == 1 and groups.pop() > 0
    outlets = {p.a.article_id for p in quotes} | {p.b.article_id for p in quotes}
    assert outlets == {"herald", "courier", "meridian"}
    # Pairs of only two outlets are not grouped.
    depot = _find(proposals, "The depot holds about 30,000 tonnes of diesel", "The depot holds")
    assert depot.group == 0


def test_only_pairs_across_articles_best_first(proposals: list[Proposal]) -> None:
    assert proposals
    assert all(p.a.article_id != p.b.article_id for p in proposals)
    assert [p.score for p in proposals] == sorted((p.score for p in proposals), reverse=True)
    assert {p.kind for p in proposals} <= {"same", "differs", "contradicts"}
    by_id = {a.article_id: a.text for a in DEMO}
    for p in proposals:
        for side in (p.a, p.b):
            assert by_id[side.article_id][side.start : side.end] == side.text


def test_no_unrelated_pairs(proposals: list[Proposal]) -> None:
    for p in proposals:
        texts = {p.a.text[:20], p.b.text[:20]}
        assert not ({"Local residents desc", "Shipping resumed on "} <= texts)


def test_key_is_stable_across_offsets_and_order() -> None:
    a = Passage("art-1", 10, 30, "Two patrol boats  searched the bay.")
    b = Passage("art-2", 5, 40, "Three patrol boats were deployed.")
    p = Proposal("differs", 0.7, ("patrol boats differ: 2 vs 3",), a, b)
    moved = Proposal(
        "differs",
        0.6,
        (),
        Passage("art-1", 110, 130, "two patrol boats searched the bay"),
        Passage("art-2", 0, 35, "Three patrol boats were deployed."),
    )
    swapped = Proposal("differs", 0.7, (), b, a)
    assert p.key == moved.key == swapped.key
    other = Proposal("differs", 0.7, (), Passage("art-3", 10, 30, a.text), b)
    assert other.key != p.key


def test_key_survives_a_rescan_after_text_moves() -> None:
    first = {p.key for p in SessionIndex(DEMO).scan()}
    shifted = [ArticleText(a.article_id, "Updated.\n\n" + a.text, a.published) for a in DEMO]
    second = {p.key for p in SessionIndex(shifted).scan()}
    assert first == second


def test_threshold_controls_how_much_is_proposed() -> None:
    index = SessionIndex(DEMO)
    strict = index.scan(threshold=0.7)
    loose = index.scan()
    assert 0 < len(strict) < len(loose)
    assert all(p.score >= 0.7 for p in strict)


def test_dismissed_proposals_stay_dismissed_across_rescans(lib: Library) -> None:
    from workbench import ops
    from workbench.demo import ensure_demo_session
    from workbench.queries.suggestions import scan_session, scan_session_report

    sid = ensure_demo_session(lib)
    first = scan_session(lib, sid)
    assert first
    dismissed = first[0]
    ops.dismiss_suggestion(lib, sid, dismissed.key)
    again = scan_session(lib, sid)
    assert dismissed.key not in {p.key for p in again}
    assert len(again) == len(first) - 1
    report = scan_session_report(lib, sid)
    assert dismissed.key not in {p.key for p in report.proposals}
    assert report.note == ""


def test_a_sentence_with_two_claims_pairs_with_a_partner_for_each() -> None:
    two = (
        "The Central Intelligence Agency (CIA) carried out a drone attack on a port in "
        "Venezuela, in what is the first known operation inside the country."
    )
    strike = "A CIA drone struck the Venezuelan port late on Monday, sources said."
    first = "It is the agency's first known operation on Venezuelan soil, according to officials."
    index = SessionIndex(
        [
            ArticleText("a", two + " The weather was calm."),
            ArticleText("b", "Shipping was halted for a day. " + strike + " " + first),
        ]
    )
    partners = {p.b.text for p in index.scan() if p.a.text == two} | {
        p.a.text for p in index.scan() if p.b.text == two
    }
    assert partners == {strike, first}
    # The acronym, the demonym and the synonym make the strike the same claim.
    best = index.find_in_other_sources(two, article_id="a")[0]
    assert best.passage.text == strike
    assert "same names: Central Intelligence Agency = CIA, Venezuela = Venezuelan" in best.reasons
