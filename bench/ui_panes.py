"""How fast the article panes repaint with a long article and 1,000 claims.

Run headless:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -c \
        "from bench.ui_panes import main; from pathlib import Path; \
         main(Path('../shared/corpora/fnc1'))"

Two articles are built from FNC-1 bodies (concatenated until long), each gets
1,000 claims (some overlapping) and 300 links join them. The row is shown, one
pane is scrolled top to bottom in 50 steps, and every step repaints the view
and the link map synchronously; the figures are milliseconds per frame.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import load_bodies

CLAIMS = 1_000
LINKS = 300
MIN_CHARS = 200_000
STEPS = 50


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
            edit = _timed(lambda: controller.run(lambda: ops.set_verdict(lib, cid, "False")))
            print(
                f"jump to a claim {jump * 1000:.1f} ms; "
                f"set a verdict (write + refresh all panes) {edit * 1000:.1f} ms"
            )
            row.close()
            row.deleteLater()
            app.processEvents()
        finally:
            lib.close()
