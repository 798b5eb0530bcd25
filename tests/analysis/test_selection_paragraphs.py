"""Word snapping of selections and display paragraphs (Qt-free helpers)."""

from __future__ import annotations

from workbench.analysis.paragraphs import display_breaks
from workbench.analysis.selection import snap_to_words

TEXT = "No one was injured, officials said; 30,000 tonnes of well-known fuel don't burn."


def _snap(a: int, b: int) -> str:
    s, e = snap_to_words(TEXT, a, b)
    return TEXT[s:e]


def test_a_span_inside_words_grows_to_whole_words() -> None:
    assert _snap(TEXT.index("one") + 1, TEXT.index("injured") + 3) == "one was injured"
    assert _snap(TEXT.index("30,000") + 4, TEXT.index("tonnes") + 2) == "30,000 tonnes"
    assert _snap(TEXT.index("known"), TEXT.index("fuel") + 4) == "well-known fuel"
    assert _snap(TEXT.index("don't") + 4, TEXT.index("burn") + 1) == "don't burn"


def test_a_span_on_word_edges_or_punctuation_is_kept() -> None:
    start = TEXT.index("was")
    assert _snap(start, start + 3) == "was"
    assert _snap(start - 1, start + 3) == " was"  # the space is trimmed by add_claim
    comma = TEXT.index(", officials")
    assert snap_to_words(TEXT, comma, comma + 2) == (comma, comma + 2)  # no word: untouched
    assert snap_to_words(TEXT, 5, 5) == (5, 5)
    assert TEXT[slice(*snap_to_words(TEXT, 9, 4))] == "one was"  # reversed: ordered


def test_single_line_paragraphs_get_breaks_only_between_paragraphs() -> None:
    para = "A fuel depot was hit by drones on Monday, officials said, in the first attack " * 2
    text = f"Headline\nBy a reporter\n{para}\n{para}\n\n{para}"
    breaks = display_breaks(text)
    lines = text.split("\n")
    starts = [sum(len(x) + 1 for x in lines[:k]) for k in range(len(lines))]
    assert breaks == [starts[1], starts[2], starts[3]]  # not before or after the blank line
    assert all(text[b - 1] == "\n" for b in breaks)


def test_hand_wrapped_or_blank_line_text_gets_no_breaks() -> None:
    assert (
        display_breaks("\n".join(["short hand-wrapped line of about sixty characters"] * 9)) == []
    )
    assert display_breaks(("long paragraph " * 20 + "\n\n") * 3) == []
    assert display_breaks("one line only " * 20) == []
