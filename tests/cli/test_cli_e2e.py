"""The command line end to end, as a script or a terminal user would use it."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workbench.cli.main import main
from workbench.resources import sample_files
from workbench.storage.store import open_library


class Cli:
    def __init__(self, db: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, status: int = 0) -> dict[str, Any]:
        """Run with --json; assert the exit status; return the one JSON object."""
        self.capsys.readouterr()
        code = main(["--db", str(self.db), *args, "--json"])
        out, err = self.capsys.readouterr()
        assert code == status, err
        lines = [line for line in out.splitlines() if line.strip()]
        if status == 0 or lines:
            assert len(lines) == 1, out
            result: dict[str, Any] = json.loads(lines[0])
            result["_stderr"] = err
            return result
        return {"_stderr": err}

    def fails(self, *args: str) -> str:
        """Run expecting an error: nothing on stdout, one line on stderr."""
        self.capsys.readouterr()
        code = main(["--db", str(self.db), *args, "--json"])
        out, err = self.capsys.readouterr()
        assert code != 0
        assert out == ""
        assert len(err.strip().splitlines()) == 1, err
        return err.strip()


@pytest.fixture
def cli(library_target: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI on an SQLite file, and (``make test-pg``) on a PostgreSQL server."""
    return Cli(library_target, capsys)


@pytest.fixture
def sqlite_cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """For commands about the SQLite file itself."""
    return Cli(db_path, capsys)


def test_full_fact_check_from_the_terminal(cli: Cli, tmp_path: Path) -> None:
    sid = cli("session", "new", "Kestrel Bay strike", "--scale", "snopes")["id"]
    imported = cli("import", sid[:8], *map(str, sample_files()))
    assert imported["errors"] == []
    arts = {a["outlet"]: a for a in imported["articles"]}
    assert set(arts) == {"The Harbour Herald", "Northern Courier Online", "The Daily Meridian"}
    assert arts["The Daily Meridian"]["published"] == "2026-03-13"
    assert all(a["file"].endswith((".txt", ".md", ".html")) for a in arts.values())

    herald = arts["The Harbour Herald"]["id"]
    courier = arts["Northern Courier Online"]["id"]
    meridian = arts["The Daily Meridian"]["id"]
    none_hurt = cli("claim", "add", herald[:8], "--quote", "No one was injured in the attack")
    assert none_hurt["quote"] == "No one was injured in the attack"
    two_dead = cli("claim", "add", courier, "--quote", "At least two people were killed")
    quote_h = cli("claim", "add", herald, "--quote", "Our crews followed the alarm procedure")
    quote_m = cli("claim", "add", meridian, "--quote", "Our crews followed the alarm procedure")
    by_span = cli("claim", "add", meridian, "--start", "0", "--end", "10")
    assert by_span["end"] - by_span["start"] <= 10

    link = cli(
        "link",
        none_hurt["id"][:8],
        two_dead["id"][:8],
        "--type",
        "contradicts",
        "--note",
        "nobody hurt vs two dead",
    )
    cli("link", quote_h["id"], quote_m["id"], "--type", "same")
    verdict = cli("verdict", none_hurt["id"], "false", "--rationale", "Two deaths confirmed")
    assert verdict["verdict"] == "False"
    ev = cli(
        "evidence",
        "add",
        none_hurt["id"],
        "--url",
        "https://hospital.example/s",
        "--title",
        "Hospital statement",
        "--excerpt",
        "Two died on arrival",
    )
    note = cli("note", "add", link["id"][:8], "Ask the ministry which figure is right")
    assert note["target_kind"] == "link"
    cli("note", "add", none_hurt["id"], "=cmd|' /C calc'!A0")

    out = tmp_path / "report.csv"
    exported = cli("export", "csv", sid, "--out", str(out))
    assert exported["rows"] == 5
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    row = next(r for r in rows if r["Claim id"] == none_hurt["id"])
    assert row["Verdict"] == "False" and row["Rationale"] == "Two deaths confirmed"
    assert row["Evidence"] == "https://hospital.example/s"
    assert row["Notes"] == "'=cmd|' /C calc'!A0"
    assert row["Linked claims"].startswith("Contradicts: Northern Courier Online:")
    assert row["Outlet"] == "The Harbour Herald" and row["Published"] == "2026-03-12"

    # reopen: a fresh process view of the same file has everything
    shown = cli("session", "show", sid)
    assert shown["counts"] == {"articles": 3, "claims": 5, "links": 2, "checked": 1}
    assert {c["id"] for c in shown["claims"]} >= {none_hurt["id"], two_dead["id"]}
    assert any(e["id"] == ev["id"] for e in shown["evidence"])
    listed = cli("session", "list")["sessions"]
    assert [(s["id"], s["claims"], s["links"]) for s in listed] == [(sid, 5, 2)]
    assert cli("check") == {"ok": True, "problems": [], "_stderr": ""}

    backup_file = tmp_path / "backup.sqlite3"
    assert cli("backup", "--out", str(backup_file))["check"] == "ok"

    # removing a claim takes its link with it
    cli("claim", "remove", two_dead["id"])
    assert cli("session", "show", sid)["counts"]["links"] == 1
    # and the backup restores the earlier state, keeping the current file aside
    restored = cli("restore", str(backup_file))
    assert Path(restored["previous"]).exists()
    assert cli("session", "show", sid)["counts"]["links"] == 2


def test_errors_are_one_line_on_stderr_with_nonzero_status(cli: Cli, tmp_path: Path) -> None:
    sid = cli("session", "new", "S")["id"]
    art = cli("import", sid, str(sample_files()[0]))["articles"][0]["id"]
    c1 = cli("claim", "add", art, "--quote", "No one was injured")["id"]
    c2 = cli("claim", "add", art, "--quote", "Four drones")["id"]
    assert "same article" in cli.fails("link", c1, c2, "--type", "same")
    assert "itself" in cli.fails("link", c1, c1, "--type", "same")
    assert "does not occur" in cli.fails("claim", "add", art, "--quote", "Martians landed")
    assert "not on this session's scale" in cli.fails("verdict", c1, "Bogus")
    assert "too short" in cli.fails("verdict", c1[:4], "True")
    assert "no claim" in cli.fails("verdict", "ffffffff-ffff", "True")
    assert "--yes" in cli.fails("session", "delete", sid)


def test_import_reports_each_failure_and_keeps_the_rest(cli: Cli, tmp_path: Path) -> None:
    sid = cli("session", "new", "S")["id"]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    odd = tmp_path / "sheet.xlsx"
    odd.write_bytes(b"PK\x03\x04junk")
    good = sample_files()[1]
    result = cli("import", sid, str(empty), str(good), str(binary), str(odd), status=1)
    assert [a["outlet"] for a in result["articles"]] == ["Northern Courier Online"]
    failed = {Path(e["file"]).name: e["reason"] for e in result["errors"]}
    assert set(failed) == {"empty.txt", "photo.txt", "sheet.xlsx"}
    assert "empty" in failed["empty.txt"]
    assert "unsupported" in failed["sheet.xlsx"]
    assert all(name in result["_stderr"] for name in failed)
    # importing the same article again is refused as a duplicate
    again = cli("import", sid, str(good), status=1)
    assert "already in this session" in again["errors"][0]["reason"]
    assert cli("session", "show", sid)["counts"]["articles"] == 1


def test_check_reports_a_broken_anchor(sqlite_cli: Cli, db_path: Path) -> None:
    cli = sqlite_cli
    sid = cli("session", "new", "S")["id"]
    art = cli("import", sid, str(sample_files()[0]))["articles"][0]["id"]
    cli("claim", "add", art, "--quote", "No one was injured")
    con = sqlite3.connect(db_path)
    con.execute("UPDATE claims SET start = start + 3")
    con.commit()
    con.close()
    result = cli("check", status=1)
    assert result["ok"] is False
    assert "quote no longer matches" in result["problems"][0]


def test_demo_and_scales_commands(cli: Cli) -> None:
    demo = cli("demo")
    assert (demo["articles"], demo["claims"], demo["links"]) == (3, 12, 7)
    assert cli("demo")["id"] == demo["id"]  # created once
    scales = cli("scales")
    assert scales["scales"]["politifact"][-1] == "Pants on Fire"
    assert "Needs second look" in scales["working_states"]


def test_console_script_and_module_entry_points(db_path: Path) -> None:
    exe = Path(sys.executable).parent / "workbench"
    commands = [[sys.executable, "-m", "workbench"]]
    if exe.exists() or shutil.which("workbench"):
        commands.append([str(exe) if exe.exists() else "workbench"])
    open_library(db_path).close()  # an empty library (a missing one is refused)
    for cmd in commands:
        out = subprocess.run(
            [*cmd, "--db", str(db_path), "session", "list", "--json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == {"sessions": []}
    bad = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "frobnicate"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_paste_imports_standard_input_with_metadata(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = cli("session", "new", "S")["id"]
    monkeypatch.setattr("sys.stdin", io.StringIO("Officials said 14 ships waited.\r\nMore text."))
    pasted = cli(
        "paste", sid, "--title", "Wire copy", "--outlet", "Agency X", "--published", "2026-03-10"
    )
    art = cli("session", "show", sid)["articles"][0]
    assert (art["id"], art["title"], art["outlet"], art["published"]) == (
        pasted["id"],
        "Wire copy",
        "Agency X",
        "2026-03-10",
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("Officials said 14 ships waited.\nMore text."))
    assert "already in this session" in cli.fails("paste", sid, "--title", "Again")


def test_session_claim_and_link_upkeep_commands(cli: Cli) -> None:
    sid = cli("session", "new", "Old title")["id"]
    arts = cli("import", sid, *map(str, sample_files()[:2]))["articles"]
    c1 = cli("claim", "add", arts[0]["id"], "--quote", "No one was injured")
    c2 = cli("claim", "add", arts[1]["id"], "--quote", "At least two people")
    resized = cli(
        "claim",
        "resize",
        c1["id"],
        "--start",
        str(c1["start"]),
        "--end",
        str(c1["end"] + len(" in the attack")),
    )
    assert resized["quote"] == "No one was injured in the attack"
    link = cli("link", c1["id"], c2["id"], "--type", "contradicts")["id"]
    assert cli("unlink", link[:8])["removed"] is True
    assert cli("session", "show", sid)["counts"]["links"] == 0
    cli("session", "rename", sid, "New title")
    assert cli("session", "show", sid)["session"]["title"] == "New title"
    assert cli("session", "delete", sid, "--yes")["deleted"] is True
    assert cli("session", "list")["sessions"] == []


def test_suggest_scan_and_facts_on_the_demo(cli: Cli) -> None:
    demo = cli("demo")["id"]
    shown = cli("session", "show", demo)
    herald = next(a["id"] for a in shown["articles"] if a["outlet"] == "The Harbour Herald")
    none_hurt = next(
        c["id"] for c in shown["claims"] if c["quote"].startswith("No one was injured")
    )
    results = cli("suggest", none_hurt, "--limit", "3")["results"]
    assert 1 <= len(results) <= 3
    assert set(results[0]) >= {"article_id", "start", "end", "text", "score", "reasons", "tier"}
    assert all(r["article_id"] != herald for r in results)
    assert {r["tier"] for r in results} <= {"strong", "likely", "possible", ""}
    assert results[0]["tier"] in ("strong", "likely", "possible")
    texts = {a["id"]: a for a in shown["articles"]}
    assert all(r["article_id"] in texts for r in results)

    proposals = cli("scan", demo)["proposals"]
    assert proposals
    p = proposals[0]
    assert set(p) >= {"kind", "score", "tier", "reasons", "a", "b", "group_label"}
    grouped = [q for q in proposals if q["group"]]
    assert grouped and all(q["group_label"].startswith("same claim in 3 outlets") for q in grouped)
    assert set(p["a"]) == {"article_id", "start", "end", "text"}
    assert p["a"]["article_id"] != p["b"]["article_id"]

    facets = cli("facts", demo)["facets"]
    names = {f["facet"] for f in facets}
    assert names <= {"casualties", "quantities", "time", "place", "attribution"}
    conflicts = {f["facet"] for f in facets if f["conflict"]}
    assert {"casualties", "time", "attribution"} <= conflicts
    value = facets[0]["values"][0]
    assert set(value) >= {"article_id", "value", "text", "start", "end"}


def test_user_name_from_option_or_environment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = cli("session", "new", "S")["id"]
    art = cli("import", sid, str(sample_files()[0]))["articles"][0]["id"]
    claim = cli("claim", "add", art, "--quote", "No one was injured")["id"]
    cli("verdict", claim, "False", "--user", "Ana Desk")
    monkeypatch.setenv("WORKBENCH_USER", "Ben Night")
    cli("verdict", claim, "True")
    shown = cli("session", "show", sid)
    [row] = [c for c in shown["claims"] if c["id"] == claim]
    assert row["judged_by"] == "Ben Night"


def test_every_export_and_a_session_file_on_both_backends(cli: Cli, tmp_path: Path) -> None:
    """What a desk on a server exports is what a desk on a file exports."""
    sid = cli("demo")["id"]
    cli("setting", "set", "org.name", "Kestrel Desk")
    for kind, suffix in (
        ("csv", "csv"),
        ("html", "html"),
        ("pdf", "pdf"),
        ("xlsx", "xlsx"),
        ("annotations", "jsonld"),
        ("qdpx", "qdpx"),
    ):
        out = tmp_path / f"report.{suffix}"
        assert cli("export", kind, sid, "--out", str(out))["claims"] == 12, kind
        assert out.stat().st_size > 0
    review = tmp_path / "reviews.jsonld"
    cli("export", "claimreview", sid, "--out", str(review), "--review-url", "https://k.example/")
    assert "ClaimReview" in review.read_text(encoding="utf-8")
    bundle = tmp_path / "demo.fcsession"
    cli("session", "export", sid, "--out", str(bundle))
    cli("session", "delete", sid, "--yes")
    cli("session", "import", str(bundle))
    shown = cli("session", "show", sid)
    assert shown["counts"] == {
        "articles": 3,
        "claims": 12,
        "links": 7,
        "checked": shown["counts"]["checked"],
    }
    assert cli("search", '"no one was injured"')["results"]


def test_recall_finds_a_verdict_given_in_another_session(cli: Cli, tmp_path: Path) -> None:
    demo = cli("demo")["id"]
    later = tmp_path / "later.txt"
    later.write_text("Officials repeated that no one was injured in the attack on the depot.\n")
    sid = cli("session", "new", "A week later")["id"]
    art = cli("import", sid, str(later))["articles"][0]["id"]
    claim = cli("claim", "add", art, "--quote", "no one was injured in the attack")["id"]
    results = cli("recall", claim)["results"]
    best = results[0]
    assert set(best) == {
        "claim_id",
        "session_id",
        "quote",
        "verdict",
        "score",
        "tier",
        "reasons",
        "judged",
        "judged_by",
    }
    assert best["session_id"] == demo and best["verdict"] == "False"
    assert best["quote"] == "No one was injured in the attack"
    assert cli("recall", "--text", "a recipe for lemon cake")["results"] == []
    assert "claim id or --text" in cli.fails("recall")
