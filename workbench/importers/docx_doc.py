"""Word documents (.docx): check the zip container, then read the text.

python-docx trusts the zip it is given. A few kilobytes of zip can declare
gigabytes of content, so the container is inspected first: its directory
(member count, declared sizes, ratios), then every member is inflated in
small chunks, without keeping the output, to prove it is no bigger than
declared. That second pass matters: zipfile's read() inflates a whole
member before truncating it to the declared size, so a zip that lies about
its sizes would otherwise blow up inside python-docx.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from workbench.errors import ImportRefused
from workbench.importers.limits import ImportLimits, format_limit_mb, format_mb
from workbench.importers.metadata_dates import parse_date
from workbench.importers.normalize import clean_field, clean_title
from workbench.importers.types import Extracted

MAIN_PART = "word/document.xml"
# Ratio checks apply only to members above this size: small XML parts
# compress very well and are harmless.
RATIO_CHECK_MIN_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED_FLAG = 0x1


def check_docx_container(data: bytes, *, path: str, limits: ImportLimits) -> None:
    """Refuse ``data`` unless it is a zip that is safe to hand to python-docx.

    Checks: it is a zip, the member count, the total declared uncompressed
    size, the overall and per-member compression ratios, that the main
    document part exists, and that no member inflates past its declared size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportRefused(
            path,
            "not a valid .docx (not a zip file; old .doc files and "
            "password-protected documents are not supported)",
        ) from None
    except Exception as exc:  # zipfile raises assorted errors on hostile input
        raise ImportRefused(path, f"not a valid .docx (damaged zip: {_one_line(exc)})") from None
    if len(members) > limits.docx_max_members:
        raise ImportRefused(
            path,
            f"the .docx has {len(members):,} parts; the limit is "
            f"{limits.docx_max_members:,} (zip bomb?)",
        )
    total = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members)
    if total > limits.docx_max_uncompressed:
        raise ImportRefused(
            path,
            f"the .docx would expand to {format_mb(total)}; the limit is "
            f"{format_limit_mb(limits.docx_max_uncompressed)} (zip bomb?)",
        )
    if _too_compressed(total, packed, limits):
        raise ImportRefused(path, _ratio_reason("the .docx", total, packed, limits))
    for info in members:
        if _too_compressed(info.file_size, info.compress_size, limits):
            raise ImportRefused(
                path,
                _ratio_reason(
                    f"part '{info.filename}'", info.file_size, info.compress_size, limits
                ),
            )
    if MAIN_PART not in {info.filename for info in members}:
        raise ImportRefused(path, f"not a Word document ({MAIN_PART} is missing)")
    for info in members:
        _verify_member(data, info, path)


def _verify_member(data: bytes, info: zipfile.ZipInfo, path: str) -> None:
    """Inflate one member chunk by chunk and refuse it if it exceeds its declared size."""
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise ImportRefused(path, "password-protected .docx files are not supported")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ImportRefused(
            path,
            f"not a valid .docx (part '{info.filename}' uses an unsupported compression method)",
        )
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise ImportRefused(path, "not a valid .docx (damaged zip: truncated member)")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != _LOCAL_SIGNATURE:
        raise ImportRefused(path, "not a valid .docx (damaged zip: bad member header)")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        produced = len(raw)
    else:
        produced = _inflated_size(raw, info.file_size, path)
    if produced > info.file_size:
        raise ImportRefused(
            path,
            f"part '{info.filename}' is larger than the zip declares (zip bomb?)",
        )


def _inflated_size(raw: memoryview, declared: int, path: str) -> int:
    """Bytes a raw deflate stream inflates to, stopping once past ``declared``."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        for offset in range(0, len(raw), _CHUNK):
            pending = bytes(raw[offset : offset + _CHUNK])
            while pending:
                produced += len(inflater.decompress(pending, _CHUNK))
                if produced > declared:
                    return produced
                pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise ImportRefused(path, f"not a valid .docx (damaged zip: {exc})") from None
    return produced


def _too_compressed(size: int, packed: int, limits: ImportLimits) -> bool:
    return size > RATIO_CHECK_MIN_BYTES and size > limits.docx_max_ratio * max(packed, 1)


def _ratio_reason(what: str, size: int, packed: int, limits: ImportLimits) -> str:
    ratio = size / max(packed, 1)
    return (
        f"{what} is compressed {ratio:,.0f}:1 ({format_mb(size)} from {packed:,} bytes); "
        f"the limit is {limits.docx_max_ratio:g}:1 (zip bomb?)"
    )


def extract_docx(data: bytes, *, path: str, limits: ImportLimits) -> Extracted:
    """Extract paragraphs and table text, plus core-property metadata."""
    check_docx_container(data, path=path, limits=limits)
    # Imported here: python-docx is slow to import and only needed for .docx.
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        props = document.core_properties
        meta = {
            "title": props.title,
            "author": props.author,
            "created": props.created,
            "language": props.language,
        }
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx/lxml errors on damaged documents
        raise ImportRefused(path, f"malformed .docx ({_one_line(exc)})") from None
    return Extracted(
        text="\n\n".join(block for block in blocks if block.strip()),
        title=clean_title(meta["title"]),
        author=clean_field(meta["author"]),
        published=parse_date(meta["created"]),
        language=clean_field(meta["language"]),
    )


def _blocks(container: Any) -> Iterator[str]:
    """Paragraph texts, and one tab-separated line per table row, in order."""
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):
            yield from _table_rows(item)
        else:
            yield str(item.text)


def _table_rows(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(" ".join(_blocks(cell)).split()))
        line = "\t".join(cells)
        if line.strip():
            yield line


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
