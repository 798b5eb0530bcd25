"""The gutter between two adjacent panes: every link between a claim on the
left and a claim on the right is a Bézier band, like Meld's linkmap.

Only links with at least one end on screen are drawn (the views say which of
their claims are visible; a far end is pinned a screen away, so the curve
keeps its direction). ``visible_curves`` is what ``paintEvent`` draws.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from ui import palette
from ui.controller import SessionController
from ui.panes.article_view import ArticleView
from workbench import ops
from workbench.preview import shorten
from workbench.vocabulary import LINK_TYPE_LABELS

TICK = 3.0
HIT_SLOP = 4.0
OFFSCREEN_PIN = 60.0
# Edits of a claim that leave its span (and so its curves) where it was.
_CURVES_KEPT = frozenset(
    {
        "set_rationale",
        "set_checkworthiness",
        "add_evidence",
        "edit_evidence",
        "remove_evidence",
        "add_note",
        "edit_note",
        "remove_note",
    }
)


@dataclass(frozen=True)
class LinkPair:
    """A link between a claim of the left article and a claim of the right one."""

    link_id: str
    left_claim: str
    right_claim: str
    type: str


@dataclass(frozen=True)
class Curve:
    """A link's band as drawn: its outline and its (pinned) end ranges."""

    pair: LinkPair
    path: QPainterPath
    left: tuple[float, float]
    right: tuple[float, float]


class LinkMap(QWidget):
    """Draws the links between two adjacent article views; a click selects one."""

    WIDTH = 48

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._left: ArticleView | None = None
        self._right: ArticleView | None = None
        self._pairs: list[LinkPair] = []
        self.setFixedWidth(self.WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        # Tab reaches the map between its panes; Up/Down walk its links.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Links between articles")

    # ------------------------------------------------------------ data

    def set_views(self, left: ArticleView | None, right: ArticleView | None) -> None:
        """The views on either side (the pane row re-pairs maps when panes move)."""
        if (left, right) != (self._left, self._right):
            self._left, self._right = left, right
            self.refresh()

    def views(self) -> tuple[ArticleView | None, ArticleView | None]:
        return self._left, self._right

    def _describe(self) -> None:
        left = self._left.article_title() if self._left is not None else ""
        right = self._right.article_title() if self._right is not None else ""
        self.setAccessibleName(f"Links between {left} and {right}" if left else "Links")
        n = len(self._pairs)
        self.setAccessibleDescription(
            ("no links" if n == 0 else "1 link" if n == 1 else f"{n} links")
            + "; Up and Down choose a link, Delete removes it"
        )

    def refresh(self) -> None:
        """Re-read the links between the two articles."""
        self._pairs = []
        detail = self._controller.detail
        if detail is not None and self._left is not None and self._right is not None:
            la, ra = self._left.article_id, self._right.article_id
            claim = self._controller.claim
            starts: dict[str, int] = {}
            for lk in detail.links:
                ca, cb = claim(lk.claim_a_id), claim(lk.claim_b_id)
                if ca is None or cb is None:
                    continue
                if (ca.article_id, cb.article_id) == (la, ra):
                    self._pairs.append(LinkPair(lk.id, lk.claim_a_id, lk.claim_b_id, lk.type))
                elif (ca.article_id, cb.article_id) == (ra, la):
                    self._pairs.append(LinkPair(lk.id, lk.claim_b_id, lk.claim_a_id, lk.type))
                else:
                    continue
                starts[ca.id], starts[cb.id] = ca.start, cb.start
            self._pairs.sort(
                key=lambda p: (starts.get(p.left_claim, 0), starts.get(p.right_claim, 0))
            )
        self._describe()
        self.update()

    def apply_change(self, change: ops.Change) -> None:
        """Links added, removed or retyped between these two articles are read
        again; a claim that changed repaints only the curves that touch it."""
        left, right = self._left, self._right
        if left is None or right is None:
            return
        ids = change.ids
        if "link" in change.kinds:
            mine = {p.link_id for p in self._pairs}
            sides = {left.article_id, right.article_id}
            for lid in ids:
                lk = self._controller.link(lid)
                if lid in mine or (
                    lk is not None
                    and {self._article_of(lk.claim_a_id), self._article_of(lk.claim_b_id)} == sides
                ):
                    self.refresh()
                    return
        touching = [p for p in self._pairs if p.left_claim in ids or p.right_claim in ids]
        if not touching:
            return
        if any(
            not (left.has_claim(p.left_claim) and right.has_claim(p.right_claim)) for p in touching
        ):
            self.refresh()  # an end went away
            return
        if change.operation in _CURVES_KEPT:
            return  # nothing a curve shows changed
        if change.operation != "set_verdict":
            self.update()  # a claim moved: its curves' old places need painting too
            return
        chosen = {p.link_id for p in touching}
        for curve in self.curves():
            if curve.pair.link_id in chosen:
                self.update(curve.path.boundingRect().toAlignedRect().adjusted(-3, -3, 3, 3))

    def _article_of(self, claim_id: str) -> str | None:
        claim = self._controller.claim(claim_id)
        return claim.article_id if claim else None

    def pairs(self) -> list[LinkPair]:
        return list(self._pairs)

    # ------------------------------------------------------------ geometry

    def _viewport_top(self, view: ArticleView) -> float:
        return float(self.mapFromGlobal(view.viewport().mapToGlobal(QPoint(0, 0))).y())

    def drawing_area(self) -> QRectF:
        """Where curves may be drawn: the height both viewports share."""
        if self._left is None or self._right is None:
            return QRectF()
        lt, rt = self._viewport_top(self._left), self._viewport_top(self._right)
        top = max(lt, rt, 0.0)
        bottom = min(
            lt + self._left.viewport().height(),
            rt + self._right.viewport().height(),
            float(self.height()),
        )
        return QRectF(0, top, self.width(), max(bottom - top, 0.0))

    def curves(self) -> list[Curve]:
        """Curves for the links with at least one end on screen, selected link last."""
        left, right = self._left, self._right
        if left is None or right is None or not self._pairs:
            return []
        l_vis, r_vis = set(left.visible_claims()), set(right.visible_claims())
        l_top, r_top = self._viewport_top(left), self._viewport_top(right)
        w = float(self.width())
        area = self.drawing_area()
        # A far end is pinned just beyond the drawing area: the curve still
        # leaves in the right direction, and short curves rasterize fast.
        lo, hi = area.top() - OFFSCREEN_PIN, area.bottom() + OFFSCREEN_PIN

        def pin(y: float) -> float:
            return min(max(y, lo), hi)

        out: list[Curve] = []
        for pair in self._pairs:
            if pair.left_claim not in l_vis and pair.right_claim not in r_vis:
                continue
            ly, ry = left.claim_anchor_y(pair.left_claim), right.claim_anchor_y(pair.right_claim)
            if ly is None or ry is None:
                continue
            lr = (pin(ly[0] + l_top), pin(ly[1] + l_top))
            rr = (pin(ry[0] + r_top), pin(ry[1] + r_top))
            out.append(Curve(pair, _band(w, lr, rr), lr, rr))
        selected = self._controller.selected_link
        out.sort(key=lambda c: c.pair.link_id == selected)
        return out

    def visible_curves(self) -> list[tuple[str, QPainterPath]]:
        """(link id, band outline in widget coordinates) for what paint draws."""
        return [(c.pair.link_id, c.path) for c in self.curves()]

    def link_at(self, pos: QPointF | QPoint) -> str | None:
        """The link whose band is under (or within a few pixels of) a point."""
        point = QPointF(pos)
        if not self.drawing_area().contains(point):
            return None
        stroker = QPainterPathStroker()
        stroker.setWidth(2 * HIT_SLOP)
        hits = [
            c
            for c in self.curves()
            if c.path.contains(point) or stroker.createStroke(c.path).contains(point)
        ]
        if not hits:
            return None
        best = min(hits, key=lambda c: c.path.boundingRect().height())
        return best.pair.link_id

    # ------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        w, h = float(self.width()), float(self.height())
        area = self.drawing_area()
        colours = palette.theme()
        painter.fillRect(QRectF(0, 0, w, h), colours.gutter)
        if not area.isEmpty() and area.top() > 0:
            # continue the panes' header band across the gutter
            painter.fillRect(QRectF(0, 0, w, area.top()), colours.chrome)
            painter.fillRect(QRectF(0, area.top() - 1, w, 1), colours.chrome_line)
        painter.fillRect(QRectF(0, area.top(), 1, h), colours.chrome_line)
        painter.fillRect(QRectF(w - 1, area.top(), 1, h), colours.chrome_line)
        if self.hasFocus():  # keyboard focus is visible: an accent frame
            painter.setPen(QPen(colours.accent, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(1, max(area.top(), 0) + 1, w - 2, max(area.height(), 4) - 2))
        if area.isEmpty():
            return
        painter.setClipRect(area)
        selected = self._controller.selected_link
        for curve in self.curves():
            chosen = curve.pair.link_id == selected
            color = palette.link_color(curve.pair.type)
            fill = QColor(color)
            fill.setAlpha(120 if chosen else 55)
            # Fill without antialiasing (the antialiased edges cover the steps);
            # a 1 px pen takes Qt's fast path, fractional widths cost 20x more.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillPath(curve.path, fill)
            for x, (top, bottom) in ((0.0, curve.left), (w - TICK, curve.right)):
                painter.fillRect(QRectF(x, top, TICK, max(bottom - top, 1.0)), color)
            edge = QColor(color)
            edge.setAlpha(255 if chosen else 210)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(edge, 2.0 if chosen else 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_edges(w, curve.left, curve.right))
            painter.setPen(Qt.PenStyle.NoPen)

    # ------------------------------------------------------------ input

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            link_id = self.link_at(event.position())
            if link_id is not None:
                self._controller.select_link(link_id)
                self.update()
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.link_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up/Down (or Left/Right) choose the previous/next link and bring both
        ends on screen; Home/End the first/last."""
        key = event.key()
        steps = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Left: -1,
        }
        if not self._pairs or key not in (*steps, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
            return
        ids = [p.link_id for p in self._pairs]
        current = self._controller.selected_link
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = len(ids) - 1
        elif current in ids:
            index = (ids.index(current) + steps[Qt.Key(key)]) % len(ids)
        else:
            index = 0 if steps[Qt.Key(key)] > 0 else len(ids) - 1
        self.choose_link(self._pairs[index].link_id)
        event.accept()

    def choose_link(self, link_id: str) -> None:
        """Select a link of this map and scroll both panes to its claims."""
        pair = next((p for p in self._pairs if p.link_id == link_id), None)
        if pair is None:
            return
        if self._left is not None:
            self._left.scroll_to_claim(pair.left_claim)
        if self._right is not None:
            self._right.scroll_to_claim(pair.right_claim)
        self._controller.select_link(link_id)
        label = LINK_TYPE_LABELS.get(pair.type, pair.type)
        self.setAccessibleDescription(f"{label} link selected")
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling over the gutter scrolls the left pane (and, if synced, the others)."""
        if self._left is None:
            return
        bar = self._left.verticalScrollBar()
        lines = QApplication.wheelScrollLines() * event.angleDelta().y() / 120
        bar.setValue(bar.value() - round(lines) * bar.singleStep())
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            link_id = self.link_at(event.pos())
            link = self._controller.link(link_id) if link_id else None
            if link is None:
                QToolTip.hideText()
            else:
                label = LINK_TYPE_LABELS.get(link.type, link.type)
                note = (
                    f"<br>{html.escape(shorten(link.note, 300, one_line=False))}"
                    if link.note
                    else ""
                )
                QToolTip.showText(event.globalPos(), f"<b>{html.escape(label)}</b>{note}", self)
            return True
        return super().event(event)


def _band(w: float, left: tuple[float, float], right: tuple[float, float]) -> QPainterPath:
    """A closed band from a vertical range on the left edge to one on the right edge."""
    c = w / 2
    path = QPainterPath(QPointF(0, left[0]))
    path.cubicTo(QPointF(c, left[0]), QPointF(c, right[0]), QPointF(w, right[0]))
    path.lineTo(QPointF(w, right[1]))
    path.cubicTo(QPointF(c, right[1]), QPointF(c, left[1]), QPointF(0, left[1]))
    path.closeSubpath()
    return path


def _edges(w: float, left: tuple[float, float], right: tuple[float, float]) -> QPainterPath:
    """The band's upper and lower curves, without its vertical ends."""
    c = w / 2
    path = QPainterPath(QPointF(0, left[0]))
    path.cubicTo(QPointF(c, left[0]), QPointF(c, right[0]), QPointF(w, right[0]))
    path.moveTo(QPointF(0, left[1]))
    path.cubicTo(QPointF(c, left[1]), QPointF(c, right[1]), QPointF(w, right[1]))
    return path
