"""Entry point of the PyInstaller bundle (``make bundle``).

The bundle's one executable is the desktop app, and also the PDF reader's
child process: ``workbench.importers.pdf_doc`` starts the executable with
``--pdf-worker`` first when it runs frozen, because a bundle has no separate
Python to run ``pdf_worker.py`` with. The flag is handled before anything
imports Qt, so the child stays small.
"""

from __future__ import annotations

import sys


def main() -> int:
    from workbench.importers.pdf_doc import FROZEN_WORKER_FLAG

    if sys.argv[1:2] == [FROZEN_WORKER_FLAG]:
        from workbench.importers import pdf_worker

        return pdf_worker.main([sys.argv[0], *sys.argv[2:]])
    from ui.app import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
