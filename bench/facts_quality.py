"""Precision and recall of fact extraction on the FNC-1 sentences labelled in
``bench/facts_fnc1_labelled.py``.

Each labelled sentence is found in its FNC-1 body; the whole body is read as
one article (with the publication date the labeller assumed), so the lead,
earlier dates and names count as they do in the app; the facts whose span
starts inside the sentence are compared with the labels. Without the corpus
(``bodies=None``) each sentence is read alone.

A predicted fact matches a label of the same facet and key when the values
agree: counts and dates exactly; places and names when the words of one are
among the words of the other ("Reuters" / "Reuters news agency"); for
quantities the counted noun's head ("prominent cartoonist" / "cartoonist").
Scope (main event or background) is scored on the matched facts.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bench.facts_fnc1_labelled import ITEMS, Item
from workbench.analysis.facts.extract import FACETS, Fact, extract_facts
from workbench.analysis.text import ArticleText

Label = tuple[str, str, str, str]


@dataclass
class FacetScore:
    matched: int = 0
    predicted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0


@dataclass
class Report:
    facets: dict[str, FacetScore] = field(default_factory=lambda: {f: FacetScore() for f in FACETS})
    scope_right: int = 0
    scope_total: int = 0
    background_found: int = 0  # matched facts labelled background and predicted so
    background_predicted: int = 0
    background_labelled: int = 0
    quiet_sentences: int = 0  # sentences labelled with nothing
    noisy_sentences: list[tuple[int, str, list[str]]] = field(default_factory=list)
    misses: list[tuple[int, Label]] = field(default_factory=list)
    extras: list[tuple[int, tuple[str, str, str]]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for facet, s in self.facets.items():
            out.append(
                f"{facet:12s} precision {s.precision:.2f} ({s.matched}/{s.predicted})  "
                f"recall {s.recall:.2f} ({s.matched}/{s.labelled})"
            )
        total = FacetScore(
            sum(s.matched for s in self.facets.values()),
            sum(s.predicted for s in self.facets.values()),
            sum(s.labelled for s in self.facets.values()),
        )
        out.append(
            f"{'all':12s} precision {total.precision:.2f} ({total.matched}/{total.predicted})  "
            f"recall {total.recall:.2f} ({total.matched}/{total.labelled})"
        )
        bg_p = (
            self.background_found / self.background_predicted if self.background_predicted else 1.0
        )
        bg_r = self.background_found / self.background_labelled if self.background_labelled else 1.0
        acc = self.scope_right / self.scope_total if self.scope_total else 1.0
        out.append(
            f"{'scope':12s} right on {acc:.2f} of matched facts ({self.scope_right}/"
            f"{self.scope_total}); background precision {bg_p:.2f} "
            f"({self.background_found}/{self.background_predicted}) recall {bg_r:.2f} "
            f"({self.background_found}/{self.background_labelled})"
        )
        quiet_ok = self.quiet_sentences - len(self.noisy_sentences)
        out.append(
            f"{'nothing':12s} {quiet_ok}/{self.quiet_sentences} sentences labelled with no "
            "fact yield none"
        )
        return out


_DROP = re.compile(r"[’']s\b|[.,“”\"]")


def _words(value: str) -> set[str]:
    return {w for w in _DROP.sub(" ", value.lower()).split() if w not in ("the", "a", "an", "of")}


def _head(key: str) -> str:
    word = key.split()[-1].lower()
    return word[:-1] if word.endswith("s") else word


def values_match(facet: str, key: str, label: str, got: Fact) -> bool:
    if facet == "quantities":
        return _head(key) == _head(got.key) and label == got.value
    if key != got.key:
        return False
    if facet in ("place", "attribution"):
        a, b = _words(label), _words(got.value)
        return bool(a) and bool(b) and (a <= b or b <= a)
    return label == got.value


def _predicted(
    item: Item, bodies: Mapping[int, str] | None, cache: dict[object, list[Fact]]
) -> list[Fact]:
    published = datetime.date.fromisoformat(item.published) if item.published else None
    if bodies is None:
        return extract_facts(ArticleText(f"s{id(item)}", item.sentence, published))
    text = bodies[item.body]
    start = text.find(item.sentence)
    if start < 0:
        raise ValueError(
            f"labelled sentence not found in FNC-1 body {item.body}: {item.sentence[:60]}"
        )
    key = (item.body, item.published)
    if key not in cache:
        cache[key] = extract_facts(ArticleText(str(item.body), text, published))
    end = start + len(item.sentence)
    return [f for f in cache[key] if start <= f.start < end]


def score(items: Sequence[Item] = ITEMS, bodies: Mapping[int, str] | None = None) -> Report:
    """Score extraction on ``items``; ``bodies`` maps FNC-1 body ids to their text."""
    report = Report()
    cache: dict[object, list[Fact]] = {}
    for item in items:
        got = _predicted(item, bodies, cache)
        if not item.facts:
            report.quiet_sentences += 1
            if got:
                report.noisy_sentences.append(
                    (item.body, item.sentence, [f"{f.facet}/{f.key}={f.value}" for f in got])
                )
        free = list(got)
        for f in got:
            report.facets[f.facet].predicted += 1
        for label in item.facts:
            facet, key, value, scope = label
            report.facets[facet].labelled += 1
            if scope == "background" and facet != "attribution":
                report.background_labelled += 1
            match = next(
                (f for f in free if f.facet == facet and values_match(facet, key, value, f)), None
            )
            if match is None:
                report.misses.append((item.body, label))
                continue
            free.remove(match)
            report.facets[facet].matched += 1
            if facet != "attribution":
                report.scope_total += 1
                report.scope_right += match.scope == scope
                if match.scope == "background":
                    report.background_predicted += 1
                    report.background_found += scope == "background"
        report.extras += [(item.body, (f.facet, f.key, f.value)) for f in free]
    return report
