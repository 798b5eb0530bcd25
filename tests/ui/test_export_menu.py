"""File > Export and File > Import session from the menus of the main window."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from ui.dialogs.claimreview_dialog import PublisherDialog
from ui.dialogs.import_report_dialog import ImportReportDialog
from ui.main_window import MainWindow
from workbench import ops
from workbench.export.session_file import export_session
from workbench.ops import settings as st
from workbench.queries.claims import claim_info
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library, open_library


def _menu_action(window: MainWindow, *path: str) -> QAction:
    menu: QMenu | None = None
    actions = window.menuBar().actions()
    for i, title in enumerate(path):
        act = next(a for a in actions if a.text().replace("&", "") == title)
        if i == len(path) - 1:
            return act
        menu = act.menu()
        assert menu is not None
        actions = menu.actions()
    raise AssertionError(path)


def _save_to(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )


@pytest.mark.parametrize(
    ("title", "suffix", "magic"),
    [
        ("HTML report…", "html", b"<!DOCTYPE html>"),
        ("PDF report…", "pdf", b"%PDF-"),
        ("XLSX spreadsheet…", "xlsx", b"PK"),
        ("REFI-QDA project…", "qdpx", b"PK"),
        ("W3C annotations…", "jsonld", b"{"),
    ],
)
def test_export_formats_from_the_file_menu(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    title: str,
    suffix: str,
    magic: bytes,
) -> None:
    out = tmp_path / f"report.{suffix}"
    _save_to(monkeypatch, out)
    _menu_action(window, "File", "Export", title).trigger()
    job = window.exports.job
    assert job is not None  # written on a worker thread; the window stays responsive
    assert "Writing the" in window.statusBar().currentMessage()
    with qtbot.waitSignal(job.done, timeout=120_000):
        pass
    assert window.exports.job is None
    assert out.read_bytes().startswith(magic)
    assert str(out) in window.statusBar().currentMessage()


def test_claimreview_asks_for_the_publisher_and_keeps_it(
    qtbot: QtBot,
    window: MainWindow,
    lib: Library,
    demo: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "cr.jsonld"
    _save_to(monkeypatch, out)

    def fill(dialog: PublisherDialog) -> int:
        dialog.org_name.setText("Harbour Fact Desk")
        dialog.review_url.setText("https://desk.example/checks/")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PublisherDialog, "exec", fill)
    _menu_action(window, "File", "Export", "ClaimReview JSON-LD…").trigger()
    qtbot.waitUntil(lambda: window.exports.job is None, timeout=60_000)
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert len(reviews) == 2 and reviews[0]["author"]["name"] == "Harbour Fact Desk"
    assert st.settings(lib, demo)[st.REVIEW_URL_PREFIX] == "https://desk.example/checks/"


def test_import_session_merges_and_shows_the_report(
    window: MainWindow,
    lib: Library,
    demo: str,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    f = tmp_path / "demo.fcsession"
    export_session(lib, demo, f)
    colleague = open_library(tmp_path / "colleague.sqlite3", actor="colleague")
    try:
        from workbench.export.session_file import import_session_file

        import_session_file(colleague, str(f))
        claim = session_detail(colleague, demo).claims[0].id
        ops.set_rationale(colleague, claim, "Checked by a colleague")
        export_session(colleague, demo, f)
    finally:
        colleague.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(f), "")))
    _menu_action(window, "File", "Import session or annotations", "Session file…").trigger()
    dialog = window.findChild(ImportReportDialog)
    assert dialog is not None and dialog.isVisible()
    assert "updated 1 claims" in dialog.text.toPlainText()
    assert claim_info(lib, claim).rationale == "Checked by a colleague"
    assert window.controller.session_id == demo
    dialog.close()


def test_a_damaged_session_file_is_refused_with_a_message(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    f = tmp_path / "broken.fcsession"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("manifest.json", "not json")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text))
    )
    assert window.exports.import_session(str(f)) is None
    assert shown and "nothing was imported" in shown[0]


def test_review_page_uses_the_report_pieces_and_shows_hostile_text_literally(
    qtbot: QtBot, lib: Library
) -> None:
    from tests.export.conftest import FORMULA, SCRIPT, make_hostile
    from ui.review.review_view import ReviewPanel, claim_html
    from workbench.export.html_report import claim_page_html

    h = make_hostile(lib)
    detail = session_detail(lib, h.sid)
    claim = next(c for c in detail.claims if c.id == h.claims["injured"])
    html = claim_html(detail, claim)
    assert html == claim_page_html(detail, claim.id, href="claim:")  # one renderer
    assert "<script" not in html and 'href="claim:' in html
    panel = ReviewPanel(detail)
    qtbot.addWidget(panel)
    assert panel.show_claim(claim.id)
    text = panel.page.toPlainText()
    assert f"Hospital: two dead. {SCRIPT}" in text
    assert "Contradicts" in text and "Statement <script>" in text
    panel.show_claim(h.claims["killed"])
    assert FORMULA in panel.page.toPlainText()


def test_a_failed_export_is_reported_and_leaves_the_library_alone(
    window: MainWindow,
    lib: Library,
    db_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text))
    )
    before = db_path.read_bytes()[:16]
    job = window.exports.export("html", str(db_path))
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert "is the library" in shown[0]
    assert db_path.read_bytes()[:16] == before
    assert window.exports.job is None
