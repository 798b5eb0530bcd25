"""W3C Web Annotation JSON-LD: every claim as an annotation other tools can read,
and the import of such a file back onto the same articles.

Export: an ``AnnotationCollection`` whose items each target one article (its
URL, else ``urn:uuid:<article id>``) with a ``TextQuoteSelector`` (exact,
prefix, suffix) and a ``TextPositionSelector`` (start, end in the article's
text); bodies are the verdict (purpose ``assessing``), the rationale
(``describing``), each note (``commenting``) and each linked claim
(``linking``, a ``SpecificResource`` naming the other claim).

Import: each annotation is placed on the session's article its target names,
anchored by the quote first (the occurrence whose context matches best,
preferring the stated position) and by the position when the quote is not
found; a claim with that exact span is reused, else one is added. The verdict
is set when it is on the session's scale and the notes not there yet are
added. Everything is checked before anything is written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import UserError
from workbench.export.html_report import web_href
from workbench.export.report_model import claim_order
from workbench.queries.sessions import article_texts, session_detail
from workbench.storage.output import atomic_output
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MAX_FILE = 64 * 1024 * 1024


def _urn(ident: str) -> str:
    return f"urn:uuid:{ident}"


def annotation_collection(lib: Library, session_id: str) -> dict[str, Any]:
    detail = session_detail(lib, session_id)
    articles = {a.id: a for a in detail.articles}
    items = []
    for c in claim_order(detail):
        art = articles[c.article_id]
        bodies: list[dict[str, Any]] = [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": c.verdict,
                "format": "text/plain",
            }
        ]
        if c.rationale.strip():
            bodies.append(
                {
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": c.rationale,
                    "format": "text/plain",
                }
            )
        for n in detail.notes_of(c.id):
            bodies.append(
                {
                    "id": _urn(n.id),
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": n.text,
                    "format": "text/plain",
                    "created": n.created.isoformat(),
                    "modified": n.updated.isoformat(),
                }
            )
        for lk in detail.links_of(c.id):
            bodies.append(
                {
                    "type": "SpecificResource",
                    "purpose": "linking",
                    "source": _urn(lk.other(c.id)),
                    "label": LINK_TYPE_LABELS.get(lk.type, lk.type),
                }
            )
        items.append(
            {
                "id": _urn(c.id),
                "type": "Annotation",
                "motivation": "assessing",
                "created": c.created.isoformat(),
                "modified": c.updated.isoformat(),
                "body": bodies,
                "target": {
                    "source": web_href(art.url) or _urn(art.id),
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": c.quote,
                            "prefix": c.prefix,
                            "suffix": c.suffix,
                        },
                        {"type": "TextPositionSelector", "start": c.start, "end": c.end},
                    ],
                },
            }
        )
    return {
        "@context": CONTEXT,
        "id": _urn(session_id),
        "type": "AnnotationCollection",
        "label": detail.summary.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def export_annotations(
    lib: Library, session_id: str, out: str | os.PathLike[str]
) -> dict[str, Any]:
    data = annotation_collection(lib, session_id)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    with atomic_output(out, lib=lib, encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return {"file": str(out), "claims": data["total"]}


# ----------------------------------------------------------------- import


@dataclass(frozen=True)
class Placed:
    article_id: str
    start: int
    end: int
    verdict: str | None
    rationale: str
    notes: tuple[str, ...]
    claim_id: str | None  # the annotation's own id when it is a claim id (urn:uuid)
    how: str  # "quote", "position"


@dataclass
class AnnotationImport:
    added: int = 0
    reused: int = 0
    verdicts: int = 0
    notes: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "claims": self.added + self.reused,
            "added": self.added,
            "reused": self.reused,
            "verdicts": self.verdicts,
            "notes": self.notes,
            "skipped": self.skipped,
        }


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if data.get("type") == "Annotation":
            return [data]
        first = data.get("first")
        if isinstance(first, dict) and isinstance(first.get("items"), list):
            return list(first["items"])
        if isinstance(data.get("items"), list):
            return list(data["items"])
    raise UserError("the file is not a W3C annotation, annotation list or collection")


def _selectors(target: Any) -> tuple[Any, dict[str, Any] | None, dict[str, Any] | None]:
    if isinstance(target, list):
        target = target[0] if target else {}
    if not isinstance(target, dict):
        return None, None, None
    selectors = target.get("selector", [])
    if isinstance(selectors, dict):
        selectors = [selectors]
    quote = position = None
    for s in selectors if isinstance(selectors, list) else []:
        if isinstance(s, dict) and s.get("type") == "TextQuoteSelector":
            quote = s
        elif isinstance(s, dict) and s.get("type") == "TextPositionSelector":
            position = s
    return target.get("source"), quote, position


def _anchor(
    text: str, quote: dict[str, Any] | None, position: dict[str, Any] | None
) -> tuple[int, int, str] | None:
    pos: tuple[int, int] | None = None
    if position is not None:
        s, e = position.get("start"), position.get("end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            pos = (s, e)
    if quote is not None and isinstance(quote.get("exact"), str) and quote["exact"]:
        exact = quote["exact"]
        prefix = quote.get("prefix") if isinstance(quote.get("prefix"), str) else ""
        suffix = quote.get("suffix") if isinstance(quote.get("suffix"), str) else ""
        best: tuple[int, int] | None = None
        best_score = -1
        i = text.find(exact)
        while i != -1:
            score = 0
            if prefix and text[max(0, i - len(prefix)) : i].endswith(prefix[-20:]):
                score += 2
            if suffix and text[i + len(exact) : i + len(exact) + len(suffix)].startswith(
                suffix[:20]
            ):
                score += 2
            if pos is not None and pos[0] == i:
                score += 3
            if score > best_score:
                best, best_score = (i, i + len(exact)), score
            i = text.find(exact, i + 1)
        if best is not None:
            return best[0], best[1], "quote"
    if pos is not None and (quote is None or not quote.get("exact")):
        return pos[0], pos[1], "position"
    # The quote is not in the text: the position is used only if it still
    # holds the same words (whitespace aside).
    if (
        pos is not None
        and quote is not None
        and " ".join(text[pos[0] : pos[1]].split()) == " ".join(str(quote["exact"]).split())
    ):
        return pos[0], pos[1], "position"
    return None


def plan_annotations(lib: Library, session_id: str, data: Any) -> tuple[list[Placed], list[str]]:
    """Where each annotation goes, and why any cannot go anywhere (nothing written)."""
    detail = session_detail(lib, session_id)
    texts = article_texts(lib, session_id)
    by_source: dict[str, str] = {}
    for a in detail.articles:
        by_source[_urn(a.id)] = a.id
        if web_href(a.url):
            by_source.setdefault(str(a.url), a.id)
    choices = set(detail.scale.choices())
    placed: list[Placed] = []
    skipped: list[str] = []
    for n, item in enumerate(_items(data), 1):
        label = f"annotation {n}"
        if not isinstance(item, dict):
            skipped.append(f"{label}: not an object")
            continue
        if isinstance(item.get("id"), str):
            label = f"annotation {item['id'][:60]}"
        source, quote, position = _selectors(item.get("target"))
        aid = by_source.get(source) if isinstance(source, str) else None
        if aid is None:
            skipped.append(
                f"{label}: its target {str(source)[:80]!r} is not an article of this session"
            )
            continue
        where = _anchor(texts[aid], quote, position)
        if where is None:
            skipped.append(
                f"{label}: its quote is not in the article and its position does not hold it"
            )
            continue
        bodies = item.get("body", [])
        if isinstance(bodies, dict):
            bodies = [bodies]
        verdict = None
        rationale = ""
        notes = []
        for b in bodies if isinstance(bodies, list) else []:
            if not isinstance(b, dict) or not isinstance(b.get("value"), str):
                continue
            if b.get("purpose") == "assessing":
                if b["value"] in choices:
                    verdict = b["value"]
                else:
                    skipped.append(
                        f"{label}: verdict {b['value'][:40]!r} is not on this "
                        "session's scale (left out)"
                    )
            elif b.get("purpose") == "describing" and not rationale:
                rationale = b["value"]
            elif b.get("purpose") in ("commenting", "describing", None) and b["value"].strip():
                notes.append(b["value"])
        ident = item.get("id")
        cid = ident[9:] if isinstance(ident, str) and ident.startswith("urn:uuid:") else None
        placed.append(
            Placed(aid, where[0], where[1], verdict, rationale, tuple(notes), cid, where[2])
        )
    return placed, skipped


def import_annotations(
    lib: Library, session_id: str, path: str | os.PathLike[str]
) -> AnnotationImport:
    p = Path(path)
    if p.stat().st_size > MAX_FILE:
        raise UserError(f"{p}: larger than {MAX_FILE // 2**20} MB; nothing was imported")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise UserError(f"{p}: not JSON ({err}); nothing was imported") from None
    placed, skipped = plan_annotations(lib, session_id, data)
    result = AnnotationImport(skipped=skipped)
    detail = session_detail(lib, session_id)
    known = {(c.article_id, c.start, c.end): c for c in detail.claims}
    for pl in placed:
        claim = known.get((pl.article_id, pl.start, pl.end))
        if claim is None:
            result.added += 1
            result.verdicts += bool(pl.verdict and pl.verdict != "Unchecked")
        else:
            result.reused += 1
            result.verdicts += bool(pl.verdict and pl.verdict != claim.verdict)
            notes_here = {n.text for n in detail.notes_of(claim.id)}
            result.notes += sum(1 for t in set(pl.notes) if t not in notes_here)
            continue
        result.notes += len(set(pl.notes))
    if placed:
        from workbench.ops.session_import import import_annotation_rows

        import_annotation_rows(
            lib,
            session_id,
            [
                {
                    "article_id": pl.article_id,
                    "start": pl.start,
                    "end": pl.end,
                    "verdict": pl.verdict,
                    "rationale": pl.rationale,
                    "notes": list(pl.notes),
                    "claim_id": pl.claim_id if pl.claim_id and _is_uuid(pl.claim_id) else None,
                }
                for pl in placed
            ],
        )
    return result


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False
