"""Migration 0006: the snapshots table comes and goes without touching the rest."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from tests.conftest import ARTICLE_A
from workbench import ops
from workbench.storage import migrations
from workbench.storage.store import Library, make_engine, open_library


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_0006_adds_snapshots_and_downgrades_cleanly(db_path: Path) -> None:
    lib = open_library(db_path)
    sid = ops.create_session(lib, "S").target_id
    assert sid
    ops.add_article(lib, sid, "A", ARTICLE_A)
    lib.close()
    assert "snapshots" in _tables(db_path)
    raw = Library(url=f"sqlite:///{db_path}", engine=make_engine(f"sqlite:///{db_path}"), actor="t")
    cfg = migrations.alembic_config()
    with raw.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")  # the revision before snapshots
    raw.close()
    assert "snapshots" not in _tables(db_path)
    lib = open_library(db_path)  # opening upgrades again
    try:
        assert migrations.current_revision(lib) == migrations.head_revision()
        assert len(ops_articles(lib, sid)) == 1
    finally:
        lib.close()
    assert "snapshots" in _tables(db_path)


def ops_articles(lib: Library, sid: str) -> list[str]:
    from workbench.queries.sessions import session_detail

    return [a.id for a in session_detail(lib, sid).articles]
