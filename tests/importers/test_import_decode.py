"""Text decoding: the encodings users' files really come in, and refusals."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import EncodingUncertain, ImportRefused
from workbench.importers import decode_text

SAMPLE = "Café – “quoted” €5"
FRENCH = "Le gouvernement a annoncé lundi de nouvelles mesures économiques. Naïve façade."


@pytest.mark.parametrize(
    ("data", "expected", "encodings"),
    [
        pytest.param(SAMPLE.encode("utf-8"), SAMPLE, {"utf-8"}, id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SAMPLE.encode(), SAMPLE, {"utf-8-sig"}, id="utf-8-sig"),
        pytest.param(SAMPLE.encode("utf-16"), SAMPLE, {"utf-16"}, id="utf-16-bom"),
        pytest.param(
            codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE, {"utf-16"}, id="utf-16-be-bom"
        ),
        pytest.param(SAMPLE.encode("utf-32"), SAMPLE, {"utf-32"}, id="utf-32-bom"),
        pytest.param(SAMPLE.encode("utf-16-le"), SAMPLE, {"utf-16-le"}, id="utf-16-le-no-bom"),
        pytest.param(SAMPLE.encode("utf-16-be"), SAMPLE, {"utf-16-be"}, id="utf-16-be-no-bom"),
        pytest.param(
            "Привет, мир! Как дела сегодня?".encode("utf-16-le"),
            "Привет, мир! Как дела сегодня?",
            {"utf-16-le"},
            id="utf-16-le-no-bom-cyrillic",
        ),
        pytest.param(SAMPLE.encode("cp1252"), SAMPLE, {"cp1252"}, id="cp1252-short"),
        pytest.param(FRENCH.encode("cp1252"), FRENCH, {"cp1252"}, id="cp1252-french"),
        pytest.param(
            "Café naïve façade à la carte, señor.".encode("latin-1"),
            "Café naïve façade à la carte, señor.",
            {"cp1252", "iso8859-1"},
            id="latin-1",
        ),
        pytest.param("Café".encode("latin-1"), "Café", {"cp1252", "iso8859-1"}, id="latin-1-word"),
    ],
)
def test_detects_common_encodings(data: bytes, expected: str, encodings: set[str]) -> None:
    text, used = decode_text(data)
    assert text.lstrip("\ufeff") == expected
    assert used in encodings


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "Правительство объявило в понедельник о новых мерах поддержки экономики страны. " * 3,
            "cp1251",
        ),
        ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας. " * 3, "cp1253"),
        ("Zażółć gęślą jaźń. Rząd ogłosił w poniedziałek nowe przepisy podatkowe. " * 3, "cp1250"),
        ("これは日本語のテキストです。東京で記者会見が行われました。", "shift_jis"),
    ],
)
def test_detects_non_western_legacy_encodings(text: str, codec: str) -> None:
    decoded, _used = decode_text(text.encode(codec))
    assert decoded == text


def test_short_ambiguous_text_asks_the_user() -> None:
    data = "Привет, как дела?".encode("cp1251")
    with pytest.raises(EncodingUncertain) as info:
        decode_text(data, path="note.txt")
    assert "cp1251" in info.value.candidates
    assert str(info.value).startswith("note.txt: ")
    # The caller retries with the user's choice.
    assert decode_text(data, encoding=info.value.candidates[0])[0] == "Привет, как дела?"


def test_explicit_encoding_wins_over_detection() -> None:
    data = "naïve".encode("cp1252")
    assert decode_text(data, encoding="mac_roman") == ("naÔve", "mac-roman")
    assert decode_text(data, encoding="Latin-1") == ("naïve", "iso8859-1")


@pytest.mark.parametrize(
    ("encoding", "reason"),
    [
        ("utf-8", "cannot be decoded as utf-8 (invalid byte at offset 2)"),
        ("no-such-codec", "unknown text encoding 'no-such-codec'"),
        ("rot13", "'rot13' is not a text encoding"),
    ],
)
def test_explicit_encoding_refusals(encoding: str, reason: str) -> None:
    with pytest.raises(ImportRefused) as info:
        decode_text(b"na\xefve", path="a.txt", encoding=encoding)
    assert info.value.reason.startswith(reason)
    assert info.value.path == "a.txt"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", id="png"),
        pytest.param(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), id="zip"),
        pytest.param(b"abc\x01\x02\x03\x04\x05\x06\x07\x08def", id="control-chars"),
        pytest.param(b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00>\x00", id="elf"),
        pytest.param(b"text\x00more text", id="nul-in-utf8"),
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(ImportRefused) as info:
        decode_text(data, path="x.txt")
    assert info.value.reason == "looks like a binary file, not text"


def test_invalid_utf16_after_bom_is_refused() -> None:
    with pytest.raises(ImportRefused) as info:
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8", path="x.txt")  # lone surrogate
    assert info.value.reason == "is not valid utf-16"


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(ImportRefused) as info:
        decode_text(bytes(range(128, 256)), path="x.txt")
    assert not isinstance(info.value, EncodingUncertain)
    assert info.value.reason == "cannot be decoded as text in any known encoding"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_decode_never_raises_anything_but_refusals(data: bytes) -> None:
    try:
        text, used = decode_text(data)
    except ImportRefused:
        return
    assert isinstance(text, str)
    assert codecs.lookup(used).name == used


# Text as people write it: no control characters other than tab and line ends.
_PROSE = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"], include_characters="\t\n\r"),
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(_PROSE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_encodings_round_trip(text: str, codec: str) -> None:
    decoded, _used = decode_text(text.encode(codec))
    assert decoded.lstrip("\ufeff") == text.lstrip("\ufeff")
