"""Real news sentences for the claim-memory tests, and a library that judged them.

The sentences are pairs of the Microsoft Research Paraphrase Corpus (in
``../shared/corpora/paraphrase``; ids are the corpus's sentence ids): the
first of each pair is judged in a past session, the second (the same claim
in other words, by another outlet) turns up in a new one. ``UNRELATED`` is a
sentence of another MSRP story that must not be recalled.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import claim_by_quote
from workbench import ops
from workbench.storage.store import Library

# msr-para-val.tsv, pair 2158854 / 2158971
DRUCE = "Druce will face murder charges, Conte said."
DRUCE_PARAPHRASE = "Conte said Druce will be charged with murder."
# msr-para-val.tsv, pair 1479718 / 1479546
STOCKS = (
    "Stocks have rallied sharply for more than three months in anticipation of a rebound "
    "in the second half of the year."
)
STOCKS_PARAPHRASE = (
    "Stocks have rallied sharply for more than three months in anticipation of an economic "
    "rebound in the year's second half."
)
# msr-para-train.tsv, pair 702876 / 702977
AMROZI = (
    'Amrozi accused his brother, whom he called "the witness", of deliberately distorting '
    "his evidence."
)
AMROZI_PARAPHRASE = (
    'Referring to him as only "the witness", Amrozi accused his brother of deliberately '
    "distorting his evidence."
)
# msr-para-train.tsv, sentence 738533 (another story)
UNRELATED = (
    "Revenue in the first quarter of the year dropped 15 percent from the same period "
    "a year earlier."
)

PAST_TEXT = f"{DRUCE} {AMROZI}\n\n{STOCKS}"
NEW_TEXT = f"{DRUCE_PARAPHRASE} {UNRELATED}\n\n{AMROZI_PARAPHRASE} {STOCKS_PARAPHRASE}"
PAST_TITLE = "Wire stories, week 1"
RATIONALE = "Prosecutors filed a manslaughter charge, not murder."
EVIDENCE = (
    {"url": "https://example.org/court-filing", "title": "Court filing", "excerpt": "manslaughter"},
    {"citation": "Statement of the district attorney, 12 June", "title": "DA statement"},
)


@dataclass
class Memory:
    past_session: str
    past_article: str
    druce: str  # judged False, with a rationale and two pieces of evidence
    stocks: str  # judged Mostly True
    amrozi: str  # marked but not judged
    new_session: str
    new_article: str


def judged_library(lib: Library, *, new_scale: str = "politifact") -> Memory:
    """A past session with judged claims, and a new session (``new_scale``)
    whose one article repeats two of them in other words."""
    past = ops.create_session(lib, PAST_TITLE).target_id or ""
    art = ops.add_article(lib, past, "Wire", PAST_TEXT, outlet="Wire service").target_id or ""
    druce = claim_by_quote(lib, art, PAST_TEXT, DRUCE)
    ops.set_verdict(lib, druce, "False", rationale=RATIONALE)
    for ev in EVIDENCE:
        ops.add_evidence(lib, druce, **ev)
    stocks = claim_by_quote(lib, art, PAST_TEXT, STOCKS)
    ops.set_verdict(lib, stocks, "Mostly True", rationale="Indexes rose 14 weeks in a row.")
    amrozi = claim_by_quote(lib, art, PAST_TEXT, AMROZI)
    new = ops.create_session(lib, "Wire stories, week 2", scale=new_scale).target_id or ""
    new_art = ops.add_article(lib, new, "Daily", NEW_TEXT, outlet="Daily Post").target_id or ""
    return Memory(past, art, druce, stocks, amrozi, new, new_art)
