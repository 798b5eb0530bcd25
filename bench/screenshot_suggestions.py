"""Render the suggestions panel and a scan on three real FNC-1 reports of one story.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen python -m bench.screenshot_suggestions \
        --corpus ../shared/corpora/fnc1 --out docs/suggestions.png

The three bodies (2309, 2418, 2225: the North Korean restaurant in Scotland)
are written as text files and imported into a library in a temporary
folder; the first sentence of 2309 is marked as a claim and selected, the
Suggestions tab is shown and the session is scanned.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

BODIES = (2309, 2418, 2225)
CLAIM = "North Korean dictator Kim Jong-Un is considering opening a restaurant in Scotland."


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.screenshot_suggestions")
    p.add_argument("--corpus", type=Path, default=Path("../shared/corpora/fnc1"))
    p.add_argument("--out", type=Path, default=Path("docs/suggestions.png"))
    args = p.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.core import isolated_dirs
    from bench.corpus import load_bodies
    from workbench import ops
    from workbench.importers.batch import import_files
    from workbench.queries.sessions import article_texts, session_detail
    from workbench.storage.store import open_library

    bodies = dict(load_bodies(args.corpus))
    with tempfile.TemporaryDirectory() as tmp, isolated_dirs():
        folder = Path(tmp)
        lib = open_library(str(folder / "library.sqlite3"))
        change = ops.create_session(lib, "Kim Jong-un restaurant in Scotland (FNC-1)")
        sid = change.session_id
        assert sid is not None
        paths = []
        for body_id in BODIES:
            path = folder / f"fnc1-body-{body_id}.txt"
            path.write_text(bodies[body_id], encoding="utf-8")
            paths.append(path)
        import_files(lib, sid, paths)
        detail = session_detail(lib, sid)
        texts = article_texts(lib, sid)
        first = next(a for a in detail.articles if CLAIM in texts[a.id])
        start = texts[first.id].index(CLAIM)
        ops.add_claim(lib, first.id, start, start + len(CLAIM))

        app = QApplication.instance() or QApplication(sys.argv[:1])
        from ui.main_window import MainWindow

        window = MainWindow(lib, QSettings())
        window.open_session(sid)
        window.resize(1800, 1100)
        window.show()
        app.processEvents()
        # Room for the panel: a wider side, the inspector folded down.
        window.workspace.setSizes([1050, 750])
        window.side.setSizes([1000, 60])
        claim = next(c for c in session_detail(lib, sid).claims)
        window.side_tabs.setCurrentWidget(window.suggestions)
        window.controller.select_claim(claim.id)
        window.suggestions.start_scan()
        window.suggestions.wait_for_scan()
        for _ in range(10):
            app.processEvents()
        ok = window.grab().save(str(args.out))
        print(args.out if ok else f"could not write {args.out}")
        window.close()
        window.deleteLater()
        app.processEvents()
        lib.close()
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
