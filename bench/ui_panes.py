"""How fast the article panes repaint with a long article and 1,000 claims.

Run headless:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -c \
        "from bench.ui_panes import main; from pathlib import Path; \
         main(Path('../shared/corpora/fnc1'))"

Two articles are built from FNC-1 bodies (concatenated until long), each gets
1,000 claims (some overlapping) and 300 links join them. The row is shown, one
pane is scrolled top to bottom in 50 steps, and every step repaints the view
and the link map synchronously; the figures are milliseconds per frame.

Then the same session in the main window (panes, claims table, inspector,
suggestions): setting a verdict, typing one rationale character (the
keystroke, its autosave and the refresh) and adding a claim, each timed from
the edit until every paint it caused is done, against the goal of one frame
(16 ms at 60 Hz); median and p95 of EDIT_RUNS each.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import load_bodies

CLAIMS = 1_000
LINKS = 300
MIN_CHARS = 200_000
STEPS = 50
EDIT_RUNS = 40
FRAME_MS = 16.0  # the goal for one edit: a frame at 60 Hz


def _long_text(bodies: list[tuple[int, str]], offset: int) -> str:
    parts: list[str] = []
    total = 0
    for _bid, body in bodies[offset:]:
        parts.append(body.strip())
        total += len(body)
        if total >= MIN_CHARS:
            break
    return "\n\n".join(parts)


def _claim_spans(text: str, n: int) -> list[tuple[int, int]]:
    """``n`` spans spread over the text, 40-160 characters, every 10th overlapping."""
    step = len(text) // n
    spans = []
    for i in range(n):
        start = i * step + (step // 3 if i % 10 == 9 else 0)
        end = min(start + 40 + (i * 37) % 120, len(text))
        while start < end and text[start].isspace():
            start += 1
        spans.append((start, end if end > start + 1 else start + 2))
    return spans


def _stats(label: str, samples: list[float]) -> None:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"{label:<34} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   "
        f"max {ms[-1]:7.2f} ms   (n={len(ms)})"
    )


def _pct(samples: list[float]) -> tuple[float, float]:
    ms = sorted(x * 1000 for x in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]


def _edit_stats(label: str, totals: list[float], writes: list[float]) -> None:
    """The whole edit, and the part after the write (refresh and paint)."""
    med, p95 = _pct(totals)
    w_med, _w95 = _pct(writes)
    r_med, r95 = _pct([t - w for t, w in zip(totals, writes, strict=True)])
    print(
        f"{label:<28} median {med:6.1f} ms  p95 {p95:6.1f} ms  | write {w_med:5.1f} ms  "
        f"refresh+paint median {r_med:5.1f} p95 {r95:5.1f} ms  | goal {FRAME_MS:.0f} ms: "
        f"{'within' if p95 <= FRAME_MS else 'over'} (refresh+paint "
        f"{'within' if r95 <= FRAME_MS else 'over'})  (n={len(totals)})"
    )


def time_edits(app: Any, lib: Any, sid: str, claims: list[list[str]], texts: list[str]) -> None:
    """Verdict, rationale character and new claim in a real main window, each
    until the paints it caused are done."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from ui.main_window import MainWindow
    from workbench import ops

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(lib, settings)
        window.resize(1600, 950)
        window.open_session(sid)
        window.show()
        for _ in range(10):
            app.processEvents()
        c = window.controller
        verdicts = ("False", "True", "Half True", "Mostly False")

        def settle() -> None:
            app.processEvents()  # layout, then the paints the edit asked for
            app.processEvents()

        writes: list[float] = []

        def write(fn: Callable[[], ops.Change]) -> Callable[[], ops.Change]:
            """The operation, with the time it takes on its own recorded."""

            def run() -> ops.Change:
                t0 = time.perf_counter()
                try:
                    return fn()
                finally:
                    writes.append(time.perf_counter() - t0)

            return run

        first = claims[0][CLAIMS // 2]
        window.pane_row.jump_to_claim(first)
        settle()
        verdict_s: list[float] = []
        for n in range(EDIT_RUNS):
            cid = claims[n % 2][CLAIMS // 2 + n // 2]
            t0 = time.perf_counter()
            v = verdicts[n % len(verdicts)]
            c.run(write(lambda cid=cid, v=v: ops.set_verdict(lib, cid, v)))
            settle()
            verdict_s.append(time.perf_counter() - t0)

        c.select_claim(first)
        settle()
        edit = window.inspector.rationale
        edit.setFocus()
        settle()
        verdict_w, writes = writes, []
        typing_s: list[float] = []
        real_run = c.run

        def timed_run(do: Callable[[], ops.Change], **kwargs: Any) -> ops.Change | None:
            return real_run(write(do), **kwargs)

        c.run = timed_run  # type: ignore[method-assign]  # the inspector's autosave calls it
        for n in range(EDIT_RUNS):
            t0 = time.perf_counter()
            QTest.keyClick(edit, "abcdefghij"[n % 10])
            window.inspector.flush()  # the autosave pause has passed: save and refresh
            settle()
            typing_s.append(time.perf_counter() - t0)

        c.run = real_run  # type: ignore[method-assign]
        typing_w, writes = writes, []
        add_s: list[float] = []
        text = texts[0]
        step = len(text) // CLAIMS
        for n in range(EDIT_RUNS):
            # a few words in the gap after a claim (claims are 40-160 chars every `step`)
            start = (CLAIMS // 3 + n) * step + 170
            while start < len(text) and not text[start].isalpha():
                start += 1
            aid = c.claim(claims[0][0]).article_id  # type: ignore[union-attr]
            t0 = time.perf_counter()
            c.run(write(lambda a=aid, s=start: ops.add_claim(lib, a, s, s + 12)))
            settle()
            add_s.append(time.perf_counter() - t0)

        print(
            "edits in the main window (2 articles, 2,000 claims, 300 links); the write is "
            "the operation alone (SQLite, synchronous=FULL: one fsync per edit)"
        )
        _edit_stats("set a verdict", verdict_s, verdict_w)
        _edit_stats("type a rationale character", typing_s, typing_w)
        _edit_stats("add a claim", add_s, writes)
        window.close()
        window.deleteLater()
        app.processEvents()


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(corpus: Path) -> None:
    """Build the data, show the panes, scroll and repaint, print figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.controller import SessionController
    from ui.panes.pane_row import PaneRow
    from workbench import ops
    from workbench.storage.store import open_library

    app = QApplication.instance() or QApplication([])
    bodies = sorted(load_bodies(corpus), key=lambda b: -len(b[1]))
    texts = [_long_text(bodies, 0), _long_text(bodies, 40)]
    with tempfile.TemporaryDirectory() as tmp:
        lib = open_library(Path(tmp) / "bench.sqlite3", actor="bench")
        try:
            sid = ops.create_session(lib, "Bench").target_id
            assert sid
            t0 = time.perf_counter()
            claims: list[list[str]] = []
            for n, text in enumerate(texts):
                aid = ops.add_article(lib, sid, f"Long article {n + 1}", text).target_id
                assert aid
                ids = []
                for start, end in _claim_spans(text, CLAIMS):
                    cid = ops.add_claim(lib, aid, start, end).target_id
                    assert cid
                    ids.append(cid)
                claims.append(ids)
            # the same text again without claims: what Qt's own painting costs (a
            # final newline, since a session holds one text once)
            plain = ops.add_article(lib, sid, "Baseline (no claims)", texts[0] + "\n").target_id
            for i in range(LINKS):
                k = i * CLAIMS // LINKS
                ops.link_claims(
                    lib,
                    claims[0][k],
                    claims[1][min(k + i % 3, CLAIMS - 1)],
                    ("same", "corroborates", "contradicts", "differs")[i % 4],
                )
            print(
                f"data: 2 articles of {len(texts[0]):,} and {len(texts[1]):,} chars, "
                f"{CLAIMS:,} claims each, {LINKS} links "
                f"(built in {time.perf_counter() - t0:.1f} s)"
            )

            controller = SessionController(lib)
            open_s = _timed(lambda: controller.open_session(sid))
            row = PaneRow(controller)
            row.resize(1400, 900)

            def show() -> None:
                row.show()
                app.processEvents()

            show_s = _timed(show)
            print(
                f"open session {open_s * 1000:.0f} ms; build and show panes {show_s * 1000:.0f} ms"
            )

            view = row.panes()[0].view
            link_map = row.link_maps()[0]
            bar = view.verticalScrollBar()
            view_frames: list[float] = []
            map_frames: list[float] = []
            visible: list[int] = []
            curves: list[int] = []
            for step in range(STEPS + 1):
                bar.setValue(bar.maximum() * step // STEPS)
                view_frames.append(_timed(view.viewport().repaint))
                map_frames.append(_timed(link_map.repaint))
                visible.append(len(view.visible_claims()))
                curves.append(len(link_map.visible_curves()))
            base = row.pane_for(plain or "")
            assert base is not None
            base_frames: list[float] = []
            base_bar = base.view.verticalScrollBar()
            for step in range(STEPS + 1):
                base_bar.setValue(base_bar.maximum() * step // STEPS)
                base_frames.append(_timed(base.view.viewport().repaint))
            _stats("article view repaint while scrolling", view_frames)
            _stats("  same text, no claims (Qt alone)", base_frames)
            _stats("link map repaint while scrolling", map_frames)
            print(
                f"claims on screen per frame: median {statistics.median(visible):.0f}, "
                f"curves per frame: median {statistics.median(curves):.0f}"
            )

            cid = claims[0][CLAIMS // 2]
            jump = _timed(lambda: row.jump_to_claim(cid))
            print(f"jump to a claim {jump * 1000:.1f} ms")
            row.close()
            row.deleteLater()
            app.processEvents()
            controller.close_session()
            time_edits(app, lib, sid, claims, texts)
        finally:
            lib.close()
