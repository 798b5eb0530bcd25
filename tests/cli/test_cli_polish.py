"""Command-line rough edges a careful user still trips over (issue 8, item 12)."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.cli.test_cli_e2e import Cli
from workbench.analysis import anchoring

TEXT = "Zoë Brandt said the 🇫🇷 flag flew over the pier. Two 👩🏽‍⚕️ medics arrived."


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_path, capsys)


@pytest.fixture
def article(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> str:
    import io

    sid = cli("session", "new", "Polish")["id"]
    monkeypatch.setattr("sys.stdin", io.StringIO(TEXT))
    aid: str = cli("paste", sid, "--title", "Pier")["id"]
    return aid


def test_a_decomposed_quote_finds_the_composed_text(cli: Cli, article: str) -> None:
    typed = unicodedata.normalize("NFD", "Zoë Brandt")
    assert typed != "Zoë Brandt"  # "e" + COMBINING DIAERESIS, as some keyboards send it
    claim = cli("claim", "add", article, "--quote", typed)
    assert (claim["start"], claim["end"], claim["quote"]) == (0, 10, "Zoë Brandt")


def test_quote_and_span_together_are_refused(cli: Cli, article: str) -> None:
    err = cli.fails("claim", "add", article, "--quote", "Zoë", "--start", "20", "--end", "30")
    assert "not both" in err
    assert cli("session", "show", cli("session", "list")["sessions"][0]["id"])["claims"] == []


def test_a_reversed_span_says_so(cli: Cli, article: str) -> None:
    err = cli.fails("claim", "add", article, "--start", "30", "--end", "11")
    assert "reversed" in err and "outside" not in err and "11-30" in err


def test_spans_that_split_a_character_are_refused_with_the_whole_one(
    cli: Cli, article: str
) -> None:
    flag = TEXT.index("🇫🇷")
    err = cli.fails("claim", "add", article, "--start", str(flag + 1), "--end", str(flag + 7))
    assert "🇫🇷" in err and f"--start {flag} --end {flag + 7}" in err
    medic = TEXT.index("👩🏽‍⚕️")
    err = cli.fails("claim", "add", article, "--start", "0", "--end", str(medic + 2))
    assert f"--end {medic + len('👩🏽‍⚕️')}" in err
    err = cli.fails("claim", "add", article, "--quote", "🇷")  # half a flag
    assert "🇫🇷" in err
    accented = unicodedata.normalize("NFD", "é")
    assert anchoring.grapheme_span("caf" + accented, 0, 4) == (0, 5)
    # the suggested span is accepted and holds the whole flag
    claim = cli("claim", "add", article, "--start", str(flag), "--end", str(flag + 7))
    assert claim["quote"] == "🇫🇷 flag"
    err = cli.fails("claim", "resize", claim["id"], "--start", str(flag + 1), "--end", "40")
    assert f"--start {flag}" in err


def test_output_into_a_closed_pipe_is_quiet(cli: Cli, db_path: Path) -> None:
    cli("demo")
    proc = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "session", "show", "5e551040"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read enough
    with proc.stderr:
        err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert err == ""


def test_export_errors_name_the_users_path(cli: Cli, tmp_path: Path) -> None:
    sid = cli("demo")["id"]
    folder = tmp_path / "reports"
    folder.mkdir()
    err = cli.fails("export", "csv", sid, "--out", str(folder))
    assert err == f"error: {folder}: is a folder; give a file name"
    missing = tmp_path / "no-such-folder" / "report.csv"
    err = cli.fails("export", "csv", sid, "--out", str(missing))
    assert err.startswith(f"error: {missing}:") and ".tmp" not in err
    assert list(folder.iterdir()) == []


def test_export_json_reports_cells_excel_would_cut(cli: Cli, tmp_path: Path) -> None:
    sid = cli("demo")["id"]
    result = cli("export", "csv", sid, "--out", str(tmp_path / "r.csv"))
    assert result["warnings"] == [] and result["rows"] == 12
    assert json.loads(json.dumps(result["warnings"])) == []


def test_a_driver_error_outside_the_store_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    cli("demo")

    def full(*_a: object, **_k: object) -> object:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("workbench.storage.backup.take_backup", full)
    err = cli.fails("backup")
    assert "internal error" not in err and "disk is full" in err
