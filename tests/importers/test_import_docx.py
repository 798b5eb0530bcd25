"""Word (.docx) import: text, tables, metadata, and container checks."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import import_fixtures as fx
import pytest

from workbench.errors import ImportRefused
from workbench.importers import ImportLimits, read_article


def test_paragraphs_tables_and_core_properties(tmp_path: Path) -> None:
    path = fx.make_docx(
        tmp_path / "report.docx",
        [
            "Drones hit fuel depot",
            "",
            "Four drones were launched from the sea.",
            "No one was hurt.",
        ],
        table=[["Source", "Drones"], ["Gazette", "4"]],
        title="Port attack",
        author="Jane Roe",
        created=dt.datetime(2026, 3, 9, 22, 15),
    )
    article = read_article(path)
    assert article.text == (
        "Drones hit fuel depot\n\n"
        "Four drones were launched from the sea.\n\n"
        "No one was hurt.\n\n"
        "Source\tDrones\n\n"
        "Gazette\t4"
    )
    assert (article.title, article.author, article.published) == (
        "Port attack",
        "Jane Roe",
        "2026-03-09",
    )
    assert (article.fmt, article.source_name, article.encoding) == ("docx", "report.docx", None)


def test_title_falls_back_to_first_paragraph(tmp_path: Path) -> None:
    path = fx.make_docx(tmp_path / "a.docx", ["Headline here", "Body."])
    assert read_article(path).title == "Headline here"


def test_merged_table_cells_are_not_repeated(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "wide"
    table.cell(0, 2).text = "narrow"
    document.save(str(tmp_path / "m.docx"))
    assert read_article(tmp_path / "m.docx").text == "wide\tnarrow"


def test_document_without_text_is_refused(tmp_path: Path) -> None:
    path = fx.make_docx(tmp_path / "blank.docx", ["", "   "])
    with pytest.raises(ImportRefused) as info:
        read_article(path)
    assert info.value.reason == "no text found"


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text, not a zip", "not a valid .docx (not a zip file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "not a valid .docx (not a zip file"),
    ],
)
def test_not_a_zip(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "old.docx").write_bytes(data)
    with pytest.raises(ImportRefused) as info:
        read_article(tmp_path / "old.docx")
    assert info.value.reason.startswith(reason)
    assert info.value.path == str(tmp_path / "old.docx")


def test_zip_without_word_document_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "a.docx", {"[Content_Types].xml": b"<Types/>"})
    with pytest.raises(ImportRefused) as info:
        read_article(path)
    assert info.value.reason == "not a Word document (word/document.xml is missing)"


def test_too_many_members_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "a.docx", {f"word/part{i}.xml": b"<x/>" for i in range(30)})
    with pytest.raises(ImportRefused) as info:
        read_article(path, limits=ImportLimits(docx_max_members=20))
    assert info.value.reason == "the .docx has 30 parts; the limit is 20 (zip bomb?)"


def test_total_uncompressed_size_is_capped(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "a.docx",
        {"word/document.xml": b"<x/>", "word/media/a.bin": bytes(range(256)) * 8192},
    )
    with pytest.raises(ImportRefused) as info:
        read_article(path, limits=ImportLimits(docx_max_uncompressed=1024 * 1024))
    assert info.value.reason == "the .docx would expand to 2.1 MB; the limit is 1 MB (zip bomb?)"


def test_compression_ratio_is_capped(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "a.docx", {"word/document.xml": b"<x/>", "word/media/zeros.bin": bytes(5 << 20)}
    )
    with pytest.raises(ImportRefused) as info:
        read_article(path)
    assert info.value.reason.startswith("the .docx is compressed ")
    assert info.value.reason.endswith("the limit is 100:1 (zip bomb?)")


def test_per_member_ratio_is_capped(tmp_path: Path) -> None:
    # Overall ratio below the limit thanks to an incompressible member.
    path = write_zip(
        tmp_path / "a.docx",
        {
            "word/document.xml": b"<x/>",
            "word/media/noise.bin": os.urandom(2 << 20),
            "word/media/zeros.bin": bytes(4 << 20),
        },
    )
    with pytest.raises(ImportRefused) as info:
        read_article(path, limits=ImportLimits(docx_max_ratio=50))
    assert info.value.reason.startswith("part 'word/media/zeros.bin' is compressed ")


def test_malformed_document_xml_is_refused(tmp_path: Path) -> None:
    good = fx.make_docx(tmp_path / "good.docx", ["Text"])
    with zipfile.ZipFile(good) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["word/document.xml"] = b"<w:document><unclosed>"
    path = write_zip(tmp_path / "bad.docx", members)
    with pytest.raises(ImportRefused) as info:
        read_article(path)
    assert info.value.reason.startswith("malformed .docx (")
