"""Library checks: SQLite's own integrity checks plus our quote anchors."""

from __future__ import annotations

import sqlite3

from workbench import queries
from workbench.store import Library


def check_library(lib: Library, *, quick: bool = False) -> list[str]:
    """Problems found, one line each; an empty list means the library is sound."""
    problems: list[str] = []
    if lib.engine.dialect.name == "sqlite":
        pragma = "quick_check" if quick else "integrity_check"
        with lib.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            try:
                result = [r[0] for r in raw.execute(f"PRAGMA {pragma}").fetchall()]
                if result != ["ok"]:
                    problems += [f"{pragma}: {line}" for line in result]
                for table, rowid, parent, _fk in raw.execute("PRAGMA foreign_key_check").fetchall():
                    problems.append(
                        f"foreign_key_check: {table} row {rowid} points at a missing {parent} row"
                    )
            except sqlite3.DatabaseError as err:  # too damaged for the check to finish
                problems.append(f"{pragma}: {err}")
    if not problems:
        problems += [f"claim {ident}: {why}" for ident, why in queries.broken_anchors(lib)]
    return problems
