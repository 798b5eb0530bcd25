"""The paste dialog: plain text only, metadata, errors shown in the dialog."""

from __future__ import annotations

from PySide6.QtCore import QDate, QMimeData
from pytestqt.qtbot import QtBot

from tests.conftest import ARTICLE_A
from ui.dialogs.paste_dialog import PasteDialog, html_to_text
from workbench import ops
from workbench.queries.sessions import article_text, session_detail
from workbench.storage.store import Library


def _dialog(qtbot: QtBot, lib: Library) -> tuple[PasteDialog, str]:
    sid = ops.create_session(lib, "Pasted").target_id
    assert sid
    dialog = PasteDialog(lib, sid)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, sid


def test_paste_creates_an_article_with_metadata(qtbot: QtBot, lib: Library) -> None:
    dialog, sid = _dialog(qtbot, lib)
    assert not dialog.ok_button.isEnabled()
    dialog.text_edit.setPlainText("   \n")
    assert not dialog.ok_button.isEnabled()  # whitespace is not text
    dialog.text_edit.setPlainText(ARTICLE_A)
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.title_edit, "Depot hit")
    qtbot.keyClicks(dialog.outlet_edit, "The Harbour Herald")
    dialog.author_edit.setText("J. Doe")
    dialog.url_edit.setText("https://herald.example/depot")
    assert not dialog.date_edit.isEnabled()  # unknown by default
    dialog.date_unknown.setChecked(False)
    dialog.date_edit.setDate(QDate(2026, 3, 12))
    with qtbot.waitSignal(dialog.imported) as sig:
        dialog.ok_button.click()
    assert dialog.result() == PasteDialog.DialogCode.Accepted
    [art] = session_detail(lib, sid).articles
    assert sig.args == [art.id]
    assert (art.title, art.outlet, art.author, art.url) == (
        "Depot hit",
        "The Harbour Herald",
        "J. Doe",
        "https://herald.example/depot",
    )
    assert art.published is not None and art.published.isoformat() == "2026-03-12"
    assert article_text(lib, art.id) == ARTICLE_A


def test_unknown_date_and_empty_fields_stay_empty(qtbot: QtBot, lib: Library) -> None:
    dialog, sid = _dialog(qtbot, lib)
    dialog.text_edit.setPlainText("Headline line\n\n" + ARTICLE_A)
    dialog.ok_button.click()
    [art] = session_detail(lib, sid).articles
    assert art.published is None and art.outlet is None and art.author is None
    assert art.title == "Headline line"  # chosen from the text


def test_duplicate_is_refused_in_the_dialog(qtbot: QtBot, lib: Library) -> None:
    dialog, sid = _dialog(qtbot, lib)
    dialog.text_edit.setPlainText(ARTICLE_A)
    dialog.ok_button.click()
    again = PasteDialog(lib, sid)
    qtbot.addWidget(again)
    again.show()
    again.text_edit.setPlainText(ARTICLE_A)
    with qtbot.assertNotEmitted(again.imported):
        again.ok_button.click()
    assert again.isVisible()
    assert again.error_label.isVisible()
    assert "already in this session" in again.error_label.text()
    assert len(session_detail(lib, sid).articles) == 1
    again.text_edit.insertPlainText(" More.")  # editing hides the old error
    assert not again.error_label.isVisible()


def test_pasting_html_gives_plain_text(qtbot: QtBot, lib: Library) -> None:
    dialog, _sid = _dialog(qtbot, lib)
    both = QMimeData()
    both.setHtml("<p><b>Bold</b> words</p>")
    both.setText("Bold words")
    dialog.text_edit.insertFromMimeData(both)
    assert dialog.text_edit.toPlainText() == "Bold words"
    dialog.text_edit.clear()
    html_only = QMimeData()
    html_only.setHtml(
        '<h1>Title</h1><p>First <img src="/dev/zero">para&amp;graph.</p>'
        "<script>alert(1)</script><p>Second</p>"
    )
    assert dialog.text_edit.canInsertFromMimeData(html_only)
    dialog.text_edit.insertFromMimeData(html_only)
    assert dialog.text_edit.toPlainText() == "Title\n\nFirst para&graph.\n\nSecond"


def test_html_to_text_drops_scripts_and_styles() -> None:
    html = "<style>p{}</style><div>One<br>Two</div><ul><li>a</li><li>b</li></ul>"
    assert html_to_text(html) == "One\nTwo\n\na\nb"
