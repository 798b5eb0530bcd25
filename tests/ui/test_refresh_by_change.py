"""After an edit the app re-reads and repaints only what the edit touched.

Counted, not timed: the SQL statements the refresh runs (SQLAlchemy's
``before_cursor_execute`` on the library's engine), the paint events each
article view receives and the rows the claims table signals.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QPaintEvent
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.ui.conftest import World, show_row
from ui.panes.pane_row import PaneRow
from ui.side.claims_model import ClaimsModel
from ui.side.inspector import Inspector
from workbench import ops
from workbench.queries.claims import claim_info
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library, open_library


@contextmanager
def statements(lib: Library) -> Iterator[list[str]]:
    """Every SQL statement run on the library's engine inside the block, and
    "COMMIT" where a transaction committed."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        seen.append(" ".join(sql.split()))

    def committed(_conn: Any) -> None:
        seen.append("COMMIT")

    event.listen(lib.engine, "before_cursor_execute", record)
    event.listen(lib.engine, "commit", committed)
    try:
        yield seen
    finally:
        event.remove(lib.engine, "before_cursor_execute", record)
        event.remove(lib.engine, "commit", committed)


class PaintLog(QObject):
    """Paint events (their rectangles) per watched widget, by name."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: dict[str, list[QRect]] = {}
        self._names: dict[int, str] = {}

    def watch(self, name: str, widget: QObject) -> None:
        self._names[id(widget)] = name
        self.rects.setdefault(name, [])
        widget.installEventFilter(self)

    def clear(self) -> None:
        for rects in self.rects.values():
            rects.clear()

    def eventFilter(self, watched: QObject, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.Paint and isinstance(ev, QPaintEvent):
            self.rects[self._names[id(watched)]].append(ev.rect())
        return False


@dataclass
class RowLog:
    """Which rows of a model were signalled, and how."""

    changed: list[tuple[int, int]] = field(default_factory=list)
    inserted: list[tuple[int, int]] = field(default_factory=list)
    removed: list[tuple[int, int]] = field(default_factory=list)
    resets: int = 0

    def clear(self) -> None:
        self.changed.clear()
        self.inserted.clear()
        self.removed.clear()
        self.resets = 0


def log_rows(model: ClaimsModel) -> RowLog:
    log = RowLog()
    model.dataChanged.connect(
        lambda a, b, _roles=(): log.changed.append((a.row(), b.row()))  # type: ignore[misc]
    )
    model.rowsInserted.connect(lambda _p, a, b: log.inserted.append((a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: log.removed.append((a, b)))

    def reset() -> None:
        log.resets += 1

    model.modelReset.connect(reset)
    return log


@dataclass
class Desk:
    world: World
    row: PaneRow
    model: ClaimsModel
    inspector: Inspector
    paints: PaintLog
    rows: RowLog
    claims: list[str]  # claims of the first article, then of the second
    link: str


@pytest.fixture
def desk(qtbot: QtBot, long_world: World) -> Desk:
    w = long_world
    claims = [
        w.claim(0, "No one was injured"),
        w.claim(0, "Four drones"),
        w.claim(1, "two people were killed"),
        w.claim(1, "A dozen drones"),
    ]
    link = w.link(claims[0], claims[2])
    row = show_row(qtbot, w.controller, width=1500, height=700)
    model = ClaimsModel(w.controller)
    inspector = Inspector(w.controller)
    qtbot.addWidget(inspector)
    inspector.show()
    paints = PaintLog()
    for n, pane in enumerate(row.panes()):
        paints.watch(f"view{n}", pane.view.viewport())
        paints.watch(f"markers{n}", pane.markers)
    for n, link_map in enumerate(row.link_maps()):
        paints.watch(f"map{n}", link_map)
    qtbot.wait(50)
    return Desk(w, row, model, inspector, paints, log_rows(model), claims, link)


def _settle(qtbot: QtBot, d: Desk) -> None:
    """Let pending paints happen, then start counting afresh."""
    qtbot.wait(30)
    d.paints.clear()
    d.rows.clear()


def _by_id(sql: str) -> bool:
    """A read of named rows: claims or events by id, the session row by its id."""
    return any(
        key in sql for key in ("WHERE claims.id IN", "events.target_id IN", "WHERE sessions.id = ?")
    )


def refresh_reads(sql: list[str]) -> list[str]:
    """The reads after the edit's own transaction committed: the refresh."""
    last = max((n for n, s in enumerate(sql) if s.upper() == "COMMIT"), default=-1)
    return [s for s in sql[last + 1 :] if s.upper().startswith("SELECT")]


def _span_area(d: Desk, pane: int, claim_id: str) -> QRect:
    view = d.row.panes()[pane].view
    claim = d.world.controller.claim(claim_id)
    assert claim is not None
    area = QRect()
    for r in view.span_rects(claim.start, claim.end):
        area = area.united(r.toAlignedRect())
    assert not area.isEmpty(), "the claim is on screen"
    return area.adjusted(-6, -6, 6, 6)


def test_a_verdict_reads_one_claim_and_repaints_its_row_and_spans(qtbot: QtBot, desk: Desk) -> None:
    d, c = desk, desk.world.controller
    cid = d.claims[0]
    _settle(qtbot, d)
    change = ops.set_verdict(d.world.lib, cid, "False")
    with statements(d.world.lib) as sql:
        c.run(lambda: change)  # the edit is made; what follows is the refresh
    selects = [s for s in sql if s.upper().startswith("SELECT")]
    # The claim by id, who judged it and the session's own row: nothing of
    # the session's articles, other claims, links, evidence or notes.
    assert len(selects) == 3, selects
    assert all(_by_id(s) for s in selects), selects
    assert not any("FROM articles" in s or "FROM links" in s for s in sql), sql
    assert c.claim(cid) is not None and c.claim(cid).verdict == "False"  # type: ignore[union-attr]

    qtbot.wait(50)
    # One table row, no reset, nothing inserted.
    row = d.model.row_of(cid)
    assert d.rows.changed == [(row, row)]
    assert (d.rows.inserted, d.rows.removed, d.rows.resets) == ([], [], 0)
    # The first pane repainted the claim's spans only; the others not at all.
    area = _span_area(d, 0, cid)
    assert d.paints.rects["view0"], "the claim's spans were repainted"
    assert all(area.contains(r) for r in d.paints.rects["view0"]), (area, d.paints.rects)
    assert d.paints.rects["view1"] == [] and d.paints.rects["view2"] == []
    # The link map between the two articles repaints the linked curve only.
    assert d.paints.rects["map1"] == []
    assert d.paints.rects["markers1"] == [] and d.paints.rects["markers2"] == []
    # The panes show the new colour.
    fill = d.row.panes()[0].view._by_id[cid].fill
    assert fill != d.row.panes()[0].view._by_id[d.claims[1]].fill


def test_a_typed_rationale_character_reads_nothing_but_that_claim_and_paints_no_pane(
    qtbot: QtBot, desk: Desk
) -> None:
    d, c = desk, desk.world.controller
    cid = d.claims[2]
    c.select_claim(cid)
    _settle(qtbot, d)
    d.inspector.rationale.setFocus()
    qtbot.keyClicks(d.inspector.rationale, "N")
    with statements(d.world.lib) as sql:
        d.inspector.flush()  # the autosave pause ends
    assert claim_info(d.world.lib, cid).rationale == "N"
    reads = refresh_reads(sql)
    # The claim by id and the session's row; no verdict history, no other rows.
    assert len(reads) == 2 and all(_by_id(s) for s in reads), reads
    assert not any("FROM events" in s for s in reads)
    qtbot.wait(50)
    row = d.model.row_of(cid)
    assert d.rows.changed == [(row, row)] and d.rows.resets == 0
    for name in ("view0", "view1", "view2", "map0", "map1"):
        assert d.paints.rects[name] == [], name
    assert d.inspector.rationale.toPlainText() == "N"


def test_a_new_claim_inserts_one_row_and_paints_its_span(qtbot: QtBot, desk: Desk) -> None:
    d, c = desk, desk.world.controller
    _settle(qtbot, d)
    text = d.world.texts[2]
    start = text.index("Port workers")
    aid = d.world.articles[2]
    with statements(d.world.lib) as sql:
        change = c.run(lambda: ops.add_claim(d.world.lib, aid, start, start + len("Port workers")))
    assert change is not None and change.target_id
    reads = refresh_reads(sql)
    assert reads and all(_by_id(s) for s in reads), reads
    qtbot.wait(50)
    assert len(d.rows.inserted) == 1 and d.rows.resets == 0 and d.rows.changed == []
    assert d.model.claim_id(d.rows.inserted[0][0]) == change.target_id
    area = _span_area(d, 2, change.target_id)
    assert d.paints.rects["view2"] and all(area.contains(r) for r in d.paints.rects["view2"])
    assert d.paints.rects["view0"] == [] and d.paints.rects["view1"] == []
    assert d.row.panes()[2].meta_label.full_text().endswith("1 claim")


def test_undo_and_redo_take_the_same_path(qtbot: QtBot, desk: Desk) -> None:
    d, c = desk, desk.world.controller
    cid = d.claims[1]
    c.run(lambda: ops.set_verdict(d.world.lib, cid, "True"))
    _settle(qtbot, d)
    with statements(d.world.lib) as sql:
        c.undo_stack.undo()
    reads = refresh_reads(sql)
    assert reads and all(_by_id(s) for s in reads), reads
    assert c.claim(cid).verdict == "Unchecked"  # type: ignore[union-attr]
    qtbot.wait(50)
    row = d.model.row_of(cid)
    assert d.rows.changed == [(row, row)]
    assert d.paints.rects["view1"] == []
    c.undo_stack.redo()
    assert c.claim(cid).verdict == "True"  # type: ignore[union-attr]


def test_removing_a_linked_claim_updates_both_ends_and_undo_brings_it_back(
    qtbot: QtBot, desk: Desk
) -> None:
    d, c = desk, desk.world.controller
    gone, other = d.claims[0], d.claims[2]
    assert d.row.link_maps()[0].pairs()
    c.run(lambda: ops.remove_claim(d.world.lib, gone))
    assert c.claim(gone) is None and c.link(d.link) is None
    assert d.model.row_of(gone) == -1
    assert d.row.link_maps()[0].pairs() == []
    assert d.row.panes()[1].view.link_count(other) == 0
    assert d.model.index(d.model.row_of(other), 3).data() == ""
    c.undo_stack.undo()
    assert c.claim(gone) is not None and c.link(d.link) is not None
    assert d.model.row_of(gone) >= 0
    assert [p.link_id for p in d.row.link_maps()[0].pairs()] == [d.link]
    assert d.row.panes()[1].view.link_count(other) == 1
    assert c.detail == session_detail(d.world.lib, d.world.session_id)


def test_edits_from_elsewhere_take_the_same_path(qtbot: QtBot, lib: Library, desk: Desk) -> None:
    d, c = desk, desk.world.controller
    c.watch_outside(interval_ms=60_000)  # polled by hand below
    cid = d.claims[3]
    colleague = open_library(lib.url, actor="bob")
    try:
        _settle(qtbot, d)
        ops.set_verdict(colleague, cid, "False")
        with statements(lib) as sql:
            change = c.check_outside()
    finally:
        colleague.close()
        c.stop_watching()
    assert change is not None and cid in change.ids
    assert c.claim(cid).verdict == "False"  # type: ignore[union-attr]
    assert c.claim(cid).judged_by == "bob"  # type: ignore[union-attr]
    # Their verdict is read back by id, like ours: not the whole session.
    assert not any("FROM articles" in s or "FROM links" in s for s in sql), sql
    qtbot.wait(50)
    row = d.model.row_of(cid)
    assert d.rows.changed == [(row, row)] and d.rows.resets == 0
    assert d.paints.rects["view0"] == [] and d.paints.rects["view2"] == []


def test_a_colleagues_deletion_reads_the_session_again(
    qtbot: QtBot, lib: Library, desk: Desk
) -> None:
    """A deletion elsewhere names only its target (its links went with it):
    the session is read again, and views still hear exactly what differs."""
    d, c = desk, desk.world.controller
    c.watch_outside(interval_ms=60_000)
    colleague = open_library(lib.url, actor="bob")
    told: list[ops.Change] = []
    c.changed.connect(told.append)
    try:
        ops.remove_claim(colleague, d.claims[0])
        assert c.check_outside() is not None
    finally:
        colleague.close()
        c.stop_watching()
    [change] = told  # what the views heard: the claim, its link, the other end
    assert {d.claims[0], d.link, d.claims[2]} <= change.ids
    assert c.link(d.link) is None and d.model.row_of(d.claims[0]) == -1
    assert d.row.link_maps()[0].pairs() == []
    assert c.detail == session_detail(lib, d.world.session_id)


def test_the_kept_detail_matches_a_full_read_after_a_run_of_edits(desk: Desk) -> None:
    d, c, lib = desk, desk.world.controller, desk.world.lib
    cid = d.claims[1]
    c.run(lambda: ops.set_verdict(lib, cid, "False", rationale="port records"))
    c.run(lambda: ops.add_evidence(lib, cid, url="https://example.org/a", title="A"))
    c.run(lambda: ops.add_note(lib, cid, "call the port"))
    c.run(lambda: ops.link_claims(lib, cid, d.claims[3], "differs"))
    c.run(lambda: ops.update_link(lib, d.link, type="same"))
    c.run(lambda: ops.rename_session(lib, d.world.session_id, "Renamed"))
    c.run(lambda: ops.resize_claim(lib, d.claims[0], 0, 20))
    assert c.detail == session_detail(lib, d.world.session_id)
    for _ in range(7):
        c.undo_stack.undo()
    assert c.detail == session_detail(lib, d.world.session_id)


def test_the_session_is_read_without_article_text(lib: Library, world: World) -> None:
    with statements(lib) as sql:
        detail = session_detail(lib, world.session_id)
    reading_articles = [s for s in sql if "FROM articles" in s]
    assert reading_articles
    assert not any("articles.text," in s or "articles.text FROM" in s for s in reading_articles)
    assert [a.chars for a in detail.articles] == [len(t) for t in world.texts]


def test_panes_read_each_text_once(qtbot: QtBot, lib: Library, world: World) -> None:
    with statements(lib) as sql:
        world.controller.open_session(world.session_id)
        show_row(qtbot, world.controller)
        cid = world.claim(0, "No one was injured")
        world.controller.run(lambda: ops.set_verdict(lib, cid, "False"))
    # The UI's own reads of text (operations load their rows as they need).
    ui_reads = ("SELECT articles.id, articles.text", "SELECT articles.text")
    texts = [s for s in sql if s.startswith(ui_reads)]
    assert len(texts) == 1, texts


def test_an_edit_on_the_gui_thread_waits_briefly_for_a_lock(lib: Library, world: World) -> None:
    from ui.undo import GUI_BUSY_WAIT_MS
    from workbench.storage.store import BUSY_TIMEOUT_MS

    cid = world.claim(0, "No one was injured")
    traced: list[tuple[int, str]] = []

    def trace(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        conn = id(dbapi_conn)
        dbapi_conn.set_trace_callback(lambda sql: traced.append((conn, sql)))

    event.listen(lib.engine, "connect", trace)
    lib.engine.dispose()  # fresh connections, traced after their connect-time settings
    try:
        world.controller.run(lambda: ops.set_verdict(lib, cid, "False"))
        ops.set_verdict(lib, cid, "True")  # a worker or the CLI: not through the GUI
    finally:
        event.remove(lib.engine, "connect", trace)

    def waits_of_writes() -> list[int]:
        """The busy timeout each write transaction began with (connections
        start with the store's)."""
        current: dict[int, int] = {}
        out = []
        for conn, sql in traced:
            if sql.startswith("PRAGMA busy_timeout = "):
                current[conn] = int(sql.rsplit(" ", 1)[1])
            elif sql.startswith("BEGIN IMMEDIATE"):
                out.append(current.get(conn, BUSY_TIMEOUT_MS))
        return out

    assert waits_of_writes() == [GUI_BUSY_WAIT_MS, BUSY_TIMEOUT_MS]


def test_spans_laid_out_again_locally_match_a_full_layout(qtbot: QtBot, world: World) -> None:
    """Adding, resizing and removing overlapping claims re-lays only their runs
    of overlapping spans; the levels (underline bars) are those of a full layout."""
    lib, c = world.lib, world.controller
    row = show_row(qtbot, c)
    view = row.panes()[1].view
    text, aid = world.texts[1], world.articles[1]
    made = []
    for start, end in ((0, 30), (5, 12), (10, 40), (3, 8), (50, 70), (55, 60), (80, 95)):
        change = c.run(lambda s=start, e=end: ops.add_claim(lib, aid, s, e))
        assert change is not None and change.target_id
        made.append(change.target_id)
        assert view._spans == view._build_spans()
    c.run(lambda: ops.resize_claim(lib, made[1], 20, 60))
    assert view._spans == view._build_spans()
    c.run(lambda: ops.remove_claim(lib, made[0]))
    assert view._spans == view._build_spans()
    assert {s.level for s in view._spans} != {0}  # some spans do overlap
    assert len(text) > 95
