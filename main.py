"""Start the Fact-Check Workbench desktop app.

python main.py [--db PATH_OR_URL] [--session ID] [--screenshot FILE.png]
(installed: factcheck-workbench, the same options; see README "Install")
"""

import sys

from ui.app import run

if __name__ == "__main__":
    sys.exit(run())
