"""The session file (``.fcsession``): a whole session that travels to another library.

A zip archive (deflate) holding:

- ``manifest.json``: ``{"format": "fact-check-workbench-session", "version": 1,
  "exported": ISO time, "program": "workbench X.Y", "session_id": ...,
  "counts": {...}, "sha256": {member name: hex digest}}``;
- ``session.json``: the rows, as the library stores them, with their UUIDs:
  ``session`` (one object), ``articles`` (without their text), ``claims``,
  ``links``, ``evidence``, ``notes``, ``dismissals``, ``settings`` (the
  session's own), ``verdict_history`` (``{claim_id, at, actor, before,
  after}`` from the audit trail) and ``base`` (the rows this library last
  received in a session file for this session, or null: the common ancestor
  a later merge compares against);
- ``texts/<article id>.txt``: each article's text, UTF-8;
- ``README.txt``: this description, for a person who opens the archive.

Reading is defensive: at most 10,000 members and 512 MB unpacked, names from
that list only, every member's hash checked, every row's fields and types
checked, every claim's quote checked against its article's text. A file of a
newer format version is refused with the version it needs; a damaged or
hostile file is refused before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from workbench import __version__, vocabulary
from workbench.errors import NotFound, UserError
from workbench.storage.output import atomic_output
from workbench.storage.schema import (
    Article,
    Claim,
    Dismissal,
    Event,
    Evidence,
    Link,
    Note,
    Session,
    Setting,
)
from workbench.storage.session_rows import TABLES, last_import_base, table_of
from workbench.storage.store import Library

if TYPE_CHECKING:
    from workbench.ops.session_import import MergeReport

FORMAT = "fact-check-workbench-session"
VERSION = 1
SUFFIX = ".fcsession"
MAX_MEMBERS = 10_000
MAX_UNPACKED = 512 * 1024 * 1024
MAX_FILE = 512 * 1024 * 1024
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TEXT = re.compile(r"^texts/([0-9a-f-]{36})\.txt$")
README = (__doc__ or "").strip() + "\n"


class SessionFileError(UserError):
    """A session file that cannot be read: damaged, hostile, or too new."""


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(db: Any, name: str, where: Any) -> list[dict[str, Any]]:
    table = table_of(name)
    result = db.execute(select(table).where(where).order_by(table.c.id)).mappings().all()
    return [{k: _jsonable(v) for k, v in row.items()} for row in result]


def session_rows(lib: Library, session_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    """(session.json's content, article id -> text) for one session."""
    with lib.read() as db:
        if db.get(Session, session_id) is None:
            raise NotFound(f"no session with id {session_id}")
        [session] = _rows(db, "sessions", Session.id == session_id)
        articles = _rows(db, "articles", Article.session_id == session_id)
        texts = {a["id"]: a.pop("text") for a in articles}
        ids = list(texts)
        claims = _rows(db, "claims", Claim.article_id.in_(ids))
        cids = [c["id"] for c in claims]
        history = [
            {
                "claim_id": e.target_id,
                "at": e.at.isoformat(),
                "actor": e.actor,
                "before": e.before,
                "after": e.after,
            }
            for e in db.scalars(
                select(Event)
                .where(
                    Event.session_id == session_id,
                    Event.operation.in_(vocabulary.VERDICT_OPERATIONS),
                )
                .order_by(Event.id)
            )
            if e.target_id in set(cids)
        ]
        data = {
            "session": session,
            "articles": articles,
            "claims": claims,
            "links": _rows(db, "links", Link.session_id == session_id),
            "evidence": _rows(db, "evidence", Evidence.claim_id.in_(cids)),
            "notes": _rows(db, "notes", Note.session_id == session_id),
            "dismissals": _rows(db, "dismissals", Dismissal.session_id == session_id),
            "settings": _rows(db, "settings", Setting.session_id == session_id),
            "verdict_history": history,
            "base": last_import_base(db, session_id),
        }
    return data, texts


def pack(data: dict[str, Any], texts: dict[str, str]) -> bytes:
    """The bytes of a session file holding ``data`` and ``texts``."""
    members: dict[str, bytes] = {
        "session.json": json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
        "README.txt": README.encode("utf-8"),
    }
    for aid, text in texts.items():
        members[f"texts/{aid}.txt"] = text.encode("utf-8")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "exported": datetime.now(UTC).isoformat(),
        "program": f"workbench {__version__}",
        "session_id": data["session"]["id"],
        "counts": {k: len(data[k]) for k in TABLES}
        | {"verdict_history": len(data["verdict_history"])},
        "sha256": {name: hashlib.sha256(body).hexdigest() for name, body in members.items()},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, indent=1))
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


@dataclass(frozen=True)
class ExportedSession:
    file: str
    session_id: str
    articles: int
    claims: int
    links: int
    bytes: int


def export_session(lib: Library, session_id: str, out: str | os.PathLike[str]) -> ExportedSession:
    """Write one session, with everything in it, to a ``.fcsession`` file (atomically)."""
    data, texts = session_rows(lib, session_id)
    body = pack(data, texts)
    with atomic_output(out, lib=lib, binary=True) as fh:
        fh.write(body)
    return ExportedSession(
        str(out),
        session_id,
        len(data["articles"]),
        len(data["claims"]),
        len(data["links"]),
        len(body),
    )


# ----------------------------------------------------------------- reading


def _fail(path: Path | str, why: str) -> SessionFileError:
    return SessionFileError(f"{path}: not a usable session file: {why}; nothing was imported")


def read_session_file(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """(session.json's content, texts) from a session file, checked member by member."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as err:
        raise SessionFileError(f"{p}: {err.strerror or err}") from None
    if size > MAX_FILE:
        raise _fail(p, f"it is {size // 2**20} MB; the limit is {MAX_FILE // 2**20} MB")
    try:
        with zipfile.ZipFile(p) as zf:
            return _read_zip(p, zf)
    except zipfile.BadZipFile:
        raise _fail(p, "it is not a zip archive (damaged, or another kind of file)") from None
    except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as err:
        raise _fail(p, f"the archive cannot be read ({err})") from None


def _read_zip(p: Path, zf: zipfile.ZipFile) -> tuple[dict[str, Any], dict[str, str]]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _fail(p, f"it holds {len(infos)} members; the limit is {MAX_MEMBERS}")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise _fail(p, f"it would unpack to more than {MAX_UNPACKED // 2**20} MB")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise _fail(p, "a member name appears twice")
    for name in names:
        if name not in ("manifest.json", "session.json", "README.txt") and not _TEXT.match(name):
            raise _fail(p, f"unexpected member {name[:80]!r}")
    if "manifest.json" not in names:
        raise _fail(p, "manifest.json is missing")
    manifest = _json(p, zf, "manifest.json", limit=1 << 20)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _fail(p, "manifest.json does not name the session file format")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(p, "manifest.json has no format version")
    if version > VERSION:
        raise SessionFileError(
            f"{p}: made by a newer Fact-Check Workbench ({manifest.get('program', 'unknown')}, "
            f"session file version {version}); this program reads version {VERSION} and older. "
            "Update the Workbench to import it; nothing was imported"
        )
    digests = manifest.get("sha256")
    if not isinstance(digests, dict):
        raise _fail(p, "manifest.json lists no checksums")
    for name in names:
        if name == "manifest.json":
            continue
        if not isinstance(digests.get(name), str):
            raise _fail(p, f"{name} is not listed in the manifest")
    for name in digests:
        if name not in names:
            raise _fail(p, f"{str(name)[:80]} is listed in the manifest but missing")
    bodies: dict[str, bytes] = {}
    for name in names:
        if name == "manifest.json":
            continue
        body = zf.read(name)
        if hashlib.sha256(body).hexdigest() != digests[name]:
            raise _fail(p, f"{name} does not match its checksum (the file is damaged)")
        bodies[name] = body
    if "session.json" not in bodies:
        raise _fail(p, "session.json is missing")
    try:
        data = json.loads(bodies["session.json"].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise _fail(p, f"session.json is not valid JSON ({err})") from None
    texts: dict[str, str] = {}
    for name, body in bodies.items():
        m = _TEXT.match(name)
        if m:
            try:
                texts[m.group(1)] = body.decode("utf-8")
            except UnicodeDecodeError:
                raise _fail(p, f"{name} is not UTF-8 text") from None
    try:
        validate(data, texts)
    except ValueError as err:
        raise _fail(p, str(err)) from None
    return data, texts


def _json(p: Path, zf: zipfile.ZipFile, name: str, limit: int) -> Any:
    info = zf.getinfo(name)
    if info.file_size > limit:
        raise _fail(p, f"{name} is too large")
    try:
        return json.loads(zf.read(name).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise _fail(p, f"{name} is not valid JSON ({err})") from None


# Which JSON type each column accepts; None allowed where the column is nullable.
def _check_row(table: str, row: Any, where: str) -> None:
    if not isinstance(row, dict):
        raise ValueError(f"{where}: a row is not an object")
    t = table_of(table)
    columns = {c.name: c for c in t.columns}
    extra = set(row) - set(columns) - ({"text"} if table == "articles" else set())
    if extra:
        raise ValueError(f"{where}: unknown field {sorted(extra)[0]!r}")
    for name, col in columns.items():
        if name == "text" and table == "articles":
            continue
        if name not in row:
            if col.nullable or col.default is not None:
                continue
            raise ValueError(f"{where}: field {name!r} is missing")
        value = row[name]
        if value is None:
            if not col.nullable:
                raise ValueError(f"{where}: field {name!r} is empty")
            continue
        kind = col.type.__class__.__name__
        if kind in ("String", "Text"):
            ok = isinstance(value, str)
            length = getattr(col.type, "length", None)
            if ok and length and len(value) > length:
                raise ValueError(f"{where}: field {name!r} is longer than {length} characters")
        elif kind == "Integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind in ("UTCDateTime", "DateTime"):
            ok = isinstance(value, str) and _parses(datetime.fromisoformat, value)
        elif kind == "Date":
            ok = isinstance(value, str) and _parses(date.fromisoformat, value)
        elif kind == "JSON":
            ok = isinstance(value, list) and all(
                isinstance(v, dict) and isinstance(v.get("label"), str) for v in value
            )
        else:
            ok = True
        if not ok:
            raise ValueError(f"{where}: field {name!r} has the wrong type")
    ident = row.get("id")
    if not isinstance(ident, str) or not _UUID.match(ident):
        raise ValueError(f"{where}: id {str(ident)[:40]!r} is not a UUID")


def _parses(fn: Any, value: str) -> bool:
    try:
        fn(value)
    except ValueError:
        return False
    return True


def validate(data: Any, texts: dict[str, str]) -> None:
    """Raise ValueError naming the first problem of a session file's content."""
    if not isinstance(data, dict):
        raise ValueError("session.json is not an object")
    session = data.get("session")
    _check_row("sessions", session, "session")
    assert isinstance(session, dict)
    sid = session["id"]
    for name in TABLES:
        rows = data.get(name, [])
        if not isinstance(rows, list):
            raise ValueError(f"{name} is not a list")
        seen: set[str] = set()
        for i, row in enumerate(rows):
            _check_row(name, row, f"{name}[{i}]")
            if row["id"] in seen:
                raise ValueError(f"{name}[{i}]: id {row['id']} appears twice")
            seen.add(row["id"])
    articles = {a["id"]: a for a in data.get("articles", [])}
    for a in articles.values():
        if a["session_id"] != sid:
            raise ValueError(f"article {a['id']} belongs to another session")
        text = texts.get(a["id"])
        if text is None:
            raise ValueError(f"the text of article {a['id']} is missing")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != a["content_hash"]:
            raise ValueError(f"the text of article {a['id']} does not match its content hash")
    if set(texts) - set(articles):
        raise ValueError("a text belongs to no article")
    claims = {c["id"]: c for c in data.get("claims", [])}
    for c in claims.values():
        text = texts.get(c["article_id"])
        if text is None:
            raise ValueError(f"claim {c['id']} points at an article that is not in the file")
        if (
            not (0 <= c["start"] < c["end"] <= len(text))
            or text[c["start"] : c["end"]] != c["quote"]
        ):
            raise ValueError(f"claim {c['id']}: its quote does not match its article's text")
    for lk in data.get("links", []):
        if lk["session_id"] != sid:
            raise ValueError(f"link {lk['id']} belongs to another session")
        if lk["claim_a_id"] not in claims or lk["claim_b_id"] not in claims:
            raise ValueError(f"link {lk['id']} points at a claim that is not in the file")
        if not lk["claim_a_id"] < lk["claim_b_id"]:
            raise ValueError(f"link {lk['id']}: its claims are not in canonical order")
    for e in data.get("evidence", []):
        if e["claim_id"] not in claims:
            raise ValueError(f"evidence {e['id']} points at a claim that is not in the file")
    links = {lk["id"] for lk in data.get("links", [])}
    for n in data.get("notes", []):
        if n["session_id"] != sid:
            raise ValueError(f"note {n['id']} belongs to another session")
        targets = [n.get("article_id"), n.get("claim_id"), n.get("link_id")]
        if sum(t is not None for t in targets) > 1:
            raise ValueError(f"note {n['id']} has more than one target")
        for target, known in zip(targets, (articles, claims, links), strict=True):
            if target is not None and target not in known:
                raise ValueError(f"note {n['id']} points at something not in the file")
    for row in data.get("dismissals", []) + data.get("settings", []):
        if row["session_id"] != sid:
            raise ValueError(f"row {row['id']} belongs to another session")
    history = data.get("verdict_history", [])
    if not isinstance(history, list):
        raise ValueError("verdict_history is not a list")
    for h in history:
        if not (
            isinstance(h, dict)
            and h.get("claim_id") in claims
            and isinstance(h.get("at"), str)
            and _parses(datetime.fromisoformat, h["at"])
            and isinstance(h.get("actor"), str)
            and len(h["actor"]) <= 200
            and isinstance(h.get("before"), dict | None)
            and isinstance(h.get("after"), dict | None)
        ):
            raise ValueError("a verdict history entry is malformed")
    base = data.get("base")
    if base is not None:
        if not isinstance(base, dict):
            raise ValueError("base is not an object")
        for name, rows in base.items():
            if name not in ("sessions", *TABLES) or not isinstance(rows, dict):
                raise ValueError("base is malformed")
            for ident, row in rows.items():
                if not isinstance(ident, str) or not isinstance(row, dict):
                    raise ValueError("base is malformed")


def import_session_file(lib: Library, path: str) -> MergeReport:
    """Read, check and import (or merge) a ``.fcsession`` file: one operation
    (``import_session``), so one undo step."""
    from workbench.ops.session_import import merge_session

    data, texts = read_session_file(path)
    return merge_session(lib, data, texts)[1]
