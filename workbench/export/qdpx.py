"""REFI-QDA project (``.qdpx``), the exchange format of QualCoder, NVivo, ATLAS.ti, MAXQDA.

A zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0``
namespace, elements in the order the REFI-QDA Project.xsd of March 2019
prescribes) and ``sources/<article id>.txt``. Articles are ``TextSource``s,
claims are ``PlainTextSelection``s (character positions, as the standard
counts them) coded with their verdict, verdicts are the ``Code``s of the
codebook (coloured as in the app), links are ``Link``s between selections
named by their type, and notes (on the session, articles, claims and links,
and each link's own note) are ``Note``s referred to where they belong. The
rationale and evidence of a claim are its selection's ``Description``.
"""

from __future__ import annotations

import io
import os
import re
import uuid
import zipfile
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from workbench import __version__
from workbench.export.report_model import claim_order, verdict_colour
from workbench.queries.records import ClaimInfo
from workbench.queries.sessions import article_texts, session_detail, session_summary
from workbench.storage.output import atomic_output
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS

NS = "urn:QDA-XML:project:1.0"
# Characters XML 1.0 cannot hold at all; they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GUID_NS = uuid.UUID("6f1c1a52-3c2b-4f0e-9d7e-2a9a3d6b8c11")


def _clean(text: object) -> str:
    return _NOT_XML.sub("", str(text or ""))


def _guid(*parts: str) -> str:
    """A stable GUID for something that has no id of its own (codes, link notes)."""
    return str(uuid.uuid5(_GUID_NS, "/".join(parts)))


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _el(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    e = ET.SubElement(parent, f"{{{NS}}}{tag}", {k: _clean(v) for k, v in (attrs or {}).items()})
    if text is not None:
        e.text = _clean(text)
    return e


def project_xml(lib: Library, session_id: str) -> tuple[bytes, dict[str, str]]:
    """(project.qde, article id -> text) of one session."""
    detail = session_detail(lib, session_id)
    texts = article_texts(lib, session_id)
    now = _when(datetime.now(UTC))
    user = _guid("user", lib.actor)
    ET.register_namespace("", NS)
    root = ET.Element(
        f"{{{NS}}}Project",
        {
            "name": _clean(detail.summary.title),
            "origin": f"Fact-Check Workbench {__version__}",
            "creatingUserGUID": user,
            "creationDateTime": now,
        },
    )
    users = _el(root, "Users")
    _el(users, "User", {"guid": user, "name": lib.actor})

    codebook = _el(root, "CodeBook")
    codes = _el(codebook, "Codes")
    code_of: dict[str, str] = {}
    choices = list(detail.scale.choices())
    choices += sorted({c.verdict for c in detail.claims} - set(choices))
    for verdict in choices:
        code_of[verdict] = _guid("verdict", session_id, verdict)
        code = _el(
            codes,
            "Code",
            {
                "guid": code_of[verdict],
                "name": verdict,
                "isCodable": "true",
                "color": verdict_colour(detail.scale, verdict).upper(),
            },
        )
        _el(code, "Description", text=f"Verdict on the scale {detail.scale.name}")

    notes: list[tuple[str, str, datetime, str]] = []  # guid, name, created, text
    note_refs: dict[str, list[str]] = {}
    for n in detail.notes:
        notes.append((n.id, f"Note on {n.target_kind}", n.created, n.text))
        note_refs.setdefault(n.target_id, []).append(n.id)
    for lk in detail.links:
        if lk.note.strip():
            gid = _guid("link-note", lk.id)
            notes.append((gid, f"{LINK_TYPE_LABELS[lk.type]}: link note", lk.created, lk.note))
            note_refs.setdefault(lk.id, []).insert(0, gid)

    sources = _el(root, "Sources")
    by_article: dict[str, list[ClaimInfo]] = {}
    for c in claim_order(detail):
        by_article.setdefault(c.article_id, []).append(c)
    for art in detail.articles:
        src = _el(
            sources,
            "TextSource",
            {
                "guid": art.id,
                "name": art.label if art.title == art.label else f"{art.label} — {art.title}",
                "plainTextPath": f"internal://{art.id}.txt",
                "creatingUser": user,
                "creationDateTime": _when(detail.summary.created),
            },
        )
        meta = [
            m
            for m in (
                art.outlet,
                art.author,
                art.published.isoformat() if art.published else None,
                art.url,
            )
            if m
        ]
        if meta:
            _el(src, "Description", text=" · ".join(meta))
        for c in by_article.get(art.id, []):
            sel = _el(
                src,
                "PlainTextSelection",
                {
                    "guid": c.id,
                    "name": c.quote[:200],
                    "startPosition": str(c.start),
                    "endPosition": str(c.end),
                    "creatingUser": user,
                    "creationDateTime": _when(c.created),
                    "modifyingUser": user,
                    "modifiedDateTime": _when(c.updated),
                },
            )
            described = []
            if c.rationale.strip():
                described.append(f"Rationale: {c.rationale}")
            for e in detail.evidence_of(c.id):
                described.append(
                    "Evidence: "
                    + " — ".join(x for x in (e.title, e.url, e.citation, e.excerpt) if x)
                )
            if described:
                _el(sel, "Description", text="\n".join(described))
            coding = _el(
                sel,
                "Coding",
                {
                    "guid": _guid("coding", c.id),
                    "creatingUser": user,
                    "creationDateTime": _when(c.updated),
                },
            )
            _el(coding, "CodeRef", {"targetGUID": code_of[c.verdict]})
            for gid in note_refs.get(c.id, []):
                _el(sel, "NoteRef", {"targetGUID": gid})
        for gid in note_refs.get(art.id, []):
            _el(src, "NoteRef", {"targetGUID": gid})

    if notes:
        notes_el = _el(root, "Notes")
        for gid, name, created, text in notes:
            note = _el(
                notes_el,
                "Note",
                {
                    "guid": gid,
                    "name": name,
                    "creatingUser": user,
                    "creationDateTime": _when(created),
                },
            )
            _el(note, "PlainTextContent", text=text)
    if detail.links:
        links = _el(root, "Links")
        for lk in detail.links:
            link = _el(
                links,
                "Link",
                {
                    "guid": lk.id,
                    "name": LINK_TYPE_LABELS[lk.type],
                    "direction": "Associative",
                    "originGUID": lk.claim_a_id,
                    "targetGUID": lk.claim_b_id,
                },
            )
            for gid in note_refs.get(lk.id, []):
                _el(link, "NoteRef", {"targetGUID": gid})
    if detail.summary.description.strip():
        _el(root, "Description", text=detail.summary.description)
    for gid in note_refs.get(session_id, []):
        _el(root, "NoteRef", {"targetGUID": gid})
    ET.indent(root)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body, texts


def export_qdpx(lib: Library, session_id: str, out: str | os.PathLike[str]) -> dict[str, Any]:
    xml, texts = project_xml(lib, session_id)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", xml)
        for aid, text in texts.items():
            zf.writestr(f"sources/{aid}.txt", text.encode("utf-8"))
    data = buf.getvalue()
    with atomic_output(out, lib=lib, binary=True) as fh:
        fh.write(data)
    summary = session_summary(lib, session_id)
    return {
        "file": str(out),
        "claims": summary.claims,
        "sources": len(texts),
        "links": summary.links,
        "bytes": len(data),
    }
