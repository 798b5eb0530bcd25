"""Fact-Check Workbench core: storage, operations, importers, matching, export.

This package never imports Qt; the desktop UI lives in ``ui/``.
"""

__version__ = "0.1.0"
