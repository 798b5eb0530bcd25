"""Issue 8: a hostile or careless user must not lose or falsify a fact-checker's work.

Each test drives the command line as a user would (``workbench.cli.main.main``),
checks what is on disk afterwards, and reports its figure.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shlex
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import exc

from workbench import ops
from workbench.cli.main import main
from workbench.errors import DatabaseDamaged, ReadOnlyDatabase
from workbench.export import safe_csv
from workbench.queries.sessions import list_sessions, session_detail, session_summary
from workbench.storage.integrity import check_library
from workbench.storage.store import Library, open_library

Report = Callable[[str], None]


class Run:
    """``workbench --db DB ARGS``: (status, stdout, stderr)."""

    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = str(db)
        self.capsys = capsys

    def __call__(self, *args: str, db: Path | str | None = None) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--db", str(db or self.db), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> dict[str, object]:
        code, out, err = self(*args, "--json")
        assert code == 0, err
        result: dict[str, object] = json.loads(out)
        return result


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_error(code: int, out: str, err: str) -> str:
    assert code == 1, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return lines[0]


def _foreign_db(path: Path, *, wal: bool = False, app_id: int = 0) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    if app_id:
        conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
    conn.commit()
    conn.close()
    return path


def _companions(path: Path) -> list[str]:
    return [s for s in ("-wal", "-shm", "-journal") if Path(str(path) + s).exists()]


@pytest.fixture
def run(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(db_path, capsys)


# ------------------------------------------------------------ 1. export over the library


def test_export_refuses_the_library_its_companions_backups_and_any_database(
    run: Run, db_path: Path, tmp_path: Path, report: Report
) -> None:
    sid = str(run.json("demo")["id"])
    backup = Path(str(run.json("backup")["file"]))
    copy = Path(str(run.json("backup", "--out", str(tmp_path / "copy.sqlite3"))["file"]))
    other = _foreign_db(tmp_path / "photos.db")
    shown_before = run.json("session", "show", sid)
    kept = {p: _sha(p) for p in (backup, copy, other)}
    destinations = [
        db_path,
        Path(str(db_path) + "-wal"),
        Path(str(db_path) + "-shm"),
        backup,
        backup.parent / "new-name.csv",  # anything inside the backup folder
        copy,
        other,
    ]
    refused = 0
    for dest in destinations:
        line = _one_line_error(*run("export", "csv", sid, "--out", str(dest), "--json"))
        assert str(dest) in line
        refused += 1
    # the library still opens, checks clean and holds the same work...
    assert run.json("check")["ok"] is True
    assert run.json("session", "show", sid) == shown_before
    assert {p: _sha(p) for p in kept} == kept
    assert not (backup.parent / "new-name.csv").exists()
    # ...and an edit acknowledged after the refusal is really stored
    claim = next(iter(shown_before["claims"]))  # type: ignore[call-overload]
    note = run.json("note", "add", claim["id"], "written after the refused export")
    lib = open_library(db_path)
    try:
        notes = {n.id for n in session_detail(lib, sid).notes}
    finally:
        lib.close()
    assert note["id"] in notes
    report(
        f"export onto the library, its -wal/-shm, a backup (and the backup folder), a copy "
        f"and another program's database: {refused}/{len(destinations)} refused with a "
        "one-line reason; library check ok and unchanged, the edit made afterwards stored"
    )


def test_a_backup_by_name_never_overwrites_the_library_or_another_file(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    run.json("demo")
    other = _foreign_db(tmp_path / "photos.db")
    text = tmp_path / "notes.txt"
    text.write_text("my notes")
    kept = {p: _sha(p) for p in (other, text)}
    for dest in (db_path, Path(str(db_path) + "-wal"), other, text, tmp_path):
        line = _one_line_error(*run("backup", "--out", str(dest)))
        assert str(dest) in line
    assert {p: _sha(p) for p in kept} == kept
    assert run.json("check")["ok"] is True
    again = tmp_path / "copy.sqlite3"
    run.json("backup", "--out", str(again))
    run.json("backup", "--out", str(again))  # an older backup may be replaced


# ------------------------------------------------------------ 2. restore of anything


def _not_backups(tmp_path: Path, good: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    files["empty file"] = tmp_path / "empty.sqlite3"
    files["empty file"].write_bytes(b"")
    files["text file"] = tmp_path / "notes.sqlite3"
    files["text file"].write_text("not a database\n" * 20)
    files["another program's database"] = _foreign_db(tmp_path / "photos.db")
    files["a database with another application id"] = _foreign_db(
        tmp_path / "app.db", app_id=0x12345678
    )
    blank = tmp_path / "blank.db"
    conn = sqlite3.connect(blank)
    conn.execute("PRAGMA user_version = 3")  # a valid, table-less database file
    conn.close()
    files["a database without tables"] = blank
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    files["a library from a newer version"] = newer
    no_sessions = tmp_path / "no-sessions.sqlite3"
    no_sessions.write_bytes(good.read_bytes())
    conn = sqlite3.connect(no_sessions)
    conn.execute("ALTER TABLE sessions RENAME TO sessions_gone")
    conn.commit()
    conn.close()
    files["a library without its session table"] = no_sessions
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    for off in range(4096 * 2, len(data) - 300, 4096):
        data[off + 40 : off + 296] = b"\xde\xad\xbe\xef" * 64
    damaged.write_bytes(bytes(data))
    files["a damaged copy"] = damaged
    return files


def test_restore_refuses_what_is_not_a_backup_and_says_how_to_undo(
    run: Run, db_path: Path, tmp_path: Path, report: Report
) -> None:
    sid = str(run.json("demo")["id"])
    good = Path(str(run.json("backup", "--out", str(tmp_path / "good.sqlite3"))["file"]))
    later = run.json("note", "add", sid, "made after the backup")
    before = _sha(db_path)
    candidates = _not_backups(tmp_path, good)
    refused = 0
    for what, path in candidates.items():
        line = _one_line_error(*run("restore", str(path)))
        assert str(path) in line and "nothing changed" in line, (what, line)
        assert _sha(db_path) == before, what
        refused += 1
    assert not list(tmp_path.glob("*.replaced-*"))
    assert run.json("check")["ok"] is True

    restored = run.json("restore", str(good))
    kept = Path(str(restored["previous"]))
    assert kept.exists() and kept.name.startswith(db_path.name + ".replaced-")
    undo = str(restored["undo"])
    assert shlex.split(undo) == ["workbench", "--db", str(db_path), "restore", str(kept)]
    code, out, _err = run("restore", str(good))
    assert f"kept as {kept.parent}" in out and "to undo this restore: workbench --db" in out
    # the note made after the backup is gone from the restored library...
    assert later["id"] not in {n["id"] for n in run.json("session", "show", sid)["notes"]}  # type: ignore[attr-defined]
    # ...and the printed command brings the previous library back
    code = main(shlex.split(undo)[1:])
    assert code == 0
    assert later["id"] in {n["id"] for n in run.json("session", "show", sid)["notes"]}  # type: ignore[attr-defined]
    report(
        f"restore of {refused} files that are not backups ({', '.join(candidates)}): "
        f"{refused}/{len(candidates)} refused in one line, library bytes unchanged, no file "
        "moved aside; a real restore names the kept file and an undo command that brought "
        "back the note made after the backup"
    )


# ------------------------------------------------------------ 3. foreign files unchanged


def test_a_foreign_file_is_refused_without_a_byte_changed(
    run: Run, tmp_path: Path, report: Report
) -> None:
    files = {
        "SQLite, rollback journal": _foreign_db(tmp_path / "a.db"),
        "SQLite, WAL": _foreign_db(tmp_path / "b.db", wal=True),
        "SQLite with its own application id": _foreign_db(tmp_path / "c.db", app_id=7),
        "plain text": tmp_path / "d.txt",
    }
    files["plain text"].write_text("Dear diary,\n" * 50)
    unchanged = 0
    for what, path in files.items():
        before = path.read_bytes()
        for command in (["session", "list"], ["session", "new", "x"], ["check"]):
            line = _one_line_error(*run(*command, db=path))
            assert str(path) in line, (what, line)
        assert path.read_bytes() == before, what
        assert _companions(path) == [], what
        unchanged += 1
    report(
        f"{len(files)} files that are not libraries, each opened by 3 commands: "
        f"{unchanged}/{len(files)} refused with 0 bytes changed (header bytes 18-19 "
        "included) and no -wal/-shm left beside them"
    )


# ------------------------------------------------------------ 4. a typo in --db


def test_a_mistyped_library_is_not_created_by_commands_that_only_read(
    run: Run, tmp_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "Documnets" / "library.sqlite3"
    commands = [
        ["session", "list"],
        ["session", "show", "5e551040"],
        ["check"],
        ["export", "csv", "5e551040", "--out", str(tmp_path / "r.csv")],
        ["scan", "5e551040"],
        ["facts", "5e551040"],
        ["suggest", "5e551040"],
        ["backup"],
        ["import", "5e551040", str(tmp_path / "x.txt")],
        ["claim", "add", "5e551040", "--quote", "x"],
        ["verdict", "5e551040", "False"],
        ["note", "add", "5e551040", "hello"],
    ]
    answered = 0
    for command in commands:
        line = _one_line_error(*run(*command, db=missing))
        assert line == f"error: no library at {missing}", line
        answered += 1
    assert not missing.parent.exists()
    # the default library too (no --db): nothing appears in the data folder
    data_home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    assert main(["session", "list"]) == 1
    assert not data_home.exists()

    for content in (b"", None):  # a 0-byte file, an SQLite file without tables
        blank = tmp_path / f"blank-{content is None}.sqlite3"
        if content is None:
            conn = sqlite3.connect(blank)
            conn.execute("PRAGMA user_version = 1")
            conn.close()
        else:
            blank.write_bytes(content)
        before = blank.read_bytes()
        line = _one_line_error(*run("session", "list", db=blank))
        assert line.startswith(f"error: no library at {blank} ("), line
        assert blank.read_bytes() == before and _companions(blank) == []

    code, _out, err = run("session", "new", "First story", db=missing)
    assert code == 0 and missing.exists()
    assert f"created a new library at {missing}" in err
    report(
        f"{len(commands)} commands on a mistyped --db (and `session list` on a missing "
        f"default library, a 0-byte file, an SQLite file without tables): "
        f"{answered}/{len(commands)} answered 'no library at PATH', 0 files or folders "
        "created or changed; `session new` created it and said so"
    )


# ------------------------------------------------------------ 6. CSV formula guard


INVISIBLE = ["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\ufeff", "\u200e", "\u2060"]
INVISIBLE += ["\u00a0", " ", "\u200b\ufeff "]
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-1+1", "@SUM(A1)", "\uff1d1+1"]


def _visible_start(cell: str) -> str:
    for ch in cell:
        if not (ch.isspace() or ch in "\u200b\ufeff\u200e\u2060"):
            return ch
    return ""


def test_csv_cells_hiding_a_formula_behind_invisible_characters_are_neutralised(
    run: Run, lib: Library, tmp_path: Path, report: Report
) -> None:
    sid = ops.create_session(lib, "hostile notes").target_id or ""
    hostile = [p + f for p in INVISIBLE for f in FORMULAS]
    for text in hostile:
        ops.add_note(lib, sid, text)
    text = "Short claim. " + "A very long claim " * 2500 + "ends here."
    aid = ops.add_article(lib, sid, "Long", text, outlet="Outlet").target_id or ""
    ops.add_claim(lib, aid, text.index("A very"), len(text))
    lib.close()

    out = tmp_path / "report.csv"
    result = run.json("export", "csv", sid, "--out", str(out))
    raw = out.read_bytes()
    assert b"\x00" not in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    notes_cell = rows[1][rows[0].index("Notes")]
    cells = [c for row in rows for c in row] + notes_cell.split("\n")
    unsafe = [c for c in cells if not c.startswith("'") and _visible_start(c) in "=+-@\uff1d" and c]
    assert unsafe == []
    for value in hostile:
        assert safe_csv.safe_cell(value).startswith("'"), repr(value)
        assert "\x00" not in safe_csv.safe_cell(value)
    # the long quote is written whole and the JSON warns that Excel will cut it
    quote = rows[1][rows[0].index("Quote")]
    assert len(quote) > safe_csv.EXCEL_CELL_LIMIT
    warnings = result["warnings"]
    assert isinstance(warnings, list) and len(warnings) == 1
    assert "Quote" in warnings[0] and "32,767" in warnings[0]
    report(
        f"{len(hostile)} hostile cells ({len(INVISIBLE)} invisible or control prefixes x "
        f"{len(FORMULAS)} formula starts): {len(hostile)}/{len(hostile)} neutralised, "
        f"0 NUL bytes in the file; a {len(quote):,}-character quote written whole and "
        "reported in the CLI's JSON warnings"
    )


# ------------------------------------------------------------ 9. read-only libraries


def test_a_read_only_library_reads_and_refuses_every_write_unchanged(
    run: Run, db_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = str(run.json("demo")["id"])
    before = _sha(db_path)
    ro = f"sqlite:///file:{db_path}?mode=ro&uri=true"
    code, out, _ = run("session", "list", "--json", db=ro)
    assert code == 0 and json.loads(out)["sessions"][0]["id"] == sid
    writes = [
        ["session", "new", "x"],
        ["note", "add", sid, "hello"],
        ["session", "rename", sid, "renamed"],
        ["session", "delete", sid, "--yes"],
    ]
    refused = 0
    for command in writes:
        line = _one_line_error(*run(*command, db=ro))
        assert "read-only" in line, line
        refused += 1
    assert _sha(db_path) == before

    # a file the user may not write (as root every file is writable: pretend)
    monkeypatch.setattr("workbench.storage.store._writable", lambda _path: False)
    lib = open_library(db_path)
    try:
        assert lib.read_only
        assert session_summary(lib, sid).claims == 12
        with pytest.raises(ReadOnlyDatabase):
            ops.add_note(lib, sid, "hello")
    finally:
        lib.close()
    assert _sha(db_path) == before
    report(
        f"read-only library (mode=ro, or a file that cannot be written): reads work, "
        f"{refused}/{len(writes)} CLI writes and a direct operation refused as read-only, "
        "0 bytes changed"
    )


# ------------------------------------------------------------ 10. damaged library


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for off in range(4096 * 2, len(data) - 300, 4096):
        data[off + 40 : off + 296] = b"\xde\xad\xbe\xef" * 64
    path.write_bytes(bytes(data))


def test_a_damaged_library_is_reported_with_the_backup_to_restore(
    run: Run, db_path: Path, report: Report
) -> None:
    sid = str(run.json("demo")["id"])
    backup = Path(str(run.json("backup")["file"]))
    _damage(db_path)
    advice = ""
    for command in (["check"], ["session", "list"], ["session", "show", sid]):
        line = _one_line_error(*run(*command))
        assert "damaged" in line and str(backup) in line, line
        advice = line
    command = advice.split("restore it with: ", 1)[1]
    assert main(shlex.split(command)[1:]) == 0
    assert run.json("check")["ok"] is True
    assert run.json("session", "show", sid)["counts"]["claims"] == 12  # type: ignore[index]
    report(
        "damaged library: check, session list and session show each answered in one line "
        "naming the newest good backup and the restore command; that command brought back "
        "12/12 claims"
    )


def test_database_errors_are_translated_alike_in_reads_and_writes(lib: Library) -> None:
    malformed = exc.DatabaseError(
        "SELECT 1", {}, sqlite3.DatabaseError("database disk image is malformed")
    )

    def broken(*_a: object, **_k: object) -> object:
        raise malformed

    lib._reader = broken  # type: ignore[method-assign]
    lib._writer = broken  # type: ignore[method-assign]
    for unit in (lib.read, lib.write):
        with pytest.raises(DatabaseDamaged) as caught, unit():
            pass
        assert "damaged" in str(caught.value)
        assert "backup" in str(caught.value)  # which backup, or that none was found


def test_a_check_or_read_that_meets_a_damaged_page_says_damaged(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    run.json("demo")
    backup = Path(str(run.json("backup")["file"]))
    conn = sqlite3.connect(db_path)
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    start = (page - 1) * size
    data[start + 8 : start + size] = b"\xde\xad\xbe\xef" * ((size - 8) // 4)  # the claims
    db_path.write_bytes(bytes(data))
    lib = open_library(db_path, check=False, migrate=False)  # past the check at open
    try:
        problems = check_library(lib)
        assert problems and problems[0].startswith("integrity_check:")
        code, _out, err = run("check", "--json")  # `check` itself opens with quick_check
        assert "damaged" in err and str(backup) in err
        assert len(err.strip().splitlines()) == 1, err
        assert code == 1
        with pytest.raises(DatabaseDamaged) as caught:
            list_sessions(lib)  # counts the claims
        assert str(backup) in str(caught.value)
    finally:
        lib.close()
