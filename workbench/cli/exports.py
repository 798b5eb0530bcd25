"""Command-line exports and imports: reports (CSV, HTML, PDF, XLSX), ClaimReview,
W3C annotations, REFI-QDA, session files, and the settings they use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.queries.claims import resolve_id
from workbench.storage.store import Library

Result = tuple[dict[str, Any], str, int]

# The operations these commands run, directly or through the importers (see
# tests/cli/test_cli_reach.py).
REACHES = frozenset({"import_session", "import_annotation_rows", "set_setting"})


def _resolve(lib: Library, ident: str, *kinds: str) -> str:
    return resolve_id(lib, ident, *kinds)[1]


def cmd_export_csv(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.csv_report import export_report

    sid = _resolve(lib, a.session, "session")
    written = export_report(lib, sid, a.out)
    warnings = written.warnings()  # cells a spreadsheet would cut short
    for line in warnings:
        print(f"warning: {line}", file=sys.stderr)
    return (
        {"file": str(a.out), "claims": written.rows, "rows": written.rows, "warnings": warnings},
        f"wrote {written.rows} claims to {a.out}",
        0,
    )


def _report(kind: str) -> Any:
    def handler(lib: Library, a: argparse.Namespace) -> Result:
        sid = _resolve(lib, a.session, "session")
        if kind == "html":
            from workbench.export.html_report import export_html as export
        elif kind == "pdf":
            from workbench.export.pdf_report import export_pdf as export
        else:
            from workbench.export.xlsx_report import export_xlsx as export
        result = export(lib, sid, a.out, facts=not a.no_facts)
        return (
            result.as_json(),
            f"wrote the {kind.upper()} report of {result.claims} claims to {a.out}",
            0,
        )

    return handler


def cmd_export_claimreview(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.claimreview import export_claimreview

    sid = _resolve(lib, a.session, "session")
    out = export_claimreview(
        lib, sid, a.out, org_name=a.org_name, org_url=a.org_url, review_url=a.review_url
    )
    return (
        out,
        f"wrote {out['claims']} ClaimReview objects to {a.out} "
        f"({out['skipped_working']} claims without a final verdict left out)",
        0,
    )


def cmd_setting_set(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.ops.settings import set_setting, settings

    sid = _resolve(lib, a.session, "session") if a.session else None
    set_setting(lib, a.key, a.value, session_id=sid)
    value = settings(lib, sid).get(a.key, "")
    scope = f"session {sid[:8]}" if sid else "the library"
    return (
        {"key": a.key, "value": value, "session_id": sid},
        f"{a.key} = {value!r} for {scope}" if a.value else f"{a.key} cleared for {scope}",
        0,
    )


def cmd_setting_list(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.ops.settings import KNOWN, settings

    sid = _resolve(lib, a.session, "session") if a.session else None
    values = settings(lib, sid)
    lines = [f"{k} = {values.get(k, '')!r}    ({what})" for k, what in KNOWN.items()]
    return {"settings": values, "session_id": sid}, "\n".join(lines), 0


def cmd_session_export(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.session_file import export_session

    sid = _resolve(lib, a.session, "session")
    out = export_session(lib, sid, a.out)
    return (
        {
            "file": out.file,
            "session_id": sid,
            "claims": out.claims,
            "articles": out.articles,
            "links": out.links,
            "bytes": out.bytes,
        },
        f"wrote session {sid[:8]} ({out.articles} articles, {out.claims} claims, "
        f"{out.links} links) to {a.out}",
        0,
    )


def cmd_session_import(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.session_file import import_session_file

    report = import_session_file(lib, a.file)
    return {"file": str(a.file), **report.as_json()}, report.summary(), 0


# A colleague's session may be the first thing a new machine's library holds.
cmd_session_import.creates_library = True  # type: ignore[attr-defined]


def _subparsers(parser: argparse.ArgumentParser) -> Any:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError("no sub-commands")


def register(sub: Any, add: Any) -> None:
    session = _subparsers(sub.choices["session"])
    p = add(
        session,
        "export",
        cmd_session_export,
        "write a session, with everything in it, to a .fcsession file",
    )
    p.add_argument("session")
    p.add_argument("--out", required=True, type=Path)
    p = add(
        session,
        "import",
        cmd_session_import,
        "add a .fcsession file's session, or merge it into the copy already here",
    )
    p.add_argument("file", type=Path)

    export = sub.add_parser("export", help="reports and exchange files")
    xsub = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    p = add(xsub, "csv", cmd_export_csv, "one row per claim, for spreadsheets")
    p.add_argument("session")
    p.add_argument("--out", required=True, type=Path)
    for kind, what in (
        ("html", "a self-contained HTML report for editors (prints well)"),
        ("pdf", "the report as a PDF with numbered pages"),
        ("xlsx", "a spreadsheet: sheets Claims, Links, Facts, Evidence"),
    ):
        p = add(xsub, kind, _report(kind), what)
        p.add_argument("session")
        p.add_argument("--out", required=True, type=Path)
        p.add_argument("--no-facts", action="store_true", help="leave the facts grid out")
    p = add(
        xsub,
        "claimreview",
        cmd_export_claimreview,
        "schema.org ClaimReview JSON-LD for every claim with a final verdict",
    )
    p.add_argument("session")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--org-name", help="the fact-checking organisation (over setting org.name)")
    p.add_argument("--org-url", help="its web address (over setting org.url)")
    p.add_argument(
        "--review-url",
        metavar="URL_PREFIX",
        help="where reviews are published; a review's url is this plus the claim id "
        "(over setting review.url_prefix)",
    )

    register_annotations(sub, add, xsub)
    p = add(
        xsub, "qdpx", cmd_export_qdpx, "a REFI-QDA project for QualCoder, NVivo, ATLAS.ti, MAXQDA"
    )
    p.add_argument("session")
    p.add_argument("--out", required=True, type=Path)

    setting = sub.add_parser("setting", help="settings of the library or of a session")
    tsub = setting.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(tsub, "set", cmd_setting_set, "set a setting (an empty value clears it)")
    p.add_argument("key", choices=["org.name", "org.url", "review.url_prefix"])
    p.add_argument("value")
    p.add_argument("--session", help="set it for this session only")
    p = add(tsub, "list", cmd_setting_list, "show the settings")
    p.add_argument("--session", help="as they apply to this session")


def cmd_export_annotations(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.annotations import export_annotations

    sid = _resolve(lib, a.session, "session")
    out = export_annotations(lib, sid, a.out)
    return out, f"wrote {out['claims']} annotations to {a.out}", 0


def cmd_import_annotations(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.annotations import import_annotations

    sid = _resolve(lib, a.session, "session")
    result = import_annotations(lib, sid, a.file)
    lines = [
        f"{result.added} claims added, {result.reused} matched existing claims, "
        f"{result.verdicts} verdicts set, {result.notes} notes added"
    ] + [f"skipped: {s}" for s in result.skipped]
    return {"file": str(a.file), **result.as_json()}, "\n".join(lines), 0


def register_annotations(sub: Any, add: Any, xsub: Any) -> None:
    p = add(
        xsub,
        "annotations",
        cmd_export_annotations,
        "W3C Web Annotation JSON-LD: every claim with its quote, position, verdict, notes",
    )
    p.add_argument("session")
    p.add_argument("--out", required=True, type=Path)
    p = add(
        sub,
        "import-annotations",
        cmd_import_annotations,
        "put W3C annotations (quote, then position) back onto a session's articles",
    )
    p.add_argument("session")
    p.add_argument("file", type=Path)


def cmd_export_qdpx(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.export.qdpx import export_qdpx

    sid = _resolve(lib, a.session, "session")
    out = export_qdpx(lib, sid, a.out)
    return out, f"wrote a REFI-QDA project of {out['claims']} claims to {a.out}", 0
