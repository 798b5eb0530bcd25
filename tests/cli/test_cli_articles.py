"""`workbench article edit / remove / restore` as a terminal user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workbench import ops
from workbench.cli.main import main
from workbench.storage.store import open_library


def run(db: Path, capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> Any:
    capsys.readouterr()
    code = main(["--db", str(db), *args, "--json"])
    out, err = capsys.readouterr()
    assert code == status, err
    if status:
        assert out == "" and len(err.strip().splitlines()) == 1, err
        return err.strip()
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return json.loads(lines[0])


def plain_session(db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, str]:
    """Two plain-text reports with no metadata, imported as a user would."""
    sid = run(db, capsys, "session", "new", "Boat strike")["id"]
    a = tmp_path / "first-report.txt"
    a.write_text(
        "USA\n\nThe strike on Monday killed two men, according to the military. "
        "No one else was hurt.\n",
        encoding="utf-8",
    )
    b = tmp_path / "second.txt"
    b.write_text(
        "As revealed by the New York Times.\n\nLast week a boat was hit and three people died.\n",
        encoding="utf-8",
    )
    arts = run(db, capsys, "import", sid, str(a), str(b))["articles"]
    return {"session": sid, "a": arts[0]["id"], "b": arts[1]["id"]}


def test_plain_text_import_takes_no_label_or_credit_as_title_and_invents_no_outlet(
    db_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    s = plain_session(db_path, capsys, tmp_path)
    a = run(db_path, capsys, "article", "show", s["a"])
    b = run(db_path, capsys, "article", "show", s["b"])
    assert (a["title"], a["outlet"], a["published"]) == ("first-report", None, None)
    assert (b["title"], b["outlet"]) == ("second", None)


def test_edit_sets_and_clears_every_detail_and_is_audited(
    db_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    s = plain_session(db_path, capsys, tmp_path)
    out = run(
        db_path,
        capsys,
        "article",
        "edit",
        s["a"][:8],
        "--title",
        "US strike kills two",
        "--outlet",
        "El Pais",
        "--author",
        "Ana Ruiz",
        "--url",
        "https://example.org/a",
        "--published",
        "2025-09-03",
    )
    assert out["changed"] == ["title", "outlet", "author", "url", "published"]
    shown = run(db_path, capsys, "article", "show", s["a"])
    assert (shown["title"], shown["outlet"], shown["author"]) == (
        "US strike kills two",
        "El Pais",
        "Ana Ruiz",
    )
    assert (shown["url"], shown["published"]) == ("https://example.org/a", "2025-09-03")
    # "" clears a field
    out = run(db_path, capsys, "article", "edit", s["a"], "--author", "", "--published", "")
    assert out["changed"] == ["author", "published"]
    assert out["before"] == {"author": "Ana Ruiz", "published": "2025-09-03"}
    assert (out["author"], out["published"]) == (None, None)
    lib = open_library(str(db_path))
    try:
        from sqlalchemy import select

        from workbench.storage.schema import Event

        with lib.read() as db:
            ops_done = [
                (e.operation, e.before and e.before.get("published"))
                for e in db.scalars(select(Event).where(Event.target_id == s["a"]))
            ]
    finally:
        lib.close()
    assert ("update_article", None) in ops_done
    assert ("update_article", "2025-09-03") in ops_done


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2025-13-01"], "YYYY-MM-DD"),
        (["--published", "3 September 2025"], "YYYY-MM-DD"),
        (["--published", "2025-09-03T10:00"], "YYYY-MM-DD"),
        (["--title", "  "], "title"),
        ([], "nothing to change"),
    ],
)
def test_bad_edits_are_refused_in_one_line_and_change_nothing(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    s = plain_session(db_path, capsys, tmp_path)
    run(db_path, capsys, "article", "edit", s["a"], "--published", "2025-09-03")
    before = run(db_path, capsys, "article", "show", s["a"])
    err = run(db_path, capsys, "article", "edit", s["a"], *args, status=1)
    assert message in err
    assert run(db_path, capsys, "article", "show", s["a"]) == before


def test_remove_then_restore_brings_back_claims_links_and_notes(
    db_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    s = plain_session(db_path, capsys, tmp_path)
    c1 = run(db_path, capsys, "claim", "add", s["a"], "--quote", "killed two men")["id"]
    c2 = run(db_path, capsys, "claim", "add", s["b"], "--quote", "three people died")["id"]
    run(db_path, capsys, "link", c1, c2, "--type", "contradicts")
    run(db_path, capsys, "note", "add", s["a"], "Ask the military for the names")
    before = run(db_path, capsys, "session", "show", s["session"])

    out = run(db_path, capsys, "article", "remove", s["a"][:8])
    assert (out["claims"], out["links"]) == (1, 1)
    after = run(db_path, capsys, "session", "show", s["session"])
    assert after["counts"] == {"articles": 1, "claims": 1, "links": 0, "checked": 0}
    assert "no article" in run(db_path, capsys, "article", "show", s["a"], status=1)

    back = run(db_path, capsys, "article", "restore", s["a"][:8])
    assert (back["claims"], back["links"]) == (1, 1)
    again = run(db_path, capsys, "session", "show", s["session"])
    assert again["counts"] == before["counts"]
    assert again["articles"] == before["articles"]
    assert run(db_path, capsys, "check")["ok"] is True
    # restoring twice is refused, and so is restoring what was never removed
    assert "already" in run(db_path, capsys, "article", "restore", s["a"], status=1)
    assert "no removed article" in run(db_path, capsys, "article", "restore", s["b"], status=1)


def test_remove_article_operation_undoes_with_its_claims_and_links(
    db_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    s = plain_session(db_path, capsys, tmp_path)
    c1 = run(db_path, capsys, "claim", "add", s["a"], "--quote", "killed two men")["id"]
    c2 = run(db_path, capsys, "claim", "add", s["b"], "--quote", "three people died")["id"]
    link = run(db_path, capsys, "link", c1, c2, "--type", "contradicts")["id"]
    lib = open_library(str(db_path))
    try:
        change = ops.remove_article(lib, s["a"])
        assert {c1, link} <= change.ids
        ops.apply(lib, change.inverse)
    finally:
        lib.close()
    shown = run(db_path, capsys, "session", "show", s["session"])
    assert shown["counts"]["links"] == 1 and shown["counts"]["claims"] == 2
