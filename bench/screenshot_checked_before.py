"""Render "Checked before" in the inspector on real FNC-1 reports of one story.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen python -m bench.screenshot_checked_before \
        --corpus ../shared/corpora/fnc1 --out docs/checked-before.png

Three bodies of the story of a priest who said he met God in heaven (1008,
808, 603) go into a library in a temporary folder: two earlier sessions have
judged the claim as told by 1008 and 808 (by two fact-checkers, with a
rationale and evidence); a new session imports 603, marks its sentence of the
claim and selects it. The window has the size of ``main.py --screenshot``;
the inspector is scrolled to the section.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

SIZE = (1600, 950)  # main.py --screenshot's default size
PAST = (
    (
        1008,
        "Priest who 'met God' (FNC-1 1008)",
        "Ana Ruiz",
        "The 71-year-old cleric Father John Micheal O’neal claims he went to heaven and met "
        "God, which he describes as a warm and comforting motherly figure.",
        "False",
        "The story first ran on a satirical site; no parish or hospital record of this "
        "priest was found.",
    ),
    (
        808,
        "Massachusetts priest, heart attack (FNC-1 808)",
        "Tom Berg",
        "During that time, Father John Micheal O’neal claims he went to heaven and met God, "
        "which he describes as a warm and comforting motherly figure.",
        "Pants on Fire",
        "Same invented story, reposted with a hospital name added.",
    ),
)
NEW_BODY = 603
CLAIM = (
    "The 71-years old priest, identified as, Father John Micheal O’neal, claims he went to "
    "heaven and met God, whom he describes as a warm and comforting motherly figure."
)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.screenshot_checked_before")
    p.add_argument("--corpus", type=Path, default=Path("../shared/corpora/fnc1"))
    p.add_argument("--out", type=Path, default=Path("docs/checked-before.png"))
    args = p.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QScrollArea

    from bench.core import isolated_dirs
    from bench.corpus import load_bodies
    from workbench import ops
    from workbench.queries.sessions import article_texts, session_detail
    from workbench.storage.store import open_library

    bodies = dict(load_bodies(args.corpus))
    with tempfile.TemporaryDirectory() as tmp, isolated_dirs():
        path = str(Path(tmp) / "library.sqlite3")
        for body_id, title, who, quote, verdict, rationale in PAST:
            lib = open_library(path, actor=who)
            sid = ops.create_session(lib, title).target_id or ""
            aid = ops.add_article(lib, sid, f"FNC-1 body {body_id}", bodies[body_id]).target_id
            assert aid is not None
            start = bodies[body_id].index(quote)
            cid = ops.add_claim(lib, aid, start, start + len(quote)).target_id or ""
            ops.set_verdict(lib, cid, verdict, rationale=rationale)
            ops.add_evidence(lib, cid, citation=f"Fact-check notes of {who}", title="Notes")
            lib.close()

        lib = open_library(path, actor="Lee Chen")
        sid = ops.create_session(lib, "Priest story, new report (FNC-1 603)").target_id or ""
        ops.add_article(lib, sid, "FNC-1 body 603", bodies[NEW_BODY], outlet="FNC-1")
        aid = session_detail(lib, sid).articles[0].id
        start = article_texts(lib, sid)[aid].index(CLAIM)
        claim = ops.add_claim(lib, aid, start, start + len(CLAIM)).target_id or ""

        app = QApplication.instance() or QApplication(sys.argv[:1])
        from ui.main_window import MainWindow

        window = MainWindow(lib, QSettings())
        window.resize(*SIZE)
        window.show()
        window.open_session(sid)
        app.processEvents()
        window.pane_row.jump_to_claim(claim)
        window.inspector.checked_before.wait()
        window.session_recall.wait()
        for _ in range(10):
            app.processEvents()
        # The inspector scrolls: bring the section into view, as a user would.
        scroll = window.inspector.findChild(QScrollArea)
        assert scroll is not None
        scroll.ensureWidgetVisible(window.inspector.checked_before, 0, 0)
        for _ in range(5):
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
