"""Builders for small import fixtures, made at test time in tmp_path.

Shared by tests/importers and tests/reliability (loaded there by path).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def make_pdf(
    pages: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: str | None = None,
    raw_content: Sequence[bytes] | None = None,
    content_filter: str | None = None,
) -> bytes:
    """A minimal valid PDF 1.4: one Helvetica text line per entry, per page.

    Offsets in the xref table are computed from the bytes as they are
    written, so the file is well-formed for any text. ``raw_content``
    replaces the page content streams (for hostile streams), already encoded
    with ``content_filter`` (e.g. "FlateDecode") when one is given.
    """
    contents: list[bytes] = []
    if raw_content is not None:
        contents = list(raw_content)
    else:
        for lines in pages:
            ops = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 720 Td"]
            for line in lines:
                ops.append(_pdf_string(line) + b" Tj T*")
            ops.append(b"ET")
            contents.append(b"\n".join(ops))
    n_pages = len(contents)
    font_id = 3
    first_page = 4
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    for index, content in enumerate(contents):
        page_id = first_page + 2 * index
        content_id = page_id + 1
        kids.append(f"{page_id} 0 R".encode())
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            + f"/Contents {content_id} 0 R ".encode()
            + f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        filter_entry = f" /Filter /{content_filter}" if content_filter else ""
        objects[content_id] = (
            f"<< /Length {len(content)}{filter_entry} >>\nstream\n".encode()
            + content
            + b"\nendstream"
        )
    objects[2] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + f"] /Count {n_pages} >>".encode()
    info_id = first_page + 2 * n_pages
    info = []
    if title is not None:
        info.append(b"/Title " + _pdf_string(title))
    if author is not None:
        info.append(b"/Author " + _pdf_string(author))
    if created is not None:
        info.append(b"/CreationDate " + _pdf_string(created))
    objects[info_id] = b"<< " + b" ".join(info) + b" >>"

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
    for number in range(1, size):
        out.write(f"{offsets[number]:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {size} /Root 1 0 R /Info {info_id} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str = "owner") -> bytes:
    """``data`` re-written by pypdf with RC4-128 encryption (no crypto library needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    path: Path,
    paragraphs: Sequence[str],
    *,
    table: Sequence[Sequence[str]] | None = None,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | None = None,
) -> Path:
    """Write a .docx with python-docx: paragraphs, then an optional table."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table is not None:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    props.created = created or dt.datetime(2020, 1, 1)
    document.save(str(path))
    return path
