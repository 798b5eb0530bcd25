"""The side panel's claim list: a filter bar over the claims table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.controller import SessionController
from ui.side.claims_model import ID_ROLE, ClaimsFilter, ClaimsModel
from workbench import ops
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES

NARROW = 440  # px: below this the table drops its "Updated" column


class ClaimsPanel(QWidget):
    """Claims of the session, filterable by text, verdict, article and link type.
    Selecting a row selects the claim everywhere (panes scroll to it)."""

    claim_activated = Signal(str)

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.model = ClaimsModel(controller)
        self.proxy = ClaimsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter claims…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_filters(text=t))
        self.verdict = QComboBox()
        self.verdict.setToolTip("Only claims with this verdict")
        self.verdict.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(verdict=self.verdict.currentData() or "")
        )
        self.article = QComboBox()
        self.article.setToolTip("Only claims of this article")
        self.article.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(article=self.article.currentData() or "")
        )
        self.link_type = QComboBox()
        self.link_type.setToolTip("Only claims with a link of this type")
        self.link_type.addItem("Any links", "")
        self.link_type.addItem("No links", ClaimsFilter.NO_LINKS)
        for t in LINK_TYPES:
            self.link_type.addItem(LINK_TYPE_LABELS[t], t)
        self.link_type.currentIndexChanged.connect(
            lambda _i: self.proxy.set_filters(link_type=self.link_type.currentData() or "")
        )

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 96), (2, 92), (3, 40), (4, 62)):
            header.resizeSection(col, width)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.verdict)
        filters.addWidget(self.article)
        filters.addWidget(self.link_type)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.search)
        box.addLayout(filters)
        box.addWidget(self.table)

        controller.session_loaded.connect(self._fill_filters)
        controller.changed.connect(self._on_change)
        controller.claim_selected.connect(self._show_selected)
        self._fill_filters()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a narrow side panel the quotes keep the room: "Updated" steps aside."""
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        if self.table.isColumnHidden(4) != narrow:
            self.table.setColumnHidden(4, narrow)
            self.table.horizontalHeader().resizeSection(0, 72 if narrow else 96)

    def _on_change(self, change: ops.Change) -> None:
        # The filter lists name the scale's verdicts and the articles: only
        # a change of those refills them (a verdict or a new claim does not).
        if {"article", "scale", "session"} & change.kinds:
            self._fill_filters()

    def _fill_filters(self, *_signal_args: object) -> None:
        d = self._c.detail
        for combo, items in (
            (
                self.verdict,
                [("Any verdict", "")] + [(v, v) for v in (d.scale.choices() if d else ())],
            ),
            (
                self.article,
                [("Any article", "")] + [(a.label, a.id) for a in (d.articles if d else ())],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for label, data in items:
                combo.addItem(label, data)
            idx = combo.findData(current)
            combo.setCurrentIndex(max(idx, 0))
            combo.blockSignals(False)
        self._show_selected(self._c.selected_claim)

    def _row_changed(self, current: object, _previous: object) -> None:
        from PySide6.QtCore import QModelIndex

        if isinstance(current, QModelIndex) and current.isValid():
            cid = current.data(ID_ROLE)
            if cid and cid != self._c.selected_claim:
                self._c.select_claim(cid)
                self.claim_activated.emit(cid)

    def _show_selected(self, claim_id: object) -> None:
        if not isinstance(claim_id, str):
            self.table.clearSelection()
            return
        row = self.model.row_of(claim_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            sel = self.table.selectionModel()
            sel.blockSignals(True)
            sel.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            sel.blockSignals(False)
            self.table.viewport().update()
            self.table.scrollTo(index)

    def visible_claim_ids(self) -> list[str]:
        """Claim ids in the table's current order, after filtering."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]
