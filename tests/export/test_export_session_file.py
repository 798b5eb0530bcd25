"""Session files: export, import into a fresh library row for row, merges, hostile files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.export.conftest import LONG_NOTE, Hostile
from workbench import ops
from workbench.export.session_file import (
    SessionFileError,
    export_session,
    import_session_file,
    read_session_file,
)
from workbench.queries.claims import claim_info, verdict_history
from workbench.queries.sessions import article_text, article_texts, list_sessions, session_detail
from workbench.storage.schema import Event
from workbench.storage.session_rows import table_of
from workbench.storage.store import Library, open_library

TABLES = ("sessions", "articles", "claims", "links", "evidence", "notes", "dismissals", "settings")


def _rows(lib: Library) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with lib.read() as db:
        for name in TABLES:
            t = table_of(name)
            cols = [c for c in t.c if not (name == "sessions" and c.name == "updated")]
            out[name] = sorted(tuple(r) for r in db.execute(select(*cols)))
    return out


@pytest.fixture
def other(tmp_path: Path) -> Library:
    library = open_library(tmp_path / "other.sqlite3", actor="colleague")
    yield library  # type: ignore[misc]
    library.close()


def test_round_trip_into_a_fresh_library_row_for_row(
    lib: Library, hostile: Hostile, other: Library, tmp_path: Path
) -> None:
    ops.dismiss_suggestion(lib, hostile.sid, "pair:abc")
    out = tmp_path / "s.fcsession"
    exported = export_session(lib, hostile.sid, out)
    assert exported.claims == 8
    report = import_session_file(other, str(out))
    assert report.new_session and not report.conflicts
    assert _rows(other) == _rows(lib)
    texts_here = article_texts(lib, hostile.sid)
    assert article_texts(other, hostile.sid) == texts_here
    # Verdict history travels with the claims.
    for cid in hostile.claims.values():
        assert [h[1:] for h in verdict_history(other, cid)] == [
            h[1:] for h in verdict_history(lib, cid)
        ]
    assert LONG_NOTE in {n.text for n in session_detail(other, hostile.sid).notes}


def test_merge_with_changes_on_both_sides_reports_the_conflict(
    lib: Library, hostile: Hostile, other: Library, tmp_path: Path
) -> None:
    first = tmp_path / "first.fcsession"
    export_session(lib, hostile.sid, first)
    import_session_file(other, str(first))
    injured, killed, drones = (hostile.claims[k] for k in ("injured", "killed", "drones"))
    # Here: the verdict of one claim. There: the same verdict differently, the
    # rationale of another claim, a new claim and a note.
    ops.set_verdict(lib, injured, "Mostly False")
    ops.set_verdict(other, injured, "Pants on Fire")
    ops.set_rationale(other, killed, "Confirmed by the hospital")
    start = article_text(other, hostile.b).index("the hospital said")
    new_claim = ops.add_claim(other, hostile.b, start, start + 17).target_id
    ops.add_note(other, drones, "Counted on video")
    ops.set_rationale(lib, drones, "Only here")
    back = tmp_path / "back.fcsession"
    export_session(other, hostile.sid, back)

    report = import_session_file(lib, str(back))
    assert not report.new_session
    [conflict] = report.conflicts
    assert (conflict.kind, conflict.id, conflict.field) == ("claim", injured, "verdict")
    assert (conflict.here, conflict.file) == ("Mostly False", "Pants on Fire")
    assert "conflict: claim" in report.summary() and "kept 'Mostly False'" in report.summary()
    assert claim_info(lib, injured).verdict == "Mostly False"  # not overwritten
    assert claim_info(lib, killed).rationale == "Confirmed by the hospital"
    assert claim_info(lib, drones).rationale == "Only here"
    assert new_claim and claim_info(lib, new_claim).quote == "the hospital said"
    assert "Counted on video" in {n.text for n in session_detail(lib, hostile.sid).notes}
    assert report.added == {"claims": 1, "notes": 1}
    # The same file again: nothing new, and the settled conflict is not raised again.
    again = import_session_file(lib, str(back))
    assert not again.conflicts and not again.added and not again.updated


def test_merge_can_be_undone(
    lib: Library, hostile: Hostile, other: Library, tmp_path: Path
) -> None:
    f = tmp_path / "s.fcsession"
    export_session(lib, hostile.sid, f)
    import_session_file(other, str(f))
    ops.set_rationale(other, hostile.claims["drones"], "from there")
    ops.add_note(other, hostile.claims["drones"], "new there")
    export_session(other, hostile.sid, f)
    before = _rows(lib)
    from workbench.ops.session_import import merge_session

    data, texts = read_session_file(f)
    change, report = merge_session(lib, data, texts)
    assert report.updated == {"claims": 1} and report.added == {"notes": 1}
    ops.apply(lib, change.inverse)
    after = _rows(lib)
    assert after["claims"] == before["claims"] and after["notes"] == before["notes"]


def _rezip(src: Path, dest: Path, edit: dict[str, bytes | None], fix_hash: bool = True) -> None:
    import hashlib

    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    for name, body in edit.items():
        if body is None:
            members.pop(name, None)
        else:
            members[name] = body
    if fix_hash:
        manifest = json.loads(members["manifest.json"])
        manifest["sha256"] = {
            n: hashlib.sha256(b).hexdigest() for n, b in members.items() if n != "manifest.json"
        }
        if "manifest.json" not in edit:
            members["manifest.json"] = json.dumps(manifest).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    dest.write_bytes(buf.getvalue())


def _count_rows(lib: Library) -> int:
    with lib.read() as db:
        return sum(
            db.scalar(select(func.count()).select_from(table_of(n))) or 0 for n in TABLES
        ) + (db.scalar(select(func.count()).select_from(Event)) or 0)


def test_newer_damaged_and_hostile_files_change_nothing(
    lib: Library, hostile: Hostile, other: Library, tmp_path: Path
) -> None:
    good = tmp_path / "good.fcsession"
    export_session(lib, hostile.sid, good)
    with zipfile.ZipFile(good) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        session = json.loads(zf.read("session.json"))
    newer = tmp_path / "newer.fcsession"
    _rezip(good, newer, {"manifest.json": json.dumps({**manifest, "version": 99}).encode()})
    with pytest.raises(SessionFileError, match=r"newer Fact-Check Workbench.*version 99"):
        import_session_file(other, str(newer))

    cases: dict[str, tuple[dict[str, bytes | None], bool, str]] = {
        "traversal": ({"../../evil.txt": b"x"}, True, "unexpected member"),
        "bad hash": ({"session.json": b"{}"}, False, "does not match its checksum"),
        "not json": ({"session.json": b"{nope"}, True, "not valid JSON"),
        "missing text": ({f"texts/{hostile.a}.txt": None}, True, "text of article"),
        "text changed": ({f"texts/{hostile.a}.txt": b"other words"}, True, "content hash"),
    }
    bad_claim = json.loads(json.dumps(session))
    bad_claim["claims"][0]["start"] = 10**9
    cases["span"] = ({"session.json": json.dumps(bad_claim).encode()}, True, "quote")
    bad_type = json.loads(json.dumps(session))
    bad_type["claims"][0]["verdict"] = ["not", "text"]
    cases["type"] = ({"session.json": json.dumps(bad_type).encode()}, True, "wrong type")
    bad_id = json.loads(json.dumps(session))
    bad_id["notes"][0]["id"] = "1; DROP TABLE claims"
    cases["id"] = ({"session.json": json.dumps(bad_id).encode()}, True, "not a UUID")
    dangling = json.loads(json.dumps(session))
    dangling["links"][0]["claim_b_id"] = "00000000-0000-4000-8000-000000000000"
    cases["dangling"] = ({"session.json": json.dumps(dangling).encode()}, True, "not in the file")
    for target in (other, lib):
        before = _count_rows(target)
        for name, (edit, fix, message) in cases.items():
            f = tmp_path / f"{name}.fcsession"
            _rezip(good, f, edit, fix_hash=fix)
            with pytest.raises(SessionFileError, match=message):
                import_session_file(target, str(f))
        assert _count_rows(target) == before
    junk = tmp_path / "junk.fcsession"
    junk.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(SessionFileError, match="not a zip"):
        import_session_file(other, str(junk))
    assert list_sessions(other) == []


def test_zip_bomb_is_refused_before_unpacking(
    other: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.export import session_file

    monkeypatch.setattr(session_file, "MAX_UNPACKED", 4 * 1024 * 1024)  # 512 MB in use
    bomb = tmp_path / "bomb.fcsession"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("session.json", b"0" * (5 * 1024 * 1024))
    assert bomb.stat().st_size < 64 * 1024
    with pytest.raises(SessionFileError, match="would unpack to more than"):
        import_session_file(other, str(bomb))


def test_the_same_dismissal_made_on_both_sides_does_not_block_the_merge(
    lib: Library, hostile: Hostile, other: Library, tmp_path: Path
) -> None:
    f = tmp_path / "s.fcsession"
    export_session(lib, hostile.sid, f)
    import_session_file(other, str(f))
    ops.dismiss_suggestion(lib, hostile.sid, "pair:x")
    ops.dismiss_suggestion(other, hostile.sid, "pair:x")
    ops.set_rationale(other, hostile.claims["drones"], "there")
    export_session(other, hostile.sid, f)
    report = import_session_file(lib, str(f))
    assert report.skipped == ["dismissal 'pair:x': already here"]
    assert claim_info(lib, hostile.claims["drones"]).rationale == "there"
