"""Time of every export format on the core benchmark's 10,000-claim session,
each printed beside the CSV export's median (measured in the same run).

Called by ``bench.core`` after its CSV export figure. 1,000 of the claims get
a final verdict first (through ``ops.set_verdict``), so ClaimReview has
something to publish; each format is written once (they take seconds, and a
second run would not change the picture), then read back once where a reader
is at hand, as a check that the file is whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

JUDGED = 1_000


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def bench_exports(lib: object, session_id: str, folder: Path, csv_median_s: float) -> None:
    from workbench import ops
    from workbench.export.annotations import export_annotations
    from workbench.export.claimreview import export_claimreview
    from workbench.export.html_report import export_html
    from workbench.export.pdf_report import export_pdf
    from workbench.export.qdpx import export_qdpx
    from workbench.export.session_file import export_session
    from workbench.export.xlsx_report import export_xlsx
    from workbench.queries.sessions import session_detail
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    detail = session_detail(lib, session_id)
    for c in detail.claims[:JUDGED]:
        ops.set_verdict(lib, c.id, "False", rationale="bench")
    n = len(detail.claims)
    jobs: list[tuple[str, Callable[[], object]]] = [
        ("HTML report (with facts grid)", lambda: export_html(lib, session_id, folder / "r.html")),
        (
            "HTML report (no facts grid)",
            lambda: export_html(lib, session_id, folder / "r2.html", facts=False),
        ),
        (
            "PDF report (no facts grid)",
            lambda: export_pdf(lib, session_id, folder / "r.pdf", facts=False),
        ),
        (
            "XLSX (no facts sheet rows)",
            lambda: export_xlsx(lib, session_id, folder / "r.xlsx", facts=False),
        ),
        (
            f"ClaimReview ({JUDGED:,} judged)",
            lambda: export_claimreview(
                lib,
                session_id,
                folder / "cr.jsonld",
                org_name="Bench desk",
                review_url="https://bench.example/r/",
            ),
        ),
        ("W3C annotations", lambda: export_annotations(lib, session_id, folder / "a.jsonld")),
        ("REFI-QDA .qdpx", lambda: export_qdpx(lib, session_id, folder / "p.qdpx")),
        (
            "session file .fcsession",
            lambda: export_session(lib, session_id, folder / "s.fcsession"),
        ),
    ]
    print(
        f"5. every export format of the same {n:,} claims, once each, beside the CSV "
        f"export's median ({csv_median_s * 1000:.1f} ms)"
    )
    for name, job in jobs:
        seconds, _out = _timed(job)
        print(f"   {name:<32}: {seconds * 1000:9.1f} ms  ({seconds / csv_median_s:5.1f}x CSV)")
    from workbench.export.session_file import import_session_file
    from workbench.storage.store import open_library

    fresh = open_library(folder / "fresh.sqlite3", actor="bench")
    try:
        seconds, _r = _timed(lambda: import_session_file(fresh, str(folder / "s.fcsession")))
        print(f"   {'session import (fresh library)':<32}: {seconds * 1000:9.1f} ms")
        seconds, _r = _timed(lambda: import_session_file(fresh, str(folder / "s.fcsession")))
        print(f"   {'session merge (same file again)':<32}: {seconds * 1000:9.1f} ms")
    finally:
        fresh.close()
