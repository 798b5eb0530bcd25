"""Child process that reads one PDF: bytes on stdin, a JSON result on stdout.

Run as a script (``python -P pdf_worker.py MEMORY MAX_CHARS TIMEOUT``) by
``pdf_doc``, never imported by the app: a hostile PDF can make a parser
loop or allocate without bound, and only a separate process can be killed
and capped. This file uses only the standard library and pypdf, so the
child does not import the rest of the app.

Exit status 0 means a JSON object was written: either
``{"ok": true, "text", "title", "author", "created", "language", "pages"}``
or ``{"ok": false, "error": kind, "detail": text}`` where kind is
"encrypted", "limit", "malformed", "too_long" (detail = character count)
or "unavailable" (pypdf is not installed).
Exit status 3 means the memory cap was hit.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import math
import os
import sys
import warnings
from typing import Any

EXIT_MEMORY = 3


def _cap_resources(memory_bytes: int, timeout_s: float) -> None:
    """Cap address space and CPU time; no-op where ``resource`` is missing."""
    try:
        import resource
    except ImportError:  # Windows: the parent's wall-clock timeout still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # CPU cap as a backstop: if the app dies mid-parse, nothing is left to
    # kill this process on timeout.
    cpu = math.ceil(timeout_s) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def extract(data: bytes, max_chars: int) -> dict[str, Any]:
    """Read ``data`` as a PDF and return the result object described above."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs are encrypted only against editing, with an empty
            # user password; any viewer opens those, so we do too.
            try:
                opened = bool(reader.decrypt(""))
            except Exception as exc:  # e.g. AES without a crypto library
                return {"ok": False, "error": "encrypted", "detail": str(exc)}
            if not opened:
                return {"ok": False, "error": "encrypted", "detail": "password required"}
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > max_chars:
                return {"ok": False, "error": "too_long", "detail": str(total)}
            pages.append(text)
        info = _info(reader)
    except LimitReachedError as exc:
        return {"ok": False, "error": "limit", "detail": str(exc)}
    except MemoryError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        return {"ok": False, "error": "malformed", "detail": str(exc) or type(exc).__name__}
    return {"ok": True, "text": "\n\n".join(pages), "pages": len(pages), **info}


def _info(reader: Any) -> dict[str, str | None]:
    """Title, author, raw creation date and language; damaged entries give None."""
    result: dict[str, str | None] = {
        "title": None,
        "author": None,
        "created": None,
        "language": None,
    }
    # Metadata is optional: a damaged Info dict must not fail the import.
    with contextlib.suppress(Exception):
        meta = reader.metadata or {}
        result["title"] = _text(meta.get("/Title"))
        result["author"] = _text(meta.get("/Author"))
        result["created"] = _text(meta.get("/CreationDate"))
    with contextlib.suppress(Exception):
        result["language"] = _text(reader.trailer["/Root"].get("/Lang"))
    return result


def main(argv: list[str]) -> int:
    """Entry point: parse limits from ``argv``, read stdin, write JSON."""
    memory_bytes, max_chars, timeout_s = int(argv[1]), int(argv[2]), float(argv[3])
    # pypdf warns and logs freely about damaged files; the parent reports
    # the outcome, and stray output would only clutter its stderr pipe.
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    try:
        import pypdf  # noqa: F401  (loaded before the cap: the cap is for the PDF)
    except ImportError as exc:
        _write({"ok": False, "error": "unavailable", "detail": str(exc)})
        return 0
    data = sys.stdin.buffer.read()
    _cap_resources(memory_bytes, timeout_s)
    try:
        _write(extract(data, max_chars))
    except MemoryError:
        # Exit at once: handling the error might itself need memory.
        os._exit(EXIT_MEMORY)
    return 0


def _write(result: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
