"""Settings of the library and of sessions: read here, changed by ``set_setting``.

Known keys (a session's value overrides the library's):

- ``org.name``, ``org.url``: the fact-checking organisation, the ``author`` of
  ClaimReview markup;
- ``review.url_prefix``: where reviews are published; a claim's review URL is
  the prefix followed by the claim's id.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from workbench.errors import NotFound
from workbench.ops.framework import Change, OpCall, Outcome, operation, perform
from workbench.storage.schema import Session, Setting, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id

ORG_NAME = "org.name"
ORG_URL = "org.url"
REVIEW_URL_PREFIX = "review.url_prefix"
KNOWN: dict[str, str] = {
    ORG_NAME: "the fact-checking organisation's name",
    ORG_URL: "the fact-checking organisation's web address",
    REVIEW_URL_PREFIX: "the web address reviews are published under (the claim id is added)",
}


def settings(lib: Library, session_id: str | None = None) -> dict[str, str]:
    """The library's settings, overridden by the session's when one is given."""
    with lib.read() as db:
        rows = db.execute(
            select(Setting.session_id, Setting.key, Setting.value).where(
                (Setting.session_id.is_(None)) | (Setting.session_id == session_id)
                if session_id
                else Setting.session_id.is_(None)
            )
        ).all()
    out = {key: value for sid, key, value in rows if sid is None}
    out.update({key: value for sid, key, value in rows if sid is not None and value})
    return out


@operation
def set_setting(lib: Library, key: str, value: str | None, session_id: str | None = None) -> Change:
    """Set (or with ``None``/"" clear) a setting of the library or of one session."""
    new = (value or "").strip()

    def body(db: DbSession) -> Outcome:
        if session_id is not None and db.get(Session, session_id) is None:
            raise NotFound(f"no session with id {session_id}")
        row = db.scalar(
            select(Setting).where(
                Setting.key == key,
                Setting.session_id == session_id if session_id else Setting.session_id.is_(None),
            )
        )
        before = row.value if row is not None else None
        if not new:
            if row is not None:
                db.delete(row)
        elif row is None:
            db.add(
                Setting(id=new_id(), session_id=session_id, key=key, value=new, updated=utcnow())
            )
        else:
            row.value, row.updated = new, utcnow()
        return Outcome(
            session_id=session_id,
            target_id=session_id,
            description=f"Setting {key} ({'session' if session_id else 'library'})",
            kinds={"setting"},
            ids={session_id} if session_id else set(),
            redo={"key": key, "value": new, "session_id": session_id},
            inverse=OpCall("set_setting", {"key": key, "value": before, "session_id": session_id}),
            before={key: before},
            after={key: new},
            touch=False,
        )

    return perform(
        lib,
        op="set_setting",
        body=body,
        refuse=[(key not in KNOWN, f"unknown setting {key!r}; known: {', '.join(KNOWN)}")],
    )
