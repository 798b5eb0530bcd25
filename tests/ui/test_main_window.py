"""The main window driven like a fact-checker drives it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import article_id, claim_with_quote
from ui.dialogs.link_dialog import LinkTypeDialog
from ui.main_window import MainWindow
from workbench.queries.claims import claim_info
from workbench.queries.sessions import article_text, dismissed_keys, session_detail
from workbench.storage.store import Library


def _state(lib: Library, sid: str) -> tuple[object, ...]:
    d = session_detail(lib, sid)
    return (
        sorted((c.id, c.start, c.end, c.verdict, c.rationale) for c in d.claims),
        sorted((lk.id, lk.type) for lk in d.links),
        sorted((n.id, n.text) for n in d.notes),
        sorted(e.id for e in d.evidence),
    )


def test_select_words_and_press_c_marks_a_highlighted_claim(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    herald = article_id(lib, demo, "The Harbour Herald")
    pane = window.pane_row.pane_for(herald)
    assert pane is not None
    text = article_text(lib, herald)
    quote = "Firefighters brought the blaze under control before dawn"
    start = text.index(quote)
    pane.view.setFocus()
    pane.view.select_span(start, start + len(quote))
    before = window.claims_panel.model.rowCount()
    qtbot.keyClick(pane.view, Qt.Key.Key_C)
    claims = [c for c in session_detail(lib, demo).claims if c.quote == quote]
    assert len(claims) == 1 and (claims[0].start, claims[0].end) == (start, start + len(quote))
    assert claims[0].id in pane.view.claim_ids()
    assert window.controller.selected_claim == claims[0].id
    assert window.claims_panel.model.rowCount() == before + 1
    assert window.inspector.quote.text() == f"“{quote}”"


def test_link_two_claims_with_l_then_click_draws_a_curve(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    first = claim_with_quote(lib, demo, "Four drones were launched")
    courier = article_id(lib, demo, "Northern Courier")
    text = article_text(lib, courier)
    quote = "Three patrol boats were deployed along the coast"
    start = text.index(quote)
    pane = window.pane_row.pane_for(courier)
    assert pane is not None
    pane.view.select_span(start, start + len(quote))
    second = pane.mark_selection_as_claim()
    assert second

    window.controller.select_claim(first)
    window.act["link"].trigger()

    def choose_differs() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LinkTypeDialog)
        dialog.set_link_type("differs")
        dialog.note.setText("boats vs drones")
        dialog.accept()

    QTimer.singleShot(50, choose_differs)
    window.pane_row.jump_to_claim(second)  # a click in the other pane selects it
    qtbot.waitUntil(lambda: len(session_detail(lib, demo).links) == 8, timeout=5000)
    link = next(
        lk
        for lk in session_detail(lib, demo).links
        if {lk.claim_a_id, lk.claim_b_id} == {first, second}
    )
    assert (link.type, link.note) == ("differs", "boats vs drones")
    linkmap = window.pane_row.link_maps()[0]
    window.pane_row.jump_to_claim(first)
    qtbot.waitUntil(lambda: link.id in [lid for lid, _ in linkmap.visible_curves()], timeout=3000)


def test_linking_within_one_article_is_refused(window: MainWindow, lib: Library, demo: str) -> None:
    a = claim_with_quote(lib, demo, "Four drones were launched")
    b = claim_with_quote(lib, demo, "No one was injured")
    window.controller.select_claim(a)
    window.act["link"].trigger()
    window.controller.select_claim(b)
    assert "different articles" in window.statusBar().currentMessage()
    assert len(session_detail(lib, demo).links) == 7


def test_verdict_rationale_and_undo_through_the_inspector(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    insp = window.inspector
    index = insp.verdict.findText("Mostly False")
    insp.verdict.setCurrentIndex(index)
    insp.verdict.activated.emit(index)
    assert claim_info(lib, cid).verdict == "Mostly False"

    insp.rationale.setFocus()
    qtbot.keyClicks(insp.rationale, "Port records show six drones.")
    qtbot.waitUntil(
        lambda: claim_info(lib, cid).rationale == "Port records show six drones.",
        timeout=3000,
    )
    # typing is one undo step; the verdict is the one before it
    window.act["undo"].trigger()
    assert claim_info(lib, cid).rationale == ""
    assert claim_info(lib, cid).verdict == "Mostly False"
    window.act["undo"].trigger()
    assert claim_info(lib, cid).verdict == "Unchecked"
    window.act["redo"].trigger()
    window.act["redo"].trigger()
    assert claim_info(lib, cid).rationale == "Port records show six drones."


def test_number_keys_set_the_verdict(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    window.claims_panel.table.setFocus()
    qtbot.keyClick(window.claims_panel.table, Qt.Key.Key_5)
    assert claim_info(lib, cid).verdict == "False"  # PolitiFact's fifth
    qtbot.keyClick(window.claims_panel.table, Qt.Key.Key_0)
    assert claim_info(lib, cid).verdict == "Unchecked"


def test_delete_claim_with_links_and_notes_then_undo_restores_the_database(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "Port authority spokesperson")
    before = _state(lib, demo)
    assert any(n for n in session_detail(lib, demo).notes_of(cid))
    window.controller.select_claim(cid)
    window.claims_panel.table.setFocus()
    qtbot.keyClick(window.claims_panel.table, Qt.Key.Key_Delete)
    after = session_detail(lib, demo)
    assert cid not in {c.id for c in after.claims}
    assert after.notes_of(cid) == [] and after.links_of(cid) == []
    qtbot.keyClick(window.claims_panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _state(lib, demo) == before
    qtbot.keyClick(
        window.claims_panel.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert cid not in {c.id for c in session_detail(lib, demo).claims}


def test_close_and_reopen_brings_everything_back(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str, settings: QSettings
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    window.inspector.note_edit.setFocus()
    qtbot.keyClicks(window.inspector.note_edit, "Check the security source")
    before_rows = window.claims_panel.model.rowCount()
    window.close()  # the note is saved on close, without waiting for the pause
    assert [n.text for n in session_detail(lib, demo).notes_of(cid)] == [
        "Check the security source"
    ]
    again = MainWindow(lib, settings)
    qtbot.addWidget(again)
    again.open_session(str(settings.value("last_session")))
    assert again.controller.session_id == demo
    assert again.claims_panel.model.rowCount() == before_rows
    again.controller.select_claim(cid)
    assert again.inspector.notes.count() == 1
    again.suggestions.shutdown()
    again.close()


def test_export_csv_from_the_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "for-editor.csv"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(out), "CSV files (*.csv)")),
    )
    window.act["export_csv"].trigger()
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == 12
    false_row = next(r for r in rows if r["Quote"].startswith("No one was injured"))
    assert false_row["Verdict"] == "False"
    assert false_row["Evidence"].startswith("https://kestrel-bay-hospital.example")
    assert "Contradicts: Northern Courier Online" in false_row["Linked claims"]


def test_claims_filters_and_next_previous(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    panel = window.claims_panel
    panel.verdict.setCurrentIndex(panel.verdict.findData("False"))
    assert panel.visible_claim_ids() == [claim_with_quote(lib, demo, "No one was injured")]
    panel.verdict.setCurrentIndex(0)
    panel.link_type.setCurrentIndex(panel.link_type.findData("contradicts"))
    assert len(panel.visible_claim_ids()) == 2
    panel.link_type.setCurrentIndex(0)
    panel.search.setText("drones")
    ids = panel.visible_claim_ids()
    assert len(ids) == 4
    window.controller.select_claim(None)
    window.step_claim(1)
    assert window.controller.selected_claim == ids[0]
    window.step_claim(1)
    assert window.controller.selected_claim == ids[1]
    window.step_claim(-1)
    assert window.controller.selected_claim == ids[0]


def test_suggestions_accept_and_scan_dismiss(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    panel = window.suggestions
    cid = claim_with_quote(lib, demo, "No one was injured")
    window.controller.select_claim(cid)
    assert panel.wait_until_ready()
    outlets = [panel._outlet(m.passage.article_id) for m in panel.matches]
    assert "The Daily Meridian" in outlets  # "Two port workers died and three were injured"
    k = outlets.index("The Daily Meridian")
    # Results are grouped by article under a header row naming the outlet.
    row = panel.match_row(k)  # k is the outlet's first (best) passage
    assert panel.match_list.item(row - 1).text() == "The Daily Meridian"
    assert panel.match_list.item(row).text().split(" · ")[0] in ("Strong", "Likely", "Possible")
    panel.match_list.setCurrentRow(row)
    assert panel.match_type.currentData() == "contradicts"
    assert any("casualt" in r or "killed" in r or "died" in r for r in panel.matches[k].reasons), (
        panel.matches[k].reasons
    )
    links_before_list = session_detail(lib, demo).links
    links_before = len(links_before_list)
    # One key links the selected result with the suggested type.
    panel.match_list.setFocus()
    qtbot.keyClick(panel.match_list, Qt.Key.Key_Return)
    links = session_detail(lib, demo).links
    assert len(links) == links_before + 1
    assert sorted(lk.type for lk in links).count("contradicts") == 1 + sum(
        lk.type == "contradicts" for lk in links_before_list
    )

    panel.start_scan()
    qtbot.waitUntil(lambda: panel.scan_button.isEnabled(), timeout=10000)
    assert panel.proposals
    count = len(panel.proposals)
    heads = [panel.proposal_list.item(r).text().split("\n")[0] for r in range(count)]
    assert not any("group" in h for h in heads), heads
    assert any("same claim in 3 outlets" in h for h in heads), heads
    tiers = ("Strong", "Likely", "Possible", "Weak")
    assert all(h.split(" · ")[1].split()[0] in tiers for h in heads), heads
    key = panel.proposals[0].key
    panel.proposal_list.setCurrentRow(0)
    panel.dismiss_button.click()
    assert key in dismissed_keys(lib, demo)
    assert len(panel.proposals) == count - 1
    window.act["undo"].trigger()
    assert key not in dismissed_keys(lib, demo)


def test_facts_grid_shows_the_planted_conflicts(window: MainWindow) -> None:
    model = window.facts.model
    rows = [model.row_at(r) for r in range(model.rowCount())]
    conflicts = {(r.facet, r.key) for r in rows if r.conflict}
    facets = {facet for facet, _ in conflicts}
    assert {"casualties", "time", "attribution", "quantities"} <= facets
    assert model.columnCount() == 4  # the fact, then one column per article


def test_item_models_pass_the_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    for model in (window.claims_panel.model, window.claims_panel.proxy, window.facts.model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_opening_a_session_with_a_tampered_claim_warns(
    qtbot: QtBot,
    lib: Library,
    demo: str,
    settings: QSettings,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    con = sqlite3.connect(db_path)
    con.execute("UPDATE claims SET start = start + 2 WHERE quote LIKE 'No one was injured%'")
    con.commit()
    con.close()
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: warnings.append(text))
    )
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.open_session(demo)
    assert win.wait_for_analysis()  # the check runs on a worker
    assert len(warnings) == 1 and warnings[0].startswith("1 claim(s) of this session")
    win.suggestions.shutdown()
    win.close()


def test_typing_survives_a_session_reload(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    window.inspector.rationale.setFocus()
    qtbot.keyClicks(window.inspector.rationale, "Typed just now")
    window.controller.reload()  # as after an import finishes
    assert claim_info(lib, cid).rationale == "Typed just now"
    assert window.controller.selected_claim == cid
    assert window.inspector.quote.text() == "“A dozen drones took part in the attack”"


def test_undo_right_after_typing_undoes_all_of_the_typing(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    cid = claim_with_quote(lib, demo, "A dozen drones")
    window.controller.select_claim(cid)
    window.inspector.rationale.setFocus()
    qtbot.keyClicks(window.inspector.rationale, "abc")
    window.inspector.flush()
    qtbot.keyClicks(window.inspector.rationale, "d")  # still waiting for the pause
    window.act["undo"].trigger()
    assert claim_info(lib, cid).rationale == ""
    window.act["redo"].trigger()
    assert claim_info(lib, cid).rationale == "abcd"


def test_article_text_that_looks_like_html_is_shown_literally(
    window: MainWindow, lib: Library, demo: str
) -> None:
    from PySide6.QtCore import Qt as _Qt

    from workbench import ops

    hostile = 'He said <b>no</b> <img src="/etc/passwd" width=60000> today.'
    aid = ops.add_article(lib, demo, "Hostile", hostile, outlet="<i>Outlet</i>").target_id
    start = hostile.index("<b>")
    cid = ops.add_claim(lib, aid or "", start, len(hostile)).target_id or ""
    window.controller.reload()
    window.controller.select_claim(cid)
    insp = window.inspector
    assert insp.quote.textFormat() == _Qt.TextFormat.PlainText
    assert insp.source.textFormat() == _Qt.TextFormat.PlainText
    assert insp.quote.text().startswith("“<b>no</b>")
    assert insp.quote.sizeHint().width() < 5000  # the <img> is text, not a 60000 px image
    model = window.claims_panel.model
    tip = model.data(model.index(model.row_of(cid), 1), _Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip


def test_a_scan_finishing_after_a_session_switch_is_dropped(
    window: MainWindow, lib: Library, demo: str, qtbot: QtBot
) -> None:
    from workbench import ops

    other = ops.create_session(lib, "Other").target_id or ""
    panel = window.suggestions
    panel.start_scan()
    window.open_session(other)
    qtbot.waitUntil(lambda: panel.scan_button.isEnabled(), timeout=10000)
    assert panel.proposals == []
    assert "scan again" in panel.scan_status.text()


def test_files_dropped_on_the_window_are_imported(
    window: MainWindow, lib: Library, demo: str, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from workbench import ops

    sid = ops.create_session(lib, "Dropped").target_id or ""
    window.open_session(sid)
    article = tmp_path / "wire.txt"
    article.write_text("Title: Wire report\nOutlet: Agency\n\nSix drones hit the pier.\n")
    broken = tmp_path / "empty.txt"
    broken.write_text("")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article)), QUrl.fromLocalFile(str(broken))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    from ui.dialogs.import_dialog import ImportResultDialog

    window.dropEvent(drop)
    qtbot.waitUntil(lambda: len(session_detail(lib, sid).articles) == 1, timeout=10000)
    art = session_detail(lib, sid).articles[0]
    assert (art.title, art.outlet) == ("Wire report", "Agency")
    qtbot.waitUntil(lambda: window.pane_row.pane_for(art.id) is not None, timeout=5000)

    def result_dialog() -> ImportResultDialog | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ImportResultDialog) and w.isVisible()
        ]
        return found[0] if found else None

    qtbot.waitUntil(lambda: result_dialog() is not None, timeout=5000)
    dialog = result_dialog()
    assert dialog is not None
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "empty.txt" in texts  # the failed file is named, with its reason
    dialog.close()


def test_link_type_key_counts_even_when_enter_follows_at_once(qtbot: QtBot) -> None:
    dialog = LinkTypeDialog("Two patrol boats", "Three patrol boats")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_D)
    assert dialog.link_type() == "differs"  # at once, not after an animated click
    qtbot.keyClick(dialog, Qt.Key.Key_X)
    assert dialog.link_type() == "contradicts"
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "dr")  # typing a note is not a type key
    assert (dialog.link_type(), dialog.note.text()) == ("contradicts", "dr")
