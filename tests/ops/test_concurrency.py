"""Two desks writing to one library at once lose nothing and overwrite nothing.

Run on an SQLite file and (``make test-pg``) on a PostgreSQL server, where
writers are not serialised by the database file and read-then-write steps
must hold row locks or versions.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tests.conftest import ARTICLE_A, ARTICLE_B, REPO, claim_by_quote
from workbench import ops
from workbench.errors import InvalidOperation, StaleEdit
from workbench.queries.sessions import session_detail
from workbench.storage.schema import Claim
from workbench.storage.store import Library, open_library

WRITERS, PER_WRITER = 3, 6


def test_concurrent_imports_get_distinct_positions(
    lib: Library, library_target: str, tmp_path: Path
) -> None:
    sid = ops.create_session(lib, "Race").target_id
    assert sid
    folders = []
    for w in range(WRITERS):
        folder = tmp_path / f"desk{w}"
        folder.mkdir()
        for n in range(PER_WRITER):
            (folder / f"report-{n}.txt").write_text(
                f"Desk {w} report {n}: the port was hit on Monday, officials said.\n"
            )
        folders.append(folder)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "workbench", "--db", library_target, "import", sid]
            + [str(p) for p in sorted(folder.iterdir())],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for folder in folders
    ]
    errors = [proc.communicate(timeout=300)[1].decode() for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * WRITERS, errors
    articles = session_detail(lib, sid).articles
    assert len(articles) == WRITERS * PER_WRITER
    assert sorted(a.position for a in articles) == list(range(WRITERS * PER_WRITER))


def _wait_until_blocked(lib: Library, thread: threading.Thread) -> None:
    """Give ``thread`` the time to reach the lock the open transaction holds.

    A PostgreSQL server says when a backend waits for a lock; an SQLite
    writer waits inside the driver, so there the thread gets a moment."""
    if lib.engine.dialect.name != "postgresql":
        thread.join(1.0)
        return
    for _ in range(300):
        with lib.engine.connect() as conn:
            waiting = conn.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            )
        if waiting:
            return
        time.sleep(0.1)


def test_two_imports_of_the_same_text_racing_cannot_both_pass(library_target: str) -> None:
    """Alice's import has checked for the text and written the article but not
    committed when Bob imports the same text: Bob's check must wait for
    Alice's transaction and then see her article, so only one copy is kept."""
    alice = open_library(library_target, actor="alice")
    bob = open_library(library_target, actor="bob")
    try:
        sid = ops.create_session(alice, "Race for one text").target_id or ""
        written, release = threading.Event(), threading.Event()
        real_write = alice.write

        @contextmanager
        def write_held_open() -> Iterator[object]:
            with real_write() as db:
                yield db
                written.set()  # the article is in, the transaction still open
                release.wait(60)

        alice.write = write_held_open  # type: ignore[method-assign]
        results: dict[str, object] = {}

        def import_as(name: str, library: Library) -> None:
            try:
                results[name] = ops.add_article(library, sid, f"{name}'s copy", ARTICLE_A)
            except InvalidOperation as err:
                results[name] = err

        first = threading.Thread(target=import_as, args=("alice", alice))
        first.start()
        assert written.wait(60)
        second = threading.Thread(target=import_as, args=("bob", bob))
        second.start()
        _wait_until_blocked(alice, second)
        assert second.is_alive(), "Bob's import did not wait for Alice's transaction"
        release.set()
        first.join(60)
        second.join(60)
        assert isinstance(results["alice"], ops.Change)
        assert isinstance(results["bob"], InvalidOperation)
        assert "already in this session (“alice's copy”)" in str(results["bob"])
        assert [a.title for a in session_detail(bob, sid).articles] == ["alice's copy"]
    finally:
        release.set()
        alice.close()
        bob.close()


def test_an_edit_based_on_an_old_version_is_refused_naming_who_changed_it(
    library_target: str, two_articles: tuple[str, str, str]
) -> None:
    _, a, _ = two_articles
    alice = open_library(library_target, actor="alice")
    bob = open_library(library_target, actor="bob")
    try:
        cid = claim_by_quote(alice, a, ARTICLE_A, "No one was injured")
        seen = next(c for c in session_detail(alice, two_articles[0]).claims)
        ops.set_verdict(bob, cid, "False", rationale="two died", expected_version=seen.version)
        with pytest.raises(StaleEdit, match=r"changed by bob .*set verdict.*reload"):
            ops.set_verdict(alice, cid, "True", rationale="", expected_version=seen.version)
        with pytest.raises(StaleEdit):
            ops.set_rationale(alice, cid, "mine", expected_version=seen.version)
        claim = session_detail(alice, two_articles[0]).claims[0]
        assert (claim.verdict, claim.rationale) == ("False", "two died")
        # Based on the version now stored, the edit goes through.
        ops.set_rationale(alice, cid, "checked with the hospital", expected_version=claim.version)
        assert session_detail(bob, two_articles[0]).claims[0].rationale == (
            "checked with the hospital"
        )
    finally:
        alice.close()
        bob.close()


@pytest.mark.pg
def test_a_lost_update_between_two_desks_is_refused(pg_url: str) -> None:
    """Both desks read the claim; the second write must not silently replace
    the first (PostgreSQL's read committed would allow it without versions)."""
    alice = open_library(pg_url, actor="alice")
    bob = open_library(pg_url, actor="bob")
    try:
        sid = ops.create_session(alice, "s").target_id or ""
        aid = ops.add_article(alice, sid, "B", ARTICLE_B).target_id or ""
        cid = claim_by_quote(alice, aid, ARTICLE_B, "A dozen drones")
        read_done, bob_done = threading.Event(), threading.Event()

        def bob_edits() -> None:
            read_done.wait(10)
            ops.set_verdict(bob, cid, "False", rationale="bob's")
            bob_done.set()

        thread = threading.Thread(target=bob_edits)
        thread.start()
        with pytest.raises(StaleEdit, match="at the same moment"), alice.write() as db:
            row = db.scalars(select(Claim).where(Claim.id == cid)).one()
            read_done.set()
            assert bob_done.wait(10)
            row.rationale = "alice's"
        thread.join()
        claim = session_detail(alice, sid).claims[0]
        assert (claim.verdict, claim.rationale) == ("False", "bob's")
    finally:
        alice.close()
        bob.close()


def test_the_cli_recognises_a_library_another_program_has_open(
    sqlite_lib: Library, db_path: Path
) -> None:
    """While an app holds the library open, its newest pages (even the header
    with our application id) may be only in the -wal file."""
    sid = ops.create_session(sqlite_lib, "Open in the app").target_id or ""
    assert Path(f"{db_path}-wal").stat().st_size > 0
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "session", "show", sid],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Open in the app" in done.stdout
