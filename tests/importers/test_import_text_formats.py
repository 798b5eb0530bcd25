"""Plain text (.txt) headers and Markdown (.md) front matter and conversion."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.importers import read_article
from workbench.importers.md import markdown_to_text


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_txt_header_becomes_metadata_and_leaves_the_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "story.txt",
        "TITLE: Drones hit the port\r\n"
        "source: Harbour Gazette\r\n"
        "By: Jane Roe\r\n"
        "Published: 9 March 2026\r\n"
        "Link: https://example.org/a\r\n"
        "Language: en\r\n"
        "\r\n"
        "Four drones were launched from the sea.   \r\n\r\n\r\n\r\nNo one was injured.\r\n",
    )
    article = read_article(path)
    assert article.title == "Drones hit the port"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Jane Roe"
    assert article.published == "2026-03-09"
    assert article.url == "https://example.org/a"
    assert article.language == "en"
    assert article.text == "Four drones were launched from the sea.\n\nNo one was injured."
    assert (article.source_name, article.fmt, article.encoding) == ("story.txt", "txt", "utf-8")


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("Outlet", "outlet"),
        ("Publication", "outlet"),
        ("Author", "author"),
        ("Date", "published"),
        ("URL", "url"),
    ],
)
def test_txt_header_aliases(tmp_path: Path, key: str, field: str) -> None:
    value = "March 9, 2026" if field == "published" else "Value"
    article = read_article(write(tmp_path, "a.txt", f"{key}: {value}\n\nBody."))
    assert getattr(article, field) == ("2026-03-09" if field == "published" else "Value")
    assert article.text == "Body."


def test_txt_without_header_takes_first_short_line_as_title(tmp_path: Path) -> None:
    text = "Port attack: what we know\n\nNote: four drones were launched.\nMore."
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.title == "Port attack: what we know"
    assert article.text == text  # the title line stays in the text


@pytest.mark.parametrize(
    "text",
    [
        "Note: this is not a header\n\nBody.",  # unknown key
        "Title: only a header, no blank line\nBody on the next line.",
        "Title: Header\nSomething else\n\nBody.",  # a non-header line inside
    ],
)
def test_txt_header_lookalikes_stay_in_the_text(tmp_path: Path, text: str) -> None:
    assert read_article(write(tmp_path, "a.txt", text)).text == text


def test_txt_long_first_line_falls_back_to_file_stem(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "port-attack.text", "word " * 60 + "\nmore"))
    assert article.title == "port-attack"


def test_txt_unparseable_date_is_dropped(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", "Date: sometime in spring\n\nBody."))
    assert article.published is None
    assert article.text == "Body."


def test_txt_in_cp1252(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Title: Café – “quoted” €5\n\nPrix: 5 €", "cp1252")
    article = read_article(path)
    assert (article.title, article.text, article.encoding) == (
        "Café – “quoted” €5",
        "Prix: 5 €",
        "cp1252",
    )


MARKDOWN = """---
title: "Drones hit the port"
author: 'Jane Roe'
outlet: Harbour Gazette
date: 2026-03-09
tags: [port, drones]
---

# Heading *one*

Some **bold**, __strong__, *em* and _em_ text, a [link](https://example.org/a_(b) "t"),
an ![image](photo.png) and snake_case_name, 2 * 3 = 6.

> Quoted line with `code *not em*` and \\*escaped\\*.

```python
x = [a](b)  # *kept* verbatim
```

* item one
1. item two

Setext title
------------

[ref]: https://example.org
"""


def test_markdown_front_matter_and_conversion(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", MARKDOWN))
    assert article.title == "Drones hit the port"
    assert article.author == "Jane Roe"
    assert article.outlet == "Harbour Gazette"
    assert article.published == "2026-03-09"
    assert article.fmt == "md"
    assert article.text == (
        "Heading one\n\n"
        "Some bold, strong, em and em text, a link,\n"
        "an  and snake_case_name, 2 * 3 = 6.\n\n"
        "Quoted line with code *not em* and *escaped*.\n\n"
        "x = [a](b)  # *kept* verbatim\n\n"
        "* item one\n"
        "1. item two\n\n"
        "Setext title"
    )


def test_markdown_title_from_first_level_one_heading(tmp_path: Path) -> None:
    text = "Intro paragraph.\n\n## Minor\n\n# The *Real* Title #\n\nBody."
    article = read_article(write(tmp_path, "a.markdown", text))
    assert article.title == "The Real Title"
    assert article.text == "Intro paragraph.\n\nMinor\n\nThe Real Title\n\nBody."


def test_markdown_unclosed_front_matter_is_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", "---\ntitle: x\nBody without a closer."))
    assert article.title == "title: x"
    assert "Body without a closer." in article.text


@pytest.mark.parametrize(
    "line",
    ["_a " * 100_000, "*b " * 100_000, "[x " * 100_000, "[a](x " * 50_000, "**a " * 100_000],
)
def test_markdown_conversion_is_fast_on_hostile_lines(line: str) -> None:
    # Each took minutes with the first, backtracking, version of the regexes.
    started = time.perf_counter()
    text, _ = markdown_to_text(line)
    assert time.perf_counter() - started < 2.0
    assert len(text) <= len(line)
