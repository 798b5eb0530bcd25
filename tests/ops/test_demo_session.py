"""The demo session a new user sees first: whole, or not there at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench import demo
from workbench.errors import ImportRefused
from workbench.queries.sessions import list_sessions, session_summary
from workbench.storage.store import Library


def test_demo_session_has_every_article_claim_and_link(lib: Library) -> None:
    sid = demo.ensure_demo_session(lib)
    s = session_summary(lib, sid)
    assert (s.articles, s.claims, s.links) == (3, len(demo.CLAIMS), len(demo.LINKS))
    assert demo.ensure_demo_session(lib) == sid  # the second call finds it
    assert len(list_sessions(lib)) == 1


def test_an_article_that_cannot_be_read_leaves_no_half_made_demo(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = demo.read_article

    def fail_on_html(path: Path, *args: Any, **kwargs: Any) -> Any:
        if Path(path).suffix == ".html":
            raise ImportRefused(str(path), "lxml.html.clean is missing")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(demo, "read_article", fail_on_html)
    with pytest.raises(ImportRefused):
        demo.ensure_demo_session(lib)
    assert list_sessions(lib) == []
    monkeypatch.setattr(demo, "read_article", real)
    sid = demo.ensure_demo_session(lib)  # the next start makes the whole demo
    assert session_summary(lib, sid).claims == len(demo.CLAIMS)
