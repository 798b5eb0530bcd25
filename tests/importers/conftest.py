"""Importer test setup.

Registers ``import_fixtures`` (the fixture builders next to this file) as a
module by path, so tests can ``import import_fixtures`` under any pytest
import mode.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

if "import_fixtures" not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        "import_fixtures", Path(__file__).with_name("import_fixtures.py")
    )
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["import_fixtures"] = _module
    _spec.loader.exec_module(_module)
