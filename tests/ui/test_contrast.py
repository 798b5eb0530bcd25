"""Dark mode and contrast: the app follows a dark palette, and text on every
highlight (claim tones, search matches) meets WCAG AA in both palettes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import palette, theme
from ui.main_window import MainWindow

AA_TEXT = 4.5  # WCAG 2.1 AA, normal text
AA_GRAPHICS = 3.0  # WCAG 2.1 1.4.11, lines and shapes that carry meaning


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _over(fill: QColor, alpha: int, base: QColor) -> QColor:
    """``fill`` painted with ``alpha`` over ``base`` (what the reader sees)."""
    k = alpha / 255
    return QColor(
        round(fill.red() * k + base.red() * (1 - k)),
        round(fill.green() * k + base.green() * (1 - k)),
        round(fill.blue() * k + base.blue() * (1 - k)),
    )


def test_the_formula_matches_known_values() -> None:
    assert contrast(QColor(0, 0, 0), QColor(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(QColor(118, 118, 118), QColor(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QPalette(qapp.palette())
    theme.apply(qapp, request.param)
    yield request.param
    qapp.setPalette(before)


def test_text_on_every_highlight_meets_aa(scheme: str, qapp: QApplication) -> None:
    pal = qapp.palette()
    text = pal.color(QPalette.ColorRole.Text)
    base = pal.color(QPalette.ColorRole.Base)
    t = palette.theme()
    assert t.dark == (scheme == "dark")
    assert contrast(text, base) >= 7.0  # the article text itself: AAA
    fills = {**t.tone_fill, "unchecked": t.unchecked_fill}
    worst = []
    for name, fill in fills.items():
        for alpha in (palette.FILL_ALPHA, palette.SELECTED_ALPHA):  # plain and selected claim
            seen = _over(fill, alpha, base)
            worst.append((contrast(text, seen), name, alpha))
        # Tables and review chips draw tone_text on the opaque fill.
        worst.append((contrast(t.tone_text, fill), f"{name} (table)", 255))
    for name, fill, alpha in (
        ("find", t.find_fill, palette.FIND_ALPHA),
        ("find current", t.find_current, palette.FIND_CURRENT_ALPHA),
    ):
        worst.append((contrast(text, _over(fill, alpha, base)), name, alpha))
    worst.append((contrast(text, t.conflict_fill), "facts conflict", 255))
    low = [w for w in worst if w[0] < AA_TEXT]
    print(f"{scheme}: lowest text contrast on a highlight {min(worst)[0]:.2f}:1 ({min(worst)[1]})")
    assert not low, low


def test_link_colours_and_outlines_stand_out(scheme: str, qapp: QApplication) -> None:
    t = palette.theme()
    base = qapp.palette().color(QPalette.ColorRole.Base)
    for name, colour in t.link.items():
        assert contrast(colour, t.gutter) >= AA_GRAPHICS, name
    assert contrast(t.selected_outline, base) >= AA_GRAPHICS
    assert contrast(t.accent, t.chrome) >= AA_GRAPHICS
    assert contrast(t.title, t.chrome) >= AA_TEXT and contrast(t.meta, t.chrome) >= AA_TEXT
    assert contrast(t.error, qapp.palette().color(QPalette.ColorRole.Window)) >= AA_TEXT


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_window_paints_dark_in_a_dark_palette(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    before = QPalette(qapp.palette())
    try:
        theme.apply(qapp, "dark")
        qtbot.wait(50)
        pane = window.pane_row.panes()[0]
        shot = pane.view.viewport().grab().toImage()
        corner = QColor(shot.pixel(shot.width() - 3, shot.height() - 3))
        assert corner.lightness() < 60  # the text's background follows the palette
        header = pane.header.grab().toImage()
        assert QColor(header.pixel(header.width() // 2, header.height() - 3)).lightness() < 80
        # A claim's highlight is repainted in the dark tone (read between the letters).
        detail = window.controller.detail
        assert detail is not None
        claim = next(c for c in detail.claims if c.article_id == pane.article_id)
        rect = pane.view.span_rects(claim.start, claim.end)[0]
        shot = pane.view.viewport().grab().toImage()
        ratio = shot.width() / pane.view.viewport().width()
        y = round((rect.top() + 2) * ratio)
        row = [
            QColor(shot.pixel(round(x * ratio), y))
            for x in range(int(rect.left()) + 1, int(rect.right()) - 1)
        ]
        shades = sorted(c.lightness() for c in row)
        assert 25 < shades[len(shades) // 2] < 110  # mostly the dark amber, not the base
    finally:
        qapp.setPalette(before)


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_view_colours_switches_the_open_window_and_is_remembered(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    before = QPalette(qapp.palette())
    try:
        dark = next(a for a in window.theme_group.actions() if a.objectName() == "theme_dark")
        dark.trigger()
        assert palette.palette_is_dark() and dark.isChecked()
        pane = window.pane_row.panes()[0]
        qtbot.waitUntil(lambda: "#2b2d32" in pane.header.styleSheet())  # the dark chrome
        window.show_find()  # a hidden bar catches up when it is shown
        qtbot.waitUntil(lambda: palette.DARK.chrome.name() in window.find_bar.styleSheet())
        assert window.settings.value("view/theme") == "dark"
        light = next(a for a in window.theme_group.actions() if a.objectName() == "theme_light")
        light.trigger()
        assert not palette.palette_is_dark()
        qtbot.waitUntil(lambda: palette.LIGHT.chrome.name() in pane.header.styleSheet())
    finally:
        qapp.setPalette(before)
