"""The CSV report: spreadsheet-safe, RFC 4180, atomic, one row per claim."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from workbench import ops
from workbench.export import safe_csv
from workbench.export.csv_report import HEADER, export_csv
from workbench.storage.store import Library

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1,2)",
    "-2+3",
    "@cmd|' /C calc'!A0",
    "\tTabbed",
    "\rCarriage",
    "\nNewline first",
    'He said "no", then; left, fast',
    "ordinary text, with a comma",
    "multi\nline\r\nnote",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_dangerous_cells_are_neutralised(value: str) -> None:
    out = safe_csv.safe_cell(value)
    if value[0] in "=+-@\t\r\n":
        assert out == "'" + value
    else:
        assert out == value


def test_report_rows_are_safe_rfc4180_with_bom_and_crlf(lib: Library, tmp_path: Path) -> None:
    sid = ops.create_session(lib, "=cmd session").target_id or ""
    text = " ".join(f"Sentence {i} says {v}." for i, v in enumerate(HOSTILE))
    a = (
        ops.add_article(
            lib,
            sid,
            "+Title",
            text,
            outlet="@Outlet",
            url="https://a.example/x",
            published="2026-03-12",
        ).target_id
        or ""
    )
    b = ops.add_article(lib, sid, "Other", "Another source; says =1+1.", outlet="-B").target_id
    claims = []
    for value in HOSTILE:
        start = text.index(value)
        claims.append(ops.add_claim(lib, a, start, start + len(value)).target_id or "")
    cb = ops.add_claim(lib, b or "", 0, 14).target_id or ""
    ops.link_claims(lib, claims[0], cb, "contradicts")
    ops.set_verdict(lib, claims[0], "False", rationale="=rationale(1)")
    ops.add_evidence(lib, claims[0], url="https://e.example/1")
    ops.add_evidence(lib, claims[0], url="https://e.example/2")
    ops.add_note(lib, claims[0], "-a note")
    ops.add_note(lib, claims[1], "\tindented note")

    out = tmp_path / "report.csv"
    rows = export_csv(lib, sid, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= rows + 1
    parsed = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert parsed[0] == list(HEADER)
    body = parsed[1:]
    assert len(body) == rows == len(HOSTILE) + 1
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell
    first = body[0]
    record = dict(zip(HEADER, first, strict=True))
    assert record["Session"] == "'=cmd session"
    assert record["Article title"] == "'+Title"
    assert record["Outlet"] == "'@Outlet"
    assert record["Quote"] == "'" + HOSTILE[0]
    assert record["Verdict"] == "False"
    assert record["Rationale"] == "'=rationale(1)"
    assert record["Evidence"] == "https://e.example/1\nhttps://e.example/2"
    assert record["Notes"] == "'-a note"
    assert record["Linked claims"] == "Contradicts: -B: “Another source”"
    assert record["Published"] == "2026-03-12"
    assert dict(zip(HEADER, body[1], strict=True))["Notes"] == "'\tindented note"
    # round trip: every quote (claims are trimmed of edge whitespace) comes back
    # exactly once the guard apostrophe is removed
    quotes = [dict(zip(HEADER, r, strict=True))["Quote"] for r in body[: len(HOSTILE)]]
    unguarded = [q[1:] if q[:1] == "'" and q[1:2] in "=+-@" else q for q in quotes]
    assert unguarded == [v.strip() for v in HOSTILE]


def test_failed_export_leaves_the_previous_report_intact(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = ops.create_session(lib, "s").target_id or ""
    aid = ops.add_article(lib, sid, "A", "Some words here.").target_id or ""
    ops.add_claim(lib, aid, 0, 4)
    out = tmp_path / "report.csv"
    export_csv(lib, sid, out)
    good = out.read_bytes()

    def broken_rows(_detail: object) -> object:
        yield ("half", "a", "row")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workbench.export.csv_report.report_rows", broken_rows)
    with pytest.raises(OSError, match="No space"):
        export_csv(lib, sid, out)
    assert out.read_bytes() == good
    assert [
        p.name
        for p in tmp_path.iterdir()
        if p.name != "library.sqlite3" and not p.name.startswith("library.sqlite3-")
    ] == ["report.csv"]
    assert os.access(out, os.R_OK)
