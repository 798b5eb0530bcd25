"""An open library notices what other programs commit, and not its own edits."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.conftest import ARTICLE_A, REPO, claim_by_quote
from workbench import ops
from workbench.storage.store import Library, open_library
from workbench.storage.watch import ChangeWatcher, OutsideEdit, kinds_of


def poll_until_news(watcher: ChangeWatcher, seconds: float = 5.0) -> list[OutsideEdit]:
    """PostgreSQL delivers notifications asynchronously: look a few times."""
    deadline = time.monotonic() + seconds
    while True:
        edits = watcher.poll()
        if edits or time.monotonic() > deadline:
            return edits
        time.sleep(0.05)


def test_edits_of_another_desk_are_reported_with_who_and_what(
    lib: Library, library_target: str
) -> None:
    sid = ops.create_session(lib, "s").target_id or ""
    aid = ops.add_article(lib, sid, "A", ARTICLE_A).target_id or ""
    cid = claim_by_quote(lib, aid, ARTICLE_A, "No one was injured")
    watcher = ChangeWatcher(lib)
    try:
        assert watcher.poll() == []
        ops.set_rationale(lib, cid, "my own edit")
        assert watcher.poll() == []  # our own edits are not news
        other = open_library(library_target, actor="bob")
        try:
            ops.set_verdict(other, cid, "False")
        finally:
            other.close()
        [edit] = poll_until_news(watcher)
        assert (edit.actor, edit.operation, edit.session_id, edit.target_id) == (
            "bob",
            "set_verdict",
            sid,
            cid,
        )
        assert watcher.poll() == []
        # Another process (the CLI) is noticed the same way.
        subprocess.run(
            [sys.executable, "-m", "workbench", "--db", library_target, "note", "add", cid, "hi"],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        assert [e.operation for e in poll_until_news(watcher)] == ["add_note"]
    finally:
        watcher.close()


def test_kinds_follow_the_operation() -> None:
    assert kinds_of("set_verdict") == {"claim"}
    assert kinds_of("update_link") == {"link"}
    assert {"claim", "link", "note", "evidence", "article"} <= kinds_of("remove_article")
