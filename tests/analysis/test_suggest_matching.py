"""Find-in-other-sources on the demo articles: what must match, what must not, and why."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from suggest_demo import COURIER, DEMO, HERALD, MERIDIAN

from workbench.analysis.matching.index import (
    DEFAULT_THRESHOLD,
    RELATED_THRESHOLD,
    ArticleText,
    Match,
    SessionIndex,
    relatedness,
)

NO_ONE_INJURED = (
    "No one was injured in the attack, according to the Harbour Gazette, which first reported "
    "the strike."
)
QUOTE = (
    '"Our crews followed the alarm procedure exactly as trained, and everyone was out of the '
    'building within minutes,"'
)
SPORTS = "Manchester United beat Arsenal 3-1 on Saturday, with two goals from their new striker."


@pytest.fixture(scope="module")
def index() -> SessionIndex:
    return SessionIndex(DEMO)


def _by_start(matches: list[Match], prefix: str) -> Match:
    found = [m for m in matches if m.passage.text.startswith(prefix)]
    assert found, f"{prefix!r} not among {[m.passage.text[:50] for m in matches]}"
    return found[0]


def test_no_one_injured_finds_the_casualty_reports(index: SessionIndex) -> None:
    matches = index.find_in_other_sources(NO_ONE_INJURED, article_id=HERALD.article_id)
    courier = _by_start(matches, "At least two people were killed")
    meridian = _by_start(matches, "Two port workers died")
    assert courier.passage.article_id == COURIER.article_id
    assert meridian.passage.article_id == MERIDIAN.article_id
    for m in (courier, meridian):
        assert m.suggested_type in ("contradicts", "differs")
        assert m.score >= DEFAULT_THRESHOLD
        assert any(r.startswith("casualties differ: none injured vs") for r in m.reasons)
    assert courier.suggested_type == "contradicts"
    # They are the best answer of their articles, and results come grouped by article.
    for m in (courier, meridian):
        first = next(x for x in matches if x.passage.article_id == m.passage.article_id)
        assert first == m
    order = [x.passage.article_id for x in matches]
    assert order == sorted(order, key=order.index)  # each article's passages together


def test_identical_quotation_is_the_same_in_all_three(index: SessionIndex) -> None:
    for article in DEMO:
        matches = index.find_in_other_sources(QUOTE, article_id=article.article_id)
        quotes = [m for m in matches if m.passage.text.startswith(QUOTE)]
        others = {a.article_id for a in DEMO} - {article.article_id}
        assert {m.passage.article_id for m in quotes} == others
        for m in quotes:
            assert m.suggested_type == "same"
            assert m.tier in ("strong", "likely")
            assert any(r.startswith(f"score {m.score:.2f} ({m.tier})") for r in m.reasons)


def test_quote_with_different_speakers_is_same_with_a_reason(index: SessionIndex) -> None:
    herald_quote = next(
        p for p in index.passages if p.article_id == "herald" and p.text.startswith(QUOTE)
    )
    matches = index.find_in_other_sources(herald_quote.text, article_id="herald")
    courier = _by_start(matches, QUOTE)
    assert courier.suggested_type == "same"
    assert any(r.startswith("speaker differs: Elena Varga vs") for r in courier.reasons)


def test_excludes_the_article_itself(index: SessionIndex) -> None:
    matches = index.find_in_other_sources(
        QUOTE, article_id=HERALD.article_id, threshold=0.0, limit=100
    )
    assert matches and all(m.passage.article_id != HERALD.article_id for m in matches)


def test_best_first_and_limit(index: SessionIndex) -> None:
    matches = index.find_in_other_sources("drones patrol boats cargo ships", limit=3, threshold=0.0)
    assert len(matches) == 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@pytest.mark.parametrize(
    ("query", "article_id", "prefix", "kind", "reason"),
    [
        (
            "Four drones were launched from the sea, and two were shot down by coastal "
            "defences before they reached the harbour, the port authority said.",
            "herald",
            "A dozen drones",
            "differs",
            "drones differ: 4 vs 12",
        ),
        (
            "Two patrol boats were sent to search the water off the northern breakwater.",
            "herald",
            "Three patrol boats",
            "differs",
            "patrol boats differ: 2 vs 3",
        ),
        (
            "Two patrol boats were sent to search the water off the northern breakwater.",
            "herald",
            "Two patrol boats searched",
            "corroborates",
            "shared numbers: 2",
        ),
        (
            "Port authority spokesperson Elena Varga said the depot had been evacuated in time.",
            "herald",
            "Interior Minister Tomas Reyl said",
            "differs",
            "speaker differs: Elena Varga vs Tomas Reyl",
        ),
        (
            "The depot holds about 30,000 tonnes of diesel and heating oil, roughly a fifth of the "
            "region's winter supply.",
            "herald",
            "The depot holds about 30,000 tonnes of fuel",
            "same",
            "shared numbers: 30000",
        ),
        (
            "Shipping resumed on Tuesday morning, with 14 cargo ships waiting outside the harbour.",
            "herald",
            "The port was closed for two days",
            "differs",
            "cargo ships differ: 14 vs 20",
        ),
    ],
)
def test_planted_details(
    index: SessionIndex, query: str, article_id: str, prefix: str, kind: str, reason: str
) -> None:
    match = _by_start(index.find_in_other_sources(query, article_id=article_id), prefix)
    assert match.suggested_type == kind
    assert reason in match.reasons


def test_unrelated_sentences_do_not_match(index: SessionIndex) -> None:
    residents = (
        "Local residents described a series of loud explosions shortly after midnight, "
        "followed by a fire that could be seen across the bay."
    )
    matches = index.find_in_other_sources(residents, article_id=COURIER.article_id)
    assert not any(m.passage.text.startswith("Shipping resumed on Tuesday") for m in matches)
    assert index.find_in_other_sources(SPORTS) == []
    assert index.find_in_other_sources("") == []


def test_reasons_are_explainable(index: SessionIndex) -> None:
    matches = index.find_in_other_sources(
        "Shipping resumed on Tuesday morning, with 14 cargo ships waiting outside the harbour.",
        article_id="herald",
    )
    best = matches[0]
    assert best.passage.text.startswith("Shipping resumed on Tuesday, the port authority said")
    assert "shared numbers: 14" in best.reasons
    terms = next(r for r in best.reasons if r.startswith("shared terms: "))
    assert "shipping" in terms and "cargo" in terms
    text = MERIDIAN.text
    assert text[best.passage.start : best.passage.end] == best.passage.text


def test_short_claim_finds_sentences_containing_it(index: SessionIndex) -> None:
    matches = index.find_in_other_sources("patrol boats")
    assert {m.passage.article_id for m in matches} == {"herald", "courier", "meridian"}


def test_thresholds_come_from_the_fitted_model() -> None:
    assert 0 < DEFAULT_THRESHOLD < 1
    assert 0 < RELATED_THRESHOLD < 1


def test_relatedness_separates_on_topic_from_off_topic() -> None:
    claim = "Drone strike on Kestrel Bay port leaves two dead"
    on_topic = relatedness(claim, COURIER.text)
    off_topic = relatedness(claim, SPORTS + " The coach praised the defence after the match.")
    assert 0.0 <= off_topic < RELATED_THRESHOLD <= on_topic <= 1.0
    assert relatedness("", COURIER.text) == 0.0


def test_index_of_articles_without_text() -> None:
    index = SessionIndex([ArticleText("a", ""), ArticleText("b", "   ")])
    assert index.passages == ()
    assert index.find_in_other_sources(QUOTE) == []
    assert index.scan() == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=120), min_size=1, max_size=4), st.text(max_size=80))
def test_any_session_can_be_indexed_scanned_and_searched(texts: list[str], query: str) -> None:
    articles = [ArticleText(f"a{k}", t) for k, t in enumerate(texts)]
    index = SessionIndex(articles)
    for p in index.scan():
        assert p.a.article_id != p.b.article_id and 0 <= p.score <= 1
    for m in index.find_in_other_sources(query, article_id="a0", threshold=0.0):
        assert m.passage.article_id != "a0" and 0 <= m.score <= 1
        assert m.suggested_type in ("same", "corroborates", "contradicts", "differs", "related")


def test_a_clause_of_a_long_sentence_matches_and_a_denial_contradicts() -> None:
    claim = "The dictator is considering opening a restaurant in Scotland."
    denial = (
        "The embassy in London has denied reports on Scottish media sites on Monday "
        "that it is planning to open a state-backed restaurant in Scotland."
    )
    index = SessionIndex(
        [
            ArticleText("a", claim),
            ArticleText("b", "Whisky is popular with tourists in Scotland. " + denial),
        ]
    )
    best = index.find_in_other_sources(claim, article_id="a")[0]
    assert best.passage.text == denial
    assert best.suggested_type == "contradicts"
    assert any(r.startswith("matching part: “that it is planning") for r in best.reasons)
    assert "negation mismatch: only the second is negated" in best.reasons
