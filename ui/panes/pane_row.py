"""All articles of the open session side by side: pane, link map, pane, …

The row is the one place that listens to the controller for the panes: it
rebuilds them when a session is loaded, and after an edit it hands the change
to each pane and link map, which repaint only the claims and curves it names
(panes are created, dropped or reordered only when articles were added,
removed or moved). Closing a pane and "open alone" are
view-only; moving a pane is an operation (undoable) on the article order.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.controller import SessionController
from ui.panes.article_pane import ArticlePane
from ui.panes.linkmap import LinkMap
from workbench import ops

MIN_ZOOM, MAX_ZOOM = -6, 24


class PaneRow(QWidget):
    """Article panes in a horizontal splitter (scrolling when they do not fit),
    with a link map between each pair of neighbours."""

    current_changed = Signal(str)  # article id of the pane last used
    panes_changed = Signal()  # panes created, removed, moved, shown or hidden
    link_requested = Signal(str)  # claim id: a pane's "Link this claim to…"

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._panes: dict[str, ArticlePane] = {}
        self._order: list[str] = []
        self._maps: list[LinkMap] = []
        self._closed: set[str] = set()
        self._alone: str | None = None
        self._current: str | None = None
        self._sync = False
        self._syncing = False
        self._zoom = 0
        self._snap = True
        # Discarded widgets wait here (owned by Qt) until deleteLater runs, so a
        # pane whose own menu triggered the change is never deleted mid-signal.
        self._graveyard = QWidget(self)
        self._graveyard.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(3)
        self.splitter.setOpaqueResize(True)
        self.scroll_area = QScrollArea()
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.splitter)
        self.placeholder = QLabel(
            "No articles in this session yet.\nImport or paste an article to start."
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.placeholder.setStyleSheet("font-size: 13px;")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.scroll_area, 1)
        box.addWidget(self.placeholder, 1)

        controller.session_loaded.connect(self.rebuild)
        controller.changed.connect(self._on_changed)
        controller.claim_selected.connect(self._on_claim_selected)
        controller.link_selected.connect(lambda _lid: self._update_maps())
        self.rebuild()

    # ------------------------------------------------------------ access

    @property
    def controller(self) -> SessionController:
        return self._controller

    def panes(self) -> list[ArticlePane]:
        """Panes on screen, left to right."""
        return [self._panes[aid] for aid in self.shown_ids()]

    def all_panes(self) -> list[ArticlePane]:
        """Every article's pane in session order, closed ones included."""
        return [self._panes[aid] for aid in self._order]

    def pane_for(self, article_id: str) -> ArticlePane | None:
        return self._panes.get(article_id)

    def link_maps(self) -> list[LinkMap]:
        """The link maps on screen, left to right."""
        return self._maps[: max(len(self.shown_ids()) - 1, 0)]

    def current_pane(self) -> ArticlePane | None:
        """The pane last focused (or the first one on screen)."""
        shown = self.shown_ids()
        if self._current in shown:
            return self._panes[self._current]
        return self._panes[shown[0]] if shown else None

    def shown_ids(self) -> list[str]:
        if self._alone in self._panes:
            return [self._alone]
        return [aid for aid in self._order if aid not in self._closed]

    def hidden_ids(self) -> list[str]:
        shown = set(self.shown_ids())
        return [aid for aid in self._order if aid not in shown]

    # ------------------------------------------------------------ building

    def rebuild(self) -> None:
        """Drop every pane and build the open session's panes afresh."""
        for widget in [*self._panes.values(), *self._maps]:
            self._discard(widget)
        self._panes, self._maps, self._order = {}, [], []
        self._closed, self._alone, self._current = set(), None, None
        detail = self._controller.detail
        if detail is not None:
            self._sync_panes([a.id for a in detail.articles])
        self._layout()
        self.panes_changed.emit()

    def _on_changed(self, change: ops.Change) -> None:
        """Update what ``change`` touched: its claims' spans in their panes and
        the link maps with curves at those claims. Articles added, removed or
        moved re-lay the row; a new scale recolours every pane."""
        detail = self._controller.detail
        if detail is None:
            self.rebuild()
            return
        if {"article", "scale"} & change.kinds:
            ids = [a.id for a in detail.articles]
            moved = ids != self._order
            if moved:
                self._sync_panes(ids)
            for pane in self._panes.values():
                pane.refresh()
            if moved:
                self._layout()
                self.panes_changed.emit()
            for m in self._maps:
                m.refresh()
            return
        if not change.ids:
            return
        for pane in self._panes.values():
            pane.apply_change(change)
        for m in self._maps:
            m.apply_change(change)

    def _sync_panes(self, ids: list[str]) -> None:
        for aid in [a for a in self._panes if a not in ids]:
            self._discard(self._panes.pop(aid))
            self._closed.discard(aid)
        for aid in ids:
            if aid not in self._panes:
                self._panes[aid] = self._make_pane(aid)
        self._order = list(ids)

    def _make_pane(self, aid: str) -> ArticlePane:
        pane = ArticlePane(self._controller, aid)
        pane.move_requested.connect(self.move_pane)
        pane.alone_requested.connect(self.toggle_alone)
        pane.close_requested.connect(self.close_pane)
        pane.jump_requested.connect(self.jump_to_claim)
        pane.activated.connect(self._set_current)
        pane.link_requested.connect(self.link_requested)
        pane.details_requested.connect(self.edit_details)
        pane.remove_requested.connect(self.remove_article)
        view = pane.view
        view.zoom_requested.connect(self._zoom_step)
        view.geometry_changed.connect(self._update_maps)
        view.verticalScrollBar().valueChanged.connect(lambda _v, a=aid: self._pane_scrolled(a))
        view.set_zoom(self._zoom)
        view.snap_to_words = self._snap
        view.set_selected_claim(self._controller.selected_claim)
        return pane

    def _discard(self, widget: QWidget) -> None:
        widget.hide()
        widget.setParent(self._graveyard)
        widget.deleteLater()

    def _layout(self) -> None:
        """Put shown panes and the maps between them in the splitter, in order."""
        shown = self.shown_ids()
        while len(self._maps) < len(shown) - 1:
            self._maps.append(LinkMap(self._controller))
        widgets: list[tuple[QWidget, bool]] = []
        for k, aid in enumerate(shown):
            widgets.append((self._panes[aid], True))
            if k < len(shown) - 1:
                link_map = self._maps[k]
                link_map.set_views(self._panes[aid].view, self._panes[shown[k + 1]].view)
                widgets.append((link_map, True))
        widgets += [(self._panes[aid], False) for aid in self.hidden_ids()]
        for link_map in self._maps[max(len(shown) - 1, 0) :]:
            link_map.set_views(None, None)
            widgets.append((link_map, False))
        for index, (widget, visible) in enumerate(widgets):
            self.splitter.insertWidget(index, widget)
            widget.setVisible(visible)
        for k, aid in enumerate(shown):
            adjacent = frozenset(shown[max(k - 1, 0) : k] + shown[k + 1 : k + 2])
            self._panes[aid].set_neighbours(
                adjacent, k > 0, k < len(shown) - 1, self._alone == aid, len(shown) > 1
            )
        if self._current not in shown:
            self._current = shown[0] if shown else None
        for aid, pane in self._panes.items():
            pane.set_current(aid == self._current)
        self.scroll_area.setVisible(bool(self._order))
        self.placeholder.setVisible(not self._order)
        self._update_maps()

    def _settle(self) -> None:
        """Apply pending layout now, so geometry is right for scrolling at once."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.splitter.refresh()

    # ------------------------------------------------------------ pane menu

    def move_pane(self, article_id: str, step: int) -> None:
        """Move an article past its on-screen neighbour (an undoable operation)."""
        shown = self.shown_ids()
        if article_id not in shown:
            return
        k = shown.index(article_id) + step
        if not 0 <= k < len(shown):
            return
        target = self._order.index(shown[k])
        lib = self._controller.lib
        self._controller.run(lambda: ops.move_article(lib, article_id, target))

    def edit_details(self, article_id: str) -> None:
        """Edit an article's title, outlet, author, URL and date (an undoable operation)."""
        from ui.dialogs.article_details_dialog import edit_article_details

        edit_article_details(self._controller, article_id, self)

    def remove_article(self, article_id: str) -> None:
        """Remove an article with its claims and links, after asking (undoable)."""
        from ui.dialogs.article_details_dialog import remove_article

        remove_article(self._controller, article_id, self)

    def close_pane(self, article_id: str) -> None:
        """Hide a pane (the article stays in the session); the last one stays."""
        if article_id not in self._panes or len(self.shown_ids()) <= 1:
            return
        if self._alone == article_id:
            self._alone = None
        self._closed.add(article_id)
        self._layout()
        self.panes_changed.emit()

    def toggle_alone(self, article_id: str) -> None:
        """Show only this pane, or (if it already is alone) the others again."""
        if article_id not in self._panes:
            return
        self._alone = None if self._alone == article_id else article_id
        self._closed.discard(article_id)
        self._current = article_id
        self._layout()
        self.panes_changed.emit()

    def show_pane(self, article_id: str) -> None:
        """Bring back a closed pane (leaving "open alone" if another pane is alone)."""
        if article_id not in self._panes:
            return
        self._closed.discard(article_id)
        if self._alone is not None and self._alone != article_id:
            self._alone = None
        self._layout()
        self.panes_changed.emit()

    def show_all_panes(self) -> None:
        self._closed.clear()
        self._alone = None
        self._layout()
        self.panes_changed.emit()

    # ------------------------------------------------------------ navigation

    def reveal(self, pane: ArticlePane) -> None:
        """Scroll the row horizontally so the pane is on screen."""
        self._settle()
        self.scroll_area.ensureWidgetVisible(pane, 0, 0)

    def jump_to_claim(self, claim_id: str) -> bool:
        """Show the claim's pane, scroll it to the claim and select the claim."""
        claim = self._controller.claim(claim_id)
        if claim is None or claim.article_id not in self._panes:
            return False
        if claim.article_id not in self.shown_ids():
            self.show_pane(claim.article_id)
        pane = self._panes[claim.article_id]
        self.reveal(pane)
        pane.view.scroll_to_claim(claim_id)
        self._controller.select_claim(claim_id)
        self._set_current(claim.article_id)
        return True

    def _set_current(self, article_id: str) -> None:
        if article_id == self._current or article_id not in self._panes:
            return
        self._current = article_id
        for aid, pane in self._panes.items():
            pane.set_current(aid == article_id)
        self.current_changed.emit(article_id)

    def _on_claim_selected(self, claim_id: object) -> None:
        cid = claim_id if isinstance(claim_id, str) else None
        for pane in self._panes.values():
            pane.view.set_selected_claim(cid)

    def _update_maps(self) -> None:
        for link_map in self._maps:
            link_map.update()

    # ------------------------------------------------------------ scrolling

    def set_sync_scroll(self, on: bool) -> None:
        """Scrolling one pane scrolls the others to the same relative place."""
        self._sync = on

    def sync_scroll(self) -> bool:
        return self._sync

    def _pane_scrolled(self, article_id: str) -> None:
        if not self._sync or self._syncing or article_id not in self._panes:
            return
        source = self._panes[article_id].view.verticalScrollBar()
        fraction = source.value() / source.maximum() if source.maximum() else 0.0
        self._syncing = True
        try:
            for pane in self.panes():
                if pane.article_id != article_id:
                    bar = pane.view.verticalScrollBar()
                    bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False

    # ------------------------------------------------------------ zoom

    def zoom_in(self) -> None:
        self.set_zoom_level(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom_level(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom_level(0)

    def zoom_level(self) -> int:
        return self._zoom

    def set_zoom_level(self, steps: int) -> None:
        """Text size in every pane, in points above the default."""
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        for pane in self._panes.values():
            pane.view.set_zoom(self._zoom)

    def _zoom_step(self, step: int) -> None:
        if step == 0:
            self.zoom_reset()
        else:
            self.set_zoom_level(self._zoom + step)

    # ------------------------------------------------------------ persistence

    def splitter_state(self) -> bytes:
        """Pane widths, for the main window to keep per session."""
        return bytes(self.splitter.saveState().data())

    def restore_splitter_state(self, state: bytes) -> bool:
        return self.splitter.restoreState(QByteArray(state))

    # ------------------------------------------------------------ selection

    def set_snap_to_words(self, on: bool) -> None:
        """Mouse selections widen to whole words (Alt-drag is always exact)."""
        self._snap = on
        for pane in self._panes.values():
            pane.view.snap_to_words = on
