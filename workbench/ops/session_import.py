"""Importing a session file: one operation, one transaction, nothing silently overwritten.

A session that is not in the library yet is added whole, with its ids. A
session that is already there is merged row by row, by id: rows only in the
file are added; a field changed only in the file is updated; a field changed
only here is kept; a field changed on both sides is kept as it is here and
reported as a conflict. "Changed" is judged against the common ancestor: of
the rows this library last received for the session and the rows the file's
library last received (both travel as ``base``), the more recent. A merge
never deletes: a row deleted on one side and present on the other comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.analysis import anchoring
from workbench.errors import InvalidOperation
from workbench.ops.claims import new_claim
from workbench.ops.framework import Change, OpCall, Outcome, operation, perform, record
from workbench.ops.snapshots import from_json, jsonable
from workbench.storage.schema import Article, Claim, Event, Link, Note, Session, utcnow
from workbench.storage.session_rows import TABLES, last_import_base, table_of
from workbench.storage.store import Library
from workbench.vocabulary import new_id

ORDER = ("sessions", *TABLES)
# Fields a user can change, in groups that change together.
MUTABLE: dict[str, tuple[tuple[str, ...], ...]] = {
    "sessions": (("title",), ("description",), ("status",), ("scale_name", "scale")),
    "articles": (
        ("title",),
        ("outlet",),
        ("author",),
        ("url",),
        ("published",),
        ("position",),
        ("language",),
    ),
    "claims": (
        ("start", "end", "quote", "prefix", "suffix"),
        ("verdict",),
        ("rationale",),
        ("checkworthiness",),
    ),
    "links": (("type",), ("note",)),
    "evidence": (("url",), ("title",), ("citation",), ("excerpt",), ("accessed",)),
    "notes": (("text",),),
    "dismissals": (),
    "settings": (("value",),),
}
# Fields that say where a row belongs; they must agree, or the file is refused.
OWNER: dict[str, tuple[str, ...]] = {
    "sessions": (),
    "articles": ("session_id", "content_hash"),
    "claims": ("article_id",),
    "links": ("session_id", "claim_a_id", "claim_b_id"),
    "evidence": ("claim_id",),
    "notes": ("session_id", "article_id", "claim_id", "link_id"),
    "dismissals": ("session_id", "key"),
    "settings": ("session_id", "key"),
}
SINGULAR = {
    "sessions": "session",
    "articles": "article",
    "claims": "claim",
    "links": "link",
    "evidence": "evidence",
    "notes": "note",
    "dismissals": "dismissal",
    "settings": "setting",
}


@dataclass(frozen=True)
class Conflict:
    kind: str
    id: str
    field: str
    here: Any
    file: Any


@dataclass
class MergeReport:
    session_id: str
    new_session: bool
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    only_here: int = 0
    history_added: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "new_session": self.new_session,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "only_here": self.only_here,
            "history_added": self.history_added,
            "conflicts": [c.__dict__ for c in self.conflicts],
            "skipped": self.skipped,
        }

    def summary(self) -> str:
        def counts(d: dict[str, int]) -> str:
            return ", ".join(f"{n} {k}" for k, n in d.items() if n) or "nothing"

        lines = [
            ("imported a new session" if self.new_session else "merged into the session")
            + f" {self.session_id[:8]}: added {counts(self.added)}; "
            f"updated {counts(self.updated)}",
        ]
        if self.only_here:
            lines.append(f"{self.only_here} items only in this library were kept")
        for c in self.conflicts:
            lines.append(
                f"conflict: {c.kind} {c.id[:8]} {c.field}: kept {_show(c.here)} "
                f"(the file has {_show(c.file)})"
            )
        lines += [f"skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _stamp(row: dict[str, Any]) -> datetime | None:
    value = row.get("updated") or row.get("created")
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _base_row(table: str, ident: str, *bases: dict[str, Any] | None) -> dict[str, Any] | None:
    """The more recent of the ancestors' copies of one row."""
    found: list[dict[str, Any]] = [
        b[table][ident] for b in bases if b and ident in (b.get(table) or {})
    ]
    if not found:
        return None
    return max(found, key=lambda r: _stamp(r) or datetime.min.replace(tzinfo=UTC))


def _mutable_copy(table: str, row: dict[str, Any]) -> dict[str, Any]:
    keep = {f for group in MUTABLE[table] for f in group} | {"updated", "created"}
    return {k: v for k, v in row.items() if k in keep}


def _local_rows(db: Any, table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    t = table_of(table)
    out = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in db.execute(select(t).where(t.c.id.in_(chunk))).mappings():
            out[row["id"]] = {k: jsonable(v) for k, v in row.items()}
    return out


def merge_session(
    lib: Library, data: dict[str, Any], texts: dict[str, str]
) -> tuple[Change, MergeReport]:
    """Add or merge a validated session file's content (see the module's doc)."""
    sid = data["session"]["id"]
    incoming: dict[str, list[dict[str, Any]]] = {"sessions": [data["session"]]}
    for name in TABLES:
        incoming[name] = [dict(r) for r in data.get(name, [])]
    for a in incoming["articles"]:
        a["text"] = texts[a["id"]]
    added: dict[str, list[str]] = {}
    before: dict[str, list[dict[str, Any]]] = {}
    reports: list[MergeReport] = []

    def body(db: DbSession) -> Outcome:
        new_session = db.get(Session, sid) is None
        report = MergeReport(sid, new_session)
        reports.append(report)
        own_base = None if new_session else last_import_base(db, sid)
        file_base = data.get("base")
        local_link_pairs = {
            (a, b): i
            for i, a, b in db.execute(
                select(Link.id, Link.claim_a_id, Link.claim_b_id).where(Link.session_id == sid)
            )
        }
        skipped_links: set[str] = set()
        for name in ORDER:
            t = table_of(name)
            rows = incoming[name]
            local = _local_rows(db, name, [r["id"] for r in rows])
            inserts = []
            for row in rows:
                here = local.get(row["id"])
                if here is None:
                    if name == "links":
                        pair = (row["claim_a_id"], row["claim_b_id"])
                        if pair in local_link_pairs:
                            skipped_links.add(row["id"])
                            report.skipped.append(
                                f"link {row['id'][:8]}: these claims are already linked "
                                f"here (link {local_link_pairs[pair][:8]})"
                            )
                            continue
                    if name == "notes" and row.get("link_id") in skipped_links:
                        report.skipped.append(f"note {row['id'][:8]}: its link was skipped")
                        continue
                    if name in ("dismissals", "settings"):
                        keyed = table_of(name)
                        clash = db.scalar(
                            select(keyed.c.id).where(
                                keyed.c.session_id == sid, keyed.c.key == row["key"]
                            )
                        )
                        if clash is not None:
                            report.skipped.append(
                                f"{SINGULAR[name]} {row['key'][:40]!r}: already here"
                            )
                            continue
                    inserts.append(row)
                    continue
                for f in OWNER[name]:
                    if here.get(f) != row.get(f):
                        raise InvalidOperation(
                            f"the file's {SINGULAR[name]} {row['id']} is in this library "
                            f"with a different {f}; the file does not belong to this "
                            "library's copy of the session; nothing was imported"
                        )
                base = _base_row(name, row["id"], own_base, file_base)
                changes: dict[str, Any] = {}
                for group in MUTABLE[name]:
                    mine = tuple(here.get(f) for f in group)
                    theirs = tuple(row.get(f) for f in group)
                    if mine == theirs:
                        continue
                    old = tuple(base.get(f) for f in group) if base else None
                    if old is not None and old == mine:
                        changes.update(zip(group, theirs, strict=True))
                    elif old is not None and old == theirs:
                        continue
                    else:
                        report.conflicts.append(
                            Conflict(
                                SINGULAR[name],
                                row["id"],
                                "/".join(group),
                                mine if len(group) > 1 else mine[0],
                                theirs if len(group) > 1 else theirs[0],
                            )
                        )
                if changes:
                    before.setdefault(name, []).append(
                        {
                            "id": row["id"],
                            **{k: here.get(k) for k in changes},
                            **({"updated": here["updated"]} if "updated" in here else {}),
                        }
                    )
                    values = dict(changes)
                    if "updated" in t.c:
                        values["updated"] = max(
                            (v for v in (row.get("updated"), here.get("updated")) if v),
                            default=utcnow().isoformat(),
                        )
                    db.execute(update(t).where(t.c.id == row["id"]).values(**from_json(t, values)))
                    report.updated[name] = report.updated.get(name, 0) + 1
                else:
                    report.unchanged += 1
            if inserts:
                db.execute(insert(t), [from_json(t, r) for r in inserts])
                added[name] = [r["id"] for r in inserts]
                report.added[name] = len(inserts)
                if name == "links":
                    for r in inserts:
                        local_link_pairs[(r["claim_a_id"], r["claim_b_id"])] = r["id"]
        report.only_here = _only_here(db, sid, incoming)
        report.history_added = _add_history(db, sid, data.get("verdict_history", []))
        base_out = {
            name: {r["id"]: _mutable_copy(name, r) for r in incoming[name]} for name in ORDER
        }
        if report.new_session:
            inverse = OpCall("delete_session", {"session_id": sid})
        else:
            inverse = OpCall("undo_session_merge", {"added": added, "before": before})
        return Outcome(
            session_id=sid,
            target_id=sid,
            description="Import session" if report.new_session else "Merge session file",
            kinds=frozenset(SINGULAR[k] for k in (*added, *before)) | {"session"},
            ids={sid, *(i for v in added.values() for i in v)}
            | {r["id"] for v in before.values() for r in v},
            redo={"data": data, "texts": texts},
            inverse=inverse,
            after={
                "base": base_out,
                "added": report.added,
                "updated": report.updated,
                "conflicts": len(report.conflicts),
            },
        )

    try:
        change = perform(lib, op="import_session", body=body)
    except IntegrityError as err:
        raise InvalidOperation(
            "the session file does not fit this library "
            f"({str(err.orig).splitlines()[0]}); nothing was imported"
        ) from None
    return change, reports[0]


def _only_here(db: Any, sid: str, incoming: dict[str, list[dict[str, Any]]]) -> int:
    known = {r["id"] for rows in incoming.values() for r in rows}
    count = 0
    t_articles = table_of("articles")
    article_ids = [
        i for (i,) in db.execute(select(t_articles.c.id).where(t_articles.c.session_id == sid))
    ]
    count += sum(1 for i in article_ids if i not in known)
    t_claims = table_of("claims")
    claim_ids = [
        i
        for (i,) in db.execute(select(t_claims.c.id).where(t_claims.c.article_id.in_(article_ids)))
    ]
    count += sum(1 for i in claim_ids if i not in known)
    for name in ("links", "notes", "dismissals"):
        t = table_of(name)
        count += sum(
            1 for (i,) in db.execute(select(t.c.id).where(t.c.session_id == sid)) if i not in known
        )
    t_ev = table_of("evidence")
    count += sum(
        1
        for (i,) in db.execute(select(t_ev.c.id).where(t_ev.c.claim_id.in_(claim_ids)))
        if i not in known
    )
    return count


def _add_history(db: Any, sid: str, history: list[dict[str, Any]]) -> int:
    """The file's verdict changes that this library's audit trail lacks."""
    have = {
        (target, at.isoformat())
        for target, at in db.execute(
            select(Event.target_id, Event.at).where(
                Event.session_id == sid, Event.operation.in_(vocabulary.VERDICT_OPERATIONS)
            )
        )
    }
    new = []
    for h in history:
        at = datetime.fromisoformat(h["at"])
        if (h["claim_id"], at.isoformat()) in have:
            continue
        new.append(
            Event(
                at=at,
                actor=h["actor"],
                operation="set_verdict",
                session_id=sid,
                target_id=h["claim_id"],
                before=h.get("before"),
                after=h.get("after"),
            )
        )
        have.add((h["claim_id"], at.isoformat()))
    db.add_all(new)
    return len(new)


@operation
def import_session(lib: Library, data: dict[str, Any], texts: dict[str, str]) -> Change:
    """Add or merge a session file's (validated) content in one transaction."""
    return merge_session(lib, data, texts)[0]


@operation
def undo_session_merge(
    lib: Library, added: dict[str, list[str]], before: dict[str, list[dict[str, Any]]]
) -> Change:
    """Take back a merge: remove the rows it added, put back the fields it changed."""

    def body(db: DbSession) -> Outcome:
        for name in reversed(ORDER):
            ids = added.get(name) or []
            if ids:
                t = table_of(name)
                db.execute(delete(t).where(t.c.id.in_(ids)))
        for name, rows in before.items():
            t = table_of(name)
            for row in rows:
                values = {k: v for k, v in row.items() if k != "id"}
                db.execute(update(t).where(t.c.id == row["id"]).values(**from_json(t, values)))
        sids = [r["id"] for r in before.get("sessions", [])]
        sid = sids[0] if sids else None
        return Outcome(
            session_id=sid,
            target_id=sid,
            description="Undo merge",
            kinds=frozenset(SINGULAR[k] for k in (*added, *before)),
            ids=frozenset(i for v in added.values() for i in v),
            redo={"added": added, "before": before},
            inverse=OpCall("undo_session_merge", {"added": {}, "before": {}}),
            after={"removed": {k: len(v) for k, v in added.items()}},
            touch=False,
        )

    return perform(lib, op="undo_session_merge", body=body)


@operation
def import_annotation_rows(lib: Library, session_id: str, items: list[dict[str, Any]]) -> Change:
    """Put annotations (already anchored: article, start, end, verdict, rationale,
    notes, wished claim id) onto a session's articles in one transaction.

    A claim with exactly that span is reused, else one is added; the verdict is
    set when it differs, the rationale only where there is none, and notes not
    already on the claim are added. Undo removes what was added and puts back
    what was changed."""
    added: dict[str, list[str]] = {"claims": [], "notes": []}
    before: dict[str, list[dict[str, Any]]] = {"claims": []}

    def body(db: DbSession) -> Outcome:
        session = db.get(Session, session_id)
        if session is None:
            raise InvalidOperation(f"no session with id {session_id}")
        choices = vocabulary.VerdictScale.from_json(session.scale_name, session.scale).choices()
        for it in items:
            art = db.get(Article, it["article_id"])
            if art is None or art.session_id != session_id:
                raise InvalidOperation("an annotation points at an article of another session")
            a = anchoring.anchor(art.text, int(it["start"]), int(it["end"]))
            claim = db.scalar(
                select(Claim).where(
                    Claim.article_id == art.id, Claim.start == a.start, Claim.end == a.end
                )
            )
            if claim is None:
                wished = it.get("claim_id")
                cid = wished if wished and db.get(Claim, wished) is None else new_id()
                new_claim(db, art.id, a, cid)
                db.flush()
                claim = db.get_one(Claim, cid)
                added["claims"].append(cid)
            elif claim.id not in added["claims"]:
                before["claims"].append(
                    {
                        "id": claim.id,
                        "verdict": claim.verdict,
                        "rationale": claim.rationale,
                        "updated": jsonable(claim.updated),
                    }
                )
            verdict = it.get("verdict")
            rationale = it.get("rationale") or ""
            changed = False
            if verdict and verdict in choices and verdict != claim.verdict:
                record(
                    db,
                    lib,
                    "set_verdict",
                    session_id=session_id,
                    target_id=claim.id,
                    before={"verdict": claim.verdict, "rationale": claim.rationale},
                    after={"verdict": verdict, "rationale": claim.rationale or rationale},
                )
                claim.verdict = verdict
                changed = True
            if rationale and not claim.rationale.strip():
                claim.rationale = rationale
                changed = True
            if changed:
                claim.updated = utcnow()
            have = set(db.scalars(select(Note.text).where(Note.claim_id == claim.id)))
            for text in it.get("notes") or []:
                if text in have or not text.strip():
                    continue
                nid = new_id()
                now = utcnow()
                db.add(
                    Note(
                        id=nid,
                        session_id=session_id,
                        claim_id=claim.id,
                        text=text,
                        created=now,
                        updated=now,
                    )
                )
                have.add(text)
                added["notes"].append(nid)
        return Outcome(
            session_id=session_id,
            target_id=session_id,
            description="Import annotations",
            kinds={"claim", "note"},
            ids=added["claims"] + added["notes"] + [r["id"] for r in before["claims"]],
            redo={"session_id": session_id, "items": items},
            inverse=OpCall("undo_session_merge", {"added": added, "before": before}),
            after={
                "claims_added": len(added["claims"]),
                "notes_added": len(added["notes"]),
                "claims_reused": len(before["claims"]),
            },
        )

    # The audit trail has always called this event "import_annotations".
    return perform(lib, op="import_annotation_rows", body=body, event="import_annotations")
