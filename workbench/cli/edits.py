"""Command-line commands that change or remove what was recorded.

``session update`` and ``session scale``; ``claim rationale`` and ``claim
checkworthiness``; ``link-edit``; ``evidence edit`` and ``evidence remove``;
``note edit`` and ``note remove``. Each runs one operation of
:mod:`workbench.ops` (audited, with an inverse) and prints the values as
they are stored afterwards.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from workbench import ops, vocabulary
from workbench.errors import UserError
from workbench.preview import shorten
from workbench.queries.claims import claim_info, resolve_id
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPES

Result = tuple[dict[str, Any], str, int]

# The operations these commands run (tests/cli/test_cli_reach.py checks that
# every operation of the registry is run by some command).
REACHES = frozenset(
    {
        "update_session",
        "set_scale",
        "set_rationale",
        "set_checkworthiness",
        "update_link",
        "edit_evidence",
        "remove_evidence",
        "edit_note",
        "remove_note",
    }
)


def _resolve(lib: Library, ident: str, *kinds: str) -> str:
    return resolve_id(lib, ident, *kinds)[1]


def _given(a: argparse.Namespace, names: tuple[str, ...]) -> dict[str, Any]:
    """The options the user gave, or a one-line error naming them all."""
    values = {n: getattr(a, n) for n in names if getattr(a, n) is not None}
    if not values:
        flags = ", ".join(f"--{n}" for n in names[:-1]) + f" or --{names[-1]}"
        raise UserError(f"nothing to change: give {flags}")
    return values


# ----------------------------------------------------------------- sessions


def cmd_session_update(lib: Library, a: argparse.Namespace) -> Result:
    sid = _resolve(lib, a.session, "session")
    change = ops.update_session(lib, sid, **_given(a, ("title", "description", "status")))
    now = {k: change.redo.args[k] for k in ("title", "description", "status")}
    before = change.inverse.args
    changed = [k for k in now if before[k] != now[k]]
    text = f"session {sid[:8]}: " + (
        "; ".join(f"{k} {now[k]!r}" for k in changed) if changed else "no field changed"
    )
    return {"id": sid, **now, "changed": changed}, text, 0


def cmd_session_scale(lib: Library, a: argparse.Namespace) -> Result:
    sid = _resolve(lib, a.session, "session")
    custom = [v.strip() for v in a.verdicts.split(",")] if a.verdicts is not None else None
    change = ops.set_scale(lib, sid, a.scale, custom_verdicts=custom)
    scale = vocabulary.VerdictScale.from_json(
        change.redo.args["scale"], change.redo.args["verdicts"]
    )
    labels = list(scale.labels)
    choices = set(scale.choices())
    off = [c for c in session_detail(lib, sid).claims if c.verdict not in choices]
    lines = [f"session {sid[:8]} now uses the {scale.name} scale: {', '.join(labels)}"]
    if off:
        lines.append(
            f"note: {len(off)} claims keep a verdict that is not on this scale "
            f"({', '.join(sorted({c.verdict for c in off}))})"
        )
    payload = {
        "id": sid,
        "scale": scale.name,
        "verdicts": labels,
        "off_scale": [{"id": c.id, "verdict": c.verdict} for c in off],
    }
    return payload, "\n".join(lines), 0


# ----------------------------------------------------------------- claims


def cmd_claim_rationale(lib: Library, a: argparse.Namespace) -> Result:
    cid = _resolve(lib, a.claim, "claim")
    ops.set_rationale(lib, cid, a.text)
    c = claim_info(lib, cid)
    return (
        {"id": cid, "verdict": c.verdict, "rationale": c.rationale},
        f"{cid[:8]}  [{c.verdict}] rationale: {shorten(c.rationale, 60) or '(none)'}",
        0,
    )


def _worth(value: str) -> int | None:
    if value.strip().lower() in ("none", "-", ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise UserError(
            f"check-worthiness {value!r} is not a number from 1 to 5 (or none)"
        ) from None


def cmd_claim_checkworthiness(lib: Library, a: argparse.Namespace) -> Result:
    cid = _resolve(lib, a.claim, "claim")
    ops.set_checkworthiness(lib, cid, _worth(a.value))
    c = claim_info(lib, cid)
    shown = "not set" if c.checkworthiness is None else f"{c.checkworthiness} of 5"
    return (
        {"id": cid, "checkworthiness": c.checkworthiness},
        f"{cid[:8]}  check-worthiness {shown}",
        0,
    )


# ----------------------------------------------------------------- links


def cmd_link_edit(lib: Library, a: argparse.Namespace) -> Result:
    lid = _resolve(lib, a.link, "link")
    change = ops.update_link(lib, lid, **_given(a, ("type", "note")))
    now = {"type": change.redo.args["type"], "note": change.redo.args["note"]}
    return (
        {"id": lid, **now},
        f"{lid[:8]}  {now['type']}"
        + (f"  note: {shorten(now['note'], 60)}" if now["note"] else ""),
        0,
    )


# ----------------------------------------------------------------- evidence


EVIDENCE_FIELDS = ("url", "title", "citation", "excerpt", "accessed")


def cmd_evidence_edit(lib: Library, a: argparse.Namespace) -> Result:
    eid = _resolve(lib, a.evidence, "evidence")
    values = _given(a, EVIDENCE_FIELDS)
    if values.get("accessed"):
        try:
            date.fromisoformat(values["accessed"].strip())
        except ValueError:
            raise UserError(
                f"accessed date {values['accessed']!r} is not a date written YYYY-MM-DD"
            ) from None
    change = ops.edit_evidence(lib, eid, **values)
    now = {f: change.redo.args[f] for f in EVIDENCE_FIELDS}
    claim = next(iter(change.ids - {eid}))
    return (
        {"id": eid, "claim_id": claim, **now},
        f"{eid[:8]}  {now['url'] or now['citation']}"
        + (f"  ({now['title']})" if now["title"] else ""),
        0,
    )


def cmd_evidence_remove(lib: Library, a: argparse.Namespace) -> Result:
    eid = _resolve(lib, a.evidence, "evidence")
    change = ops.remove_evidence(lib, eid)
    claim = next(iter(change.ids - {eid}))
    return (
        {"id": eid, "claim_id": claim, "removed": True},
        f"removed evidence {eid} from claim {claim[:8]}",
        0,
    )


# ----------------------------------------------------------------- notes


def cmd_note_edit(lib: Library, a: argparse.Namespace) -> Result:
    nid = _resolve(lib, a.note, "note")
    if not a.text.strip():
        raise UserError(f"the note is empty; to remove it: workbench note remove {nid[:8]}")
    change = ops.edit_note(lib, nid, a.text)
    target = next(iter(change.ids - {nid}))
    return (
        {"id": nid, "target_id": target, "text": a.text},
        f"{nid[:8]}  {shorten(a.text, 70)}",
        0,
    )


def cmd_note_remove(lib: Library, a: argparse.Namespace) -> Result:
    nid = _resolve(lib, a.note, "note")
    change = ops.remove_note(lib, nid)
    target = next(iter(change.ids - {nid}))
    return (
        {"id": nid, "target_id": target, "removed": True},
        f"removed note {nid} (on {target[:8]})",
        0,
    )


# ----------------------------------------------------------------- parser


def _group(sub: Any, name: str) -> Any:
    """The sub-commands of the command group ``name`` (``session``, ``claim``...)."""
    for action in sub.choices[name]._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(f"{name} has no sub-commands")


def register(sub: Any, add: Any) -> None:
    session = _group(sub, "session")
    p = add(
        session, "update", cmd_session_update, "change a session's title, description or status"
    )
    p.add_argument("session")
    p.add_argument("--title")
    p.add_argument("--description")
    p.add_argument("--status", choices=("open", "closed"))
    p = add(
        session,
        "scale",
        cmd_session_scale,
        "switch a session's verdict scale (claims keep the verdicts they have)",
    )
    p.add_argument("session")
    p.add_argument(
        "scale", help=f"a preset ({', '.join(vocabulary.PRESETS)}) or a name for --verdicts"
    )
    p.add_argument("--verdicts", help="a custom scale: comma-separated verdict labels")

    claim = _group(sub, "claim")
    p = add(
        claim, "rationale", cmd_claim_rationale, "replace a claim's rationale (not its verdict)"
    )
    p.add_argument("claim")
    p.add_argument("text", help='the rationale ("" clears it)')
    p = add(
        claim,
        "checkworthiness",
        cmd_claim_checkworthiness,
        "how worth checking a claim is: 1 (low) to 5 (high), or none",
    )
    p.add_argument("claim")
    p.add_argument("value", metavar="1-5|none")

    p = add(sub, "link-edit", cmd_link_edit, "change a link's type or note")
    p.add_argument("link")
    p.add_argument("--type", choices=LINK_TYPES)
    p.add_argument("--note", help='the link\'s note ("" clears it)')

    evidence = _group(sub, "evidence")
    p = add(evidence, "edit", cmd_evidence_edit, 'change a piece of evidence ("" clears a field)')
    p.add_argument("evidence")
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--citation")
    p.add_argument("--excerpt")
    p.add_argument("--accessed", metavar="YYYY-MM-DD")
    p = add(evidence, "remove", cmd_evidence_remove, "remove a piece of evidence")
    p.add_argument("evidence")

    note = _group(sub, "note")
    p = add(note, "edit", cmd_note_edit, "replace a note's text")
    p.add_argument("note")
    p.add_argument("text")
    p = add(note, "remove", cmd_note_remove, "remove a note")
    p.add_argument("note")
