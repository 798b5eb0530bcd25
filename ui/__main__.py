"""``python -m ui``: start the desktop app (the same as ``factcheck-workbench``)."""

import sys

from ui.app import run

sys.exit(run())
