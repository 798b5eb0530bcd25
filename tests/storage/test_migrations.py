"""Migrations on a populated library: nothing lost, references intact, backup first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from tests.conftest import ARTICLE_A, ARTICLE_B
from workbench.storage import backup, migrations
from workbench.storage.store import Library, make_engine

TABLES = ("sessions", "articles", "claims", "links", "evidence", "notes", "events")


def _populate_at_first_revision(path: Path) -> dict[str, int]:
    """A library at schema 0001 full of cascading rows, written with plain SQL."""
    lib = Library(url=f"sqlite:///{path}", engine=make_engine(f"sqlite:///{path}"), actor="t")
    cfg = migrations.alembic_config()
    with lib.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    lib.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    now = "2026-03-12 10:00:00.000000"
    for s in range(5):
        sid = f"s{s}"
        con.execute(
            "INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?)",
            (sid, f"Session {s}", "", "open", "politifact", "[]", now, now),
        )
        for a in range(3):
            aid = f"{sid}a{a}"
            body = ARTICLE_A if a % 2 else ARTICLE_B
            con.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    aid,
                    sid,
                    a,
                    f"Article {a}",
                    "Outlet",
                    None,
                    None,
                    None,
                    None,
                    None,
                    "txt",
                    body,
                    "hash",
                    now,
                ),
            )
            for c in range(4):
                cid = f"{aid}c{c}"
                con.execute(
                    "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (cid, aid, c, c + 5, body[c : c + 5], "", "", "Unchecked", "", now, now),
                )
                con.execute(
                    "INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?)",
                    (f"{cid}e", cid, "https://e.example", "", "", "", None, now, now),
                )
                con.execute(
                    "INSERT INTO notes VALUES (?,?,?,?,?,?,?,?)",
                    (f"{cid}n", sid, None, cid, None, "note", now, now),
                )
        for c in range(4):
            a, b = sorted((f"{sid}a0c{c}", f"{sid}a1c{c}"))
            con.execute(
                "INSERT INTO links VALUES (?,?,?,?,?,?,?,?)",
                (f"{sid}l{c}", sid, a, b, "related", "", now, now),
            )
            con.execute(
                "INSERT INTO notes VALUES (?,?,?,?,?,?,?,?)",
                (f"{sid}l{c}n", sid, None, None, f"{sid}l{c}", "on link", now, now),
            )
    con.commit()
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    con.close()
    return counts


def test_upgrade_of_a_populated_library_keeps_every_row(db_path: Path, tmp_path: Path) -> None:
    from workbench.storage.store import open_library

    before = _populate_at_first_revision(db_path)
    assert before["links"] == 20 and before["notes"] == 80
    folder = tmp_path / "backups"
    lib = open_library(db_path, backup_dir=folder)
    try:
        assert migrations.current_revision(lib) == migrations.head_revision()
    finally:
        lib.close()
    con = sqlite3.connect(db_path)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    columns = [r[1] for r in con.execute("PRAGMA table_info(claims)")]
    con.close()
    assert {t: after[t] for t in TABLES if t != "events"} == {
        t: before[t] for t in TABLES if t != "events"
    }
    assert "checkworthiness" in columns
    print(
        f"migration 0001->head on {sum(before.values())} rows: row counts equal, "
        "foreign_key_check empty"
    )
    # a verified backup of the old schema was taken first
    backups = backup.list_backups(folder)
    assert len(backups) == 1 and backups[0].reason.startswith("before-migration-0001")
    assert backup.verify(backups[0].path) == "ok"
    old = sqlite3.connect(backups[0].path)
    assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert old.execute("SELECT count(*) FROM links").fetchone()[0] == 20
    old.close()


def test_revisions_read_without_alembic_agree_with_alembic(tmp_path: Path) -> None:
    """Opening an up-to-date library reads the revisions without importing
    Alembic; what it reads must be what Alembic says."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from workbench.storage import migrations
    from workbench.storage.store import open_library

    scripts = ScriptDirectory.from_config(migrations.alembic_config())
    assert migrations.head_revision() == scripts.get_current_head()
    assert migrations.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    lib = open_library(tmp_path / "lib.sqlite3")
    try:
        with lib.engine.connect() as conn:
            expected = MigrationContext.configure(conn).get_current_revision()
        assert migrations.current_revision(lib) == expected == scripts.get_current_head()
    finally:
        lib.close()
