"""Review mode: order, filters, walking, summary, and a read-only panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.conftest import ARTICLE_A
from ui.controller import SessionController
from ui.review.review_model import (
    ANY_CHECKED,
    ANY_LINK,
    ANY_WORKING,
    NO_LINKS,
    ReviewClaimsModel,
    ReviewFilter,
    ReviewFilterProxy,
    filter_claims,
    review_order,
    summarize,
)
from ui.review.review_view import ReviewPanel, ReviewWindow
from workbench import ops
from workbench.queries.records import SessionDetail
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library


def _quotes(detail: SessionDetail, ids: list[str]) -> list[str]:
    by_id = {c.id: c.quote for c in detail.claims}
    return [by_id[i] for i in ids]


def _panel(qtbot: QtBot, detail: SessionDetail | None) -> ReviewPanel:
    panel = ReviewPanel(detail)
    qtbot.addWidget(panel)
    panel.resize(1000, 650)
    panel.show()
    return panel


def _choose(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_order_is_panes_then_text(demo_detail: SessionDetail) -> None:
    ordered = review_order(demo_detail)
    rank = {a.id: a.position for a in demo_detail.articles}
    keys = [(rank[c.article_id], c.start) for c in ordered]
    assert keys == sorted(keys) and len(ordered) == 12
    assert ordered[0].quote.startswith("A fuel depot at the port of Kestrel Bay")


def test_filters_by_verdict_link_type_and_article(demo_detail: SessionDetail) -> None:
    def n(**kw: str) -> int:
        return len(filter_claims(demo_detail, ReviewFilter(**kw)))

    herald = demo_detail.articles[0].id
    assert n() == 12
    assert n(verdict="False") == 1
    assert n(verdict="Mostly True") == 1
    assert n(verdict="In progress") == 1
    assert n(verdict=ANY_CHECKED) == 2
    assert n(verdict=ANY_WORKING) == 10
    assert n(link_type="differs") == 7
    assert n(link_type="contradicts") == 2
    assert n(link_type="related") == 0
    assert n(link_type=ANY_LINK) == 12
    assert n(link_type=NO_LINKS) == 0
    assert n(article_id=herald) == 5
    assert n(article_id=herald, link_type="differs") == 3
    [claim] = filter_claims(demo_detail, ReviewFilter(verdict="False", link_type="contradicts"))
    assert claim.quote == "No one was injured in the attack"


def test_summary_counts_match_the_data(demo_detail: SessionDetail) -> None:
    s = summarize(demo_detail)
    assert (s.claims, s.checked, s.links) == (12, 2, 7)
    verdicts = dict(s.per_verdict)
    assert verdicts["Unchecked"] == 9 and verdicts["In progress"] == 1
    assert verdicts["False"] == 1 and verdicts["Mostly True"] == 1
    assert verdicts["Pants on Fire"] == 0  # every choice is listed
    assert sum(verdicts.values()) == 12
    assert dict(s.per_link_type) == {
        "same": 1,
        "corroborates": 1,
        "contradicts": 1,
        "differs": 4,
        "related": 0,
    }
    assert len(s.unchecked) == 10
    assert [(c, k) for _a, c, k in s.per_article] == [(5, 1), (4, 0), (3, 1)]


def test_models_pass_modeltester(
    qtmodeltester: ModelTester, lib: Library, demo_detail: SessionDetail
) -> None:
    model = ReviewClaimsModel()
    qtmodeltester.check(model)
    model.set_detail(demo_detail)
    qtmodeltester.check(model)
    proxy = ReviewFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(ReviewFilter(link_type="differs"))
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 7
    ops.remove_claim(lib, demo_detail.claims[0].id)
    model.set_detail(session_detail(lib, demo_detail.summary.id))
    qtmodeltester.check(proxy)
    model.set_detail(None)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 0


def test_panel_walks_filtered_claims(qtbot: QtBot, demo_detail: SessionDetail) -> None:
    panel = _panel(qtbot, demo_detail)
    assert panel.position_label.text() == "1 of 12"
    assert not panel.prev_button.isEnabled()
    _choose(panel.link_combo, "differs")
    expected = [c.id for c in filter_claims(demo_detail, ReviewFilter(link_type="differs"))]
    assert panel.visible_claim_ids() == expected
    assert panel.count_label.text() == "7 of 12 claims"
    assert panel.current_claim_id == expected[0]
    panel.next_button.click()
    panel.go_next()
    assert panel.current_claim_id == expected[2]
    assert panel.position_label.text() == "3 of 7"
    panel.prev_button.click()
    assert panel.current_claim_id == expected[1]
    for _ in range(10):
        panel.go_next()
    assert panel.position_label.text() == "7 of 7"
    assert not panel.next_button.isEnabled()
    _choose(panel.article_combo, demo_detail.articles[0].id)
    assert len(panel.visible_claim_ids()) == 3
    _choose(panel.verdict_combo, "Pants on Fire")
    assert panel.visible_claim_ids() == []
    assert panel.position_label.text() == "–"
    assert "No claim matches" in panel.page.toPlainText()
    assert not panel.jump_button.isEnabled()
    panel.clear_button.click()
    assert len(panel.visible_claim_ids()) == 12


def test_keys_n_and_p_move(qtbot: QtBot, demo_detail: SessionDetail) -> None:
    panel = _panel(qtbot, demo_detail)
    panel.activateWindow()
    panel.list.setFocus()
    qtbot.waitUntil(lambda: panel.list.hasFocus())
    qtbot.keyClick(panel.list, Qt.Key.Key_N)
    qtbot.keyClick(panel.list, Qt.Key.Key_N)
    assert panel.position_label.text() == "3 of 12"
    qtbot.keyClick(panel.list, Qt.Key.Key_P)
    assert panel.position_label.text() == "2 of 12"


def test_claim_page_shows_context_verdict_evidence_and_links(
    qtbot: QtBot, demo_detail: SessionDetail
) -> None:
    panel = _panel(qtbot, demo_detail)
    claim = next(c for c in demo_detail.claims if c.verdict == "False")
    assert panel.show_claim(claim.id)
    text = panel.page.toPlainText()
    assert claim.quote in text and claim.suffix.strip()[:20] in text
    assert "The Harbour Herald" in text
    assert "Hospital records list two dead" in text  # rationale
    assert "Kestrel Bay General Hospital statement" in text  # evidence
    assert "Contradicts" in text and "At least two people were killed" in text
    # Following a linked claim's anchor moves there, clearing filters that hide it.
    other = next(lk.other(claim.id) for lk in demo_detail.links_of(claim.id))
    _choose(panel.verdict_combo, "False")
    panel.page.anchorClicked.emit(QUrl(f"claim:{other}"))
    assert panel.current_claim_id == other
    assert not panel.proxy.review_filter.active


def test_show_in_panes_and_summary_tab(qtbot: QtBot, demo_detail: SessionDetail) -> None:
    panel = _panel(qtbot, demo_detail)
    with qtbot.waitSignal(panel.jump_requested) as sig:
        panel.jump_button.click()
    assert sig.args == [panel.current_claim_id]
    summary = panel.summary_view.toPlainText()
    assert "2 of 12 claims checked (17 %)" in summary
    assert "Not yet checked (10)" in summary
    assert "Differs in detail" in summary


def test_panel_is_read_only(qtbot: QtBot, demo_detail: SessionDetail) -> None:
    panel = _panel(qtbot, demo_detail)
    assert not panel.findChildren(QLineEdit)
    assert all(w.isReadOnly() for w in panel.findChildren(QPlainTextEdit))
    assert all(b.isReadOnly() for b in panel.findChildren(QTextBrowser))
    assert not (panel.list.editTriggers())


def test_no_links_filter_and_empty_states(
    qtbot: QtBot, lib: Library, two_articles: tuple[str, str, str]
) -> None:
    sid, a, _b = two_articles
    panel = _panel(qtbot, None)
    assert "No session is open" in panel.page.toPlainText()
    panel.set_detail(session_detail(lib, sid))
    assert "no claims yet" in panel.page.toPlainText()
    start = ARTICLE_A.index("Four drones")
    ops.add_claim(lib, a, start, start + len("Four drones"))
    panel.set_detail(session_detail(lib, sid))
    _choose(panel.link_combo, NO_LINKS)
    assert len(panel.visible_claim_ids()) == 1


def test_window_follows_the_controller(qtbot: QtBot, lib: Library, demo_sid: str) -> None:
    controller = SessionController(lib)
    controller.open_session(demo_sid)
    window = ReviewWindow(controller)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Review — Demo: drone strike on Kestrel Bay port"
    panel = window.panel
    _choose(panel.verdict_combo, ANY_WORKING)
    panel.go_next()
    current = panel.current_claim_id
    assert current is not None
    assert controller.detail is not None
    other = next(
        c.id
        for c in review_order(controller.detail)
        if c.id != current and c.verdict == "Unchecked"
    )
    controller.run(lambda: ops.set_verdict(lib, other, "True"))
    assert "3 of 12 claims checked" in panel.summary_view.toPlainText()
    assert panel.current_claim_id == current  # refresh kept the place and filter
    assert len(panel.visible_claim_ids()) == 9
    with qtbot.waitSignal(window.jump_requested) as sig:
        panel.jump_button.click()
    assert sig.args == [current]


def test_review_filters_and_counts_verdicts_by_person(
    qtbot: QtBot, lib: Library, demo_sid: str
) -> None:
    from workbench.storage.store import open_library

    claims = session_detail(lib, demo_sid).claims
    desks = {"alice": claims[:2], "bob": claims[2:5]}
    for person, mine in desks.items():
        desk = open_library(lib.url, actor=person)
        try:
            for c in mine:
                ops.set_verdict(desk, c.id, "Half True")
        finally:
            desk.close()
    detail = session_detail(lib, demo_sid)
    assert {c.id: c.judged_by for c in detail.claims if c.judged_by in desks} == {
        c.id: person for person, mine in desks.items() for c in mine
    }
    summary = summarize(detail)
    assert ("bob", 3) in summary.per_person and ("alice", 2) in summary.per_person
    panel = _panel(qtbot, detail)
    _choose(panel.person_combo, "bob")
    assert sorted(panel.visible_claim_ids()) == sorted(c.id for c in desks["bob"])
    panel.summary_view.toPlainText()
    assert "Verdicts by person" in panel.summary_view.toPlainText()
    panel.clear_button.click()
    assert panel.person_combo.currentData() is None
