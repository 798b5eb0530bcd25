"""Sentence segmentation: hard cases with exact offsets, and properties that hold for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from suggest_demo import DEMO

from workbench.analysis.text import Sentence, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr. Smith met Dr. Jones and Mrs. Brown. They talked.",
            ["Mr. Smith met Dr. Jones and Mrs. Brown.", "They talked."],
            id="titles",
        ),
        pytest.param(
            "The U.S. Navy sent ships. Officials in the U.S. The talks began.",
            ["The U.S. Navy sent ships.", "Officials in the U.S.", "The talks began."],
            id="acronym-then-opener",
        ),
        pytest.param(
            "Use tools, e.g. drones and boats. Then stop.",
            ["Use tools, e.g. drones and boats.", "Then stop."],
            id="e.g.",
        ),
        pytest.param(
            "It happened on Jan. 9 in St. Louis. Nobody saw it.",
            ["It happened on Jan. 9 in St. Louis.", "Nobody saw it."],
            id="month-and-saint",
        ),
        pytest.param(
            "J. R. Smith and A. B. Jones arrived. The meeting began.",
            ["J. R. Smith and A. B. Jones arrived.", "The meeting began."],
            id="initials",
        ),
        pytest.param(
            "Prices rose 3.5 percent to 1,200.75 dollars. Markets fell.",
            ["Prices rose 3.5 percent to 1,200.75 dollars.", "Markets fell."],
            id="decimals",
        ),
        pytest.param(
            "He waited... and waited. Then... The door opened.",
            ["He waited... and waited.", "Then...", "The door opened."],
            id="ellipsis",
        ),
        pytest.param(
            "It was over \u2026 The crowd left.",
            ["It was over \u2026", "The crowd left."],
            id="unicode-ellipsis",
        ),
        pytest.param(
            '"We are safe," he said. "Everyone left."',
            ['"We are safe," he said.', '"Everyone left."'],
            id="quote-comma-said",
        ),
        pytest.param(
            '"Stop!" he shouted. "Why?" she asked.',
            ['"Stop!" he shouted.', '"Why?" she asked.'],
            id="quote-exclamation-lowercase",
        ),
        pytest.param(
            "He said \u201cit is done.\u201d Then he left (as planned.) Later he returned.",
            ["He said \u201cit is done.\u201d", "Then he left (as planned.)", "Later he returned."],
            id="closing-quote-and-bracket",
        ),
        pytest.param(
            "First line without a stop\n\nSecond paragraph here.",
            ["First line without a stop", "Second paragraph here."],
            id="paragraph-break",
        ),
        pytest.param(
            "A sentence that wraps\nonto a second line. Next one.",
            ["A sentence that wraps\nonto a second line.", "Next one."],
            id="single-newline-no-break",
        ),
        pytest.param(
            "Items:\n- first item\n- second item",
            ["Items:", "- first item", "- second item"],
            id="list-lines",
        ),
        pytest.param(
            "Vassy Kapelos/Global News\nThe incident came two days later.",
            ["Vassy Kapelos/Global News", "The incident came two days later."],
            id="short-byline-line",
        ),
        pytest.param(
            "He met the Prime Minister of the United Kingdom\nJohn Smith on Monday.",
            ["He met the Prime Minister of the United Kingdom\nJohn Smith on Monday."],
            id="long-wrapped-line",
        ),
        pytest.param(
            "He lives at No. 5 Main Street. It is old.",
            ["He lives at No. 5 Main Street.", "It is old."],
            id="number-abbreviation",
        ),
        pytest.param("Is it true?! Yes.", ["Is it true?!", "Yes."], id="mixed-punctuation"),
        pytest.param(
            "The answer was no. He left.", ["The answer was no.", "He left."], id="no-end"
        ),
        pytest.param("   \n\n  ", [], id="only-whitespace"),
        pytest.param("", [], id="empty"),
    ],
)
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_exact_offsets_with_surrounding_whitespace() -> None:
    text = "  First one.   Second one.\r\n\r\n Third.  "
    assert split_sentences(text) == [
        Sentence(2, 12, "First one."),
        Sentence(15, 26, "Second one."),
        Sentence(31, 37, "Third."),
    ]


def test_demo_quote_sentence_is_whole() -> None:
    herald = DEMO[0].text
    sentences = texts(herald)
    quote = (
        '"Our crews followed the alarm procedure exactly as trained, and everyone was out of the '
        'building within minutes," Varga said.'
    )
    assert quote in sentences
    casualties = (
        "No one was injured in the attack, according to the Harbour Gazette, which first "
        "reported the strike."
    )
    assert casualties in sentences
    assert len(sentences) == 10


def _check_properties(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    covered = [False] * len(text)
    for s in sentences:
        assert s.text == text[s.start : s.end]
        assert s.text == s.text.strip() and s.text
        assert s.start >= previous_end
        previous_end = s.end
        for k in range(s.start, s.end):
            covered[k] = True
    for k, ch in enumerate(text):
        if not ch.isspace():
            assert covered[k], f"character {k} ({ch!r}) is in no sentence"


_PIECES = st.sampled_from(
    [
        "Mr.", "Dr.", "U.S.", "e.g.", "Jan.", "St.", "J.", "R.", "3.5", "...", "\u2026", '"', "'",
        "\u201c", "\u201d", ")", "(", "!", "?", ".", ",", " ", "  ", "\n", "\n\n", "\r\n", "\t",
        "The", "he", "said", "Smith", "drones", "No.", "5", "- ", "\u2029", "\u00a0", "x",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_properties_on_tricky_text(text: str) -> None:
    _check_properties(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_properties_on_any_text(text: str) -> None:
    _check_properties(text)
