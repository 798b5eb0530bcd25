"""Quote previews end at a whole word with an ellipsis."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.preview import ELLIPSIS, shorten

QUOTE = "No one was injured in the attack at the time of the strike, officials said."


def test_a_long_quote_ends_at_a_whole_word() -> None:
    out = shorten(QUOTE, 40)
    assert out == "No one was injured in the attack at the…"
    assert len(out) <= 40
    assert "time o" not in shorten(QUOTE, 45)


def test_short_quotes_and_exact_fits_are_untouched() -> None:
    assert shorten("Four drones", 40) == "Four drones"
    assert shorten(QUOTE, len(QUOTE)) == QUOTE


def test_trailing_punctuation_is_dropped_before_the_ellipsis() -> None:
    assert shorten("The port, officials said, was closed", 16) == "The port…"
    assert shorten("He said “the depot was empty”", 12) == "He said…"


def test_line_breaks_fold_for_one_line_previews_and_stay_for_tooltips() -> None:
    text = "First paragraph here.\n\nSecond paragraph is longer than the rest"
    assert "\n" not in shorten(text, 30)
    assert shorten(text, 30, one_line=False).startswith("First paragraph here.\n")


def test_one_endless_word_is_cut_inside_it() -> None:
    url = "https://example.org/" + "a" * 100
    assert shorten(url, 30) == url[:29] + ELLIPSIS
    assert shorten("word " + url, 30) == ("word " + url)[:29] + ELLIPSIS


@given(st.text(alphabet=st.sampled_from([*"ab ,.\n", "é"]), max_size=80), st.integers(1, 60))
def test_never_longer_than_the_limit_and_always_a_prefix(text: str, limit: int) -> None:
    out = shorten(text, limit)
    folded = " ".join(text.split())
    assert len(out) <= limit
    if out.endswith(ELLIPSIS) and len(folded) > limit:
        assert folded.startswith(out[:-1])
    else:
        assert out == folded
