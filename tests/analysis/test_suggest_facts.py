"""Fact extraction and the side-by-side comparison on the demo articles and small cases."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from suggest_demo import COURIER, DEMO, HERALD, MERIDIAN

from workbench.analysis.facts.extract import FACETS, FacetRow, Fact, compare_facts, extract_facts
from workbench.analysis.text import ArticleText
from workbench.analysis.time_expressions import find_time_mentions


def _row(rows: list[FacetRow], facet: str, key: str) -> FacetRow:
    found = [r for r in rows if (r.facet, r.key) == (facet, key)]
    assert found, f"no row {facet}/{key} in {[(r.facet, r.key) for r in rows]}"
    return found[0]


def _values(row: FacetRow, article: ArticleText) -> list[str]:
    return [f.value for f in row.values if f.article_id == article.article_id]


@pytest.fixture(scope="module")
def rows() -> list[FacetRow]:
    return compare_facts(DEMO)


def test_casualties_conflict(rows: list[FacetRow]) -> None:
    killed = _row(rows, "casualties", "killed")
    assert killed.conflict
    assert _values(killed, HERALD) == ["0"]
    assert _values(killed, COURIER) == [">=2"]
    assert _values(killed, MERIDIAN) == ["2"]
    assert killed.reason == "none injured vs >=2 killed vs 2 killed (workers)"
    implied = next(f for f in killed.values if f.article_id == "herald")
    assert "implied" in implied.note
    injured = _row(rows, "casualties", "injured")
    assert injured.conflict and injured.reason == "none injured vs 5 injured vs 3 injured"


def test_event_date_conflict(rows: list[FacetRow]) -> None:
    row = _row(rows, "time", "event date")
    assert row.conflict
    assert _values(row, HERALD) == ["2026-03-09"]
    assert _values(row, COURIER) == ["2026-03-02..2026-03-08"]
    assert _values(row, MERIDIAN) == ["2026-03-09"]
    assert row.reason == "2026-03-09 vs 2026-03-02..2026-03-08"
    monday = _values(row, HERALD)
    assert monday and "'on Monday' resolved against 2026-03-12" in row.values[0].note
    other = _row(rows, "time", "other")
    assert not other.conflict  # "shipping resumed on Tuesday" is not the event's date


@pytest.mark.parametrize(
    ("key", "herald", "courier", "meridian"),
    [
        ("drone", ["4"], ["12"], ["6"]),
        ("patrol boat", ["2"], ["3"], ["2"]),
        ("cargo ship", ["14"], ["20"], ["14"]),
    ],
)
def test_quantity_conflicts(
    rows: list[FacetRow], key: str, herald: list[str], courier: list[str], meridian: list[str]
) -> None:
    row = _row(rows, "quantities", key)
    assert row.conflict
    assert (_values(row, HERALD), _values(row, COURIER), _values(row, MERIDIAN)) == (
        herald,
        courier,
        meridian,
    )


def test_same_tonnage_is_no_conflict(rows: list[FacetRow]) -> None:
    row = _row(rows, "quantities", "tonne")
    assert not row.conflict
    assert {f.article_id for f in row.values} == {"herald", "meridian"}


def test_source_and_speaker_conflicts(rows: list[FacetRow]) -> None:
    source = _row(rows, "attribution", "source")
    assert source.conflict
    assert source.reason == "Harbour Gazette vs Northern Courier vs ministry vs Daily Meridian"
    speaker = _row(rows, "attribution", "speaker")
    assert speaker.conflict
    assert speaker.reason == "Elena Varga vs Tomas Reyl vs Ana Petrov"
    varga = [f for f in speaker.values if f.text == "Varga said"]
    assert varga and varga[0].value == "Elena Varga" and "taken as" in varga[0].note


def test_place_conflict(rows: list[FacetRow]) -> None:
    row = _row(rows, "place", "location")
    assert row.conflict
    assert _values(row, HERALD) == ["port of Kestrel Bay"]
    assert _values(row, COURIER) == ["Kestrel Bay container terminal"]
    assert _values(row, MERIDIAN) == ["northern pier of Kestrel Bay"]


def test_conflicts_come_first_and_every_row_is_well_formed(rows: list[FacetRow]) -> None:
    flags = [r.conflict for r in rows]
    assert flags == sorted(flags, reverse=True)
    assert sum(flags) >= 9
    for row in rows:
        assert row.facet in FACETS and row.values
        if row.scope == "main" and row.key != "source chain":
            assert bool(row.reason) == row.conflict
        else:  # background and the source chain explain themselves, never conflict
            assert row.reason and not row.conflict
        for fact in row.values:
            article = next(a for a in DEMO if a.article_id == fact.article_id)
            assert article.text[fact.start : fact.end] == fact.text


def test_spans_point_into_the_article() -> None:
    for article in DEMO:
        for fact in extract_facts(article):
            assert article.text[fact.start : fact.end] == fact.text
            assert fact.facet in FACETS


def test_near_identical_places_do_not_conflict() -> None:
    a = ArticleText(
        "a", "Drones hit the port of Kestrel Bay on Monday.", datetime.date(2026, 3, 12)
    )
    b = ArticleText("b", "Drones hit Kestrel Bay's port on Monday.", datetime.date(2026, 3, 12))
    c = ArticleText(
        "c", "Drones hit the port of Kestrel Bay early on Monday.", datetime.date(2026, 3, 12)
    )
    rows = compare_facts([a, b, c])
    assert not any(r.conflict for r in rows), [
        (r.facet, r.key, r.reason) for r in rows if r.conflict
    ]


def test_single_article_has_no_conflicts() -> None:
    rows = compare_facts([HERALD])
    assert rows and not any(r.conflict for r in rows)


def test_compare_nothing() -> None:
    assert compare_facts([]) == []
    assert extract_facts(ArticleText("empty", "")) == []


@pytest.mark.parametrize(
    ("words", "published", "value"),
    [
        ("on Monday", datetime.date(2026, 3, 12), "2026-03-09"),
        ("on Thursday", datetime.date(2026, 3, 12), "2026-03-12"),
        ("last Thursday", datetime.date(2026, 3, 12), "2026-03-05"),
        ("next Monday", datetime.date(2026, 3, 12), "2026-03-16"),
        ("yesterday", datetime.date(2026, 3, 1), "2026-02-28"),
        ("last week", datetime.date(2026, 3, 12), "2026-03-02..2026-03-08"),
        ("earlier this month", datetime.date(2026, 3, 12), "2026-03-01..2026-03-11"),
        ("last month", datetime.date(2026, 1, 10), "2025-12-01..2025-12-31"),
        ("on the 9th", datetime.date(2026, 3, 13), "2026-03-09"),
        ("on the 26th", datetime.date(2026, 3, 13), "2026-02-26"),
        ("9 March", datetime.date(2026, 3, 13), "2026-03-09"),
        ("March 9, 2026", None, "2026-03-09"),
        ("Dec. 30", datetime.date(2026, 1, 2), "2025-12-30"),
        ("in March 2025", None, "2025-03-01..2025-03-31"),
    ],
)
def test_time_resolution(words: str, published: datetime.date | None, value: str) -> None:
    mentions = find_time_mentions(f"It happened {words}.", published)
    assert [m.value for m in mentions] == [value]


def test_weekday_without_publication_date_keeps_the_word() -> None:
    (mention,) = find_time_mentions("The strike came on Monday.", None)
    assert (
        mention.value == "Monday"
        and mention.resolved is None
        and "no publication date" in mention.note
    )


def test_fact_is_plain_data() -> None:
    fact = Fact("casualties", "a", 0, 4, "none", "injured", "0", 0.0)
    assert fact.number == 0 and fact.note == ""


_WORDS = st.sampled_from(
    [
        "No one", "was", "injured", "killed", "at least", "two", "12", "30,000", "drones", "people",
        "on Monday", "last week", "on the 9th", "9 March", "according to", "the", "Harbour Gazette",
        "said", "Elena Varga", "port of", "Kestrel Bay", "in", "near", "dozens of", ",", ".", '"',
        "\n\n", "Minister", "reported", "dead", "more than", "none", "hurt", "U.S.", "-",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join), st.none() | st.dates())
def test_any_text_gives_well_formed_facts(text: str, published: datetime.date | None) -> None:
    article = ArticleText("p", text, published)
    for fact in extract_facts(article):
        assert article.text[fact.start : fact.end] == fact.text
        assert fact.facet in FACETS and fact.key and fact.value
    compare_facts([article, ArticleText("q", text[::-1], published)])
