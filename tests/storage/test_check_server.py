"""`check` on a PostgreSQL library finds what the server would no longer
prevent: a dropped constraint, and rows pointing at nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import ARTICLE_A, claim_by_quote
from workbench import ops
from workbench.storage.integrity import check_library
from workbench.storage.store import open_library

pytestmark = pytest.mark.pg


def test_check_reports_missing_constraints_orphans_and_broken_anchors(pg_url: str) -> None:
    lib = open_library(pg_url, actor="tester")
    try:
        sid = ops.create_session(lib, "s").target_id or ""
        aid = ops.add_article(lib, sid, "A", ARTICLE_A).target_id or ""
        claim_by_quote(lib, aid, ARTICLE_A, "No one was injured")
        assert check_library(lib) == []
        with lib.engine.begin() as conn:
            conn.execute(text("ALTER TABLE evidence DROP CONSTRAINT fk_evidence_claim_id_claims"))
            conn.execute(
                text(
                    "INSERT INTO evidence (id, claim_id, url, title, citation, excerpt, created,"
                    " updated, version) VALUES ('e1', 'no-such-claim', '', '', '', '', now(),"
                    " now(), 1)"
                )
            )
            conn.execute(text('UPDATE claims SET start = start + 3, "end" = "end" + 3'))
        problems = check_library(lib)
        assert "constraint fk_evidence_claim_id_claims is missing" in problems
        assert any("1 evidence rows point at a missing claims row" in p for p in problems)
        # Structural problems first; anchors are checked once the structure is sound.
        with lib.engine.begin() as conn:
            conn.execute(text("DELETE FROM evidence"))
            conn.execute(
                text(
                    "ALTER TABLE evidence ADD CONSTRAINT fk_evidence_claim_id_claims FOREIGN KEY "
                    "(claim_id) REFERENCES claims (id) ON DELETE CASCADE"
                )
            )
        problems = check_library(lib)
        assert len(problems) == 1 and "quote no longer matches" in problems[0]
    finally:
        lib.close()
