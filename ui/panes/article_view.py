"""The text of one article, with its claims highlighted.

The text is shown as plain text only (it is untrusted). Highlights are painted
by the view itself, for the blocks on screen only, so a long article with a
thousand claims scrolls as fast as one with none: no ``ExtraSelection``
objects, no character formats written into the document.

Claims store offsets as Python ``str`` indices (code points); Qt counts
UTF-16 units. ``TextOffsets`` converts between the two, so an emoji before a
claim does not shift it.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextLine,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from ui import palette
from ui.controller import SessionController
from workbench.analysis.paragraphs import display_breaks
from workbench.analysis.selection import snap_to_words
from workbench.preview import shorten
from workbench.vocabulary import UNCHECKED

_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
BASE_POINT_SIZE = 11.0


def _line_x(line: QTextLine, position: int) -> float:
    """x of a cursor position in a line (PySide returns (x, position))."""
    result: object = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)  # type: ignore[arg-type]


class TextOffsets:
    """Python ``str`` indices (code points) <-> Qt text positions (UTF-16 units).

    Qt counts two units for a character outside the BMP; the view may also show
    an empty line at paragraph ``breaks`` (offsets just after a ``\\n``) that the
    stored text does not have. Each is one extra Qt unit.
    """

    def __init__(self, text: str, breaks: Sequence[int] = ()) -> None:
        # Each extra unit, sorted by the first article offset it shifts (a pair's
        # second half shifts what follows the character); in a tie the pair comes
        # first (it is the character before the break).
        events = sorted(
            [(m.start() + 1, 0) for m in _ASTRAL.finditer(text)] + [(p, 1) for p in breaks]
        )
        self._py = [c for c, _ in events]
        self._qt = [c + k for k, (c, _) in enumerate(events)]  # where each extra unit sits
        self._inside = {c + k for k, (c, kind) in enumerate(events) if kind == 0}
        self.py_length = len(text)
        self.qt_length = len(text) + len(events)

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_right(self._py, index) if self._py else index

    def to_py(self, position: int, round_up: bool = False) -> int:
        """A position inside a surrogate pair goes to the start of its character,
        or past it with ``round_up``; the empty line shown at a paragraph break
        goes to the start of the next paragraph."""
        if not self._qt:
            return position
        k = bisect.bisect_left(self._qt, position)
        return position - k - (1 if position in self._inside and not round_up else 0)


def display_text(text: str, breaks: Sequence[int] = ()) -> str:
    """The text as handed to Qt: the same length in code points, plus one
    ``\\n`` at each paragraph break (``TextOffsets`` with the same breaks maps
    offsets across).

    Qt folds CR LF into one paragraph break and drops a leading BOM, which would
    shift every offset after them; lone surrogates cannot cross to Qt at all.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", " \n")
    if text.startswith("\ufeff"):
        text = "\u200b" + text[1:]
    text = _SURROGATE.sub("\ufffd", text)
    if breaks:
        cuts = [0, *breaks, len(text)]
        text = "\n".join(text[a:b] for a, b in itertools.pairwise(cuts))
    return text


@dataclass(frozen=True)
class ClaimSpan:
    """A claim as the view paints it, in Qt positions."""

    claim_id: str
    start: int
    end: int
    fill: QColor
    bar: QColor
    level: int  # nesting depth among overlapping claims: which underline bar it gets
    verdict: str = ""


@dataclass
class _Window:
    """Blocks laid out from one screen above to one screen below the viewport."""

    key: tuple[object, ...]
    blocks: list[QTextBlock]
    positions: list[int]
    tops: list[float]
    top: float
    bottom: float
    first_pos: int
    end_pos: int
    visible_first: int
    visible_end: int
    visible: list[ClaimSpan] | None = field(default=None)


class ArticleView(QPlainTextEdit):
    """One article's text, read-only, with claim and search highlights.

    The pane row hands it every change (``update_claims``: only the spans of
    the claims named are repainted; ``refresh`` after a new session or scale);
    the view never listens to the controller itself, so a discarded view holds
    no connections.
    """

    zoom_requested = Signal(int)  # +1 larger, -1 smaller, 0 default size
    geometry_changed = Signal()  # scrolled, resized or zoomed: link maps follow
    focused = Signal()
    context_menu_requested = Signal(QPoint, QPoint)  # viewport position, global position

    def __init__(
        self, controller: SessionController, article_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.article_id = article_id
        text = controller.text(article_id)
        self._text = text
        self._breaks = display_breaks(text)
        self._offsets = TextOffsets(text, self._breaks)
        self._spans: list[ClaimSpan] = []
        self._by_id: dict[str, ClaimSpan] = {}
        self._starts: list[int] = []
        self._max_end: list[int] = []
        self._link_counts: Counter[str] = Counter()
        self._fills: dict[str, tuple[QColor, QColor]] = {}  # verdict -> fill, bar
        self._selected: str | None = None
        self._find: list[tuple[int, int]] = []
        self._find_starts: list[int] = []
        self._find_current = -1
        self._window_cache: _Window | None = None
        self._press: QPoint | None = None
        self._drag_anchor: int | None = None  # Qt position where a mouse selection began
        self._exact_drag = False
        self.snap_to_words = True  # the pane row sets it from View > Snap selection to words
        self._zoom = 0
        self._margin: QWidget | None = None
        self._dark = palette.palette_is_dark()

        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(10)
        self.setTabChangesFocus(True)  # read-only: Tab moves on to the link map, the next pane
        self._title = ""
        self.setPlainText(display_text(text, self._breaks))
        self.set_zoom(0)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.refresh()

    # ------------------------------------------------------------ data

    def refresh(self) -> None:
        """Re-read this article's claims and links from the controller and
        repaint the whole view (a new session, scale or palette)."""
        self._set_spans(self._build_spans())
        self._count_links()
        self.viewport().update()

    def _build_spans(self) -> list[ClaimSpan]:
        detail = self._controller.detail
        spans: list[ClaimSpan] = []
        if detail is None:
            return spans
        self._fills = {}  # a palette or scale change starts a new set of colours
        level_ends: list[int] = []
        for c in sorted(detail.claims_of(self.article_id), key=lambda c: (c.start, -c.end)):
            start, end = self._offsets.to_qt(c.start), self._offsets.to_qt(c.end)
            level = next((i for i, e in enumerate(level_ends) if e <= start), len(level_ends))
            if level == len(level_ends):
                level_ends.append(end)
            else:
                level_ends[level] = end
            spans.append(self._span(c.id, start, end, c.verdict, level))
        return spans

    def _span(self, claim_id: str, start: int, end: int, verdict: str, level: int) -> ClaimSpan:
        colours = self._fills.get(verdict)
        if colours is None:
            detail = self._controller.detail
            assert detail is not None
            fill = palette.tone_fill(detail.scale.tone_of(verdict), unchecked=verdict == UNCHECKED)
            colours = self._fills[verdict] = (fill, fill.darker(165))
        return ClaimSpan(claim_id, start, end, colours[0], colours[1], level, verdict)

    def _set_spans(self, spans: list[ClaimSpan]) -> None:
        self._spans = spans
        self._by_id = {s.claim_id: s for s in spans}
        self._starts = [s.start for s in spans]
        self._max_end = []
        top = -1
        for s in spans:
            top = max(top, s.end)
            self._max_end.append(top)
        if self._selected not in self._by_id:
            self._selected = None
        self._window_cache = None

    def _count_links(self) -> None:
        self._link_counts = Counter()
        detail = self._controller.detail
        if detail is None:
            return
        for lk in detail.links:
            for cid in (lk.claim_a_id, lk.claim_b_id):
                if cid in self._by_id:
                    self._link_counts[cid] += 1

    def update_claims(self, claim_ids: set[str], links: bool = False) -> bool:
        """Show these claims as the controller has them now (changed, added or
        removed), repainting only where their spans are or were; ``links``:
        links changed, recount them. True if this article's claims changed
        (some added or removed)."""
        mine: set[str] = set()
        for cid in claim_ids:
            claim = self._controller.claim(cid)
            if cid in self._by_id or (claim is not None and claim.article_id == self.article_id):
                mine.add(cid)
        if not mine:
            if links:
                self._count_links()
            return False
        old = self._by_id
        structural = False
        fresh: dict[str, ClaimSpan] = {}
        for cid in mine:
            claim = self._controller.claim(cid)
            span = old.get(cid)
            if claim is None or span is None or claim.article_id != self.article_id:
                structural = True
                break
            start, end = self._offsets.to_qt(claim.start), self._offsets.to_qt(claim.end)
            if (start, end) != (span.start, span.end):
                structural = True
                break
            if claim.verdict != span.verdict:
                fresh[cid] = self._span(cid, start, end, claim.verdict, span.level)
        added = False
        if structural:
            # Spans appear, go or move: levels of the claims overlapping them
            # may shift, so those are laid out again and every span that
            # differs is repainted.
            spans = self._relaid(mine)
            new = {s.claim_id: s for s in spans}
            # _relaid keeps every span it did not change (the same object).
            differ = [k for k in old.keys() | new.keys() if old.get(k) is not new.get(k)]
            added = old.keys() != new.keys()
            before = [old[k] for k in differ if k in old]
            self._set_spans(spans)
            dirty = [*before, *(new[k] for k in differ if k in new)]
        else:
            if not fresh:
                if links:
                    self._count_links()
                return False
            spans = [fresh.get(s.claim_id, s) for s in self._spans]
            self._spans = spans
            self._by_id = {s.claim_id: s for s in spans}
            self._window_cache = None
            dirty = list(fresh.values())
        if links or structural:
            self._count_links()
        self._repaint_spans(dirty)
        return added

    def _relaid(self, claim_ids: set[str]) -> list[ClaimSpan]:
        """The spans with ``claim_ids`` as the controller has them now; levels
        are computed again only in the runs of overlapping claims they touch
        (the same levels ``_build_spans`` gives, without redoing the article)."""
        kept = [s for s in self._spans if s.claim_id not in claim_ids]
        touched: list[tuple[int, int]] = [
            (s.start, s.end) for s in self._spans if s.claim_id in claim_ids
        ]
        for cid in claim_ids:
            claim = self._controller.claim(cid)
            if claim is not None and claim.article_id == self.article_id:
                start, end = self._offsets.to_qt(claim.start), self._offsets.to_qt(claim.end)
                kept.append(self._span(cid, start, end, claim.verdict, 0))
                touched.append((start, end))
        kept.sort(key=lambda s: (s.start, -s.end))
        t_lo = min((a for a, _ in touched), default=0)
        t_hi = max((b for _, b in touched), default=0)
        out: list[ClaimSpan] = []
        k = 0
        while k < len(kept):
            # One run: spans that overlap, directly or through each other.
            first, top = k, kept[k].end
            k += 1
            while k < len(kept) and kept[k].start < top:
                top = max(top, kept[k].end)
                k += 1
            run = kept[first:k]
            lo, hi = run[0].start, top
            if (hi < t_lo or lo > t_hi) or not any(
                (a < hi and b > lo) or a == b == lo for a, b in touched
            ):
                out.extend(run)
                continue
            level_ends: list[int] = []
            for span in run:
                level = next(
                    (i for i, e in enumerate(level_ends) if e <= span.start), len(level_ends)
                )
                if level == len(level_ends):
                    level_ends.append(span.end)
                else:
                    level_ends[level] = span.end
                out.append(span if span.level == level else replace(span, level=level))
        return out

    def _repaint_spans(self, spans: Sequence[ClaimSpan]) -> None:
        """Schedule a repaint of just the rectangles of ``spans`` near the screen."""
        win = self._window()
        vp = self.viewport()
        for span in spans:
            for r in self._span_rects(span.start, span.end, win):
                vp.update(r.toAlignedRect().adjusted(-4, -3, 4, 3))

    def set_article_title(self, title: str) -> None:
        """The title screen readers announce for this text."""
        self._title = title
        self.setAccessibleName(f"Article: {title}" if title else "Article text")
        n = len(self._spans)
        self.setAccessibleDescription(
            ("no claims" if n == 0 else "1 claim" if n == 1 else f"{n} claims")
            + "; select words and press C to mark a claim; J and K: next and previous claim"
        )

    def article_title(self) -> str:
        return self._title

    def set_selected_claim(self, claim_id: str | None) -> None:
        """Emphasise ``claim_id`` if it is one of this article's claims."""
        mine = claim_id if claim_id in self._by_id else None
        if mine != self._selected:
            before = self._by_id.get(self._selected) if self._selected else None
            self._selected = mine
            self._repaint_spans([s for s in (before, self._by_id.get(mine or "")) if s])

    def claim_ids(self) -> list[str]:
        return [s.claim_id for s in self._spans]

    def link_count(self, claim_id: str) -> int:
        return self._link_counts[claim_id]

    @property
    def offsets(self) -> TextOffsets:
        return self._offsets

    # ------------------------------------------------------------ selection API

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as (start, end) offsets into the article text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self._offsets.to_py(cursor.selectionStart()),
            self._offsets.to_py(cursor.selectionEnd(), round_up=True),
        )

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (article offsets) and scroll it into view."""
        qs, qe = self._offsets.to_qt(start), self._offsets.to_qt(end)
        self._reveal(qs, qe)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def scroll_to_claim(self, claim_id: str) -> bool:
        """Bring a claim of this article to the middle of the view; False if unknown."""
        span = self._by_id.get(claim_id)
        if span is None:
            return False
        self._reveal(span.start, span.end, always=True)
        return True

    def _reveal(self, qs: int, qe: int, always: bool = False) -> None:
        rng = None if always else self._y_range(qs, qe, exact=True)
        h = self.viewport().height()
        if rng is not None and rng[0] >= 0 and rng[1] <= h:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(qs)
        self.setTextCursor(cursor)
        self.centerCursor()

    def claim_at(self, pos: QPoint | QPointF) -> str | None:
        """The claim under a viewport point (the shortest one where claims overlap)."""
        point = QPointF(pos)
        win = self._window()
        hits = [
            s
            for s in self._spans_in(win.visible_first, win.visible_end)
            if any(r.contains(point) for r in self._span_rects(s.start, s.end, win))
        ]
        return min(hits, key=lambda s: s.end - s.start).claim_id if hits else None

    # ------------------------------------------------------------ geometry API

    def visible_claims(self) -> list[str]:
        """Ids of the claims at least partly on screen, in text order."""
        return [s.claim_id for s in self._visible_spans()]

    def claim_y_range(self, claim_id: str) -> tuple[int, int] | None:
        """(top, bottom) of a claim in viewport coordinates; None when it lies
        further than a screen away (not laid out) or is not in this article."""
        span = self._by_id.get(claim_id)
        if span is None:
            return None
        rng = self._y_range(span.start, span.end, exact=True)
        return None if rng is None else (round(rng[0]), round(rng[1]))

    def claim_anchor_y(self, claim_id: str) -> tuple[float, float] | None:
        """Like ``claim_y_range`` but a far claim is pinned one screen above or
        below the viewport, so a link curve towards it keeps its direction."""
        span = self._by_id.get(claim_id)
        return None if span is None else self._y_range(span.start, span.end, exact=False)

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles (one per line) of ``text[start:end]`` near the screen."""
        return self._span_rects(
            self._offsets.to_qt(start), self._offsets.to_qt(end), self._window()
        )

    def _spans_in(self, first: int, end: int) -> list[ClaimSpan]:
        """Claims overlapping Qt positions [first, end): the prefix maximum of the
        ends is monotonic, so both bounds are binary searches."""
        lo = bisect.bisect_right(self._max_end, first)
        hi = bisect.bisect_left(self._starts, end)
        return [s for s in self._spans[lo:hi] if s.end > first]

    def _visible_spans(self) -> list[ClaimSpan]:
        win = self._window()
        if win.visible is None:
            h = self.viewport().height()
            out = []
            for s in self._spans_in(win.visible_first, win.visible_end):
                rng = self._y_range(s.start, s.end, exact=True)
                if rng is not None and rng[1] > 0 and rng[0] < h:
                    out.append(s)
            win.visible = out
        return win.visible

    def _window(self) -> _Window:
        vp = self.viewport()
        first = self.firstVisibleBlock()
        offset = self.contentOffset()
        key = (
            self.verticalScrollBar().value(),
            vp.width(),
            vp.height(),
            self.font().pointSizeF(),
            first.blockNumber(),
            offset.y(),
        )
        cached = self._window_cache
        if cached is not None and cached.key == key:
            return cached
        h = vp.height()
        before: list[tuple[QTextBlock, float]] = []
        top = self.blockBoundingGeometry(first).translated(offset).top() if first.isValid() else 0
        block, t = first.previous(), top
        while block.isValid() and t > -h:
            t -= self.blockBoundingRect(block).height()
            before.append((block, t))
            block = block.previous()
        before.reverse()
        after: list[tuple[QTextBlock, float]] = []
        block, t = first, top
        while block.isValid() and t < 2 * h:
            after.append((block, t))
            t += self.blockBoundingRect(block).height()
            block = block.next()
        rows = before + after
        blocks = [b for b, _ in rows]
        tops = [y for _, y in rows]
        positions = [b.position() for b in blocks]
        visible = [
            i
            for i, y in enumerate(tops)
            if y < h and y + self.blockBoundingRect(blocks[i]).height() > 0
        ]
        if visible:
            vfirst = positions[visible[0]]
            last = blocks[visible[-1]]
            vend = last.position() + last.length()
        else:
            vfirst = vend = 0
        win = _Window(
            key,
            blocks,
            positions,
            tops,
            tops[0] if tops else 0.0,
            t,
            positions[0] if positions else 0,
            (blocks[-1].position() + blocks[-1].length()) if blocks else 0,
            vfirst,
            vend,
        )
        self._window_cache = win
        return win

    def _span_rects(self, qs: int, qe: int, win: _Window) -> list[QRectF]:
        rects: list[QRectF] = []
        x0 = self.contentOffset().x()
        i = max(bisect.bisect_right(win.positions, qs) - 1, 0)
        while i < len(win.blocks) and win.positions[i] < qe:
            block, bpos = win.blocks[i], win.positions[i]
            layout = block.layout()
            origin = layout.position()
            s = max(qs, bpos) - bpos
            e = min(qe, bpos + block.length() - 1) - bpos
            for n in range(layout.lineCount() if s < e else 0):
                line = layout.lineAt(n)
                ls = line.textStart()
                le = ls + line.textLength()
                if ls >= e:
                    break
                if le <= s:
                    continue
                xa, xb = _line_x(line, max(s, ls)), _line_x(line, min(e, le))
                rects.append(
                    QRectF(
                        x0 + origin.x() + min(xa, xb),
                        win.tops[i] + origin.y() + line.y(),
                        max(abs(xb - xa), 2.0),
                        line.height(),
                    )
                )
            i += 1
        return rects

    def _y_range(self, qs: int, qe: int, exact: bool) -> tuple[float, float] | None:
        win = self._window()
        if qe <= win.first_pos or qs >= win.end_pos:
            if exact:
                return None
            y = win.top if qe <= win.first_pos else win.bottom
            return (y, y)
        rects = self._span_rects(qs, qe, win)
        if not rects:
            return None if exact else (win.top, win.top)
        top = win.top if qs < win.first_pos else min(r.top() for r in rects)
        bottom = win.bottom if qe > win.end_pos else max(r.bottom() for r in rects)
        return (top, bottom)

    # ------------------------------------------------------------ search highlights

    def set_find_matches(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Highlight search matches (article offsets, sorted); ``current`` indexes them."""
        self._find = [(self._offsets.to_qt(s), self._offsets.to_qt(e)) for s, e in spans]
        self._find_starts = [s for s, _ in self._find]
        self._find_current = current
        self.viewport().update()

    def find_match_count(self) -> int:
        return len(self._find)

    # ------------------------------------------------------------ zoom

    def set_zoom(self, steps: int) -> None:
        """Text size: ``steps`` points above (or below) the default size."""
        self._zoom = steps
        font = QFont(self.font())
        font.setPointSizeF(max(5.0, BASE_POINT_SIZE + steps))
        self.setFont(font)
        self._window_cache = None
        self.geometry_changed.emit()

    def point_size(self) -> float:
        return self.font().pointSizeF()

    # ------------------------------------------------------------ edits

    def context_claim(self) -> str | None:
        """The claim an edit applies to: the selected claim, if it is in this article."""
        sel = self._controller.selected_claim
        return sel if sel in self._by_id else None

    def has_claim(self, claim_id: str | None) -> bool:
        return claim_id in self._by_id

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-clicking a claim selects it; the pane builds and shows the menu."""
        cid = self.claim_at(event.pos())
        if cid is not None:
            self._controller.select_claim(cid)
        self.context_menu_requested.emit(event.pos(), event.globalPos())

    # ------------------------------------------------------------ tooltips

    def tooltip_html(self, claim_id: str) -> str:
        """Escaped rich text for a claim's tooltip (the quote is untrusted)."""
        claim = self._controller.claim(claim_id)
        if claim is None:
            return ""
        quote = shorten(claim.quote, 300, one_line=False)
        n = self._link_counts[claim_id]
        links = "no links" if n == 0 else ("1 link" if n == 1 else f"{n} links")
        return (
            f"<p style='white-space:pre-wrap; max-width:420px'>“{html.escape(quote)}”</p>"
            f"<p><b>{html.escape(claim.verdict)}</b> · {links}</p>"
        )

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cid = self.claim_at(event.pos())
            if cid is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_html(cid), self.viewport())
            return True
        return super().viewportEvent(event)

    # ------------------------------------------------------------ input

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        # Alt held when the drag starts: the exact characters, not whole words.
        self._exact_drag = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)
        left = event.button() == Qt.MouseButton.LeftButton
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self._drag_anchor = self.textCursor().anchor() if left and not shift else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._snap_drag()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._snap_drag()
        self._drag_anchor = None
        press, self._press = self._press, None
        pos = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and press is not None
            and (pos - press).manhattanLength() < QApplication.startDragDistance()
            and not self.textCursor().hasSelection()
        ):
            self._controller.select_claim(self.claim_at(pos))

    def _snap_drag(self) -> None:
        """Widen the selection being dragged to whole words (unless Alt or the
        setting asks for the exact span); the end under the mouse stays the
        moving end."""
        anchor = self._drag_anchor
        cursor = self.textCursor()
        if anchor is None or self._exact_drag or not self.snap_to_words:
            return
        if not cursor.hasSelection():
            return
        moving = cursor.position()
        lo, hi = sorted((anchor, moving))
        o = self._offsets
        start, end = snap_to_words(self._text, o.to_py(lo), o.to_py(hi, round_up=True))
        qs, qe = o.to_qt(start), o.to_qt(end)
        if moving < anchor:
            qs, qe = qe, qs
        if (cursor.anchor(), cursor.position()) == (qs, qe):
            return
        snapped = QTextCursor(self.document())
        snapped.setPosition(qs)
        snapped.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(snapped)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy the article's own text (no display-only paragraph lines)."""
        # Qt's own object, which the clipboard owns (one made here would be
        # freed twice at exit). Reading it once makes Qt fill in its formats;
        # then the plain text is replaced and the rich ones dropped.
        data = super().createMimeDataFromSelection()
        data.text()
        for fmt in data.formats():
            data.removeFormat(fmt)
        span = self.selected_span()
        data.setText(self._text[span[0] : span[1]] if span else "")
        return data

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
            ctrl and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
        ):
            self.zoom_requested.emit(1)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (
            ctrl and event.key() == Qt.Key.Key_Minus
        ):
            self.zoom_requested.emit(-1)
        elif ctrl and event.key() == Qt.Key.Key_0:
            self.zoom_requested.emit(0)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy:
                self.zoom_requested.emit(1 if dy > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Light or dark palette switched: highlight fills follow."""
        super().changeEvent(event)
        if event.type() in _PALETTE_EVENTS:
            dark = palette.palette_is_dark()
            if dark != self._dark:
                self._dark = dark
                self.refresh()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def set_margin_widget(self, widget: QWidget, width: int) -> None:
        """Put ``widget`` in a strip left of the text (its y matches the viewport's)."""
        self._margin = widget
        widget.setParent(self)
        self.setViewportMargins(width, 0, 0, 0)
        self._place_margin()
        widget.show()

    def _place_margin(self) -> None:
        if self._margin is not None:
            r = self.contentsRect()
            self._margin.setGeometry(r.left(), r.top(), self.viewportMargins().left(), r.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_margin()
        self._window_cache = None
        self.geometry_changed.emit()

    def _scrolled(self, _value: int) -> None:
        self.geometry_changed.emit()

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_highlights(painter)
        finally:
            painter.end()
        super().paintEvent(event)  # the text, on top of the fills

    def _paint_highlights(self, painter: QPainter) -> None:
        win = self._window()
        painter.setPen(Qt.PenStyle.NoPen)
        selected: list[QRectF] = []
        for span in self._spans_in(win.visible_first, win.visible_end):
            rects = self._span_rects(span.start, span.end, win)
            fill = QColor(span.fill)
            fill.setAlpha(
                palette.SELECTED_ALPHA if span.claim_id == self._selected else palette.FILL_ALPHA
            )
            bar_y = 2.0 + 3.0 * min(span.level, 3)
            for r in rects:
                painter.setBrush(fill)
                painter.drawRoundedRect(r, 2.5, 2.5)
                painter.fillRect(QRectF(r.left(), r.bottom() - bar_y, r.width(), 2.0), span.bar)
            if span.claim_id == self._selected:
                selected = rects
        colours = palette.theme()
        find_fill, find_current = QColor(colours.find_fill), QColor(colours.find_current)
        find_fill.setAlpha(palette.FIND_ALPHA)
        find_current.setAlpha(palette.FIND_CURRENT_ALPHA)
        lo = bisect.bisect_right(self._find_starts, win.visible_first) - 1
        hi = bisect.bisect_left(self._find_starts, win.visible_end)
        for n in range(max(lo, 0), hi):
            s, e = self._find[n]
            current = n == self._find_current
            painter.setPen(QPen(colours.find_edge, 1.0))
            painter.setBrush(find_current if current else find_fill)
            for r in self._span_rects(s, e, win):
                painter.drawRoundedRect(r.adjusted(-1, 0, 1, 0), 2, 2)
        if self.hasFocus():  # where the keyboard is: an accent line along the left edge
            painter.fillRect(QRectF(0, 0, 3, self.viewport().height()), colours.accent)
        if selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colours.selected_outline, 2.0))
            for r in selected:
                painter.drawRoundedRect(r.adjusted(-1.5, -0.5, 1.5, 0.5), 3, 3)
