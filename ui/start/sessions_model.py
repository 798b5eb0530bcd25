"""The sessions table: a model over session ids with a cache of summaries,
its sort/filter proxy, and the delegate that draws the "checked" bar.

The model (an ``IdTableModel``) keeps the ids in display order and a dict of
``SessionSummary`` (plain data from ``workbench.queries.sessions``); it never
writes. ``reload`` takes a
fresh list (a fixed number of queries however many sessions there are) and
keeps rows whose id survives, so selections and scroll positions in the view
stay put when a session is renamed or added.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui import palette
from ui.id_table_model import IdTableModel
from workbench.queries.records import SessionSummary

Index = QModelIndex | QPersistentModelIndex

# Roles beyond Qt's own.
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the session id (str)
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts naturally
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # text the filter box searches
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 4  # checked share, 0.0 to 1.0

# Friendly names of the verdict scale presets (workbench.vocabulary.PRESETS keys).
SCALE_LABELS: dict[str, str] = {
    "politifact": "PolitiFact",
    "snopes": "Snopes",
    "platform": "Platform programmes",
    "aap": "AAP FactCheck",
    "conclusion-only": "Conclusion only",
    "custom": "Custom",
}


def scale_label(name: str) -> str:
    """How a scale is named to the user (custom scales keep their own name)."""
    return SCALE_LABELS.get(name, name)


def progress_text(checked: int, claims: int) -> str:
    """``"3/12 (25 %)"``, or ``"no claims"``."""
    if not claims:
        return "no claims"
    return f"{checked}/{claims} ({round(100 * checked / claims)} %)"


def local_time_text(when: datetime, now: datetime | None = None) -> str:
    """A UTC time as the user's local time: "today 14:05", "12 Mar 2026 14:05"."""
    local = when.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    if local.date() == today:
        return f"today {local:%H:%M}"
    return f"{local.day} {local:%b %Y %H:%M}"


class Column(IntEnum):
    """The columns of the sessions table, in display order."""

    TITLE = 0
    ARTICLES = 1
    CLAIMS = 2
    LINKS = 3
    CHECKED = 4
    SCALE = 5
    UPDATED = 6


HEADERS: dict[Column, str] = {
    Column.TITLE: "Session",
    Column.ARTICLES: "Articles",
    Column.CLAIMS: "Claims",
    Column.LINKS: "Links",
    Column.CHECKED: "Checked",
    Column.SCALE: "Verdict scale",
    Column.UPDATED: "Last change",
}
_NUMERIC = (Column.ARTICLES, Column.CLAIMS, Column.LINKS)


class SessionsModel(IdTableModel[SessionSummary]):
    """Read-only table of sessions: one row per session id."""

    COLUMNS = tuple(HEADERS[c] for c in Column)

    # ------------------------------------------------------------ contents

    def set_sessions(self, summaries: Sequence[SessionSummary]) -> None:
        """Show exactly ``summaries`` (in their order), keeping surviving rows.

        Removed ids are removed as rows, new ids appended as rows and the
        rest refreshed in place (only rows that differ are signalled), so
        views keep their selection.
        """
        self.sync_rows([(s.id, s) for s in summaries], position=lambda _id, _s: self.rowCount())

    def session_id(self, row: int) -> str:
        return self.id_at(row)

    def summary(self, session_id: str) -> SessionSummary | None:
        return self.value(session_id)

    # ------------------------------------------------------------ Qt model

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        col = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.CHECKED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        s = self.value_at(index.row())
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, col)
        if role == ID_ROLE:
            return s.id
        if role == SORT_ROLE:
            return self._sort_key(s, col)
        if role == SEARCH_ROLE:
            return f"{s.title}\n{s.description}\n{scale_label(s.scale_name)}"
        if role == PROGRESS_ROLE:
            return s.progress if s.claims else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(s: SessionSummary, col: Column) -> str:
        if col == Column.TITLE:
            return s.title
        if col == Column.ARTICLES:
            return str(s.articles)
        if col == Column.CLAIMS:
            return str(s.claims)
        if col == Column.LINKS:
            return str(s.links)
        if col == Column.CHECKED:
            return progress_text(s.checked, s.claims)
        if col == Column.SCALE:
            return scale_label(s.scale_name)
        return local_time_text(s.updated)

    @staticmethod
    def _sort_key(s: SessionSummary, col: Column) -> Any:
        if col == Column.TITLE:
            return s.title.casefold()
        if col == Column.ARTICLES:
            return s.articles
        if col == Column.CLAIMS:
            return s.claims
        if col == Column.LINKS:
            return s.links
        if col == Column.CHECKED:
            return s.progress if s.claims else -1.0
        if col == Column.SCALE:
            return scale_label(s.scale_name).casefold()
        return s.updated.timestamp()

    @staticmethod
    def _tooltip(s: SessionSummary, col: Column) -> str | None:
        if col == Column.TITLE:
            return f"{s.title}\n{s.description}".strip()
        if col == Column.CHECKED and s.claims:
            return (
                f"{s.checked} of {s.claims} claims have a verdict; "
                f"{s.claims - s.checked} still unchecked or in progress"
            )
        if col == Column.UPDATED:
            return (
                f"{s.updated.astimezone():%Y-%m-%d %H:%M:%S %Z}; created "
                f"{s.created.astimezone():%Y-%m-%d %H:%M}"
            )
        return None


class SessionsProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` and filters on title, description and scale."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(Column.TITLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)


class ProgressDelegate(QStyledItemDelegate):
    """Draws the "checked" cell as a slim bar behind its text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        share = index.data(PROGRESS_ROLE)
        if share is None:  # no claims: just the dimmed text
            painter.save()
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(opt.rect, int(Qt.AlignmentFlag.AlignCenter), text)
            painter.restore()
            return
        rect = QRectF(opt.rect).adjusted(8, 0, -8, 0)
        bar = QRectF(rect.left(), rect.center().y() - 9, rect.width(), 18)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QPainterPath()
        track.addRoundedRect(bar, 4, 4)
        painter.fillPath(track, QColor(0, 0, 0, 18))
        if share > 0:
            filled = QPainterPath()
            filled.addRoundedRect(
                QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), 4, 4
            )
            painter.fillPath(filled, palette.tone_fill("true"))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            opt.palette.color(
                QPalette.ColorRole.HighlightedText
                if selected and share == 0
                else QPalette.ColorRole.Text
            )
        )
        painter.drawText(bar, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()
