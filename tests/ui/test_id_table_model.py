"""The id-keyed model base: each change is signalled as narrowly as it is true."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from ui.id_table_model import RESET_ABOVE, IdTableModel


class Names(IdTableModel[str]):
    COLUMNS = ("Name", "Length")


def _log(model: Names) -> list[tuple[str, int, int]]:
    seen: list[tuple[str, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): seen.append(("changed", a.row(), b.row())))
    model.rowsInserted.connect(lambda _p, a, b: seen.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda _p, a, b: seen.append(("removed", a, b)))
    model.modelReset.connect(lambda: seen.append(("reset", -1, -1)))
    return seen


def test_rows_are_updated_inserted_and_removed_one_by_one(qtbot: QtBot) -> None:
    model = Names()
    model.reset_rows([("a", "Ana"), ("b", "Bo"), ("c", "Cy")])
    seen = _log(model)
    assert model.update_row("b", "Bob")
    assert not model.update_row("zz", "nobody")
    assert model.update_row("a", "Ana")  # the same value: nothing to repaint
    assert model.insert_row("d", "Dee", 1) == 1
    assert model.remove_row("c")
    assert seen == [("changed", 1, 1), ("inserted", 1, 1), ("removed", 3, 3)]
    assert model.ids() == ["a", "d", "b"]
    assert [model.row_of(k) for k in ("a", "d", "b", "c")] == [0, 1, 2, -1]
    assert model.value("b") == "Bob" and model.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount() == 2
    assert model.index(0, 0) != QModelIndex()


def test_sync_rows_signals_only_what_differs(qtbot: QtBot) -> None:
    model = Names()
    model.reset_rows([("a", "Ana"), ("b", "Bo"), ("c", "Cy")])
    seen = _log(model)
    model.sync_rows([("a", "Ana"), ("x", "Xi"), ("b", "Bob")])
    assert seen == [("removed", 2, 2), ("inserted", 1, 1), ("changed", 2, 2)]
    assert model.ids() == ["a", "x", "b"]
    seen.clear()
    model.sync_rows([])  # every row goes
    assert model.ids() == [] and all(kind == "removed" for kind, _a, _b in seen)


def test_sync_rows_with_only_looks_at_the_named_ids(qtbot: QtBot) -> None:
    model = Names()
    model.reset_rows([("a", "Ana"), ("b", "Bo")])
    seen = _log(model)
    model.sync_rows([("b", "Bob")], only={"b"})  # "a" is not named: it stays
    assert model.ids() == ["a", "b"] and seen == [("changed", 1, 1)]


def test_a_big_change_is_one_reset(qtbot: QtBot) -> None:
    model = Names()
    model.reset_rows([(str(n), "x") for n in range(5)])
    seen = _log(model)
    model.sync_rows([(f"new{n}", "y") for n in range(RESET_ABOVE + 1)])
    assert seen == [("reset", -1, -1)]
    assert model.rowCount() == RESET_ABOVE + 1
