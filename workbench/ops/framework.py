"""The operation framework: every change a user can make runs through ``perform``.

An operation validates its arguments, opens one write transaction, changes
rows, appends one audit ``Event`` (who, when, which operation, before/after,
from which program) and returns a ``Change``: what it touched, how to do it
again (``redo``) and how to undo it (``inverse``). Both are plain data
(``OpCall``) run by ``apply``, so the UI's undo stack, the CLI and tests share
one path. ``perform`` does the steps every operation shares; the operation's
own body says only what is particular to it, as an ``Outcome``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session as DbSession

from workbench.errors import InvalidOperation, NotFound, StaleEdit
from workbench.storage.schema import Base, Event, Session, utcnow
from workbench.storage.store import Library

M = TypeVar("M", bound=Base)


@dataclass(frozen=True)
class OpCall:
    """An operation by name with JSON-friendly arguments."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """What one operation did, and how to redo or undo it."""

    operation: str
    description: str
    session_id: str | None
    target_id: str | None
    kinds: frozenset[str]
    ids: frozenset[str]
    redo: OpCall
    inverse: OpCall


OPERATIONS: dict[str, Callable[..., Change]] = {}
F = TypeVar("F", bound=Callable[..., Change])


def operation(fn: F) -> F:
    """Register ``fn`` under its name, so ``apply`` can run it for undo and redo."""
    OPERATIONS[fn.__name__] = fn
    return fn


def apply(lib: Library, call: OpCall) -> Change:
    """Run the operation ``call`` names (used for undo and redo)."""
    try:
        fn = OPERATIONS[call.name]
    except KeyError:
        raise InvalidOperation(f"unknown operation {call.name!r}") from None
    return fn(lib, **call.args)


# --------------------------------------------------------------------- the skeleton


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What an operation's body did, in the terms only it knows.

    ``session_id`` and ``target_id`` go to the audit event and the Change;
    ``before`` and ``after`` are the event's record of the values (None for
    nothing); ``redo`` holds the arguments that run the same operation again;
    ``inverse`` undoes it. ``touch`` marks the session as changed now.
    """

    session_id: str | None
    target_id: str | None
    description: str
    kinds: Iterable[str]
    ids: Iterable[str]
    redo: dict[str, Any]
    inverse: OpCall
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    touch: bool = True


def perform(
    lib: Library,
    *,
    op: str,
    body: Callable[[DbSession], Outcome],
    refuse: Iterable[tuple[bool, str]] = (),
    event: str | None = None,
) -> Change:
    """Run one operation: the steps every operation shares, around its ``body``.

    ``refuse`` holds (wrong, message) pairs checked before the write opens:
    the first wrong one is raised as ``InvalidOperation``. ``body`` changes the
    rows inside the write transaction (looking them up with ``get_row``, which
    also refuses stale edits) and says what it did. Then the session is
    touched, the audit event appended (named ``event``, by default ``op``)
    and the ``Change`` built, with ``redo`` as a call of ``op``.
    """
    for wrong, message in refuse:
        if wrong:
            raise InvalidOperation(message)
    with lib.write() as db:
        done = body(db)
        if done.touch and done.session_id:
            touch_session(db, done.session_id)
        record(
            db,
            lib,
            event or op,
            session_id=done.session_id,
            target_id=done.target_id,
            before=done.before,
            after=done.after,
        )
    return Change(
        op,
        done.description,
        done.session_id,
        done.target_id,
        frozenset(done.kinds),
        frozenset(done.ids),
        OpCall(op, done.redo),
        done.inverse,
    )


def record(
    db: DbSession,
    lib: Library,
    operation: str,
    *,
    session_id: str | None,
    target_id: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Append one audit event: when, who (``lib.actor``), what, before/after, origin."""
    db.add(
        Event(
            at=utcnow(),
            actor=lib.actor,
            operation=operation,
            session_id=session_id,
            target_id=target_id,
            before=before,
            after=after,
            origin=lib.origin,
        )
    )


# --------------------------------------------------------------------- rows and locks


def get_row(
    db: DbSession, model: type[M], ident: str, what: str, *, expected_version: int | None = None
) -> M:
    """The row ``ident`` of ``model``; NotFound names ``what``. With
    ``expected_version``, an edit based on an older copy is refused."""
    row = db.get(model, ident)
    if row is None:
        raise NotFound(f"no {what} with id {ident}")
    check_version(db, row, expected_version, what)
    return row


def check_version(db: DbSession, row: Any, expected: int | None, what: str) -> None:
    """Refuse an edit based on an older copy of ``row`` than the one stored.

    ``expected`` is the version the editor saw (None: no check, as for the
    CLI's one-shot commands). The message names who changed it last and how.
    """
    if expected is None or row.version == expected:
        return
    last = db.scalars(
        select(Event).where(Event.target_id == row.id).order_by(Event.id.desc()).limit(1)
    ).first()
    who = ""
    if last is not None:
        how = last.operation.replace("_", " ")
        who = f" by {last.actor} at {last.at.astimezone():%H:%M} ({how})"
    raise StaleEdit(
        f"this {what} was changed{who} since you opened it; "
        "reload to see the change, then edit again"
    )


def lock_session(db: DbSession, session_id: str) -> Session:
    """The session row, locked until the transaction ends.

    Read-then-write steps within a session (the next article position, the
    order of panes, "is this text already here?") take this lock first, so two
    desks writing to one PostgreSQL server at once are serialised. On SQLite
    ``BEGIN IMMEDIATE`` already serialises writers and FOR UPDATE is omitted.
    """
    row = db.get(Session, session_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no session with id {session_id}")
    return row


def touch_session(db: DbSession, session_id: str) -> None:
    """Mark the session as changed now (the session list sorts by it)."""
    db.execute(update(Session).where(Session.id == session_id).values(updated=utcnow()))


# --------------------------------------------------------------------- wording and values


def short(text: str, limit: int = 40) -> str:
    """A text in quotes, cut to ``limit`` characters, for a Change's description."""
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


def parse_date(value: str | None) -> date | None:
    """A YYYY-MM-DD date (anything after the tenth character is ignored), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InvalidOperation(f"published date {value!r} is not YYYY-MM-DD") from None
