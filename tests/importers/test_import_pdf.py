"""PDF import: text and metadata from a worker process, and its refusals."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import import_fixtures as fx
import pytest

from workbench.errors import ImportRefused
from workbench.importers import ImportLimits, read_article


def write(tmp_path: Path, data: bytes, name: str = "a.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path, **limits: float) -> ImportRefused:
    with pytest.raises(ImportRefused) as info:
        read_article(path, limits=ImportLimits(**limits))  # type: ignore[arg-type]
    assert info.value.path == str(path)
    return info.value


def test_text_pages_and_metadata(tmp_path: Path) -> None:
    data = fx.make_pdf(
        [["Drones hit (fuel) depot", "Four drones were launched."], ["Page two."]],
        title="Port attack",
        author="Jane Roe",
        created="D:20260309221500+01'00'",
    )
    article = read_article(write(tmp_path, data, "report.pdf"))
    assert article.text == "Drones hit (fuel) depot\nFour drones were launched.\n\nPage two."
    assert (article.title, article.author, article.published, article.language) == (
        "Port attack",
        "Jane Roe",
        "2026-03-09",
        "en-GB",
    )
    assert (article.fmt, article.source_name) == ("pdf", "report.pdf")


def test_title_falls_back_to_first_line(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, fx.make_pdf([["Headline", "Body text."]])))
    assert (article.title, article.author, article.published) == ("Headline", None, None)


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    data = fx.encrypt_pdf(fx.make_pdf([["Secret text"]]), user_password="secret")
    assert refusal(write(tmp_path, data)).reason == "encrypted PDF (password required)"


def test_pdf_encrypted_with_empty_user_password_opens(tmp_path: Path) -> None:
    # Only editing is restricted; every viewer opens these without asking.
    data = fx.encrypt_pdf(fx.make_pdf([["Readable text"]]), user_password="")
    assert read_article(write(tmp_path, data)).text == "Readable text"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "malformed PDF (startxref"),
        (b"not a pdf at all", "malformed PDF ("),
        (fx.make_pdf([["Truncated"]])[:200], "malformed PDF ("),
    ],
)
def test_malformed_pdf_is_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    assert refusal(write(tmp_path, data)).reason.startswith(reason)


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    assert refusal(write(tmp_path, fx.make_pdf([[]]))).reason == (
        "no extractable text (scanned PDF?)"
    )


def test_decompression_bomb_hits_pypdf_limits(tmp_path: Path) -> None:
    # 80 MB of zeros in 80 kB, above pypdf's 75 MB cap for one stream.
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(bytes(1 << 20)) for _ in range(80)) + packer.flush()
    data = fx.make_pdf([], raw_content=[bomb], content_filter="FlateDecode")
    reason = refusal(write(tmp_path, data)).reason
    assert reason.startswith("the PDF exceeds the reader's safety limits (")


def test_memory_cap_is_enforced(tmp_path: Path) -> None:
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(b" " * (1 << 20)) for _ in range(70)) + packer.flush()
    data = fx.make_pdf([], raw_content=[stream], content_filter="FlateDecode")
    path = write(tmp_path, data)
    assert refusal(path, pdf_memory_bytes=64 << 20).reason == (
        "the PDF needs more than 64 MB of memory"
    )


def test_timeout_is_enforced(tmp_path: Path) -> None:
    path = write(tmp_path, fx.make_pdf([["Fine text"]]))
    assert refusal(path, pdf_timeout_s=0.01).reason == "reading the PDF timed out after 0.01 s"


def test_text_cap_is_enforced_in_the_worker(tmp_path: Path) -> None:
    path = write(tmp_path, fx.make_pdf([["x" * 60], ["y" * 60]]))
    reason = refusal(path, max_text_chars=100).reason
    match = re.fullmatch(
        r"the extracted text has at least (\d+) characters; the limit is 100", reason
    )
    assert match is not None and int(match.group(1)) > 100
