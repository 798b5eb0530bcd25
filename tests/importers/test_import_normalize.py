"""Normalisation of imported text (offsets depend on it) and date parsing."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.importers.metadata_dates import parse_date
from workbench.importers.normalize import choose_title, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\n", "a\nb\nc"),
        ("  lead and trail  \n\n", "lead and trail"),
        ("line   \t\nnext", "line\nnext"),
        ("one\n\n\n\n\ntwo", "one\n\ntwo"),
        ("one\n  \n \t \n\ntwo", "one\n\ntwo"),
        ("kept\n\nblank", "kept\n\nblank"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("nul\x00and\x07bell\x1bescape", "nulandbellescape"),
        ("tab\tkept", "tab\tkept"),
        ("page one\fpage two", "page one\npage two"),
        ("line\u2028sep\u2029para\x85nel", "line\nsep\npara\nnel"),
        ("\ufeffbom at start", "bom at start"),
        ("e\x00\u0301", "\u00e9"),  # removing a control must not leave a decomposed pair
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400))
def test_normalize_is_idempotent_and_clean(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\r" not in once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "\n\n\n" not in once
    for line in once.split("\n"):
        assert line == line.rstrip()
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in once)
    once.encode("utf-8")  # no lone surrogates: the database must accept it


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-09", "2026-03-09"),
        ("2026-3-9", "2026-03-09"),
        ("2026/03/09", "2026-03-09"),
        ("2026-03-09T10:30:00Z", "2026-03-09"),
        ("9 March 2026", "2026-03-09"),
        ("9th March 2026", "2026-03-09"),
        ("Monday 9 March 2026", "2026-03-09"),
        ("9 Mar. 2026", "2026-03-09"),
        ("March 9, 2026", "2026-03-09"),
        ("Mon, Mar 9 2026", "2026-03-09"),
        ("sept 1, 2025", "2025-09-01"),
        ("D:20260309120000+01'00'", "2026-03-09"),
        (dt.datetime(2026, 3, 9, 23, 59), "2026-03-09"),
        (dt.date(2026, 3, 9), "2026-03-09"),
        ("31 February 2026", None),
        ("2026-13-01", None),
        ("Marchember 9, 2026", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20260309, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("meta", "text", "stem", "expected"),
    [
        ("Meta title", "First line\nbody", "file", "Meta title"),
        ("  spaced \n title ", "x", "file", "spaced title"),
        (None, "\n\nFirst line\nbody", "file", "First line"),
        (None, "x" * 200 + "\nbody", "file", "file"),
        (None, "USA\n\nBody.", "file", "file"),
        (None, "World\n\nBody.", "file", "file"),
        (None, "As revealed by the New York Times.\nBody.", "file", "file"),
        (None, "The strike killed two men on Monday.\nBody.", "file", "file"),
        (None, "x" * 199, "file", "x" * 199),
        ("", "", "", "Untitled"),
        ("T" * 1000, "", None, "T" * 299 + "…"),
    ],
)
def test_choose_title(meta: str | None, text: str, stem: str | None, expected: str) -> None:
    assert choose_title(meta, text, stem) == expected
