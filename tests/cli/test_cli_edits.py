"""The commands that change or remove what was recorded, and answer
suggestions, as a terminal user runs them: each result is read back with
``session show`` (or ``scan``), and a wrong id is one line on stderr."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.cli.test_cli_e2e import Cli
from workbench import ops
from workbench.cli import edits, suggestions
from workbench.resources import sample_files
from workbench.storage.schema import Event
from workbench.storage.store import open_library

WRONG = "deadbeef-0000-4000-8000-000000000000"


@pytest.fixture
def cli(library_target: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The CLI on an SQLite file, and (``-m pg``) on a PostgreSQL server."""
    return Cli(library_target, capsys)


def _session(cli: Cli) -> dict[str, Any]:
    """A session of the three sample reports with a claim in two of them."""
    sid = cli("session", "new", "Kestrel Bay strike", "--scale", "snopes")["id"]
    arts = {a["outlet"]: a["id"] for a in cli("import", sid, *map(str, sample_files()))["articles"]}
    herald, courier = arts["The Harbour Herald"], arts["Northern Courier Online"]
    none_hurt = cli("claim", "add", herald, "--quote", "No one was injured in the attack")["id"]
    two_dead = cli("claim", "add", courier, "--quote", "At least two people were killed")["id"]
    return {"session": sid, "articles": arts, "none_hurt": none_hurt, "two_dead": two_dead}


def _show(cli: Cli, sid: str) -> dict[str, Any]:
    return cli("session", "show", sid)


def _operations(target: str) -> list[str]:
    lib = open_library(target)
    try:
        with lib.read() as db:
            return list(db.scalars(select(Event.operation).order_by(Event.id)))
    finally:
        lib.close()


def test_session_update_and_scale_change_what_session_show_reports(
    cli: Cli, library_target: str
) -> None:
    s = _session(cli)
    sid = s["session"]
    cli("verdict", s["none_hurt"], "Labeled Satire")
    out = cli(
        "session", "update", sid[:8], "--description", "Port strike, March", "--status", "closed"
    )
    assert out["changed"] == ["description", "status"]
    shown = _show(cli, sid)["session"]
    assert (shown["title"], shown["description"], shown["status"]) == (
        "Kestrel Bay strike",
        "Port strike, March",
        "closed",
    )
    scaled = cli("session", "scale", sid, "politifact")
    assert scaled["verdicts"][0] == "True" and "Pants on Fire" in scaled["verdicts"]
    # the claim keeps its verdict, and the user is told it is off the new scale
    assert scaled["off_scale"] == [{"id": s["none_hurt"], "verdict": "Labeled Satire"}]
    after = _show(cli, sid)
    assert after["session"]["scale_name"] == "politifact"
    assert "Pants on Fire" in after["scale"]
    custom = cli("session", "scale", sid, "desk", "--verdicts", "Holds, Fails")
    assert custom["verdicts"] == ["Holds", "Fails"]

    assert "nothing to change" in cli.fails("session", "update", sid)
    assert "a session needs a title" in cli.fails("session", "update", sid, "--title", " ")
    assert "unknown verdict scale 'nope'" in cli.fails("session", "scale", sid, "nope")
    assert f"no session with id {WRONG}" in cli.fails("session", "scale", WRONG, "snopes")
    assert _show(cli, sid)["session"]["scale_name"] == "desk"
    assert _operations(library_target)[-3:] == ["update_session", "set_scale", "set_scale"]


def test_rationale_and_check_worthiness_of_a_claim(cli: Cli) -> None:
    s = _session(cli)
    cid = s["none_hurt"]
    cli("verdict", cid, "False", "--rationale", "first draft")
    out = cli("claim", "rationale", cid[:8], "The hospital confirmed two deaths")
    assert out == {
        "id": cid,
        "verdict": "False",
        "rationale": "The hospital confirmed two deaths",
        "_stderr": "",
    }
    assert cli("claim", "checkworthiness", cid, "4")["checkworthiness"] == 4
    claim = next(c for c in _show(cli, s["session"])["claims"] if c["id"] == cid)
    assert (claim["verdict"], claim["rationale"], claim["checkworthiness"]) == (
        "False",
        "The hospital confirmed two deaths",
        4,
    )
    assert "goes from 1 to 5" in cli.fails("claim", "checkworthiness", cid, "9")
    assert "not a number from 1 to 5" in cli.fails("claim", "checkworthiness", cid, "high")
    assert f"no claim with id {WRONG}" in cli.fails("claim", "rationale", WRONG, "x")
    claim = next(c for c in _show(cli, s["session"])["claims"] if c["id"] == cid)
    assert claim["checkworthiness"] == 4  # the refused values changed nothing
    assert cli("claim", "checkworthiness", cid, "none")["checkworthiness"] is None


def test_link_evidence_and_note_edits_and_removals(cli: Cli, library_target: str) -> None:
    s = _session(cli)
    sid, cid = s["session"], s["none_hurt"]
    link = cli("link", s["none_hurt"], s["two_dead"], "--type", "related")["id"]
    out = cli("link-edit", link[:8], "--type", "contradicts", "--note", "0 vs 2 dead")
    assert (out["type"], out["note"]) == ("contradicts", "0 vs 2 dead")
    assert cli("link-edit", link, "--note", "")["type"] == "contradicts"
    shown = _show(cli, sid)["links"]
    assert [(lk["type"], lk["note"]) for lk in shown] == [("contradicts", "")]
    assert "nothing to change" in cli.fails("link-edit", link)
    assert f"no link with id {WRONG}" in cli.fails("link-edit", WRONG, "--type", "same")

    ev = cli(
        "evidence",
        "add",
        cid,
        "--url",
        "https://port.example/statement",
        "--accessed",
        "2026-03-13",
    )
    edited = cli("evidence", "edit", ev["id"][:8], "--title", "Port authority statement")
    assert (edited["url"], edited["title"], edited["accessed"]) == (
        "https://port.example/statement",
        "Port authority statement",
        "2026-03-13",
    )
    assert "evidence needs a URL or a citation" in cli.fails(
        "evidence", "edit", ev["id"], "--url", ""
    )
    assert "not a date written YYYY-MM-DD" in cli.fails(
        "evidence", "edit", ev["id"], "--accessed", "yesterday"
    )
    [kept] = _show(cli, sid)["evidence"]
    assert (kept["title"], kept["url"]) == (
        "Port authority statement",
        "https://port.example/statement",
    )
    assert cli("evidence", "remove", ev["id"])["claim_id"] == cid
    assert _show(cli, sid)["evidence"] == []
    assert f"no evidence with id {ev['id']}" in cli.fails("evidence", "remove", ev["id"])

    note = cli("note", "add", link, "Ask the hospital")["id"]
    assert cli("note", "edit", note[:8], "Asked the hospital: two died")["target_id"] == link
    assert [n["text"] for n in _show(cli, sid)["notes"]] == ["Asked the hospital: two died"]
    assert "the note is empty" in cli.fails("note", "edit", note, "  ")
    assert cli("note", "remove", note)["removed"] is True
    assert _show(cli, sid)["notes"] == []
    assert f"no note with id {WRONG}" in cli.fails("note", "remove", WRONG)

    # each command ran its operation, audited under its name
    ran = {"update_link", "edit_evidence", "remove_evidence", "edit_note", "remove_note"}
    assert ran <= edits.REACHES and ran <= set(_operations(library_target))


def test_article_move_changes_the_pane_order(cli: Cli) -> None:
    s = _session(cli)
    sid, arts = s["session"], s["articles"]
    before = [a["id"] for a in _show(cli, sid)["articles"]]
    last = before[-1]
    out = cli("article", "move", last[:8], "1")
    assert out["place"] == 1 and out["order"] == [last, *before[:-1]]
    assert [a["id"] for a in _show(cli, sid)["articles"]] == [last, *before[:-1]]
    assert cli("article", "move", last, "99")["place"] == len(before)  # past the end: last
    assert [a["id"] for a in _show(cli, sid)["articles"]] == before
    assert "1 is the first" in cli.fails("article", "move", last, "0")
    assert f"no article with id {WRONG}" in cli.fails("article", "move", WRONG, "1")
    assert set(arts.values()) == set(before)


def test_suggestions_are_dismissed_undismissed_and_accepted_from_the_terminal(
    cli: Cli, library_target: str
) -> None:
    demo = cli("demo")["id"]
    proposals = cli("scan", demo)["proposals"]
    first = proposals[0]
    key = first["key"]
    dismissed = cli("suggestion", "dismiss", demo, key[:8])
    assert dismissed["key"] == key
    assert key not in [p["key"] for p in cli("scan", demo)["proposals"]]
    assert [d["key"] for d in cli("suggestion", "dismissed", demo)["dismissed"]] == [key]
    assert "no proposal with key" in cli.fails("suggestion", "accept", demo, key[:8])
    cli("suggestion", "undismiss", demo, key[:8])
    assert key in [p["key"] for p in cli("scan", demo)["proposals"]]
    assert "no dismissed proposal" in cli.fails("suggestion", "undismiss", demo, key[:8])

    links_before = _show(cli, demo)["counts"]["links"]
    accepted = cli("suggestion", "accept", demo, key[:10], "--type", "corroborates")
    shown = _show(cli, demo)
    assert shown["counts"]["links"] == links_before + 1
    [made] = [lk for lk in shown["links"] if lk["id"] == accepted["link_id"]]
    assert made["type"] == "corroborates"
    assert made["note"].startswith("Accepted suggestion: ")
    quotes = {c["id"]: c["quote"] for c in shown["claims"]}
    # the two passages of the proposal are now the linked claims
    assert {quotes[made["claim_a_id"]], quotes[made["claim_b_id"]]} == {
        first["a"]["text"].strip(),
        first["b"]["text"].strip(),
    }
    assert key not in [p["key"] for p in cli("scan", demo)["proposals"]]
    assert "too short" in cli.fails("suggestion", "accept", demo, "6e39")
    assert f"no session with id {WRONG}" in cli.fails("suggestion", "accept", WRONG, key)

    # any two passages: a claim and a span of another article, e.g. from `suggest`
    claim = shown["claims"][0]
    other = next(a for a in shown["articles"] if a["id"] != claim["article_id"])
    linked = cli(
        "suggestion", "link", claim["id"][:8], f"{other['id'][:8]}:0-20", "--type", "related"
    )
    assert claim["id"] in linked["claims"] and len(linked["claims_created"]) == 1
    assert "ARTICLE:START-END" in cli.fails(
        "suggestion", "link", claim["id"], f"{other['id']}:zero-20", "--type", "related"
    )
    assert set(_operations(library_target)) >= suggestions.REACHES


def test_snapshot_remove_takes_a_kept_page_away(cli: Cli, library_target: str) -> None:
    s = _session(cli)
    ev = cli("evidence", "add", s["none_hurt"], "--url", "https://port.example/a")["id"]
    lib = open_library(library_target, actor="tester")
    try:
        page = base64.b64encode(b"<html><p>No one was hurt.</p></html>").decode("ascii")
        ops.add_snapshot(
            lib,
            s["session"],
            "https://port.example/a",
            "https://port.example/a",
            "2026-03-13T09:00:00+00:00",
            200,
            "text/html",
            page,
            evidence_id=ev,
        )
    finally:
        lib.close()
    [kept] = cli("snapshot", "list", s["session"])["snapshots"]
    out = cli("snapshot", "remove", kept["id"][:8])
    assert out == {
        "id": kept["id"],
        "url": "https://port.example/a",
        "removed": True,
        "_stderr": "",
    }
    assert cli("snapshot", "list", s["session"])["snapshots"] == []
    assert f"no snapshot with id {kept['id'][:8]}" in cli.fails(
        "snapshot", "remove", kept["id"][:8]
    )


def test_plain_text_output_of_a_new_command_is_one_readable_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workbench.cli.main import main

    assert main(["--db", str(db_path), "demo"]) == 0
    demo = capsys.readouterr().out.split()[0]
    assert main(["--db", str(db_path), "session", "scale", demo, "snopes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"session {demo[:8]} now uses the snopes scale: True, Mostly True")
    assert main(["--db", str(db_path), "scan", demo]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    key = first.split()[0]
    assert len(key) == 8  # the plain listing starts with the key that accept and dismiss take
    assert main(["--db", str(db_path), "suggestion", "dismiss", demo, key]) == 0
    assert capsys.readouterr().out.startswith(f"dismissed {key}: “")
