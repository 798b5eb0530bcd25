"""read_article's refusals, pasted text, and fuzzing every format."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

import import_fixtures as fx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import EncodingUncertain, ImportRefused
from workbench.importers import (
    DEFAULT_LIMITS,
    SUPPORTED_SUFFIXES,
    ImportedArticle,
    ImportLimits,
    from_pasted_text,
    read_article,
)


def refused(path: Path | str, **kwargs: object) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        read_article(path, **kwargs)  # type: ignore[arg-type]
    # The message names the file, then says why, on one line.
    assert str(info.value) == f"{path}: {info.value.reason}"
    assert "\n" not in str(info.value)
    return info.value


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".docx",
        ".pdf",
    )


def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "gone.txt").reason == "file not found"


def test_unsupported_type(tmp_path: Path) -> None:
    (tmp_path / "a.xyz").write_text("text")
    assert refused(tmp_path / "a.xyz").reason == (
        "unsupported file type '.xyz' (supported: .txt, .text, .md, .markdown, .html, .htm, "
        ".docx, .pdf)"
    )
    (tmp_path / "README").write_text("text")
    assert refused(tmp_path / "README").reason.startswith(
        "unsupported file type (no file extension) (supported: .txt"
    )


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    (tmp_path / "LOUD.TXT").write_text("Hello")
    assert read_article(tmp_path / "LOUD.TXT").text == "Hello"


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    assert refused(tmp_path / "empty.md").reason == "file is empty"


@pytest.mark.parametrize("name", ["blank.txt", "blank.md"])
def test_whitespace_only(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b" \r\n\t\n   \n")
    assert refused(tmp_path / name).reason == "no text found"


def test_too_large_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is really written
    assert refused(path).reason == "file is 20.1 MB; the limit is 20 MB"
    small = ImportLimits(max_file_bytes=1000)
    path.write_bytes(b"x" * 1001)
    assert refused(path, limits=small).reason == "file is 1,001 bytes; the limit is 1,000 bytes"


def test_text_over_the_character_cap(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("word " * 30)
    reason = refused(tmp_path / "long.txt", limits=ImportLimits(max_text_chars=100)).reason
    assert reason == "the extracted text has 149 characters; the limit is 100"


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert refused(tmp_path / "folder.txt").reason == "is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert refused(tmp_path / "pipe.txt").reason == "not a regular file"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    assert refused(path).reason == "permission denied"


def test_binary_content_in_a_text_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert refused(tmp_path / "image.txt").reason == "looks like a binary file, not text"


def test_uncertain_encoding_then_retry(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes("Привет, как дела?".encode("cp1251"))
    with pytest.raises(EncodingUncertain) as info:
        read_article(path)
    assert str(info.value).startswith(f"{path}: the text encoding could not be detected")
    article = read_article(path, encoding="cp1251")
    assert (article.text, article.encoding) == ("Привет, как дела?", "cp1251")


def test_pasted_text() -> None:
    article = from_pasted_text(
        "\ufeff  Drones hit the port\r\n\r\n\r\n\r\nFour drones.  \r\n",
        outlet=" Harbour Gazette ",
        author="",
        url="https://example.org/a",
        published="March 9, 2026",
    )
    assert article == ImportedArticle(
        text="Drones hit the port\n\nFour drones.",
        title="Drones hit the port",
        outlet="Harbour Gazette",
        author=None,
        url="https://example.org/a",
        published="2026-03-09",
        source_name="pasted text",
        fmt="pasted",
    )
    assert from_pasted_text("body", title="  Given\ntitle ").title == "Given title"


def test_pasted_text_refusals() -> None:
    with pytest.raises(ImportRefused) as info:
        from_pasted_text(" \r\n\t ")
    assert str(info.value) == "pasted text: no text found"
    with pytest.raises(ImportRefused) as info:
        from_pasted_text("body", published="the other day")
    assert info.value.reason == "date 'the other day' not recognised; use YYYY-MM-DD"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_pasted_text_is_normalised_or_refused(text: str) -> None:
    try:
        article = from_pasted_text(text)
    except ImportRefused as exc:
        # Refused only when nothing visible was pasted.
        assert exc.reason == "no text found"
        assert all(
            ch.isspace() or unicodedata.category(ch) == "Cc" or ch == "\ufeff" for ch in text
        )
        return
    assert "\r" not in article.text
    assert article.text and article.title
    assert from_pasted_text(article.text).text == article.text  # stable on re-import


# Random bytes under every suffix, plus damaged real files: only refusals may
# escape read_article. PDFs cost a worker process each, so fewer of them.
_FUZZ_SUFFIXES = [s for s in SUPPORTED_SUFFIXES if s != ".pdf"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(_FUZZ_SUFFIXES))
def test_fuzz_random_bytes_only_refusals(tmp_path: Path, data: bytes, suffix: str) -> None:
    assert_only_refusals(tmp_path / f"fuzz{suffix}", data)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000))
def test_fuzz_random_bytes_as_pdf(tmp_path: Path, data: bytes) -> None:
    assert_only_refusals(tmp_path / "fuzz.pdf", b"%PDF-1.4\n" + data)


# Text dense in markup characters, so the Markdown and HTML paths get exercised.
_MARKUP_TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("<>/&;#[]()*_`!-=:'\" \n\tabcxyzé€\u200b\r")),
        st.sampled_from(["<p>", "</p>", "<script>", "<!--", "-->", "---\n", "```", "&amp;"]),
        st.characters(),
    ),
    max_size=300,
).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_MARKUP_TEXT, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_fuzz_text_content_only_refusals(tmp_path: Path, text: str, suffix: str) -> None:
    assert_only_refusals(tmp_path / f"fuzz{suffix}", text.encode("utf-8", "surrogatepass"))


_GOOD_DOCX_CACHE: dict[str, bytes] = {}


def good_docx(tmp_dir: Path) -> bytes:
    if "docx" not in _GOOD_DOCX_CACHE:
        path = fx.make_docx(tmp_dir / "good.docx", ["Title", "Body text."], table=[["a", "b"]])
        _GOOD_DOCX_CACHE["docx"] = path.read_bytes()
    return _GOOD_DOCX_CACHE["docx"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_fuzz_damaged_docx(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    data = bytearray(good_docx(tmp_path))
    for position, value in edits:
        data[position % len(data)] = value
    assert_only_refusals(tmp_path / "damaged.docx", bytes(data))


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_fuzz_damaged_pdf(tmp_path: Path, edits: list[tuple[int, int]]) -> None:
    data = bytearray(fx.make_pdf([["Some text", "More text"]], title="T"))
    for position, value in edits:
        data[position % len(data)] = value
    assert_only_refusals(tmp_path / "damaged.pdf", bytes(data))


def assert_only_refusals(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        article = read_article(path)
    except ImportRefused as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert article.text and article.title
    assert article.text == article.text.strip() and "\r" not in article.text
    assert len(article.text) <= DEFAULT_LIMITS.max_text_chars
