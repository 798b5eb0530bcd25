"""Fact extraction on sentences of real FNC-1 reports, labelled by hand
(bench/facts_fnc1_labelled.py); ``make bench`` prints the full figures.

The sentences are kept in the repository, so the rules and the
must-yield-nothing cases are checked without the corpus; the in-body figures
(each sentence read in its whole report) need the corpus and are skipped
without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.corpus import load_bodies
from bench.facts_fnc1_labelled import HELD_OUT, ITEMS
from bench.facts_quality import Report, score
from workbench.analysis.facts.extract import FACETS

CORPUS = Path(
    os.environ.get("FNC1_CORPUS", Path(__file__).resolve().parents[3] / "shared/corpora/fnc1")
)


def _record(report: Report, prefix: str, record: Callable[[str, object], None]) -> None:
    for facet, s in report.facets.items():
        record(f"{prefix}{facet}_precision", round(s.precision, 3))
        record(f"{prefix}{facet}_recall", round(s.recall, 3))


def test_the_labelled_set_covers_every_facet_both_scopes_and_silence() -> None:
    facts = [f for item in ITEMS for f in item.facts]
    assert len(facts) >= 150
    assert {f[0] for f in facts} == set(FACETS)
    assert sum(1 for f in facts if f[3] == "background") >= 30
    assert sum(1 for item in ITEMS if not item.facts) >= 10
    assert len({item.body for item in ITEMS}) >= 20


def test_sentences_that_state_no_fact_yield_none() -> None:
    report = score()
    assert report.quiet_sentences >= 10
    assert report.noisy_sentences == []
    held = score(HELD_OUT)
    assert held.quiet_sentences >= 3 and held.noisy_sentences == []


def test_rules_on_the_sentences_read_alone(record_property: Callable[[str, object], None]) -> None:
    report = score()
    _record(report, "alone_", record_property)
    low = {
        facet: (round(s.precision, 2), round(s.recall, 2))
        for facet, s in report.facets.items()
        if s.precision < 0.6 or s.recall < 0.6
    }
    assert not low, "\n".join(report.lines())
    matched = sum(s.matched for s in report.facets.values())
    predicted = sum(s.predicted for s in report.facets.values())
    labelled = sum(s.labelled for s in report.facets.values())
    assert matched / predicted >= 0.8 and matched / labelled >= 0.8, "\n".join(report.lines())


@pytest.mark.skipif(not (CORPUS / "train_bodies.csv").is_file(), reason="FNC-1 corpus not here")
def test_in_the_whole_reports(
    record_property: Callable[[str, object], None], capsys: pytest.CaptureFixture[str]
) -> None:
    bodies = dict(load_bodies(CORPUS))
    report = score(bodies=bodies)  # also checks every sentence is found in its body
    _record(report, "", record_property)
    with capsys.disabled():
        print("\nfacts on hand-labelled FNC-1 sentences:\n" + "\n".join(report.lines()))
    matched = sum(s.matched for s in report.facets.values())
    predicted = sum(s.predicted for s in report.facets.values())
    labelled = sum(s.labelled for s in report.facets.values())
    assert matched / predicted >= 0.85 and matched / labelled >= 0.85
    assert all(s.precision >= 0.7 and s.recall >= 0.7 for s in report.facets.values())
    assert report.scope_right / report.scope_total >= 0.85
    assert report.background_found / report.background_predicted >= 0.9
    held = score(HELD_OUT, bodies=bodies)
    _record(held, "held_out_", record_property)
    with capsys.disabled():
        print("held out:\n" + "\n".join(held.lines()))
    matched = sum(s.matched for s in held.facets.values())
    assert matched / sum(s.predicted for s in held.facets.values()) >= 0.8
    assert matched / sum(s.labelled for s in held.facets.values()) >= 0.75
