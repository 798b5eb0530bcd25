"""The start page driven like a user: new, rename, delete (confirmed or not), undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QMainWindow,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.start.session_browser import SessionBrowser, SessionDialog, ask_confirmation
from ui.start.sessions_model import Column
from workbench import ops
from workbench.queries.sessions import list_sessions, session_detail, session_summary
from workbench.storage.store import Library


def _ok(dialog: SessionDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _titles(browser: SessionBrowser) -> list[str]:
    p = browser.proxy
    return [p.index(r, Column.TITLE).data() for r in range(p.rowCount())]


def _browser(qtbot: QtBot, lib: Library, answer: bool | None = None) -> SessionBrowser:
    asked: list[str] = []

    def confirm(_parent: QWidget, _title: str, text: str) -> bool:
        asked.append(text)
        assert answer is not None, "no confirmation expected"
        return answer

    browser = SessionBrowser(lib, confirm=confirm)
    browser.asked = asked  # type: ignore[attr-defined]
    qtbot.addWidget(browser)
    browser.resize(900, 400)
    browser.show()
    return browser


def test_empty_state_then_new_session_through_the_dialog(qtbot: QtBot, lib: Library) -> None:
    browser = _browser(qtbot, lib)
    assert browser.stack.currentWidget() is browser.empty_page
    dialog = browser.new_session()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no title yet
    qtbot.keyClicks(dialog.title_edit, "Port strike")
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.findData("snopes"))
    dialog.description_edit.setPlainText("Three outlets")
    with qtbot.waitSignal(browser.changed) as sig:
        _ok(dialog)
    assert sig.args[0].operation == "create_session"
    [s] = list_sessions(lib)
    assert (s.title, s.scale_name, s.description) == ("Port strike", "snopes", "Three outlets")
    assert _titles(browser) == ["Port strike"]
    assert browser.stack.currentWidget() is browser.table
    assert browser.selected_id() == s.id


def test_custom_scale_is_validated_in_the_dialog(qtbot: QtBot, lib: Library) -> None:
    browser = _browser(qtbot, lib)
    dialog = browser.new_session()
    dialog.title_edit.setText("Custom")
    dialog.scale_combo.setCurrentIndex(dialog.scale_combo.count() - 1)  # Custom…
    assert dialog.custom_edit.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no verdicts yet
    dialog.custom_edit.setText("Accurate, In progress")
    _ok(dialog)  # a working state: refused, stays open
    assert dialog.isVisible()
    assert "working state" in dialog.error_label.text()
    assert list_sessions(lib) == []
    dialog.custom_edit.setText("Accurate, Inaccurate ,")
    _ok(dialog)
    [s] = list_sessions(lib)
    detail = session_detail(lib, s.id)
    assert detail.scale.labels == ("Accurate", "Inaccurate")
    assert browser.model.index(0, Column.SCALE).data() == "Custom"


def test_open_by_enter_and_button(qtbot: QtBot, lib: Library) -> None:
    sid = ops.create_session(lib, "One").target_id
    browser = _browser(qtbot, lib)
    browser.reload()
    assert browser.select(sid or "")
    with qtbot.waitSignal(browser.open_requested) as sig:
        qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    assert sig.args == [sid]
    with qtbot.waitSignal(browser.open_requested) as sig:
        browser.open_button.click()
    assert sig.args == [sid]


def test_rename_through_the_dialog(qtbot: QtBot, lib: Library) -> None:
    sid = ops.create_session(lib, "Old name", description="keep me").target_id
    browser = _browser(qtbot, lib)
    browser.select(sid or "")
    dialog = browser.rename_selected()
    assert dialog is not None
    assert not dialog.scale_combo.isVisible()  # the scale is not edited here
    dialog.title_edit.setText("New name")
    _ok(dialog)
    s = session_summary(lib, sid or "")
    assert (s.title, s.description) == ("New name", "keep me")
    assert _titles(browser) == ["New name"]
    assert browser.selected_id() == sid


def test_delete_confirmed_removes_and_undo_restores(
    qtbot: QtBot, lib: Library, demo_sid: str
) -> None:
    browser = _browser(qtbot, lib, answer=True)
    browser.select(demo_sid)
    with qtbot.waitSignal(browser.changed) as sig:
        assert browser.delete_selected()
    assert sig.args[0].operation == "delete_session"
    [question] = browser.asked  # type: ignore[attr-defined]
    assert "Demo: drone strike" in question
    assert "3 articles, 12 claims (2 checked) and 7 links" in question
    assert list_sessions(lib) == []
    assert browser.stack.currentWidget() is browser.empty_page
    assert browser.banner.isVisible()
    assert browser.undo_delete()
    [s] = list_sessions(lib)
    assert (s.id, s.claims, s.links) == (demo_sid, 12, 7)
    assert not browser.banner.isVisible()
    assert browser.selected_id() == demo_sid


def test_delete_cancelled_keeps_the_session(qtbot: QtBot, lib: Library) -> None:
    sid = ops.create_session(lib, "Keep").target_id
    browser = _browser(qtbot, lib, answer=False)
    browser.select(sid or "")
    assert not browser.delete_selected()
    assert [s.id for s in list_sessions(lib)] == [sid]
    assert _titles(browser) == ["Keep"]
    assert not browser.banner.isVisible()


def test_default_confirmation_box_cancel_and_delete(qtbot: QtBot, lib: Library) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def press(label: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        [button] = [b for b in box.buttons() if b.text() == label]
        button.click()

    QTimer.singleShot(0, lambda: press("Cancel"))
    assert not ask_confirmation(parent, "Delete session", "Delete “X”?")
    QTimer.singleShot(0, lambda: press("Delete"))
    assert ask_confirmation(parent, "Delete session", "Delete “X”?")
    assert seen == ["Delete “X”?"] * 2


def test_filter_box_and_no_match_page(qtbot: QtBot, lib: Library) -> None:
    ops.create_session(lib, "Flood damage")
    ops.create_session(lib, "Election turnout")
    browser = _browser(qtbot, lib)
    qtbot.keyClicks(browser.search, "flood")
    assert _titles(browser) == ["Flood damage"]
    browser.search.setText("nothing like this")
    assert browser.stack.currentWidget() is browser.no_match
    assert "nothing like this" in browser.no_match.text()
    browser.search.clear()
    assert sorted(_titles(browser)) == ["Election turnout", "Flood damage"]


def test_open_demo_creates_it_once(qtbot: QtBot, lib: Library) -> None:
    browser = _browser(qtbot, lib)
    with qtbot.waitSignal(browser.open_requested) as sig:
        browser.open_demo()
    with qtbot.waitSignal(browser.open_requested) as again:
        browser.open_demo()
    assert sig.args == again.args
    assert len(list_sessions(lib)) == 1


def test_buttons_follow_the_selection(qtbot: QtBot, lib: Library) -> None:
    sid = ops.create_session(lib, "One").target_id
    browser = _browser(qtbot, lib)
    assert browser.selected_id() == sid  # the top row, ready for Enter
    assert browser.delete_button.isEnabled() and browser.rename_button.isEnabled()
    browser.table.clearSelection()
    assert not browser.delete_button.isEnabled() and not browser.open_button.isEnabled()


def test_keys_win_over_window_wide_actions(qtbot: QtBot, lib: Library) -> None:
    sid = ops.create_session(lib, "One").target_id
    window = QMainWindow()
    qtbot.addWidget(window)
    fired: list[str] = []
    for key in ("Del", "Ctrl+F"):  # like the main window's claim actions
        action = QAction(key, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _c=False, k=key: fired.append(k))
        window.addAction(action)
    asked: list[str] = []
    browser = SessionBrowser(lib, confirm=lambda _p, _t, text: asked.append(text) or False)
    window.setCentralWidget(browser)
    window.show()
    window.activateWindow()
    browser.table.setFocus()
    qtbot.waitUntil(browser.table.hasFocus)
    assert browser.selected_id() == sid
    qtbot.keyClick(browser.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and fired == []
    qtbot.keyClick(browser.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert browser.search.hasFocus() and fired == []
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_F2)
    [dialog] = browser.findChildren(SessionDialog)
    assert dialog.isVisible() and dialog.title_edit.text() == "One"
    dialog.reject()
