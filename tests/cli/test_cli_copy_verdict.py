"""`workbench claim copy-verdict CLAIM FROM_CLAIM` (claim memory from a terminal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.claim_memory import DRUCE_PARAPHRASE, NEW_TEXT, RATIONALE, judged_library
from tests.cli.test_cli_e2e import Cli
from tests.conftest import claim_by_quote
from workbench.storage.store import open_library


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_path, capsys)


def test_copy_a_recalled_verdict_from_the_terminal(cli: Cli, db_path: Path) -> None:
    lib = open_library(db_path, actor="tester")
    memory = judged_library(lib, new_scale="platform")  # no "Mostly True" on this scale
    new_claim = claim_by_quote(lib, memory.new_article, NEW_TEXT, DRUCE_PARAPHRASE)
    lib.close()

    # What recall finds, copy-verdict takes (ids may be given as 8-character prefixes).
    [best, *_] = cli("recall", new_claim)["results"]
    assert best["claim_id"] == memory.druce
    out = cli("claim", "copy-verdict", new_claim[:8], best["claim_id"][:8])
    assert (out["verdict"], out["rationale"], out["from_claim_id"]) == (
        "False",
        RATIONALE,
        memory.druce,
    )
    assert len(out["evidence_ids"]) == 2
    shown = cli("session", "show", memory.new_session)
    [claim] = [c for c in shown["claims"] if c["id"] == new_claim]
    assert claim["verdict"] == "False"

    # A wrong id and a verdict outside the session's scale: one line, nothing changed.
    err = cli.fails("claim", "copy-verdict", new_claim, "deadbeefdeadbeef")
    assert err == "error: no claim with id deadbeefdeadbeef"
    err = cli.fails("claim", "copy-verdict", new_claim, memory.stocks)
    assert "'Mostly True' is not on this session's scale" in err
    shown = cli("session", "show", memory.new_session)
    [claim] = [c for c in shown["claims"] if c["id"] == new_claim]
    assert (claim["verdict"], claim["rationale"]) == ("False", RATIONALE)
