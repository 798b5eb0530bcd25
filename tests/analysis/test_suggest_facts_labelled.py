"""Precision and recall of fact extraction per facet on the labelled set (facts_labelled.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from facts_labelled import LABELLED

from workbench.analysis.facts.extract import FACETS, extract_facts
from workbench.analysis.text import ArticleText

FLOOR = 0.8


def _score() -> dict[str, tuple[int, int, int]]:
    """Per facet: (true positives, predicted, expected), matching (facet, key, value)."""
    totals = {facet: [0, 0, 0] for facet in FACETS}
    for k, item in enumerate(LABELLED):
        article = ArticleText(f"labelled-{k}", item.text, item.published)
        predicted = Counter((f.facet, f.key, f.value) for f in extract_facts(article))
        expected = Counter(item.facts)
        for facet in FACETS:
            p = Counter({t: n for t, n in predicted.items() if t[0] == facet})
            e = Counter({t: n for t, n in expected.items() if t[0] == facet})
            totals[facet][0] += sum((p & e).values())
            totals[facet][1] += sum(p.values())
            totals[facet][2] += sum(e.values())
    return {facet: (t[0], t[1], t[2]) for facet, t in totals.items()}


def test_labelled_set_is_large_enough() -> None:
    expected = sum(len(item.facts) for item in LABELLED)
    assert expected >= 60
    assert all(any(t[0] == facet for item in LABELLED for t in item.facts) for facet in FACETS)


def test_precision_and_recall_per_facet(
    record_property: Callable[[str, object], None], capsys: pytest.CaptureFixture[str]
) -> None:
    scores = _score()
    lines = []
    failing = []
    for facet, (tp, predicted, expected) in scores.items():
        precision = tp / predicted if predicted else 1.0
        recall = tp / expected if expected else 1.0
        lines.append(
            f"{facet:12s} precision {precision:.2f} ({tp}/{predicted})  "
            f"recall {recall:.2f} ({tp}/{expected})"
        )
        record_property(f"{facet}_precision", round(precision, 3))
        record_property(f"{facet}_recall", round(recall, 3))
        if precision < FLOOR or recall < FLOOR:
            failing.append(facet)
    with capsys.disabled():
        print("\nfact extraction on the labelled set:\n" + "\n".join(lines))
    assert not failing, f"below {FLOOR}: {failing}\n" + "\n".join(lines)


@pytest.mark.parametrize("k", range(len(LABELLED)))
def test_each_labelled_sentence_is_handled(k: int) -> None:
    """Not a gate: a sentence read differently from its labels shows as xfail (see ``-rx``)."""
    item = LABELLED[k]
    got = sorted(
        (f.facet, f.key, f.value)
        for f in extract_facts(ArticleText("x", item.text, item.published))
    )
    if got != sorted(item.facts):
        pytest.xfail(f"extracted {got}, labelled {sorted(item.facts)}")
