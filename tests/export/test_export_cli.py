"""Every export and import from the command line, with --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.export.conftest import Hostile
from workbench.cli.main import main
from workbench.storage.store import Library


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exports_print_file_and_claims(
    lib: Library,
    hostile: Hostile,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lib.close()
    sid = hostile.sid[:8]
    for kind, suffix in (
        ("csv", "csv"),
        ("html", "html"),
        ("xlsx", "xlsx"),
        ("annotations", "jsonld"),
        ("qdpx", "qdpx"),
    ):
        out = tmp_path / f"r.{suffix}"
        code, stdout, err = run(capsys, db_path, "export", kind, sid, "--out", str(out), "--json")
        assert code == 0, err
        payload = json.loads(stdout)
        assert payload["file"] == str(out) and payload["claims"] == 8
        assert out.stat().st_size > 0
    code, _out, err = run(
        capsys, db_path, "export", "claimreview", sid, "--out", str(tmp_path / "c.jsonld")
    )
    assert code == 1 and "review.url_prefix" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, db_path, "setting", "set", "org.name", "Desk")
    assert code == 0, err
    code, stdout, err = run(
        capsys,
        db_path,
        "export",
        "claimreview",
        sid,
        "--out",
        str(tmp_path / "c.jsonld"),
        "--review-url",
        "https://desk.example/r/",
        "--json",
    )
    assert code == 0, err
    assert json.loads(stdout)["claims"] == 3
    reviews = json.loads((tmp_path / "c.jsonld").read_text(encoding="utf-8"))
    assert reviews[0]["author"]["name"] == "Desk"
    code, _out, err = run(capsys, db_path, "export", "html", sid, "--out", str(db_path))
    assert code == 1 and "library" in err


def test_cli_session_export_import_and_annotations(
    lib: Library,
    hostile: Hostile,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lib.close()
    f = tmp_path / "s.fcsession"
    code, stdout, err = run(
        capsys, db_path, "session", "export", hostile.sid[:8], "--out", str(f), "--json"
    )
    assert code == 0, err
    assert json.loads(stdout)["claims"] == 8
    fresh = tmp_path / "fresh.sqlite3"
    code, stdout, err = run(capsys, fresh, "session", "import", str(f), "--json")
    assert code == 0, err
    report = json.loads(stdout)
    assert report["new_session"] and report["added"]["claims"] == 8
    code, stdout, err = run(capsys, fresh, "session", "import", str(f))
    assert code == 0 and "merged" in stdout
    bad = tmp_path / "bad.fcsession"
    bad.write_text("hello")
    code, _out, err = run(capsys, fresh, "session", "import", str(bad))
    assert code == 1 and "nothing was imported" in err
    anno = tmp_path / "a.jsonld"
    run(capsys, db_path, "export", "annotations", hostile.sid[:8], "--out", str(anno))
    code, stdout, err = run(
        capsys, fresh, "import-annotations", hostile.sid[:8], str(anno), "--json"
    )
    assert code == 0, err
    assert json.loads(stdout)["reused"] == 8
