"""Render the main window with the Facts tab open, for the docs.

``python docs/facts_screenshot.py --db LIBRARY --session ID --out docs/facts-demo.png
[--background]``: opens the session offscreen, shows the facts grid wide (with
the background rows when asked) and writes the PNG.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--session", required=True)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--size", default="1800x1000")
    p.add_argument("--background", action="store_true", help="show the background rows too")
    a = p.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow, session_or_demo
    from workbench.storage.store import open_library

    app = QApplication([])
    lib = open_library(a.db)
    window = MainWindow(lib, QSettings())
    try:
        window.open_session(session_or_demo(lib, a.session, None))
        w, h = (int(x) for x in a.size.split("x"))
        window.resize(w, h)
        window.show()
        window.side_tabs.setCurrentWidget(window.facts)
        window.facts.background_toggle.setChecked(a.background)
        window.workspace.setSizes([int(w * 0.45), int(w * 0.55)])
        window.side.setSizes([int(h * 0.8), int(h * 0.2)])
        for _ in range(10):
            app.processEvents()
        window.facts.table.resizeRowsToContents()
        app.processEvents()
        if not window.grab().save(str(a.out)):
            print(f"could not write {a.out}", file=sys.stderr)
            return 1
        print(a.out)
        return 0
    finally:
        window.close()
        lib.close()


if __name__ == "__main__":
    sys.exit(main())
