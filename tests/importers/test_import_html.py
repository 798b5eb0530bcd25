"""HTML import: article text and metadata, never scripts, never fetching."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ImportRefused
from workbench.importers import read_article
from workbench.importers.html_doc import block_text, parse_html

PARAGRAPHS = [
    "Four drones were launched from the sea towards the fuel depot on Monday night, "
    "officials said, adding that air defences shot down two of them over the bay.",
    "No one was injured in the attack, according to the port authority, which said the "
    "fire was put out by morning and that shipping would resume within the week.",
    "Residents described hearing several loud explosions shortly after midnight.",
]

ARTICLE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Drones hit fuel depot | Harbour Gazette</title>
<meta property="og:title" content="Drones hit fuel depot">
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2026-03-09T22:15:00Z">
<link rel="canonical" href="https://gazette.example/news/drones">
<style>body {{ color: red }} .SECRETSTYLE {{}}</style>
<script>var tracking = "SCRIPTMARKER";</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Drones hit fuel depot</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<script>document.write("SCRIPTMARKER")</script>
<p>{PARAGRAPHS[2]}</p>
</article>
<noscript>NOSCRIPTMARKER</noscript>
</body>
</html>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_article_text_and_metadata(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "drones.html", ARTICLE.encode()))
    assert article.title == "Drones hit fuel depot"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Jane Roe"
    assert article.published == "2026-03-09"
    assert article.url == "https://gazette.example/news/drones"
    assert article.language == "en-GB"
    assert (article.fmt, article.encoding, article.source_name) == ("html", "utf-8", "drones.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for marker in ("SCRIPTMARKER", "SECRETSTYLE", "NOSCRIPTMARKER", "color: red"):
        assert marker not in article.text


def test_declared_legacy_charset_is_respected(tmp_path: Path) -> None:
    # "iso-8859-1" is decoded as windows-1252, as browsers do: 0x93/0x94 are quotes.
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Caf\xe9</title></head><body><p>Prix: \x935 \x80\x94 caf\xe9</p></body></html>"
    )
    article = read_article(write(tmp_path, "a.htm", html.encode("latin-1")))
    assert article.text == "Prix: “5 €” café"
    assert article.encoding == "cp1252"
    assert article.title == "Café"


def test_wrong_declared_charset_falls_back_to_detection(tmp_path: Path) -> None:
    html = '<meta charset="utf-8"><p>Caf\xe9 \x93quoted\x94</p>'.encode("latin-1")
    article = read_article(write(tmp_path, "a.html", html))
    assert article.text == "Café “quoted”"


def test_tiny_page_is_still_imported(tmp_path: Path) -> None:
    # trafilatura finds no article here; the plain extraction takes over.
    html = b"<p>Hello <b>there</b></p><script>SCRIPTMARKER</script>"
    assert read_article(write(tmp_path, "a.html", html)).text == "Hello there"


def test_plain_fallback_keeps_blocks_and_drops_non_text() -> None:
    html = (
        "<html><head><title>Short</title><script>SCRIPTMARKER</script></head>"
        "<body><h2>Brief</h2><p>One line.<br>Second <b>bold</b>\n  line.</p>"
        "<ul><li>item</li></ul><style>p{}</style><template>TEMPLATEMARKER</template>"
        "<button>BUTTONMARKER</button>tail <svg><text>SVGMARKER</text></svg>text</body></html>"
    )
    assert block_text(parse_html(html, "a.html")) == (
        "Brief\nOne line.\nSecond bold line.\nitem\ntail text"
    )


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    html = (
        '<?xml version="1.0" encoding="windows-1252"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><body>'
        "<p>“Bonjour”</p></body></html>"
    )
    article = read_article(write(tmp_path, "a.html", html.encode("cp1252")))
    assert article.text == "“Bonjour”"
    assert article.language == "fr"


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><script>only script</script></head><body></body></html>",
        b"<html><body><img src='x.png'>   </body></html>",
        b"<!-- just a comment -->",
    ],
)
def test_page_without_text_is_refused(tmp_path: Path, html: bytes) -> None:
    with pytest.raises(ImportRefused) as info:
        read_article(write(tmp_path, "empty.html", html))
    assert info.value.reason == "no text found"
    assert str(info.value).startswith(str(tmp_path / "empty.html"))


def test_explicit_encoding_overrides_the_declared_one(tmp_path: Path) -> None:
    html = '<meta charset="utf-8"><p>Привет, мир</p>'.encode("koi8_r")
    article = read_article(write(tmp_path, "a.html", html), encoding="koi8-r")
    assert (article.text, article.encoding) == ("Привет, мир", "koi8-r")


def test_utf16_page_with_bom(tmp_path: Path) -> None:
    html = "<html><body><p>Caf\u00e9 “ok”</p></body></html>".encode("utf-16")
    article = read_article(write(tmp_path, "a.html", html))
    assert (article.text, article.encoding) == ("Café “ok”", "utf-16")


def test_html_extraction_stack_imports() -> None:
    """The whole extractor chain is installed: trafilatura's justext needs
    ``lxml.html.clean``, which lives in ``lxml_html_clean`` since lxml 5.2."""
    import justext  # type: ignore[import-untyped]
    import lxml.html.clean  # type: ignore[import-untyped]
    import trafilatura

    assert callable(trafilatura.bare_extraction)
    assert callable(lxml.html.clean.Cleaner)
    assert justext.get_stoplist("English")
