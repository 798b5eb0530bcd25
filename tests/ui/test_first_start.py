"""First start and small screens: the window fits the screen, the panes share
the width, and the side panel folds away with a key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from pytestqt.qtbot import QtBot

from ui import screen
from ui.main_window import MainWindow
from workbench.storage.store import Library

# The offscreen plugin warns about size hints of shown top-level windows.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def fresh_window(
    qtbot: QtBot, lib: Library, demo: str, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, QRect]]:
    """A first start (no saved settings) on a screen given by the test's parameter."""
    windows: list[MainWindow] = []

    def start(w: int, h: int) -> tuple[MainWindow, QRect]:
        area = QRect(0, 28, w, h - 28)  # a top panel takes 28 px
        monkeypatch.setattr(screen, "available_geometry", lambda: QRect(area))
        win = MainWindow(lib, settings)
        qtbot.addWidget(win)
        windows.append(win)
        win.open_session(demo)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
        return win, area

    yield start  # type: ignore[misc]
    for win in windows:
        win.suggestions.shutdown()
        win.close()


def _panes_fully_on_screen(win: MainWindow) -> int:
    row = win.pane_row
    viewport = row.scroll_area.viewport()
    count = 0
    for pane in row.panes():
        r = pane.geometry().translated(-row.scroll_area.horizontalScrollBar().value(), 0)
        if r.left() >= 0 and r.right() <= viewport.width():
            count += 1
    return count


@pytest.mark.parametrize(("w", "h"), [(1600, 1000), (1280, 720)])
def test_first_start_fills_the_screen_and_shows_every_pane(
    fresh_window: object, w: int, h: int
) -> None:
    win, area = fresh_window(w, h)  # type: ignore[operator]
    frame = win.geometry()
    assert frame.width() <= area.width() and frame.height() <= area.height(), (frame, area)
    assert frame.width() >= 0.9 * area.width() and frame.height() >= 0.9 * area.height()
    assert win.minimumSizeHint().width() <= area.width()
    assert win.minimumSizeHint().height() <= area.height()
    # The three demo articles side by side, all readable, and the side panel a share.
    assert len(win.pane_row.panes()) == 3
    assert _panes_fully_on_screen(win) == 3
    side = win.side.width()
    assert screen.SIDE_MIN <= side <= 0.32 * frame.width()
    assert min(p.width() for p in win.pane_row.panes()) >= 0.8 * max(
        p.width() for p in win.pane_row.panes()
    )


def test_the_side_panel_folds_away_with_a_key_and_comes_back(
    qtbot: QtBot, fresh_window: object, settings: QSettings
) -> None:
    win, _area = fresh_window(1280, 720)  # type: ignore[operator]
    before = win.pane_row.panes()[0].width()
    win.pane_row.panes()[0].view.setFocus()
    qtbot.keyClick(win.pane_row.panes()[0].view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert win.side.isHidden()
    qtbot.waitUntil(lambda: win.pane_row.panes()[0].width() > before + 80)
    qtbot.keyClick(win.pane_row.panes()[0].view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not win.side.isHidden()
    assert win.side.width() >= screen.SIDE_MIN
    win.act["side_panel"].trigger()
    win.save_settings()
    assert settings.value("view/side_panel", True, type=bool) is False


def test_a_window_saved_on_a_bigger_monitor_fits_a_small_screen(
    qtbot: QtBot, lib: Library, demo: str, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = MainWindow(lib, settings)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 2400, 1400)
    big.save_settings()
    big.suggestions.shutdown()
    big.close()
    monkeypatch.setattr(screen, "available_geometry", lambda: QRect(0, 0, 1280, 720))
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    assert win.width() <= 1280 and win.height() <= 720
    win.suggestions.shutdown()
