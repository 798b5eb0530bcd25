"""The data model: SQLAlchemy 2 typed ORM mapping of a fact-check library.

Ids that may travel between databases are UUID strings. Times are stored as
UTC. Article text is written once at import and never changed; a claim keeps
its span and its quote with context (like a W3C TextQuoteSelector) so the
span can be verified and re-found.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workbench.vocabulary import new_id

NOTE_TARGETS: tuple[str, ...] = ("session", "article", "claim", "link")
# At most one narrower target per note. Written with CASE so it runs on every
# backend: adding booleans works in SQLite but not in PostgreSQL.
NOTE_ONE_TARGET = (
    " + ".join(
        f"(CASE WHEN {col} IS NULL THEN 0 ELSE 1 END)"
        for col in ("article_id", "claim_id", "link_id")
    )
    + " <= 1"
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite drops the zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
    }


class Session(Base):
    """One fact-check: a story, its articles and the verdict scale it uses."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Bumped by every ORM update; an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sql_text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    scale_name: Mapped[str] = mapped_column(String(100))
    scale: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)

    articles: Mapped[list[Article]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Article.position",
    )


class Article(Base):
    """A news report in a session. ``text`` is never edited after import."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Bumped by every ORM update; an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sql_text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(1000))
    outlet: Mapped[str | None] = mapped_column(String(300))
    author: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(20))
    source_name: Mapped[str | None] = mapped_column(String(1000))
    fmt: Mapped[str] = mapped_column(String(20), default="txt")
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[Session] = relationship(back_populates="articles")
    claims: Mapped[list[Claim]] = relationship(
        back_populates="article",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Claim.start",
    )


class Claim(Base):
    """A span of one article: offsets, the quote and its context, a verdict."""

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint('start >= 0 AND start < "end"', name="span"),
        CheckConstraint(
            "checkworthiness IS NULL OR checkworthiness BETWEEN 1 AND 5", name="checkworthiness"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Bumped by every ORM update; an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sql_text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(100))
    rationale: Mapped[str] = mapped_column(Text, default="")
    checkworthiness: Mapped[int | None] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="claims")


class Link(Base):
    """Two claims in different articles and how they relate.

    The pair is stored in a canonical order (``claim_a_id < claim_b_id``), so
    one pair has at most one link.
    """

    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("claim_a_id", "claim_b_id", name="pair"),
        CheckConstraint("claim_a_id < claim_b_id", name="ordered_pair"),
        CheckConstraint(
            "type IN ('same', 'corroborates', 'contradicts', 'differs', 'related')", name="type"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Bumped by every ORM update; an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sql_text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    claim_a_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    claim_b_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)


class Evidence(Base):
    """A source behind a verdict: a URL or a citation, with an excerpt."""

    __tablename__ = "evidence"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Bumped by every ORM update; an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sql_text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000), default="")
    title: Mapped[str] = mapped_column(String(1000), default="")
    citation: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    accessed: Mapped[date | None] = mapped_column(Date)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)


class Note(Base):
    """Free text on a session, an article, a claim or a link.

    ``session_id`` is always set; at most one of the narrower targets is. Real
    foreign keys (not a polymorphic id) so a note can never point at nothing.
    """

    __tablename__ = "notes"
    __table_args__ = (CheckConstraint(NOTE_ONE_TARGET, name="one_target"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # Bumped by every ORM update; an UPDATE that finds another version fails.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=sql_text("1"))
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    article_id: Mapped[str | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    claim_id: Mapped[str | None] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    link_id: Mapped[str | None] = mapped_column(
        ForeignKey("links.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    updated: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def target_kind(self) -> str:
        if self.claim_id:
            return "claim"
        if self.link_id:
            return "link"
        if self.article_id:
            return "article"
        return "session"

    @property
    def target_id(self) -> str:
        return self.claim_id or self.link_id or self.article_id or self.session_id


class Dismissal(Base):
    """A suggestion the user dismissed, remembered so it is not proposed again."""

    __tablename__ = "dismissals"
    __table_args__ = (UniqueConstraint("session_id", "key", name="key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(default=utcnow)


class Snapshot(Base):
    """A web page exactly as fetched: what it said when it was checked.

    Kept for an article imported from the web or for a piece of evidence. The
    ids are plain columns, not foreign keys: a snapshot is a record of the
    page and outlives (and follows the undo of) the article or evidence it
    was taken for; deleting a session does not destroy what a page said.
    """

    __tablename__ = "snapshots"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(String(36), index=True)
    article_id: Mapped[str | None] = mapped_column(String(36), index=True)
    evidence_id: Mapped[str | None] = mapped_column(String(36), index=True)
    url: Mapped[str] = mapped_column(String(2000))  # as asked for
    final_url: Mapped[str] = mapped_column(String(2000))  # after redirects
    fetched: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)


class Event(Base):
    """Append-only audit trail: who did what, when, and the before/after.

    No foreign keys: the trail outlives what it describes.
    """

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_session_at", "session_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    operation: Mapped[str] = mapped_column(String(100))
    session_id: Mapped[str | None] = mapped_column(String(36))
    target_id: Mapped[str | None] = mapped_column(String(36))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Which running program wrote it (``Library.origin``): an open window
    # refreshes for events of other origins, not for its own.
    origin: Mapped[str | None] = mapped_column(String(32))


class Setting(Base):
    """A named value for the whole library (``session_id`` NULL) or one session,
    such as the organisation named in ClaimReview markup. A session's value
    overrides the library's."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("session_id", "key", name="setting_key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text, default="")
    updated: Mapped[datetime] = mapped_column(default=utcnow)
