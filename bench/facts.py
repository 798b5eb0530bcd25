"""Fact extraction on real reporting: precision and recall per facet on the FNC-1
sentences labelled by hand (bench/facts_fnc1_labelled.py: a development set
and a held-out set), and its speed.

Quality is measured with each sentence read in its whole body (as in the app)
and, as the baseline, with the sentence read alone (no lead, no earlier
dates or names). Speed: extracting the facts of every FNC-1 body, beside
only splitting them into sentences.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.corpus import load_bodies
from bench.facts_fnc1_labelled import HELD_OUT, ITEMS
from bench.facts_quality import score
from workbench.analysis.facts.extract import extract_facts
from workbench.analysis.text import ArticleText, split_sentences


def main(corpus: Path) -> None:
    bodies = dict(load_bodies(corpus))
    labelled = sum(len(i.facts) for i in ITEMS)
    quiet = sum(1 for i in ITEMS if not i.facts)
    print(
        f"{labelled} facts labelled in {len(ITEMS)} sentences of "
        f"{len({i.body for i in ITEMS})} FNC-1 bodies ({quiet} sentences must yield nothing)"
    )
    in_body = score(bodies=bodies)
    alone = score()
    print("\nread in its body (as in the app):")
    print("\n".join("  " + line for line in in_body.lines()))
    print("\nbaseline, each sentence read alone:")
    print("\n".join("  " + line for line in alone.lines()))
    if in_body.misses:
        print("\nmissed (body, label):")
        for body, label in in_body.misses:
            print(f"  {body}: {label}")
    if in_body.extras:
        print("extracted but not labelled (body, fact):")
        for body, fact in in_body.extras:
            print(f"  {body}: {fact}")

    held = score(HELD_OUT, bodies=bodies)
    print(
        f"\nheld out: {sum(len(i.facts) for i in HELD_OUT)} facts in {len(HELD_OUT)} sentences "
        "of two stories labelled after the rules were written (read in their bodies):"
    )
    print("\n".join("  " + line for line in held.lines()))

    texts = [ArticleText(str(b), t) for b, t in bodies.items()]
    t0 = time.perf_counter()
    for a in texts:
        split_sentences(a.text)
    split_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = sum(len(extract_facts(a)) for a in texts)
    facts_s = time.perf_counter() - t0
    chars = sum(len(a.text) for a in texts)
    print(
        f"\nspeed: facts of all {len(texts)} bodies ({chars / 1e6:.1f} M characters): "
        f"{facts_s:.2f} s, {n} facts ({1000 * facts_s / len(texts):.1f} ms a body); "
        f"baseline, sentence splitting only: {split_s:.2f} s"
    )
