"""The base of the item models whose rows are database ids (claims, review,
sessions): ids in display order, one cached value per id, and row-level
updates, inserts and removals by id, so a view keeps its selection and
scroll position and repaints only the rows that changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
RESET_ABOVE = 200  # rows added or removed at once beyond which sync_rows resets


class IdTableModel(QAbstractTableModel, Generic[T]):
    """Rows are ids in display order; ``value(id)`` is what a row shows.

    Subclasses give ``COLUMNS`` and ``data``; they change rows only through
    ``reset_rows``, ``update_row``, ``insert_row``, ``remove_row`` and
    ``sync_rows``, which send Qt the narrowest signal that is true.
    """

    COLUMNS: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._values: dict[str, T] = {}
        self._rows: dict[str, int] | None = {}  # id -> row, rebuilt when rows move

    # ------------------------------------------------------------ by id

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def value(self, ident: str) -> T | None:
        return self._values.get(ident)

    def value_at(self, row: int) -> T:
        return self._values[self._ids[row]]

    def row_of(self, ident: str) -> int:
        """The row showing ``ident``, or -1."""
        if self._rows is None:
            self._rows = {k: n for n, k in enumerate(self._ids)}
        return self._rows.get(ident, -1)

    def reset_rows(self, rows: Iterable[tuple[str, T]]) -> None:
        """Show exactly ``rows`` (a new session: the views start afresh)."""
        self.beginResetModel()
        pairs = list(rows)
        self._ids = [k for k, _ in pairs]
        self._values = dict(pairs)
        self._rows = None
        self.endResetModel()

    def update_row(self, ident: str, value: T) -> bool:
        """Show ``value`` in the row of ``ident``; only that row is signalled
        (and only if it differs). False if no row shows ``ident``."""
        row = self.row_of(ident)
        if row < 0:
            return False
        if self._values[ident] != value:
            self._values[ident] = value
            last = max(self.columnCount() - 1, 0)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return True

    def insert_row(self, ident: str, value: T, row: int | None = None) -> int:
        """Add a row for ``ident`` at ``row`` (default: the end); returns the row."""
        if ident in self._values:
            self.update_row(ident, value)
            return self.row_of(ident)
        at = len(self._ids) if row is None else max(0, min(row, len(self._ids)))
        self.beginInsertRows(QModelIndex(), at, at)
        self._ids.insert(at, ident)
        self._values[ident] = value
        self._rows = None
        self.endInsertRows()
        return at

    def remove_row(self, ident: str) -> bool:
        row = self.row_of(ident)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        del self._values[ident]
        self._rows = None
        self.endRemoveRows()
        return True

    def sync_rows(
        self,
        rows: Sequence[tuple[str, T]],
        *,
        only: Iterable[str] | None = None,
        position: Callable[[str, T], int] | None = None,
    ) -> None:
        """Make the rows match ``rows`` (in its order) by removing, updating and
        inserting single rows. With ``only``, just those ids are looked at (the
        ones a change named); ``position`` says where a new id goes (default:
        where it is in ``rows``)."""
        fresh = dict(rows)
        wanted = set(fresh) | set(self._ids) if only is None else set(only)
        changes = len(wanted - fresh.keys()) + len(fresh.keys() - self._values.keys())
        if only is None and position is None and changes > RESET_ABOVE:
            self.reset_rows(rows)  # most rows differ: one reset beats many row signals
            return
        for ident in [k for k in self._ids if k in wanted and k not in fresh]:
            self.remove_row(ident)
        order = {k: n for n, (k, _) in enumerate(rows)}
        for ident in sorted((k for k in wanted if k in fresh), key=lambda k: order[k]):
            if ident in self._values:
                self.update_row(ident, fresh[ident])
            else:
                at = (
                    position(ident, fresh[ident])
                    if position is not None
                    else self._insertion_row(ident, order)
                )
                self.insert_row(ident, fresh[ident], at)

    def _insertion_row(self, ident: str, order: dict[str, int]) -> int:
        """Where ``ident`` goes: before the first shown id that comes after it."""
        mine = order[ident]
        for n, k in enumerate(self._ids):
            if order.get(k, -1) > mine:
                return n
        return len(self._ids)

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
