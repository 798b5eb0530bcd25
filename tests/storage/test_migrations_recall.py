"""Migration 0007: a library judged before the recall index existed gets one."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from tests.conftest import ARTICLE_A, claim_by_quote
from workbench import ops
from workbench.queries.recall import recall
from workbench.storage import migrations
from workbench.storage.integrity import check_library
from workbench.storage.store import Library, make_engine, open_library


def _to_revision(target: str, revision: str) -> None:
    url = target if "://" in target else f"sqlite:///{target}"
    raw = Library(url=url, engine=make_engine(url), actor="t")
    cfg = migrations.alembic_config()
    try:
        with raw.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        raw.close()


def test_0007_indexes_the_claims_judged_before_it_and_downgrades(library_target: str) -> None:
    lib = open_library(library_target, actor="t")
    sid = ops.create_session(lib, "Strike").target_id or ""
    aid = ops.add_article(lib, sid, "Herald", ARTICLE_A).target_id or ""
    judged = claim_by_quote(lib, aid, ARTICLE_A, "No one was injured in the attack")
    working = claim_by_quote(lib, aid, ARTICLE_A, "Four drones were launched from the sea")
    lib.close()
    _to_revision(library_target, "0006")
    lib = open_library(library_target, actor="t", migrate=False)
    with lib.engine.begin() as conn:  # judged while the library had no recall index
        tables = conn.execute(text("SELECT count(*) FROM claims")).scalar_one()
        conn.execute(text("UPDATE claims SET verdict = 'False' WHERE id = :c"), {"c": judged})
        conn.execute(
            text("UPDATE claims SET verdict = 'In progress' WHERE id = :c"), {"c": working}
        )
    assert tables == 2 and not lib.keeps_recall_index()
    lib.close()
    lib = open_library(library_target, actor="t")  # opening upgrades
    try:
        assert migrations.current_revision(lib) == migrations.head_revision()
        assert check_library(lib) == []
        found = recall(lib, text="Nobody was hurt in the attack on the depot.")
        assert [p.claim_id for p in found] == [judged]
        assert recall(lib, text="Four drones were launched from the sea") == []
    finally:
        lib.close()
    _to_revision(library_target, "0006")
    lib = open_library(library_target, actor="t", migrate=False)
    try:
        assert not lib.keeps_recall_index()
        with lib.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM claims")).scalar_one() == 2
    finally:
        lib.close()
