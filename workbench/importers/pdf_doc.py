"""PDF articles: parsed in a child process with a timeout and a memory cap.

pypdf has decompression limits, but a crafted file can still make it loop
or allocate heavily. The child (``pdf_worker.py``) gets the bytes on stdin,
caps its own address space, and is killed if it runs past the timeout; the
app only ever sees a JSON result or a refusal.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

from workbench.errors import ImportRefused
from workbench.importers.limits import ImportLimits, format_limit_mb, too_long_reason
from workbench.importers.metadata_dates import parse_date
from workbench.importers.normalize import clean_field, clean_title, normalize_text
from workbench.importers.types import Extracted

WORKER = Path(str(files("workbench.importers") / "pdf_worker.py"))
# In a bundle (PyInstaller) there is no separate Python to run the worker
# script with: the bundle's own executable runs it when given this flag first.
FROZEN_WORKER_FLAG = "--pdf-worker"
EXIT_MEMORY = 3  # keep in step with pdf_worker.EXIT_MEMORY
NO_TEXT_REASON = "no extractable text (scanned PDF?)"


def extract_pdf(data: bytes, *, path: str, limits: ImportLimits) -> Extracted:
    """Extract a PDF's text and metadata in a capped, killable child process."""
    result = run_worker(data, path=path, limits=limits)
    if not result.get("ok"):
        raise ImportRefused(path, _error_reason(result, limits))
    text = str(result.get("text") or "")
    if not normalize_text(text):
        raise ImportRefused(path, NO_TEXT_REASON)
    return Extracted(
        text=text,
        title=clean_title(result.get("title")),
        author=clean_field(result.get("author")),
        published=parse_date(result.get("created")),
        language=clean_field(result.get("language")),
    )


def _command(limits: ImportLimits) -> list[str]:
    args = [str(limits.pdf_memory_bytes), str(limits.max_text_chars), str(limits.pdf_timeout_s)]
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_WORKER_FLAG, *args]
    # -P: do not put the worker's folder on sys.path, where our html.py-like
    # module names could shadow the standard library in the child.
    return [sys.executable, "-P", str(WORKER), *args]


def run_worker(data: bytes, *, path: str, limits: ImportLimits) -> dict[str, Any]:
    """Run the worker on ``data``; return its JSON object or refuse."""
    extra: dict[str, Any] = {}
    if sys.platform == "win32":
        extra["creationflags"] = subprocess.CREATE_NO_WINDOW
    try:
        proc = subprocess.Popen(
            _command(limits),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **extra,
        )
    except OSError as exc:
        raise ImportRefused(path, f"cannot start the PDF reader ({exc})") from None
    try:
        out, err = proc.communicate(data, timeout=limits.pdf_timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()  # reap the child so no zombie is left behind
        raise ImportRefused(path, _timeout_reason(limits)) from None
    except BaseException:
        # Interrupted (e.g. KeyboardInterrupt): never leave the child running.
        proc.kill()
        proc.communicate()
        raise
    return _decode_result(proc.returncode, out, err, path=path, limits=limits)


def _decode_result(
    returncode: int, out: bytes, err: bytes, *, path: str, limits: ImportLimits
) -> dict[str, Any]:
    memory = f"the PDF needs more than {format_limit_mb(limits.pdf_memory_bytes)} of memory"
    if returncode == EXIT_MEMORY or b"MemoryError" in err:
        raise ImportRefused(path, memory)
    if returncode == -getattr(signal, "SIGXCPU", -1000):
        raise ImportRefused(path, _timeout_reason(limits))
    if returncode != 0:
        how = f"signal {-returncode}" if returncode < 0 else f"exit status {returncode}"
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        detail = f": {last[0][:160]}" if last[0] else ""
        raise ImportRefused(path, f"the PDF reader crashed ({how}{detail})")
    try:
        result = json.loads(out)
    except ValueError:
        raise ImportRefused(path, "the PDF reader returned no result") from None
    if not isinstance(result, dict):
        raise ImportRefused(path, "the PDF reader returned no result")
    return result


def _timeout_reason(limits: ImportLimits) -> str:
    return f"reading the PDF timed out after {limits.pdf_timeout_s:g} s"


def _error_reason(result: dict[str, Any], limits: ImportLimits) -> str:
    kind = result.get("error")
    detail = " ".join(str(result.get("detail") or "").split())[:160]
    if kind == "encrypted":
        return f"encrypted PDF ({detail})" if detail else "encrypted PDF"
    if kind == "limit":
        return f"the PDF exceeds the reader's safety limits ({detail})"
    if kind == "unavailable":
        return f"PDF support is not installed ({detail})"
    if kind == "too_long":
        chars = int(detail) if detail.isdigit() else limits.max_text_chars + 1
        return too_long_reason(chars, limits.max_text_chars, at_least=True)
    return f"malformed PDF ({detail})" if detail else "malformed PDF"
