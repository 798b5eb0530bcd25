"""File > Import from web address and the evidence "Snapshot" button, driven
through the real widgets against a local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.local_http import Handler, serve
from ui.dialogs.web_import import WebAddressDialog
from ui.main_window import MainWindow
from workbench import ops
from workbench.importers.web_import import snapshots
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def server() -> Iterator[str]:
    with serve() as base:
        yield base


def _progress() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    return next((w for w in found if w.isVisible()), None)


def test_the_address_dialog_refuses_other_schemes(qtbot: QtBot) -> None:
    dialog = WebAddressDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.addresses, "file:///etc/passwd")
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "only http and https" in dialog.error.text()


def test_import_from_web_adds_the_article_with_a_snapshot(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str, server: str
) -> None:
    before = len(session_detail(lib, demo).articles)
    assert window.act["import_web"].isEnabled()
    window.import_from_web([f"{server}/moved"])
    qtbot.waitUntil(lambda: window.web_task is None, timeout=20_000)
    detail = session_detail(lib, demo)
    assert len(detail.articles) == before + 1
    new = detail.articles[-1]
    assert new.title == "Drones hit Kestrel Bay fuel depot" and new.outlet == "Harbour Gazette"
    assert window.pane_row.pane_for(new.id) is not None  # a pane for it at once
    assert len(snapshots(lib, article_id=new.id)) == 1
    assert "Imported 1 article" in window.statusBar().currentMessage()


def test_cancelling_a_slow_fetch_imports_nothing(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str, server: str
) -> None:
    before = len(session_detail(lib, demo).articles)
    window.import_from_web([f"{server}/drip"])
    qtbot.waitUntil(lambda: _progress() is not None)
    progress = _progress()
    assert progress is not None
    qtbot.waitUntil(lambda: "/drip" in Handler.log)
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.web_task is None, timeout=20_000)
    assert len(session_detail(lib, demo).articles) == before
    assert snapshots(lib, session_id=demo) == []
    assert window.statusBar().currentMessage() == "Import cancelled"


def test_a_refused_address_is_reported(
    qtbot: QtBot,
    window: MainWindow,
    server: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **_k: shown.append(str(a[2])))
    window.import_from_web([f"{server}/to-file"])
    qtbot.waitUntil(lambda: window.web_task is None, timeout=20_000)
    assert len(shown) == 1 and "redirected to a 'file:' address" in shown[0]


def test_the_snapshot_button_keeps_the_evidence_page(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str, server: str
) -> None:
    claim = session_detail(lib, demo).claims[0]
    window.controller.select_claim(claim.id)
    window.controller.run(
        lambda: ops.add_evidence(lib, claim.id, url=f"{server}/statement.pdf", title="Statement")
    )
    insp = window.inspector
    row = next(
        i for i in range(insp.evidence.count()) if insp.evidence.item(i).text() == "Statement"
    )
    insp.evidence.setCurrentRow(row)
    button = next(b for b in insp.findChildren(QPushButton) if b.text() == "Snapshot")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.web_task is None, timeout=20_000)
    eid = insp.evidence.item(row).data(0x0100)
    (snap,) = snapshots(lib, evidence_id=eid)
    assert snap.content_type == "application/pdf"
    labels = [insp.evidence.item(i).text() for i in range(insp.evidence.count())]
    assert any(t.startswith("Statement · snapshot ") for t in labels)
