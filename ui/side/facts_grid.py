"""Facts side by side: casualties, quantities, times, places and attributions
per article, conflicts first, as a grid (rows: facets; columns: articles)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.controller import SessionController
from ui.safe_text import escape, tooltip
from ui.workers.analysis_worker import AnalysisRunner, busy_bar

if TYPE_CHECKING:  # the extractor loads in the worker, when the grid first needs it
    from workbench.analysis.facts.extract import FacetRow, Fact
    from workbench.analysis.text import ArticleText

Index = QModelIndex | QPersistentModelIndex
CHAIN_FILL = QColor(232, 240, 254)
BACKGROUND_TEXT = QColor(102, 112, 133)
SOURCE_CHAIN = "source chain"  # workbench.analysis.facts.extract.SOURCE_CHAIN (a test checks)
FACET_LABELS = {
    "casualties": "Casualties",
    "quantities": "Quantities",
    "time": "When",
    "place": "Where",
    "attribution": "Who says",
}


class FactsModel(QAbstractTableModel):
    """Rows are (facet, key) rows from ``compare_facts``; column 0 names the
    row, one column per article holds that article's values."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FacetRow] = []
        self._articles: list[tuple[str, str]] = []  # (id, outlet)

    def set_data(self, rows: list[FacetRow], articles: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._rows, self._articles = list(rows), list(articles)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._articles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Fact"
            if 1 <= section <= len(self._articles):
                return self._articles[section - 1][1]
        return None

    def rows(self) -> list[FacetRow]:
        return list(self._rows)

    def facts_at(self, index: Index) -> list[Fact]:
        if not index.isValid() or index.column() == 0 or index.row() >= len(self._rows):
            return []
        article_id = self._articles[index.column() - 1][0]
        return [f for f in self._rows[index.row()].values if f.article_id == article_id]

    def row_at(self, row: int) -> FacetRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if index.column() >= self.columnCount():
            return None
        background = row.scope == "background"
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                label = f"{FACET_LABELS.get(row.facet, row.facet)}: {row.key}"
                return f"Background · {label}" if background else label
            return "; ".join(dict.fromkeys(_shown(f) for f in self.facts_at(index))) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0:
                return tooltip(row.reason or ("Conflict" if row.conflict else "No conflict found"))
            return (
                tooltip(
                    "\n\n".join(
                        f"“{f.text}”"
                        + (f"\n{f.note}" if f.note else "")
                        + (f"\nbackground: {f.scope_note}" if background and f.scope_note else "")
                        for f in self.facts_at(index)
                    )
                )
                or None
            )
        if role == Qt.ItemDataRole.BackgroundRole and row.conflict:
            return QBrush(palette.theme().conflict_fill)
        if role == Qt.ItemDataRole.BackgroundRole and row.key == SOURCE_CHAIN:
            return QBrush(CHAIN_FILL)
        if role == Qt.ItemDataRole.ForegroundRole and background:
            return QBrush(BACKGROUND_TEXT)
        if role == Qt.ItemDataRole.FontRole and index.column() == 0 and row.conflict:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def line_up_facts(articles: tuple[ArticleText, ...]) -> list[FacetRow]:
    """The grid's rows (runs on the worker thread: plain texts in, plain rows out)."""
    from workbench.analysis.facts.extract import compare_facts

    return compare_facts(articles)


class FactsGrid(QWidget):
    """The facts grid of the open session; clicking a value shows it in its pane.

    The facts are lined up on a worker thread: while it works the summary says
    "Working…" beside a busy bar; a result for a session (or articles) that
    changed meanwhile is dropped."""

    span_requested = Signal(str, int, int)

    def __init__(
        self,
        controller: SessionController,
        show_span: Callable[[str, int, int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._c = controller
        self._show_span = show_span
        self.model = FactsModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.busy = busy_bar("Lining up the facts")
        self.runner = AnalysisRunner(self)
        self._generation = 0  # bumped when the session or its articles change
        self._shown_for: str | None = None  # the session whose rows the grid holds
        self.background_toggle = QCheckBox("Show background")
        self.background_toggle.setToolTip(
            "Facts about earlier events, the wider campaign or history (“since September”, "
            "“so far”, “the campaign has”): shown apart, never compared with the event's."
        )
        self.background_toggle.toggled.connect(lambda _on: self._show_rows())
        self._all_rows: list[FacetRow] = []
        self._article_cols: list[tuple[str, str]] = []
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.model.modelReset.connect(
            lambda: header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        )
        self.table.clicked.connect(self._clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.background_toggle, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(top)
        box.addWidget(self.table)
        controller.session_loaded.connect(self.refresh)
        controller.changed.connect(self._on_change)
        self.refresh()

    def _on_change(self, change: Any) -> None:
        if "article" in getattr(change, "kinds", ()):
            self.refresh()

    def _token(self) -> Hashable:
        return (self._c.session_id, self._generation)

    def is_working(self) -> bool:
        """The facts are being lined up (the busy bar shows)."""
        return self.runner.busy("facts")

    def wait_until_ready(self, msecs: int = 60_000) -> bool:
        """Block until the facts are shown (screenshot, tests); True if they are."""
        return self.runner.wait(msecs)

    def shutdown(self) -> None:
        """Stop the worker (the window is closing); a result still coming is dropped."""
        self.runner.stop()
        self.busy.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()  # a grid shown on its own goes away when closed
        super().closeEvent(event)

    def refresh(self) -> None:
        """Line up the open session's facts again, on the worker thread."""
        from workbench.queries.suggestions import analysis_texts

        self._generation += 1
        d = self._c.detail
        if d is None or self._c.session_id is None:
            self._all_rows, self._article_cols = [], []
            self.model.set_data([], [])
            self.summary.setText("")
            self.background_toggle.setText("Show background")
            self.busy.hide()
            self._shown_for = None
            return
        if self.runner.stopped:
            return
        articles = analysis_texts(d, self._c.text)
        if self._shown_for != self._c.session_id:
            # Another session: its rows must not show under this one's name. (The
            # same session keeps its rows, greyed, until the new ones arrive.)
            self._all_rows = []
            self._article_cols = [(a.id, a.label) for a in d.articles]
            self.model.set_data([], self._article_cols)
            self._shown_for = self._c.session_id
        self.table.setEnabled(False)
        self.summary.setText(f"Working… lining up the facts of {len(d.articles)} articles")
        self.background_toggle.setEnabled(False)
        self.busy.show()
        self.runner.submit(
            "facts",
            lambda: line_up_facts(articles),
            self._show_facts,
            token=self._token(),
            current=self._token,
            failed=self._failed,
        )

    def _failed(self, error: str) -> None:
        self.busy.hide()
        self.table.setEnabled(True)
        self.summary.setText(f"The facts could not be lined up: {escape(error)}")

    def _show_facts(self, rows: list[FacetRow]) -> None:
        d = self._c.detail
        if d is None:
            return
        self.busy.hide()
        self.table.setEnabled(True)
        self._all_rows = rows
        self._article_cols = [(a.id, a.label) for a in d.articles]
        main = [r for r in rows if r.scope != "background"]
        n_background = len(rows) - len(main)
        self.background_toggle.setText(f"Show background ({n_background})")
        self.background_toggle.setEnabled(n_background > 0)
        conflicts = [r for r in main if r.conflict]
        chain = next((r for r in main if r.key == SOURCE_CHAIN), None)
        chain_text = ""
        if chain is not None and ": one source retold" in chain.reason:
            chain_text = "<br>" + escape(chain.reason.split(". ")[0]) + "."
        self.summary.setText(
            f"<b>{len(conflicts)} conflicts</b> across {len(d.articles)} articles"
            + ("" if not conflicts else ": " + ", ".join(escape(r.key) for r in conflicts[:6]))
            + ". Click a value to see it in its pane."
            + chain_text
            + _unresolved_hint(rows, d.articles)
        )
        self._show_rows()

    def _show_rows(self) -> None:
        rows = self._all_rows
        if not self.background_toggle.isChecked():
            rows = [r for r in rows if r.scope != "background"]
        self.model.set_data(rows, self._article_cols)
        self.table.resizeRowsToContents()

    def _clicked(self, index: QModelIndex) -> None:
        facts = self.model.facts_at(index)
        if not facts:
            row = self.model.row_at(index.row())
            facts = list(row.values)
        for f in facts[:1] if index.column() else _one_per_article(facts):
            self.span_requested.emit(f.article_id, f.start, f.end)
            if self._show_span is not None:
                self._show_span(f.article_id, f.start, f.end)


def _shown(fact: Fact) -> str:
    """A value as the grid shows it: casualties say whom they are of."""
    if fact.facet == "casualties" and fact.who:
        return f"{fact.value} ({fact.who})"
    return fact.value


def _unresolved_hint(rows: list[FacetRow], articles: Any) -> str:
    """Tell the user which articles' relative times wait for a publication date."""
    waiting = {
        f.article_id
        for r in rows
        if r.facet == "time"
        for f in r.values
        if "no publication date" in f.note
    }
    names = [a.label for a in articles if a.id in waiting]
    if not names:
        return ""
    return (
        f"<br><i>{escape(', '.join(names))}: relative times (“Monday”, “last week”) "
        "stay unresolved until the publication date is set (pane menu ⋯ &gt; Edit details…)."
        "</i>"
    )


def _one_per_article(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in facts:
        seen.setdefault(f.article_id, f)
    return list(seen.values())
