"""Every migration runs on a PostgreSQL server too, on a populated library."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from tests.conftest import ARTICLE_A
from workbench.ops import content_hash
from workbench.storage import migrations
from workbench.storage.integrity import check_library
from workbench.storage.store import Library, make_engine, open_library

pytestmark = pytest.mark.pg
TABLES = ("sessions", "articles", "claims", "links", "evidence", "notes", "events")


def test_first_to_newest_schema_on_a_populated_server_library(pg_url: str) -> None:
    lib = Library(url=pg_url, engine=make_engine(pg_url), actor="t")
    cfg = migrations.alembic_config()
    with lib.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        now = "2026-03-12 10:00:00"
        digest = content_hash(ARTICLE_A)
        for s in range(3):
            conn.execute(
                text(
                    "INSERT INTO sessions VALUES (:id, 'S', '', 'open', 'politifact', '[]', "
                    ":now, :now)"
                ),
                {"id": f"s{s}", "now": now},
            )
            for a in range(2):
                aid = f"s{s}a{a}"
                conn.execute(
                    text(
                        "INSERT INTO articles VALUES (:id, :sid, :pos, 'T', 'O', NULL, NULL, NULL,"
                        " NULL, NULL, 'txt', :body, :hash, :now)"
                    ),
                    {
                        "id": aid,
                        "sid": f"s{s}",
                        "pos": a,
                        "body": ARTICLE_A,
                        "hash": digest,
                        "now": now,
                    },
                )
                conn.execute(
                    text(
                        "INSERT INTO claims VALUES (:id, :aid, 0, 5, :q, '', '', 'Unchecked', '',"
                        " :now, :now)"
                    ),
                    {"id": f"{aid}c", "aid": aid, "q": ARTICLE_A[:5], "now": now},
                )
                conn.execute(
                    text("INSERT INTO notes VALUES (:id, :sid, NULL, :cid, NULL, 'n', :now, :now)"),
                    {"id": f"{aid}n", "sid": f"s{s}", "cid": f"{aid}c", "now": now},
                )
            a, b = sorted((f"s{s}a0c", f"s{s}a1c"))
            conn.execute(
                text("INSERT INTO links VALUES (:id, :sid, :a, :b, 'related', '', :now, :now)"),
                {"id": f"s{s}l", "sid": f"s{s}", "a": a, "b": b, "now": now},
            )
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    lib.close()

    lib = open_library(pg_url, actor="t")
    try:
        assert migrations.current_revision(lib) == migrations.head_revision()
        with lib.engine.connect() as conn:
            after = {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES
            }
            versions = conn.execute(text("SELECT DISTINCT version FROM claims")).scalars().all()
        assert after == counts
        assert versions == [1]
        assert check_library(lib) == []
    finally:
        lib.close()
