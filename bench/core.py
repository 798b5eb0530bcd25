"""Speed of the core's write path and report, each beside a plain-SQLite baseline.

Run from the repository root::

    .venv/bin/python -m bench --corpus ../shared/corpora/fnc1 --only core

What it prints, in one run (every figure beside a baseline measured in the
same run, as a ratio; the work is split into batches that alternate with the
baseline's batches, so a noisy neighbour slows both, and medians are printed):

1. Import of the first 300 FNC-1 bodies into one session: ``from_pasted_text``
   then ``importing.import_article`` per body (one transaction with an audit
   event each), against plain ``sqlite3`` inserts of the same 300 texts into a
   bare table of a fresh file with the same durability (WAL,
   ``synchronous=FULL``, ``BEGIN IMMEDIATE`` and one commit per row).
2. 10,000 claims through ``ops.add_claim`` (word-aligned spans of 3-15 words,
   spread over the imported articles) against 10,000 plain inserts of
   ``(id, article_id, start, end, quote)`` with one commit per row.
3. CSV export of those 10,000 claims (``export_csv``: load, rows, safe cells,
   fsync, rename) against ``csv.writer`` writing the same tuples, built
   beforehand from ``report_rows``, to a file.
4. ``session_detail`` for that session against plain ``sqlite3``
   SELECTs of the same rows.
5. Every other export format (HTML, PDF, XLSX, ClaimReview, W3C annotations,
   REFI-QDA, session file) of the same claims, and a session file's import
   and merge, each beside the CSV export's median (``bench/exports.py``).

Everything happens in a temporary folder that is removed afterwards; the XDG
folders point into it, so the user's library and settings are never touched.
"""

from __future__ import annotations

import contextlib
import csv
import os
import random
import re
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import load_bodies

IMPORT_BODIES = 300
IMPORT_BATCHES = 3
CLAIMS = 10_000
CLAIM_BATCHES = 5
EXPORT_REPEATS = 3
DETAIL_REPEATS = 5
# Stop the claim batches and extrapolate when the projected total exceeds this.
CLAIMS_BUDGET_S = 300.0
SEED = 20_24

# Variables that lead the program to the user's files.
_ISOLATED_XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")
_UNSET = ("WORKBENCH_DB",)
_BACKUP_ENV = "WORKBENCH_BACKUP_DIR"


@contextlib.contextmanager
def isolated_dirs() -> Iterator[Path]:
    """Point the data, config and state folders (and backups) into a temporary
    folder, unset ``WORKBENCH_DB``; restore the environment afterwards.

    ``XDG_CACHE_HOME`` is left alone on purpose: fontconfig keeps its cache
    there, and an empty one would make every Qt start-up rebuild it.
    """
    saved = {k: os.environ.get(k) for k in (*_ISOLATED_XDG, *_UNSET, _BACKUP_ENV)}
    with tempfile.TemporaryDirectory(prefix="fcwb-bench-home-") as tmp:
        root = Path(tmp)
        for name in _ISOLATED_XDG:
            folder = root / name.lower()
            folder.mkdir()
            os.environ[name] = str(folder)
        os.environ[_BACKUP_ENV] = str(root / "backups")
        for name in _UNSET:
            os.environ.pop(name, None)
        try:
            yield root
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def ratio(value: float, base: float) -> str:
    """``value / base`` as "N.NNx", guarded against a zero baseline."""
    return f"{value / base:.2f}x" if base > 0 else "n/a"


def timed(fn: Callable[[], object]) -> float:
    """Seconds ``fn`` takes (wall clock, ``perf_counter``)."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bare_connection(path: Path) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection with the library's durability settings."""
    conn = sqlite3.connect(path, isolation_level=None)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    assert mode == "wal", mode
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _insert_each(conn: sqlite3.Connection, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    """One ``BEGIN IMMEDIATE`` ... ``COMMIT`` per row, as the operations do."""
    for row in rows:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, row)
        conn.execute("COMMIT")


def _batches(n: int, parts: int) -> list[range]:
    """``range(n)`` cut into ``parts`` consecutive, nearly equal ranges."""
    edges = [n * k // parts for k in range(parts + 1)]
    return [range(edges[k], edges[k + 1]) for k in range(parts)]


# ------------------------------------------------------------------ 1. import


@dataclass
class ImportResult:
    """Per-batch seconds of the import and of its baseline, and what was imported."""

    app_s: list[float]
    base_s: list[float]
    batch_sizes: list[int]
    article_ids: list[str]
    refused: list[str]


def bench_import(
    lib: object, session_id: str, bodies: Sequence[tuple[int, str]], base_path: Path
) -> ImportResult:
    """Import ``bodies`` in batches, alternating with baseline batches."""
    from workbench.errors import WorkbenchError
    from workbench.importers import from_pasted_text
    from workbench.importers.batch import import_article
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    conn = bare_connection(base_path)
    conn.execute("CREATE TABLE article (id TEXT PRIMARY KEY, title TEXT, text TEXT)")
    sql = "INSERT INTO article (id, title, text) VALUES (?, ?, ?)"
    result = ImportResult([], [], [], [], [])
    try:
        for batch in _batches(len(bodies), IMPORT_BATCHES):
            part = [bodies[i] for i in batch]

            def app(part: list[tuple[int, str]] = part) -> None:
                for body_id, text in part:
                    try:
                        art = from_pasted_text(text, title=f"FNC-1 body {body_id}")
                        result.article_ids.append(import_article(lib, session_id, art))
                    except WorkbenchError as err:
                        result.refused.append(f"body {body_id}: {err}")

            def base(part: list[tuple[int, str]] = part) -> None:
                _insert_each(
                    conn,
                    sql,
                    [(str(uuid.uuid4()), f"FNC-1 body {bid}", text) for bid, text in part],
                )

            result.base_s.append(timed(base))
            result.app_s.append(timed(app))
            result.batch_sizes.append(len(part))
    finally:
        conn.close()
    return result


# ------------------------------------------------------------------ 2. claims


_WORD = re.compile(r"\S+")


def claim_spans(texts: dict[str, str], n: int, seed: int = SEED) -> list[tuple[str, int, int]]:
    """``n`` word-aligned spans of 3-15 words, round robin over the articles."""
    rng = random.Random(seed)
    words = {aid: [(m.start(), m.end()) for m in _WORD.finditer(t)] for aid, t in texts.items()}
    ids = [aid for aid in texts if words[aid]]
    spans = []
    for i in range(n):
        aid = ids[i % len(ids)]
        w = words[aid]
        length = min(rng.randint(3, 15), len(w))
        first = rng.randrange(0, len(w) - length + 1)
        spans.append((aid, w[first][0], w[first + length - 1][1]))
    return spans


@dataclass
class ClaimResult:
    """Per-batch seconds of ``add_claim`` and of the baseline."""

    app_s: list[float]
    base_s: list[float]
    batch_sizes: list[int]
    done: int
    extrapolated: bool


def bench_claims(lib: object, texts: dict[str, str], base_path: Path) -> ClaimResult:
    """Add ``CLAIMS`` claims in batches, alternating with baseline batches."""
    from workbench import ops
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    spans = claim_spans(texts, CLAIMS)
    conn = bare_connection(base_path)
    conn.execute(
        "CREATE TABLE claim (id TEXT PRIMARY KEY, article_id TEXT, start INTEGER, "
        '"end" INTEGER, quote TEXT)'
    )
    sql = 'INSERT INTO claim (id, article_id, start, "end", quote) VALUES (?, ?, ?, ?, ?)'
    result = ClaimResult([], [], [], 0, False)
    try:
        for batch in _batches(len(spans), CLAIM_BATCHES):
            part = [spans[i] for i in batch]

            def app(part: list[tuple[str, int, int]] = part) -> None:
                for aid, start, end in part:
                    ops.add_claim(lib, aid, start, end)

            def base(part: list[tuple[str, int, int]] = part) -> None:
                _insert_each(
                    conn,
                    sql,
                    [(str(uuid.uuid4()), aid, s, e, texts[aid][s:e]) for aid, s, e in part],
                )

            result.base_s.append(timed(base))
            result.app_s.append(timed(app))
            result.batch_sizes.append(len(part))
            result.done += len(part)
            per_claim = sum(result.app_s) / result.done
            if result.done < len(spans) and per_claim * len(spans) > CLAIMS_BUDGET_S:
                result.extrapolated = True
                break
    finally:
        conn.close()
    return result


# ------------------------------------------------------------------ 3. export


def bench_export(
    lib: object, session_id: str, folder: Path
) -> tuple[list[float], list[float], int, dict[str, float]]:
    """Seconds of ``export_csv`` and of ``csv.writer`` over the same tuples
    (interleaved repeats), the row count, and a breakdown of the export."""
    from workbench.export.csv_report import HEADER, export_csv, report_rows
    from workbench.export.safe_csv import write_csv
    from workbench.queries.sessions import session_detail
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    detail = session_detail(lib, session_id)
    rows = list(report_rows(detail))

    def base(out: Path) -> None:
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(rows)

    app_s: list[float] = []
    base_s: list[float] = []
    count = 0
    for k in range(EXPORT_REPEATS):
        target = folder / f"baseline-{k}.csv"
        base_s.append(timed(lambda: base(target)))  # noqa: B023 (called at once)
        t0 = time.perf_counter()
        count = export_csv(lib, session_id, folder / f"report-{k}.csv")
        app_s.append(time.perf_counter() - t0)
    # Where the export's time goes (one more run of each part, median of 3).
    parts = {
        "session_detail": statistics.median(
            timed(lambda: session_detail(lib, session_id)) for _ in range(3)
        ),
        "report_rows": statistics.median(
            timed(lambda: list(report_rows(detail))) for _ in range(3)
        ),
        "write_csv (safe cells, fsync)": statistics.median(
            timed(lambda: write_csv(folder / "parts.csv", HEADER, rows)) for _ in range(3)
        ),
    }
    return app_s, base_s, count, parts


# ------------------------------------------------------------------ 4. detail


def bench_detail(lib: object, session_id: str) -> tuple[list[float], list[float], str]:
    """Seconds of ``session_detail`` and of plain SELECTs of the same rows."""
    from workbench.queries.sessions import session_detail
    from workbench.storage.store import Library

    assert isinstance(lib, Library)
    path = lib.sqlite_path
    assert path is not None
    conn = sqlite3.connect(path)
    statements = (
        ("SELECT * FROM sessions WHERE id = ?", (session_id,)),
        (
            "SELECT id, session_id, position, title, outlet, author, url, published, language, "
            "source_name, fmt, content_hash, created, length(text) FROM articles "
            "WHERE session_id = ? ORDER BY position, created",
            (session_id,),
        ),
        (
            "SELECT c.* FROM claims c JOIN articles a ON a.id = c.article_id "
            "WHERE a.session_id = ? ORDER BY c.start",
            (session_id,),
        ),
        ("SELECT * FROM links WHERE session_id = ? ORDER BY created", (session_id,)),
        (
            "SELECT e.* FROM evidence e JOIN claims c ON c.id = e.claim_id "
            "JOIN articles a ON a.id = c.article_id WHERE a.session_id = ?",
            (session_id,),
        ),
        ("SELECT * FROM notes WHERE session_id = ? ORDER BY created", (session_id,)),
    )

    def base() -> int:
        return sum(len(conn.execute(sql, args).fetchall()) for sql, args in statements)

    app_s: list[float] = []
    base_s: list[float] = []
    try:
        for _ in range(DETAIL_REPEATS):
            base_s.append(timed(base))
            app_s.append(timed(lambda: session_detail(lib, session_id)))
        detail = session_detail(lib, session_id)
        shape = (
            f"{len(detail.articles)} articles, {len(detail.claims):,} claims, "
            f"{len(detail.links)} links; baseline reads {base():,} rows"
        )
    finally:
        conn.close()
    return app_s, base_s, shape


# ------------------------------------------------------------------ report


def _per_item_ms(seconds: Sequence[float], sizes: Sequence[int]) -> float:
    """Median over batches of milliseconds per item."""
    return statistics.median(s / n * 1000 for s, n in zip(seconds, sizes, strict=True))


def main(corpus: Path) -> None:
    """Run the four core benchmarks on ``corpus`` and print the figures."""
    bodies = load_bodies(corpus, IMPORT_BODIES)
    with isolated_dirs(), tempfile.TemporaryDirectory(prefix="fcwb-bench-core-") as tmp:
        from workbench import ops
        from workbench.queries.sessions import article_texts
        from workbench.storage.store import open_library

        folder = Path(tmp)
        lib = open_library(folder / "library.sqlite3", actor="bench")
        try:
            sid = ops.create_session(lib, "Bench: FNC-1 import").target_id
            assert sid is not None

            # 1. import
            imp = bench_import(lib, sid, bodies, folder / "baseline-import.sqlite3")
            app_ms = _per_item_ms(imp.app_s, imp.batch_sizes)
            base_ms = _per_item_ms(imp.base_s, imp.batch_sizes)
            print(
                f"1. import {len(bodies)} bodies ({len(imp.article_ids)} imported, "
                f"{len(imp.refused)} refused), {IMPORT_BATCHES} batches of "
                f"~{len(bodies) // IMPORT_BATCHES} alternating with the baseline's"
            )
            for reason in imp.refused:
                print(f"   refused {reason}")
            print(
                f"   from_pasted_text + import_article: {sum(imp.app_s):7.2f} s total, "
                f"median {app_ms:6.2f} ms/article"
            )
            print(
                f"   baseline sqlite3 insert+commit   : {sum(imp.base_s):7.2f} s total, "
                f"median {base_ms:6.2f} ms/article (same {len(bodies)} texts, WAL, FULL)"
            )
            print(f"   ratio (median per article)       : {ratio(app_ms, base_ms)}")

            # 2. claims
            texts = article_texts(lib, sid)
            cl = bench_claims(lib, texts, folder / "baseline-claims.sqlite3")
            app_ms = _per_item_ms(cl.app_s, cl.batch_sizes)
            base_ms = _per_item_ms(cl.base_s, cl.batch_sizes)
            print(
                f"2. add {CLAIMS:,} claims over {len(texts)} articles (3-15 word spans), "
                f"{len(cl.batch_sizes)} batches alternating with the baseline's"
            )
            if cl.extrapolated:
                print(
                    f"   STOPPED after {cl.done:,} claims (projected > {CLAIMS_BUDGET_S:.0f} s);"
                    f" totals for {CLAIMS:,} below are EXTRAPOLATED from those"
                )
            scale = CLAIMS / cl.done
            label = " (extrapolated)" if cl.extrapolated else ""
            batches = ", ".join(
                f"{s / n * 1000:.2f}" for s, n in zip(cl.app_s, cl.batch_sizes, strict=True)
            )
            print(
                f"   ops.add_claim      : median {app_ms:6.2f} ms/claim, "
                f"{sum(cl.app_s) * scale:7.2f} s for {CLAIMS:,}{label}; "
                f"per batch {batches} ms/claim"
            )
            print(
                f"   baseline insert    : median {base_ms:6.2f} ms/row,   "
                f"{sum(cl.base_s) * scale:7.2f} s for {CLAIMS:,}{label}"
            )
            print(f"   ratio (median per claim): {ratio(app_ms, base_ms)}")

            # 3. export
            ex_app, ex_base, count, parts = bench_export(lib, sid, folder)
            app_med, base_med = statistics.median(ex_app), statistics.median(ex_base)
            print(f"3. CSV export of {count:,} claims, median of {EXPORT_REPEATS}")
            print(f"   export_csv                 : {app_med * 1000:8.1f} ms")
            print(
                f"   baseline csv.writer (same tuples, built beforehand, no fsync): "
                f"{base_med * 1000:8.1f} ms"
            )
            print(f"   ratio                      : {ratio(app_med, base_med)}")
            print(
                "   export_csv's parts (median of 3 each): "
                + ", ".join(f"{name} {s * 1000:.1f} ms" for name, s in parts.items())
            )

            csv_median = app_med

            # 4. session_detail
            d_app, d_base, shape = bench_detail(lib, sid)
            app_med, base_med = statistics.median(d_app), statistics.median(d_base)
            print(f"4. session_detail ({shape}), median of {DETAIL_REPEATS}")
            print(f"   session_detail             : {app_med * 1000:8.1f} ms")
            print(f"   baseline sqlite3 SELECTs   : {base_med * 1000:8.1f} ms")
            print(f"   ratio                      : {ratio(app_med, base_med)}")

            # 5. the other export formats, beside the CSV
            from bench.exports import bench_exports

            bench_exports(lib, sid, folder, csv_median)
        finally:
            lib.close()
