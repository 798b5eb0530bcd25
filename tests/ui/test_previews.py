"""Quote previews in the claims table, tooltips and the inspector end at a whole word."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from workbench import ops
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

LONG = (
    "Officials at the harbour authority said on Monday that no one had been injured in the "
    "attack at the time of the strike, although two workers were later taken to hospital "
    "with burns, according to a statement issued by the regional government after midnight"
)


def test_long_quotes_are_cut_at_words_everywhere(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    detail = session_detail(lib, demo)
    other = detail.articles[1].id
    sid = detail.summary.id
    aid = ops.add_article(lib, sid, "Long quote", LONG + ".", outlet="Long Outlet").target_id
    assert aid
    window.controller.reload()
    cid = window.controller.run(lambda: ops.add_claim(lib, aid, 0, len(LONG)))
    assert cid is not None and cid.target_id
    claim_id = cid.target_id
    words = set(LONG.replace(",", "").split())

    model = window.claims_panel.model
    shown = model.data(model.index(model.row_of(claim_id), 1))
    assert isinstance(shown, str) and shown.endswith("…") and len(shown) <= 140
    assert shown[:-1].split()[-1] in words  # the last word is whole, not "o"
    assert LONG.startswith(shown[:-1])

    pane = window.pane_row.pane_for(aid)
    assert pane is not None
    tip = pane.view.tooltip_html(claim_id)
    assert "after midnight”" in tip  # under the tooltip's 300 characters: whole

    # A link to a claim of another article: the inspector's list shows a short quote.
    target = next(c for c in detail.claims if c.article_id == other)
    window.controller.run(lambda: ops.link_claims(lib, target.id, claim_id, "contradicts"))
    window.controller.select_claim(target.id)
    texts = [window.inspector.links.item(i).text() for i in range(window.inspector.links.count())]
    line = next(t for t in texts if "Long Outlet" in t)
    quote = line.split("“", 1)[1].rstrip("”")
    assert quote.endswith("…") and LONG.startswith(quote[:-1]) and quote[:-1].split()[-1] in words
