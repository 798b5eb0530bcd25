"""One article in the pane row: a header (title, outlet · date, pane menu),
a strip of badges for links to panes that are not adjacent, and the text."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.controller import SessionController
from ui.panes.article_view import ArticleView
from workbench import ops
from workbench.preview import shorten
from workbench.vocabulary import LINK_TYPE_LABELS

if TYPE_CHECKING:  # the matcher loads when claim memory first runs, not at start-up
    from workbench.queries.recall_article import RecalledSentence

_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)

STRIP_WIDTH = 16


def header_style() -> str:
    """The pane header's style sheet, in the colours of the palette in use."""
    t = palette.theme()
    bg, line, accent = t.chrome.name(), t.chrome_line.name(), t.accent.name()
    return f"""
QFrame#paneHeader {{ background: {bg}; border: none; border-bottom: 1px solid {line}; }}
QFrame#paneHeader[current="true"] {{ border-top: 3px solid {accent}; }}
QFrame#paneHeader[current="false"] {{ border-top: 3px solid {bg}; }}
QLabel#paneTitle {{ color: {t.title.name()}; }}
QLabel#paneMeta {{ color: {t.meta.name()}; }}
QToolButton#paneMenu {{ border: none; padding: 2px 6px; color: {t.meta.name()}; font-size: 15px; }}
QToolButton#paneMenu:hover {{ background: {t.hover.name()}; border-radius: 4px; }}
QToolButton#paneMenu:focus {{ border: 2px solid {accent}; border-radius: 4px; }}
QToolButton#paneMenu::menu-indicator {{ image: none; }}
"""


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in "…" when it does not fit."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(20, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 20)
        )
        if shown != self.text():
            self.setText(shown)


@dataclass(frozen=True)
class RemoteLink:
    """A link from a claim of this pane to a claim in a pane that is not next to it."""

    link_id: str
    claim_id: str
    other_claim_id: str
    type: str
    other_title: str
    other_quote: str
    leftwards: bool  # the other article comes before this one


class MarkerStrip(QWidget):
    """Badges beside claims linked to claims in non-adjacent (or closed) panes;
    clicking one jumps to the other claim."""

    jump_requested = Signal(str)  # the other claim's id

    def __init__(self, controller: SessionController, view: ArticleView) -> None:
        super().__init__()
        self._controller = controller
        self._view = view
        self._adjacent: frozenset[str] | None = None  # not placed in the row yet
        self._remote: dict[str, list[RemoteLink]] = {}
        self._recalled: list[RecalledSentence] = []  # sentences judged before elsewhere
        self.setMouseTracking(True)
        self.setAccessibleName("Links to articles further away")
        self.setAccessibleDescription(
            "Badges beside claims linked to claims in panes that are not next to this one; "
            "the inspector lists the same links. Bars beside sentences judged before in "
            "other sessions"
        )
        view.set_margin_widget(self, STRIP_WIDTH)
        view.geometry_changed.connect(self.update)

    def set_adjacent(self, article_ids: frozenset[str]) -> None:
        if article_ids != self._adjacent:
            self._adjacent = article_ids
            self.refresh()

    def refresh(self) -> None:
        self._remote = {}
        detail = self._controller.detail
        if detail is not None and self._adjacent is not None:
            me = self._view.article_id
            claim = self._controller.claim
            order = {a.id: i for i, a in enumerate(detail.articles)}
            titles = {a.id: a.label for a in detail.articles}
            for lk in detail.links:
                for here, there in ((lk.claim_a_id, lk.claim_b_id), (lk.claim_b_id, lk.claim_a_id)):
                    mine, other = claim(here), claim(there)
                    if mine is None or other is None or mine.article_id != me:
                        continue
                    if other.article_id in self._adjacent or other.article_id == me:
                        continue
                    self._remote.setdefault(here, []).append(
                        RemoteLink(
                            lk.id,
                            here,
                            there,
                            lk.type,
                            titles.get(other.article_id, ""),
                            other.quote,
                            order.get(other.article_id, 0) < order.get(me, 0),
                        )
                    )
        self.update()

    def remote_links(self) -> dict[str, list[RemoteLink]]:
        return self._remote

    def set_recalled(self, sentences: list[RecalledSentence]) -> None:
        """Mark sentences that match claims judged in other sessions (claim memory)."""
        self._recalled = list(sentences)
        self.update()

    def recalled(self) -> list[RecalledSentence]:
        return self._recalled

    def recall_markers(self) -> list[tuple[RecalledSentence, QRect]]:
        """Bars beside the sentences judged before, on screen (strip coordinates)."""
        out: list[tuple[RecalledSentence, QRect]] = []
        h = self._view.viewport().height()
        for s in self._recalled:
            rects = self._view.span_rects(s.start, s.end)
            if not rects:
                continue
            top, bottom = min(r.top() for r in rects), max(r.bottom() for r in rects)
            if bottom < 0 or top > h:
                continue
            out.append(
                (s, QRect(self.width() - 6, round(top) + 1, 4, max(round(bottom - top) - 2, 4)))
            )
        return out

    def recall_marker_at(self, pos: QPoint) -> RecalledSentence | None:
        for s, rect in self.recall_markers():
            if QRect(0, rect.top(), self.width(), rect.height()).contains(pos):
                return s
        return None

    def markers(self) -> list[tuple[RemoteLink, QRect]]:
        """The badges on screen and where they are (strip coordinates)."""
        out: list[tuple[RemoteLink, QRect]] = []
        if not self._remote:
            return out
        for cid in self._view.visible_claims():
            links = self._remote.get(cid)
            rng = self._view.claim_y_range(cid) if links else None
            if not links or rng is None:
                continue
            top = max(rng[0], 0)
            for j, remote in enumerate(links[:4]):
                out.append((remote, QRect(3, top + 3 + 11 * j, 10, 10)))
        return out

    def marker_at(self, pos: QPoint) -> RemoteLink | None:
        for remote, rect in self.markers():
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return remote
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            colours = palette.theme()
            painter.fillRect(self.rect(), colours.gutter)
            painter.setPen(QPen(colours.chrome_line, 1))
            painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            scale = self._controller.scale
            for s, rect in self.recall_markers():
                tone = scale.tone_of(s.matches[0].verdict) if scale else "other"
                painter.setPen(QPen(colours.meta, 1))
                painter.setBrush(palette.tone_fill(tone))
                painter.drawRoundedRect(rect, 1.5, 1.5)
            for remote, rect in self.markers():
                painter.setPen(QPen(colours.gutter, 1))
                painter.setBrush(palette.link_color(remote.type))
                painter.drawPath(_arrow(QRect(rect), remote.leftwards))
        finally:
            painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        remote = self.marker_at(event.position().toPoint())
        if remote is not None and event.button() == Qt.MouseButton.LeftButton:
            self.jump_requested.emit(remote.other_claim_id)
            event.accept()
            return
        recalled = self.recall_marker_at(event.position().toPoint())
        if recalled is not None and event.button() == Qt.MouseButton.LeftButton:
            self._view.select_span(recalled.start, recalled.end)  # C marks it
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        over = self.marker_at(pos) is not None or self.recall_marker_at(pos) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            remote = self.marker_at(event.pos())
            recalled = self.recall_marker_at(event.pos()) if remote is None else None
            if recalled is not None:
                QToolTip.showText(event.globalPos(), recall_tooltip(recalled), self)
            elif remote is None:
                QToolTip.hideText()
            else:
                quote = shorten(remote.other_quote, 200, one_line=False)
                QToolTip.showText(
                    event.globalPos(),
                    (
                        f"<b>{html.escape(LINK_TYPE_LABELS.get(remote.type, remote.type))}</b>"
                        f" · {html.escape(remote.other_title)}<br>“{html.escape(quote)}”"
                        "<br><i>Click to go there</i>"
                    ),
                    self,
                )
            return True
        return super().event(event)


def recall_tooltip(s: RecalledSentence) -> str:
    """“Checked before: False — <session>” for each judged claim the sentence matches."""
    lines = [
        f"<b>Checked before: {html.escape(p.verdict)}</b> — {html.escape(p.session_title)}"
        f"<br>“{html.escape(shorten(p.quote, 160))}”"
        for p in s.matches
    ]
    return "<br>".join(lines) + "<br><i>Click to select the sentence; C marks it</i>"


def _arrow(rect: QRect, leftwards: bool) -> QPainterPath:
    """A small rounded triangle pointing to the side where the other pane is."""
    path = QPainterPath()
    r = rect.adjusted(1, 0, -1, 0)
    if leftwards:
        path.moveTo(QPointF(r.left(), r.center().y() + 0.5))
        path.lineTo(QPointF(r.right() + 1, r.top()))
        path.lineTo(QPointF(r.right() + 1, r.bottom() + 1))
    else:
        path.moveTo(QPointF(r.right() + 1, r.center().y() + 0.5))
        path.lineTo(QPointF(r.left(), r.top()))
        path.lineTo(QPointF(r.left(), r.bottom() + 1))
    path.closeSubpath()
    return path


class ArticlePane(QFrame):
    """An article's header, link badges and text; the pane row handles its menu signals."""

    MIN_WIDTH = 260  # three panes and the side panel fit a 1280 px screen
    # QSplitter adds its children's maximum widths in an int: at Qt's default
    # (QWIDGETSIZE_MAX) 128 panes overflow it and the row comes up blank. No
    # screen is this wide, and 131,000 panes at this width still fit an int.
    MAX_WIDTH = 16_383

    move_requested = Signal(str, int)  # article id, -1 (left) or +1 (right)
    alone_requested = Signal(str)  # show only this pane, or all again
    close_requested = Signal(str)  # hide this pane (the article stays)
    jump_requested = Signal(str)  # claim id in another pane
    activated = Signal(str)  # this pane got the focus
    link_requested = Signal(str)  # claim id to link from
    details_requested = Signal(str)  # "Edit details…" or a double-click on the header
    remove_requested = Signal(str)  # "Remove article…" (the row asks first)

    def __init__(
        self, controller: SessionController, article_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.article_id = article_id
        self.setMinimumWidth(self.MIN_WIDTH)
        self.setMaximumWidth(self.MAX_WIDTH)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHorizontalStretch(1)
        self.setSizePolicy(policy)

        self.header = QFrame()
        self.header.setObjectName("paneHeader")
        self._dark = palette.palette_is_dark()
        self.header.setStyleSheet(header_style())
        self.header.setProperty("current", "false")
        self.title_label = ElidedLabel()
        self.title_label.setObjectName("paneTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1.5)
        self.title_label.setFont(font)
        self.meta_label = ElidedLabel()
        self.meta_label.setObjectName("paneMeta")
        self.menu_button = QToolButton()
        self.menu_button.setObjectName("paneMenu")
        self.menu_button.setText("⋯")
        self.menu_button.setToolTip("Pane options")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.move_left_action = self._action(
            "Move left", lambda: self.move_requested.emit(self.article_id, -1)
        )
        self.move_right_action = self._action(
            "Move right", lambda: self.move_requested.emit(self.article_id, 1)
        )
        self.menu.addSeparator()
        self.alone_action = self._action(
            "Open alone", lambda: self.alone_requested.emit(self.article_id)
        )
        self.alone_action.setCheckable(True)
        self.close_action = self._action(
            "Close pane", lambda: self.close_requested.emit(self.article_id)
        )
        self.menu.addSeparator()
        self.details_action = self._action(
            "Edit details…", lambda: self.details_requested.emit(self.article_id)
        )
        self.remove_action = self._action(
            "Remove article…", lambda: self.remove_requested.emit(self.article_id)
        )
        self.menu_button.setMenu(self.menu)
        self.header.installEventFilter(self)

        texts = QVBoxLayout()
        texts.setSpacing(1)
        texts.addWidget(self.title_label)
        texts.addWidget(self.meta_label)
        row = QHBoxLayout(self.header)
        row.setContentsMargins(12, 6, 6, 7)
        row.addLayout(texts, 1)
        row.addWidget(self.menu_button, 0, Qt.AlignmentFlag.AlignTop)

        self.view = ArticleView(controller, article_id)
        self.markers = MarkerStrip(controller, self.view)
        self.markers.jump_requested.connect(self.jump_requested)
        self.view.focused.connect(lambda: self.activated.emit(self.article_id))
        self.view.context_menu_requested.connect(self._show_context_menu)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.view, 1)
        # The view drew its claims when it was made; the badges wait until the
        # row says which panes are next to this one (set_neighbours).
        self.refresh_header()

    def _action(self, text: str, slot: object) -> QAction:
        act = self.menu.addAction(text)
        act.triggered.connect(slot)
        return act

    def refresh(self) -> None:
        """Re-read the article's header, claims and links."""
        self.refresh_header()
        self.view.refresh()
        self.markers.refresh()

    def refresh_header(self) -> None:
        """The title, outlet, date and claim count shown above the text."""
        detail = self._controller.detail
        info = None
        if detail is not None:
            info = next((a for a in detail.articles if a.id == self.article_id), None)
        if info is not None:
            parts = [p for p in (info.outlet, info.author) if p]
            if info.published:
                parts.append(f"{info.published.day} {info.published:%b %Y}")
            n = len(self.view.claim_ids())
            parts.append("no claims" if n == 0 else ("1 claim" if n == 1 else f"{n} claims"))
            self.title_label.set_full_text(info.title)
            self.view.set_article_title(info.title)
            self.menu_button.setAccessibleName(f"Pane options: {info.title}")
            self.meta_label.set_full_text(" · ".join(parts))
            self.header.setToolTip(
                f"<b>{html.escape(info.title)}</b><br>"
                f"{html.escape(info.url or info.source_name or '')}"
            )

    def apply_change(self, change: ops.Change) -> None:
        """Show what ``change`` did to this article's claims and links, and
        nothing more: a verdict repaints that claim's spans, a new claim
        paints its span and the claim count; other articles' claims are
        skipped."""
        links = "link" in change.kinds
        added_or_removed = self.view.update_claims(set(change.ids), links=links)
        if added_or_removed:
            self.refresh_header()
        if (links or added_or_removed) and any(
            self.view.has_claim(cid) or cid in self.markers.remote_links() for cid in change.ids
        ):
            self.markers.refresh()

    # ------------------------------------------------------------ edits

    def mark_selection_as_claim(self) -> str | None:
        """Add the selected words as a claim, select it and return its id."""
        span = self.view.selected_span()
        if span is None:
            return None
        lib, aid, (start, end) = self._controller.lib, self.article_id, span
        change = self._controller.run(lambda: ops.add_claim(lib, aid, start, end))
        if change is None or change.target_id is None:
            return None
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self._controller.select_claim(change.target_id)
        return change.target_id

    def resize_claim_to_selection(self, claim_id: str | None = None) -> bool:
        """Make a claim (default: the selected one) cover the selected words."""
        cid = claim_id or self.view.context_claim()
        span = self.view.selected_span()
        if cid is None or span is None or not self.view.has_claim(cid):
            return False
        lib, (start, end) = self._controller.lib, span
        version = self._controller.version_of(cid)
        change = self._controller.run(
            lambda: ops.resize_claim(lib, cid, start, end, expected_version=version)
        )
        return change is not None

    def delete_claim(self, claim_id: str | None = None) -> bool:
        cid = claim_id or self.view.context_claim()
        if cid is None or not self.view.has_claim(cid):
            return False
        lib = self._controller.lib
        return self._controller.run(lambda: ops.remove_claim(lib, cid)) is not None

    def request_link(self, claim_id: str | None = None) -> None:
        """Select the claim and ask (``link_requested``) to link it to another."""
        cid = claim_id or self.view.context_claim()
        if cid is not None:
            self._controller.select_claim(cid)
            self.link_requested.emit(cid)

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The menu for a point of the view's viewport (the caller shows and deletes it)."""
        view = self.view
        cid = view.claim_at(pos) or view.context_claim()
        has_sel = view.textCursor().hasSelection()
        editable = not self._controller.read_only  # a read-only library: no edits
        menu = QMenu(self)
        entries: list[tuple[str, bool, Callable[[], object]]] = [
            ("Mark as claim\tC", has_sel and editable, self.mark_selection_as_claim),
            (
                "Link this claim to…\tL",
                cid is not None and editable,
                lambda: self.request_link(cid),
            ),
            (
                "Resize claim to selection",
                cid is not None and has_sel and editable,
                lambda: self.resize_claim_to_selection(cid),
            ),
            ("Delete claim", cid is not None and editable, lambda: self.delete_claim(cid)),
            ("", False, lambda: None),
            ("Copy\tCtrl+C", has_sel, view.copy),
            ("Select all", True, view.selectAll),
        ]
        for text, enabled, slot in entries:
            if not text:
                menu.addSeparator()
                continue
            act = menu.addAction(text)
            act.setEnabled(enabled)
            act.triggered.connect(lambda _checked=False, slot=slot: slot())
        return menu

    def _show_context_menu(self, pos: QPoint, global_pos: QPoint) -> None:
        menu = self.build_context_menu(pos)
        menu.exec(global_pos)
        menu.deleteLater()

    # ------------------------------------------------------------ row

    def set_neighbours(
        self,
        adjacent: frozenset[str],
        can_left: bool,
        can_right: bool,
        alone: bool,
        can_close: bool,
    ) -> None:
        """What the pane row says about this pane's place (menu states, badges)."""
        self.markers.set_adjacent(adjacent)
        editable = not self._controller.read_only  # the order is stored: an edit
        self.move_left_action.setEnabled(can_left and editable)
        self.move_right_action.setEnabled(can_right and editable)
        self.alone_action.setChecked(alone)
        self.alone_action.setText("Show all panes" if alone else "Open alone")
        self.close_action.setEnabled(can_close)

    def set_current(self, current: bool) -> None:
        value = "true" if current else "false"
        if self.header.property("current") != value:
            self.header.setProperty("current", value)
            self.header.style().unpolish(self.header)
            self.header.style().polish(self.header)

    def is_current(self) -> bool:
        return bool(self.header.property("current") == "true")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.activated.emit(self.article_id)
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.header and event.type() == QEvent.Type.MouseButtonDblClick:
            self.details_requested.emit(self.article_id)
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        """Light or dark palette switched: header colours follow."""
        super().changeEvent(event)
        if event.type() in _PALETTE_EVENTS:
            dark = palette.palette_is_dark()
            if dark != self._dark:
                self._dark = dark
                self.header.setStyleSheet(header_style())
                self.markers.update()
