"""Import from a web address, against a real HTTP server on 127.0.0.1.

Pages, redirects (also to ``file:``), slow and dripping servers, huge bodies
(declared and streamed), compressed bombs, binary content types and hostile
markup. Each refusal is one clear reason, and nothing is stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.local_http import ARTICLE, LIMITS, PARAGRAPHS, Handler, serve
from workbench import ops
from workbench.cli.main import main
from workbench.errors import ImportRefused
from workbench.importers.web import fetch, read_page
from workbench.importers.web_import import (
    import_url,
    import_urls,
    snapshot_body,
    snapshot_evidence,
    snapshots,
)
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library


@pytest.fixture
def server() -> Iterator[str]:
    with serve() as base:
        yield base


@pytest.fixture
def session(lib: Library) -> str:
    sid = ops.create_session(lib, "Depot strike").target_id
    assert sid
    return sid


def _refused(url: str, **kw: object) -> str:
    with pytest.raises(ImportRefused) as info:
        fetch(url, limits=LIMITS, **kw)  # type: ignore[arg-type]
    return info.value.reason


def test_a_page_becomes_an_article_with_its_metadata_and_a_snapshot(
    lib: Library, session: str, server: str
) -> None:
    before = datetime.now(UTC)
    done = import_url(lib, session, f"{server}/moved", limits=LIMITS)
    detail = session_detail(lib, session)
    (art,) = detail.articles
    assert art.title == "Drones hit Kestrel Bay fuel depot"
    assert art.outlet == "Harbour Gazette"
    assert art.author == "Mara Quill"
    assert str(art.published) == "2026-03-09"
    assert art.url == f"{server}/news/depot-strike"  # the page's canonical address
    for p in PARAGRAPHS:
        assert p in detail_text(lib, art.id)
    assert "Home | World" not in detail_text(lib, art.id)  # navigation is not article text

    (snap,) = snapshots(lib, article_id=art.id)
    assert snap.id == done.snapshot_id
    assert snap.url == f"{server}/moved" and snap.final_url == f"{server}/article"
    assert snap.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert snapshot_body(lib, snap.id) == ARTICLE.encode()  # the raw page, byte for byte
    fetched = datetime.fromisoformat(snap.fetched)
    assert before <= fetched <= datetime.now(UTC)
    assert snap.status == 200 and snap.content_type.startswith("text/html")


def detail_text(lib: Library, article_id: str) -> str:
    from workbench.storage.schema import Article

    with lib.read() as db:
        row = db.get(Article, article_id)
        assert row is not None
        return row.text


def test_plain_text_pages_use_the_header_charset(lib: Library, session: str, server: str) -> None:
    done = import_url(lib, session, f"{server}/plain", limits=LIMITS)
    assert detail_text(lib, done.article_id) == "\n".join(PARAGRAPHS)
    assert done.article.outlet == "127.0.0.1"


def test_a_compressed_page_is_inflated(server: str) -> None:
    page = fetch(f"{server}/gzipped", limits=LIMITS)
    assert page.body == ARTICLE.encode()
    assert read_page(page).title == "Drones hit Kestrel Bay fuel depot"


def test_redirects_are_followed_a_few_times_only(server: str) -> None:
    page = fetch(f"{server}/chain/3", limits=LIMITS)
    assert page.final_url.endswith("/article") and len(page.redirects) == 4
    assert _refused(f"{server}/chain/9") == "more than 5 redirects"


@pytest.mark.parametrize(("route", "scheme"), [("/to-file", "file"), ("/to-ftp", "ftp")])
def test_a_redirect_to_another_scheme_is_refused(server: str, route: str, scheme: str) -> None:
    reason = _refused(server + route)
    assert reason == (
        f"the page redirected to a '{scheme}:' address; only http and https are followed"
    )


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "example.org/a"]
)
def test_only_http_and_https_addresses_are_fetched(url: str) -> None:
    assert "only http and https" in _refused(url)


def test_a_slow_server_times_out(server: str) -> None:
    reason = _refused(f"{server}/slow", timeout=0.8)
    assert "timed out" in reason  # the server would have answered after 2.5 s


def test_a_dripping_server_hits_the_deadline(server: str) -> None:
    reason = _refused(f"{server}/drip", timeout=0.8)
    assert "within 0.8 s (timed out)" in reason


def test_huge_bodies_are_refused(server: str) -> None:
    # Refused on the Content-Length header, before a byte of the body is read.
    assert _refused(f"{server}/huge-declared").startswith("page is 50.0 MB; the limit is")
    assert "larger than" in _refused(f"{server}/huge-streamed")
    assert "larger than" in _refused(f"{server}/gzip-bomb")


@pytest.mark.parametrize(
    ("route", "media"),
    [("/image", "image/png"), ("/pdf", "application/pdf"), ("/octets", "application/octet-stream")],
)
def test_binary_content_types_are_refused(server: str, route: str, media: str) -> None:
    assert _refused(server + route) == f"not a web page or text: the server sent {media} content"


def test_errors_and_unreachable_servers_say_so(server: str) -> None:
    assert _refused(f"{server}/missing") == "the server answered 404 Not Found"
    port = int(server.rsplit(":", 1)[1])
    with pytest.raises(ImportRefused) as info:
        # Nothing listens on the port after this one (almost surely).
        fetch(f"http://127.0.0.1:{port + 1 if port < 65535 else port - 1}/", timeout=2)
    assert "refused" in info.value.reason or "could not be fetched" in info.value.reason


def test_hostile_markup_fetches_nothing_else_and_reads_no_file(
    lib: Library, session: str, server: str
) -> None:
    done = import_url(lib, session, f"{server}/hostile", limits=LIMITS)
    text = detail_text(lib, done.article_id)
    assert "mayor said the port would reopen" in text
    assert "fetch(" not in text and "root:" not in text
    assert Handler.log == ["/hostile"]  # no stylesheet, script, image or frame was fetched


def test_a_cancelled_fetch_stops_and_stores_nothing(
    lib: Library, session: str, server: str
) -> None:
    calls = []

    def cancelled() -> bool:  # the user presses Cancel while the page trickles in
        calls.append(1)
        return len(calls) > 3

    batch = import_urls(lib, session, [f"{server}/drip", f"{server}/article"], cancelled=cancelled)
    assert batch.cancelled and not batch.imported and not batch.errors
    assert Handler.log == ["/drip"]  # the second address was never asked for
    assert not session_detail(lib, session).articles
    assert snapshots(lib, session_id=session) == []


def test_a_failed_address_does_not_stop_the_others_and_duplicates_are_refused(
    lib: Library, session: str, server: str
) -> None:
    batch = import_urls(
        lib, session, [f"{server}/image", f"{server}/article", f"{server}/moved"], timeout=5
    )
    assert [r.page.final_url for r in batch.imported] == [f"{server}/article"]
    reasons = [e.reason for e in batch.errors]
    assert reasons[0].startswith("not a web page")
    assert "already in this session" in reasons[1]
    assert len(snapshots(lib, session_id=session)) == 1  # no snapshot for a refused page


def test_an_evidence_url_gets_a_snapshot_and_undo_removes_it(
    lib: Library, session: str, server: str
) -> None:
    aid = ops.add_article(lib, session, "Report", "No one was injured in the attack.").target_id
    assert aid
    cid = ops.add_claim(lib, aid, 0, 18).target_id
    assert cid
    eid = ops.add_evidence(lib, cid, url=f"{server}/statement.pdf", title="Statement").target_id
    assert eid
    sid = snapshot_evidence(lib, eid, limits=LIMITS)
    (snap,) = snapshots(lib, evidence_id=eid)
    assert snap.id == sid and snap.content_type == "application/pdf"  # any type is kept
    assert snapshot_body(lib, sid) == b"%PDF-1.4 statement"
    removed = ops.apply(lib, ops.OpCall("remove_snapshot", {"snapshot_id": sid}))
    assert snapshots(lib, evidence_id=eid) == []
    ops.apply(lib, removed.inverse)  # undo puts the same bytes back
    assert snapshot_body(lib, sid) == b"%PDF-1.4 statement"


def test_the_command_line_imports_addresses(
    db_path: Path, server: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def run(*args: str) -> tuple[int, dict[str, object], str]:
        capsys.readouterr()
        code = main(["--db", str(db_path), *args, "--json"])
        out, err = capsys.readouterr()
        return code, json.loads(out.strip().splitlines()[-1]) if out.strip() else {}, err

    code, made, _ = run("session", "new", "Web")
    assert code == 0
    sid = str(made["id"])
    code, out, err = run("import", sid, f"{server}/article", f"{server}/to-file")
    assert code == 1  # one address refused
    articles = out["articles"]
    assert isinstance(articles, list) and len(articles) == 1
    assert articles[0]["final_url"] == f"{server}/article"
    assert articles[0]["snapshot"]["sha256"] == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert err.strip() == (
        f"error: {server}/to-file: the page redirected to a 'file:' address; only http and "
        "https are followed"
    )
    code, listed, _ = run("snapshot", "list", sid)
    assert code == 0
    (snap,) = listed["snapshots"]  # type: ignore[misc]
    out_file = tmp_path / "page.html"
    code, _, _ = run("snapshot", "export", snap["id"][:8], "--out", str(out_file))
    assert code == 0 and out_file.read_bytes() == ARTICLE.encode()
