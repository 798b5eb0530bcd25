"""HTML import: a publication date comes from metadata or a dated byline, never
from years mentioned in the body, a copyright footer or paragraph numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.importers import read_article

BODY = (
    "<p>Officials confirmed the damage to the harbour and to several boats moored "
    "along the coast, and witnesses described hearing loud explosions at night.</p>"
    "<p>The port authority said shipping would resume within the week once divers "
    "had inspected the quay walls for damage.</p>"
)


def page(head: str = "", before: str = "", after: str = "", body: str = BODY) -> bytes:
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body><article>{before}{body}"
        f"</article>{after}</body></html>"
    ).encode()


UNDATED = {
    "a year in the text": page(
        body="<p>It was the first strike since 2019 on the coast, officials said, and "
        "the damage to the harbour was serious.</p>" + BODY
    ),
    "a copyright footer": page(after="<footer>(c) 2003 Example Media</footer>"),
    "numbered paragraphs": page(
        body="<p>1995. Officials confirmed the damage to the harbour.</p>"
        "<p>1996. Witnesses described loud explosions.</p>" + BODY
    ),
    "a full date in the body": page(
        body="<p>On 5 March 2021 a similar boat was seized near the harbour.</p>" + BODY
    ),
}

DATED = {
    "published_time metadata": page(
        head='<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    ),
    "JSON-LD datePublished": page(
        head='<script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2024-03-05"}</script>'
    ),
    "a time element": page(before='<time datetime="2024-03-05">5 March</time>'),
    "a dated byline": page(before='<p class="byline">Published 5 March 2024</p>'),
}


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_no_date_is_invented_from_the_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(UNDATED[name])
    assert read_article(path).published is None


@pytest.mark.parametrize("name", sorted(DATED))
def test_dates_from_metadata_and_bylines_are_kept(tmp_path: Path, name: str) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(DATED[name])
    assert read_article(path).published == "2024-03-05"
