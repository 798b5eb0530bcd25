"""Claim memory in the app: how long the background recalls take, and whether
the GUI thread stays free meanwhile.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen python -m bench.recall_background \
        --corpus ../shared/corpora/fnc1 --claims 200

A library in a temporary folder gets ``--claims`` judged claims (the first
sentences of FNC-1 bodies, five bodies per session); a new session imports
two more bodies. Printed: the median time of one ``recall`` (what "Checked
before" runs for the selected claim), the time of ``recall_in_article`` for
both bodies on a ``RecallJob`` thread (what marks the panes when a session
opens), and the gaps between ticks of a 10 ms timer on the GUI thread while
that job runs (a free GUI thread ticks every 10-12 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

SENTENCES_PER_BODY = 4
MIN_WORDS = 6


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.recall_background")
    p.add_argument("--corpus", type=Path, default=Path("../shared/corpora/fnc1"))
    p.add_argument("--claims", type=int, default=200, help="judged claims in the library")
    args = p.parse_args(argv)

    from PySide6.QtCore import QCoreApplication, QTimer

    from bench.corpus import load_bodies
    from ui.workers.recall_worker import recall_articles
    from workbench import ops
    from workbench.analysis.text import split_sentences
    from workbench.errors import InvalidOperation
    from workbench.queries.recall import recall
    from workbench.storage.store import open_library

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    bodies = iter(load_bodies(args.corpus))
    with tempfile.TemporaryDirectory() as tmp:
        lib = open_library(str(Path(tmp) / "library.sqlite3"), actor="bench")
        judged = sessions = 0
        while judged < args.claims:
            sid = ops.create_session(lib, f"Past session {sessions}").target_id or ""
            sessions += 1
            for _ in range(5):
                body_id, text = next(bodies)
                try:
                    aid = ops.add_article(lib, sid, f"FNC-1 {body_id}", text).target_id or ""
                except InvalidOperation:  # the same body text twice in a session
                    continue
                for s in split_sentences(text)[:SENTENCES_PER_BODY]:
                    if len(s.text.split()) >= MIN_WORDS and judged < args.claims:
                        cid = ops.add_claim(lib, aid, s.start, s.end).target_id or ""
                        ops.set_verdict(lib, cid, "False")
                        judged += 1
        new = ops.create_session(lib, "New session").target_id or ""
        ids, sentences = [], 0
        for _ in range(2):
            body_id, text = next(bodies)
            ids.append(ops.add_article(lib, new, f"FNC-1 {body_id}", text).target_id or "")
            sentences += len(split_sentences(text))

        recall(lib, text="warm up the matcher")  # the model loads once
        one = []
        for s in split_sentences(text)[:10]:
            t = time.perf_counter()
            recall(lib, text=s.text)
            one.append(time.perf_counter() - t)

        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(10)
        done: list[object] = []
        job = recall_articles(lib, "bench", ids)
        job.done.connect(lambda _key, result: done.append(result))
        start = time.perf_counter()
        while not done:
            app.processEvents()
            time.sleep(0.001)
        took = time.perf_counter() - start
        timer.stop()
        lib.close()
    gaps.sort()
    print(
        f"{judged} judged claims in {sessions} sessions\n"
        f"recall of one sentence: median {statistics.median(one) * 1000:.0f} ms\n"
        f"recall_in_article, 2 bodies ({sentences} sentences) on a worker: {took:.1f} s\n"
        f"GUI thread, 10 ms timer meanwhile: median gap {gaps[len(gaps) // 2] * 1000:.0f} ms, "
        f"p99 {gaps[int(len(gaps) * 0.99)] * 1000:.0f} ms, max {gaps[-1] * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
