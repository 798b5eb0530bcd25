"""Keep a loaded ``SessionDetail`` current from ``Change`` records.

``apply_rows`` folds the rows one change named (read by ``rows.changed_rows``)
into the detail; ``diff_details`` compares two full reads, for the changes
that cannot be applied row by row (``needs_full_reload``). Both return the
change as views should see it: the same operation, with ``ids`` widened to
every row that differs and every claim whose span, verdict or links differ
(removing a claim removes its links: the claims at their other ends are named
too), and ``kinds`` naming each kind that differs, plus ``"scale"`` when the
verdict scale changed (every claim's colour may differ) and ``"article"``
when articles were added, removed, moved or edited.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any, Protocol, TypeVar, cast

from workbench import vocabulary
from workbench.queries.records import LinkInfo, SessionDetail
from workbench.queries.rows import ChangedRows

# Row kinds a change can name that ``apply_rows`` reads by id.
ROW_KINDS = frozenset({"claim", "link", "evidence", "note"})
# Kinds that change nothing in a SessionDetail but the session row, or nothing at all.
QUIET_KINDS = frozenset({"session", "dismissal"})
# Operations whose Change does not name every row they touched (a new scale
# may re-map every verdict; someone else's edits name only their targets).
FULL_RELOAD_OPERATIONS = frozenset({"set_scale", "outside", "import_session"})


class _Row(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Row)


class _Change(Protocol):
    """What is read of an ``ops.Change`` here (the read side imports no operations)."""

    @property
    def operation(self) -> str: ...
    @property
    def kinds(self) -> frozenset[str]: ...
    @property
    def ids(self) -> frozenset[str]: ...


Change = TypeVar("Change", bound=_Change)


def _widened(change: Change, kinds: frozenset[str], ids: frozenset[str]) -> Change:
    return cast(Change, replace(cast(Any, change), kinds=kinds, ids=ids))


def needs_full_reload(change: Change) -> bool:
    """True when ``change`` cannot be applied by reading the rows it names."""
    if change.operation in FULL_RELOAD_OPERATIONS:
        return True
    return not change.kinds <= ROW_KINDS | QUIET_KINDS


def _merge(
    rows: tuple[R, ...], fresh: Iterable[R], ids: frozenset[str], order: str
) -> tuple[tuple[R, ...], set[str]]:
    """``rows`` with the rows among ``ids`` replaced by ``fresh`` (dropped when
    missing from it, added when new); the ids that differ."""
    found = {r.id: r for r in fresh}
    changed: set[str] = set()
    out: list[R] = []
    placed: list[R] = []  # rows new here, or whose place in the order changed
    for r in rows:
        if r.id in found:
            new = found.pop(r.id)
            if new != r:
                changed.add(r.id)
                if getattr(new, order) != getattr(r, order):
                    placed.append(new)
                    continue
            out.append(new)
        elif r.id in ids:
            changed.add(r.id)  # deleted
        else:
            out.append(r)
    changed |= set(found)  # added (or restored)
    placed.extend(found.values())
    key: Any = attrgetter(order)
    for r in sorted(placed, key=key):  # in the order the full read gives
        bisect.insort_right(out, r, key=key)
    return tuple(out), changed


def _link_ends(links: Iterable[LinkInfo]) -> set[str]:
    return {cid for lk in links for cid in (lk.claim_a_id, lk.claim_b_id)}


def _counted(detail: SessionDetail) -> SessionDetail:
    s = detail.summary
    summary = replace(
        s,
        articles=len(detail.articles),
        claims=len(detail.claims),
        links=len(detail.links),
        checked=sum(1 for c in detail.claims if c.verdict not in vocabulary.WORKING_STATES),
    )
    return replace(detail, summary=summary)


def apply_rows(
    old: SessionDetail, change: Change, rows: ChangedRows
) -> tuple[SessionDetail, Change]:
    """The detail with the rows ``change`` names replaced by ``rows``, and the
    change as views should see it."""
    ids = change.ids
    claims, claim_ids = (
        _merge(old.claims, rows.claims, ids, "start")
        if "claim" in change.kinds
        else (old.claims, set())
    )
    links, link_ids = (
        _merge(old.links, rows.links, ids, "created")
        if "link" in change.kinds
        else (old.links, set())
    )
    evidence, evidence_ids = (
        _merge(old.evidence, rows.evidence, ids, "created")
        if "evidence" in change.kinds
        else (old.evidence, set())
    )
    notes, note_ids = (
        _merge(old.notes, rows.notes, ids, "created")
        if "note" in change.kinds
        else (old.notes, set())
    )
    detail = replace(old, claims=claims, links=links, evidence=evidence, notes=notes)
    kinds = set(change.kinds)
    if rows.header is not None:
        h = rows.header
        summary = replace(
            old.summary,
            title=h.title,
            description=h.description,
            status=h.status,
            scale_name=h.scale.name,
            updated=h.updated,
        )
        detail = replace(detail, summary=summary, scale=h.scale)
        if h.scale != old.scale:
            kinds.add("scale")
    detail = _counted(detail)
    touched_links = [lk for lk in (*old.links, *links) if lk.id in link_ids]
    widened = claim_ids | link_ids | evidence_ids | note_ids | _link_ends(touched_links)
    # A note or a piece of evidence belongs to a claim: name it, so the views
    # showing that claim look again.
    widened |= {e.claim_id for e in (*old.evidence, *evidence) if e.id in evidence_ids}
    widened |= {n.target_id for n in (*old.notes, *notes) if n.id in note_ids}
    return detail, _widened(change, frozenset(kinds), change.ids | widened)


def _differing(old: Sequence[R], new: Sequence[R]) -> set[str]:
    before = {r.id: r for r in old}
    after = {r.id: r for r in new}
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def diff_details(change: Change, old: SessionDetail, new: SessionDetail) -> Change:
    """``change`` as views should see it, after the session was read afresh."""
    kinds: set[str] = set()
    ids: set[str] = set()
    for kind, before, after in (
        ("article", old.articles, new.articles),
        ("claim", old.claims, new.claims),
        ("link", old.links, new.links),
        ("evidence", old.evidence, new.evidence),
        ("note", old.notes, new.notes),
    ):
        differ = _differing(before, after)
        if differ:
            kinds.add(kind)
            ids |= differ
    if [a.id for a in old.articles] != [a.id for a in new.articles]:
        kinds.add("article")
    ids |= _link_ends(lk for lk in (*old.links, *new.links) if lk.id in ids)
    ids |= {e.claim_id for e in (*old.evidence, *new.evidence) if e.id in ids}
    ids |= {n.target_id for n in (*old.notes, *new.notes) if n.id in ids}
    if old.scale != new.scale:
        kinds.add("scale")
    if old.summary != new.summary:
        kinds.add("session")
    kinds |= change.kinds & QUIET_KINDS
    return _widened(change, frozenset(kinds), frozenset(ids) | change.ids)
