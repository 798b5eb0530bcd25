"""Claim memory: a claim judged in one session is recalled in another."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLE_A, ARTICLE_B, claim_by_quote
from workbench import ops
from workbench.errors import NotFound
from workbench.queries.recall import recall
from workbench.storage.store import Library

LATER = (
    "A week later a second outlet repeated that nobody was injured in the drone attack "
    "on the fuel depot. The port reopened on Friday."
)


@pytest.fixture
def judged(lib: Library) -> dict[str, str]:
    first = ops.create_session(lib, "Strike, week 1").target_id or ""
    a = ops.add_article(lib, first, "Herald", ARTICLE_A).target_id or ""
    b = ops.add_article(lib, first, "Courier", ARTICLE_B).target_id or ""
    none_hurt = claim_by_quote(lib, a, ARTICLE_A, "No one was injured in the attack")
    ops.set_verdict(lib, none_hurt, "False", rationale="two died")
    claim_by_quote(lib, b, ARTICLE_B, "A dozen drones took part in the attack")  # unjudged
    later = ops.create_session(lib, "Strike, week 2").target_id or ""
    c = ops.add_article(lib, later, "Gazette", LATER).target_id or ""
    repeat = claim_by_quote(
        lib, c, LATER, "nobody was injured in the drone attack on the fuel depot"
    )
    return {"none_hurt": none_hurt, "repeat": repeat, "first": first}


def test_a_judged_claim_is_recalled_from_another_session(
    lib: Library, judged: dict[str, str]
) -> None:
    [best, *_] = recall(lib, claim_id=judged["repeat"])
    assert best.claim_id == judged["none_hurt"]
    assert (best.verdict, best.rationale, best.session_id) == ("False", "two died", judged["first"])
    assert best.tier in ("strong", "likely") and best.reasons
    assert best.judged is not None and best.judged_by == "tester"


def test_unjudged_claims_and_unrelated_text_are_not_recalled(
    lib: Library, judged: dict[str, str]
) -> None:
    found = recall(lib, text="A dozen drones took part in the attack")
    assert all(p.verdict != "Unchecked" for p in found)
    assert recall(lib, text="The mayor opened the new public library on Saturday") == []
    # A claim is never recalled from its own session.
    assert all(p.session_id != judged["first"] for p in recall(lib, claim_id=judged["none_hurt"]))
    with pytest.raises(NotFound):
        recall(lib, claim_id="00000000-0000-0000-0000-000000000000")
