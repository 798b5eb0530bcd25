"""Facts in the forms real reports use: casualties, scope, time, attribution, noise.

The three "boat strike" reports below are written for these tests after the
shape of real ones (a section label or a credit as first line, no
metadata); quality on real text is measured on FNC-1 in
``test_facts_fnc1.py`` and ``make bench``.
"""

from __future__ import annotations

import datetime

import pytest

from workbench.analysis.facts.extract import FacetRow, Fact, compare_facts, extract_facts
from workbench.analysis.facts.names import attribution_facts
from workbench.analysis.facts.rules import casualty_facts, quantity_facts
from workbench.analysis.facts.scope import sentence_scope
from workbench.analysis.text import ArticleText
from workbench.analysis.time_expressions import find_time_mentions

PUB = datetime.date(2025, 9, 18)


def _cas(sentence: str) -> list[tuple[str, str, str]]:
    return [(f.key, f.value, f.who) for f in casualty_facts(sentence, 0, "a")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The attack resulted in the deaths of at least two of the alleged traffickers, "
            "according to the military.",
            [("killed", ">=2", "traffickers")],
        ),
        ("The strike claimed the lives of 12 civilians.", [("killed", "12", "civilians")]),
        ("The death toll rose to 35 on Tuesday.", [("killed", "35", "")]),
        ("Officials reported three fatalities.", [("killed", "3", "")]),
        (
            "The blast left five people dead and 12 wounded.",
            [("killed", "5", ""), ("injured", "12", "")],
        ),
        ("Violence has claimed more than 1,400 lives in Iraq.", [("killed", ">1400", "")]),
        (
            "Three civilians, including a child, were killed in the shelling.",
            [("killed", "3", "civilians")],
        ),
        ("Dozens of soldiers were wounded.", [("injured", ">=24", "soldiers")]),
        ("Two fishermen remain missing.", [("missing", "2", "fishermen")]),
        ("The gas led to the death of three hundreds of them.", [("killed", "300", "")]),
        ("Up to 40 people were injured.", [("injured", "<=40", "")]),
    ],
)
def test_casualties_in_nominal_passive_and_verbal_forms(
    sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _cas(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "keys"),
    [
        ("No one was hurt, the ministry said.", {"injured", "killed"}),
        ("No injuries were reported.", {"injured", "killed"}),
        ("There were no fatalities.", {"killed"}),
        ("The boat was destroyed without casualties.", {"injured", "killed"}),
        ("The crew escaped unharmed.", {"injured", "killed"}),
        ("Reynolds and other crew members were unhurt.", {"injured", "killed"}),
        ("Nobody was killed.", {"killed"}),
    ],
)
def test_negations_are_counts_of_zero(sentence: str, keys: set[str]) -> None:
    found = casualty_facts(sentence, 0, "a")
    assert found and {f.key for f in found} == keys
    assert all(f.value == "0" and f.number == 0 for f in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two accounts stated that the boat was in international waters.",
        "The two countries have not commented.",
        "Peace talks between the two countries resumed.",
        "The three men were seen near the port.",
        "The four physicians who treated them said there was no question.",
        "Details on the other two incidents remain sketchy.",
        "Two officials said the strike was legal.",
        "He was killed in 2013.",
    ],
)
def test_noise_quantities_are_not_facts(sentence: str) -> None:
    assert quantity_facts(sentence, 0, "a", []) == []
    assert all(f.facet != "quantities" for f in extract_facts(ArticleText("a", sentence, PUB)))


@pytest.mark.parametrize(
    "sentence",
    [
        "If Kim does not turn up, it could fuel speculation, experts said.",
        "If the figures are confirmed, it would be the deadliest campaign, he said.",
        "When asked, officials said nothing.",
        "Early reports of the overnight raid were sketchy.",
        "Meanwhile another account suggests he was wounded.",
    ],
)
def test_speakers_are_never_function_words(sentence: str) -> None:
    names = {f.value.split()[0].lower() for f in attribution_facts(sentence, 0, "a")}
    assert not names & {"if", "when", "early", "meanwhile", "another", "officials"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The boat was hit, according to the military.", [("source", "military")]),
        ("As revealed by the New York Times, the boat was hit.", [("source", "New York Times")]),
        (
            "CBS News reported the strike, citing sources close to the operation.",
            [("source", "CBS News"), ("source", "sources close to the operation")],
        ),
        (
            "The New York Times, which cites sources close to the operation, said two men lived.",
            [("source", "New York Times"), ("source", "sources close to the operation")],
        ),
        (
            "Defense Secretary Pete Hegseth told reporters the boat carried drugs.",
            [("speaker", "Pete Hegseth")],
        ),
        (
            "“It is a loss,” Rear Adm. John Kirby, the Pentagon press secretary, said.",
            [("speaker", "John Kirby")],
        ),
        (
            "Lucy Somers told The Associated Press she learned of it.",
            [("speaker", "Lucy Somers"), ("source", "Associated Press")],
        ),
        ("The Pentagon on Friday confirmed the death.", [("source", "Pentagon")]),
        (
            "A Somali government spokesman said the page was not official.",
            [("source", "Somali government spokesman")],
        ),
    ],
)
def test_attributions_in_their_common_forms(sentence: str, expected: list[tuple[str, str]]) -> None:
    got = [(f.key, f.value) for f in attribution_facts(sentence, 0, "a")]
    assert sorted(got) == sorted(expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "Since September, the campaign has destroyed thirty boats and killed more than 100 of "
        "their occupants.",
        "Such strikes have killed at least 80 people so far this year.",
        "The toll of the war has risen to 200,000.",
        "In total, 40 boats have been hit.",
        "It was used during World War I, killing thousands.",
        "A similar strike last year killed 11 people.",
        "The siege last September at the mall left 67 people dead.",
    ],
)
def test_background_is_told_by_stated_evidence(sentence: str) -> None:
    scope, why = sentence_scope(sentence, in_lead=False, published=PUB)
    assert scope == "background" and why


def test_lead_and_reported_speech_stay_with_the_main_event() -> None:
    assert sentence_scope("Drones hit the port on Monday.", in_lead=True)[0] == "main"
    said = "The governor said the depot had been evacuated in time."
    assert sentence_scope(said, in_lead=False)[0] == "main"


def test_a_background_cue_counts_in_its_own_clause_only() -> None:
    text = (
        "Godane, blamed for the attack on a shopping mall last year, was killed on Monday in a "
        "US strike, the Pentagon said."
    )
    facts = extract_facts(ArticleText("a", text, datetime.date(2014, 9, 5)))
    when = {(f.value, f.scope) for f in facts if f.facet == "time"}
    assert ("2014-09-01", "main") in when
    assert ("2013-01-01..2013-12-31", "background") in when


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("at the beginning of this month", "2025-09-01..2025-09-10"),
        ("late last month", "2025-08-22..2025-08-31"),
        ("early last week", "2025-09-08..2025-09-09"),
        ("earlier in the week", "2025-09-15..2025-09-17"),
        ("over the weekend", "2025-09-13..2025-09-14"),
        ("two days ago", "2025-09-16"),
        ("last September", "2024-09-01..2024-09-30"),
        ("in 2010", "2010-01-01..2010-12-31"),
    ],
)
def test_relative_times_become_intervals(words: str, value: str) -> None:
    (mention,) = find_time_mentions(f"It happened {words}.", PUB)
    assert mention.value == value and mention.resolved is not None


def test_times_counted_from_the_date_named_before() -> None:
    (m,) = find_time_mentions("Two days earlier, it sank.", PUB, datetime.date(2025, 9, 1))
    assert m.value == "2025-08-30" and "counted from 2025-09-01" in m.note
    (m,) = find_time_mentions("Two days earlier, it sank.", PUB, None)
    assert m.resolved is None
    assert find_time_mentions("It came two days after the Pentagon spoke.", PUB) == []


def test_the_day_a_thing_was_said_is_not_the_event_date() -> None:
    text = "The Pentagon said Friday that a US airstrike killed the militant leader on Monday."
    facts = extract_facts(ArticleText("a", text, datetime.date(2014, 9, 5)))
    keys = {f.value: f.key for f in facts if f.facet == "time"}
    assert keys == {"2014-09-05": "other", "2014-09-01": "event date"}


# --------------------------------------------------------------------------- three reports

EL_DIARIO = (
    "USA\n\n"
    "The United States military carried out a new attack at the beginning of this month against "
    "a boat in the Caribbean that Washington says was carrying drugs. The attack resulted in the "
    "deaths of at least two of the alleged traffickers, according to the military.\n\n"
    "Since September, the campaign has destroyed thirty boats and killed more than 100 of their "
    "occupants. If the figures are confirmed, it would be the deadliest campaign of its kind.\n\n"
    "Two accounts stated that the boat was in international waters. The two countries have not "
    "commented."
)
LA_CRONICA = (
    "As revealed by the New York Times.\n\n"
    "A US strike hit a suspected drug boat in the Caribbean last week. No one was hurt, the New "
    "York Times reported, citing sources close to the operation.\n\n"
    "Officials said the vessel was carrying cocaine."
)
THE_POST = (
    "US strikes boat off Venezuela, crew unharmed\n\n"
    "The US military struck a vessel off the coast of Venezuela on Monday. The crew escaped "
    "unharmed, according to the New York Times, which cites sources close to the operation.\n\n"
    "Defense Secretary Pete Hegseth told reporters the boat belonged to a cartel. Such strikes "
    "have killed at least 80 people so far this year."
)


def _reports(dated: bool) -> list[ArticleText]:
    dates = (
        (datetime.date(2025, 9, 18), datetime.date(2025, 9, 18), datetime.date(2025, 9, 17))
        if dated
        else (None, None, None)
    )
    return [
        ArticleText("diario", EL_DIARIO, dates[0]),
        ArticleText("cronica", LA_CRONICA, dates[1]),
        ArticleText("post", THE_POST, dates[2]),
    ]


def _row(rows: list[FacetRow], facet: str, key: str, scope: str = "main") -> FacetRow:
    found = [r for r in rows if (r.facet, r.key, r.scope) == (facet, key, scope)]
    assert found, [(r.facet, r.key, r.scope) for r in rows]
    return found[0]


def _by_article(row: FacetRow) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in row.values:
        out.setdefault(f.article_id, []).append(f.value)
    return out


def test_three_reports_casualty_conflict_and_background_apart() -> None:
    rows = compare_facts(_reports(dated=True))
    killed = _row(rows, "casualties", "killed")
    assert killed.conflict
    assert _by_article(killed) == {"diario": [">=2"], "cronica": ["0"], "post": ["0"]}
    assert "(traffickers)" in killed.reason
    background = _row(rows, "casualties", "killed", "background")
    assert not background.conflict
    assert _by_article(background) == {"diario": [">100"], "post": [">=80"]}
    assert all(f.scope_note for f in background.values)


def test_three_reports_time_conflict_only_once_dates_are_set() -> None:
    undated = compare_facts(_reports(dated=False))
    when = _row(undated, "time", "event date")
    assert not when.conflict
    assert all("no publication date" in f.note for f in when.values)
    assert sorted(f.value for f in when.values) == [
        "Monday",
        "at the beginning of this month",
        "last week",
    ]
    dated = compare_facts(_reports(dated=True))
    when = _row(dated, "time", "event date")
    assert when.conflict
    assert _by_article(when) == {
        "diario": ["2025-09-01..2025-09-10"],
        "cronica": ["2025-09-08..2025-09-14"],
        "post": ["2025-09-15"],
    }


def test_three_reports_attributions_everywhere_and_the_source_chain() -> None:
    rows = compare_facts(_reports(dated=True))
    chain = _row(rows, "attribution", "source chain")
    assert set(_by_article(chain)) == {"diario", "cronica", "post"}
    assert chain.reason.startswith("2 reports credit New York Times: one source retold.")
    assert "military ← 1 report" in chain.reason


def test_three_reports_show_no_noise() -> None:
    facts: list[Fact] = [f for a in _reports(dated=True) for f in extract_facts(a)]
    quantities = {(f.key, f.value) for f in facts if f.facet == "quantities"}
    assert quantities == {("boat", "30")}  # the campaign's boats, kept as background
    speakers = {f.value for f in facts if f.facet == "attribution"}
    assert not {v for v in speakers if v.split()[0] in ("If", "Two", "The")}
    assert all(f.facet != "quantities" or f.scope == "background" for f in facts)
