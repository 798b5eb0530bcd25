"""Language knowledge behind matching: lemmas, rarity, aliases, acronyms, demonyms,
number words and news synonyms; tiers of the fitted model; the labelled FNC-1 pairs."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bench.fnc1_pairs import MATCH_LABELS, PAIRS, LabelledPair
from workbench.analysis.lexicon import default_aliases, learn_acronyms, lemma, rarity
from workbench.analysis.matching.fitted_model import TIERS, model
from workbench.analysis.matching.index import ArticleText, SessionIndex
from workbench.analysis.terms import profile


def test_lemmas_meet_across_inflections() -> None:
    assert lemma("loaded") == "load"
    assert lemma("deaths") == "death"
    assert lemma("struck") == "strike"
    assert profile("The tankers were loaded").terms & profile("a tanker loads").terms >= {
        "tanker",
        "load",
    }


def test_general_rarity_weighs_explosion_above_said() -> None:
    assert rarity("explosion") > 2 * rarity("said")
    assert rarity("kestrel") >= rarity("explosion")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The U.S. said", "The United States said"),
        ("America said", "the US said"),
        ("Britain said", "the UK said"),
        ("the UN said", "the United Nations said"),
        ("Venezuelan officials", "officials in Venezuela"),
    ],
)
def test_aliases_and_demonyms_are_one_term(a: str, b: str) -> None:
    shared = {t for t in profile(a).terms & profile(b).terms if t.startswith("=")}
    assert shared, (profile(a).terms, profile(b).terms)


def test_the_pronoun_us_is_not_the_country() -> None:
    assert not any(t.startswith("=") for t in profile("They told us about it").terms)


def test_acronyms_defined_in_the_session_are_learned() -> None:
    found = learn_acronyms(["The Central Intelligence Agency (CIA) carried out the attack."])
    assert found == {"cia": ("central", "intelligence", "agency")}
    aliases = default_aliases().with_acronyms({"ncsc": ("national", "cyber", "centre")})
    assert profile("the NCSC warned", aliases).terms & profile(
        "the National Cyber Centre warned", aliases
    ).terms >= {"=ncsc"}
    index = SessionIndex(
        [
            ArticleText("a", "The National Cyber Security Centre (NCSC) issued a warning."),
            ArticleText("b", "Hackers breached the grid, the NCSC said in its warning."),
        ]
    )
    matches = index.find_in_other_sources(index.passages[0].text, article_id="a")
    assert matches and any("NCSC" in r for r in matches[0].reasons), matches


def test_number_words_and_synonyms_meet() -> None:
    a, b = profile("four drones hit the pier"), profile("4 drones struck the dock")
    assert {"4", "drone", "~dock", "~attack"} <= a.terms & b.terms
    killed, dead = profile("two were killed"), profile("two people are dead")
    assert "~kill" in killed.terms & dead.terms


def test_the_rewritten_blast_pair_is_found_with_its_reasons() -> None:
    index = SessionIndex(
        [
            ArticleText("a", "A big blast hit the pier where crews load fuel onto the tankers."),
            ArticleText(
                "b",
                "The weather was cold all week. There was a large explosion at the site where "
                "the tankers were being filled with fuel.",
            ),
        ]
    )
    matches = index.find_in_other_sources(index.passages[0].text, article_id="a")
    assert matches[0].passage.text.startswith("There was a large explosion")
    assert matches[0].tier in TIERS
    similar = next(r for r in matches[0].reasons if r.startswith("similar words: "))
    assert "blast ~ explosion" in similar and "big ~ large" in similar


def test_tiers_are_ordered_and_validated() -> None:
    m = model()
    assert 0 < m.tiers["possible"] < m.tiers["likely"] < m.tiers["strong"] < 1
    assert m.tier(m.tiers["strong"]) == "strong"
    assert m.tier(m.tiers["likely"]) == "likely"
    assert m.tier(m.tiers["possible"] - 1e-6) == ""


# ---------------------------------------------------------------------- labelled pairs


def _sessions() -> dict[str, SessionIndex]:
    """Per story, one article per body made of its labelled sentences, in body order."""
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for p in PAIRS:
        for body, text in ((p.body_a, p.text_a), (p.body_b, p.text_b)):
            if text not in sentences[p.story][body]:
                sentences[p.story][body].append(text)
    return {
        story: SessionIndex(
            [ArticleText(str(b), "\n\n".join(texts)) for b, texts in sorted(bodies.items())]
        )
        for story, bodies in sentences.items()
    }


SESSIONS = _sessions()


def test_the_labelled_set_is_large_and_mixed() -> None:
    labels = [p.label for p in PAIRS]
    assert len(PAIRS) >= 80
    assert {labels.count(k) >= 10 for k in (*MATCH_LABELS, "none")} == {True}


def _top3(p: LabelledPair) -> list[str]:
    index = SESSIONS[p.story]
    found = index.find_in_other_sources(p.text_a, article_id=str(p.body_a), limit=50)
    return [m.passage.text for m in found if m.passage.article_id == str(p.body_b)][:3]


def test_must_match_pairs_are_mostly_in_the_top_three() -> None:
    pairs = [p for p in PAIRS if p.label in MATCH_LABELS]
    hits = sum(p.text_b in _top3(p) for p in pairs)
    assert hits >= 0.8 * len(pairs), f"{hits}/{len(pairs)}"


@pytest.mark.parametrize(
    "pair", [p for p in PAIRS if p.label == "none"], ids=lambda p: p.text_a[:30]
)
def test_must_not_match_pairs_are_never_likely_nor_proposed(pair: LabelledPair) -> None:
    index = SESSIONS[pair.story]
    found = index.find_in_other_sources(pair.text_a, article_id=str(pair.body_a), limit=50)
    for m in found:
        if m.passage.text == pair.text_b:
            assert m.tier in ("possible", ""), m
    for prop in index.scan():
        assert {prop.a.text, prop.b.text} != {pair.text_a, pair.text_b}, prop


def test_scan_proposes_real_pairs_with_their_types() -> None:
    expected = {frozenset((p.text_a, p.text_b)): p.label for p in PAIRS if p.label in MATCH_LABELS}
    proposed = 0
    for index in SESSIONS.values():
        for prop in index.scan():
            key = frozenset((prop.a.text, prop.b.text))
            proposed += key in expected
    assert proposed >= 0.35 * len(expected), f"{proposed}/{len(expected)}"
