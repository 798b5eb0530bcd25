"""HTML articles: extract the article text and metadata as plain text.

Nothing here fetches or opens anything named in the markup: the bytes are
decoded by us, parsed by lxml's HTML parser (no network, no DTDs, no
external entities) and handed to trafilatura, which only reads the tree.
Scripts, styles and other non-text elements never reach the text.
"""

from __future__ import annotations

import re
from typing import Any

# No stubs for lxml are installed; its objects are typed Any here.
import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from workbench.errors import ImportRefused
from workbench.importers.decode import BOMS, canonical_encoding, check_text, decode_text
from workbench.importers.metadata_dates import parse_date
from workbench.importers.normalize import clean_field, clean_title
from workbench.importers.types import Extracted

_PRESCAN_BYTES = 4096
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_DECLARED_CHARSET = (
    re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I),
    re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", re.I),
)
# The WHATWG encoding standard decodes these labels as windows-1252; real
# pages labelled "iso-8859-1" routinely contain curly quotes in 0x80-0x9F.
_AS_WINDOWS_1252 = frozenset({"latin-1", "iso8859-1", "ascii"})
# Elements whose content is never article text.
_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "button",
    }
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
# Source line breaks inside HTML text are just spaces; "\n" marks blocks.
_WHITESPACE = re.compile(r"\s+")
_NEWLINES = re.compile(r" *\n[\n ]*")


def extract_html(data: bytes, *, path: str, encoding: str | None) -> Extracted:
    """Extract an HTML article's text and metadata without fetching anything."""
    text, used = decode_html(data, path=path, encoding=encoding)
    tree = parse_html(text, path)
    language = _language(tree)
    doc = _trafilatura(text)
    body = (doc or {}).get("text") or ""
    if not body.strip():
        # trafilatura finds no article in very short or unusual pages.
        body = block_text(tree)
        doc = _metadata(tree) if doc is None else doc
    meta = doc or {}
    return Extracted(
        # One block per line from the extractors: a blank line between blocks
        # reads as paragraphs in the panes, as in the other formats.
        text=_NEWLINES.sub("\n\n", body.strip()),
        title=clean_title(meta.get("title")),
        outlet=clean_field(meta.get("sitename")),
        author=clean_field(meta.get("author")),
        url=clean_field(meta.get("url")),
        published=parse_date(meta.get("date")),
        language=clean_field(meta.get("language")) or language,
        encoding=used,
    )


def decode_html(data: bytes, *, path: str, encoding: str | None) -> tuple[str, str]:
    """Decode HTML bytes: explicit encoding, BOM, declared charset, detection."""
    if encoding is not None or any(data.startswith(bom) for bom, _ in BOMS):
        return decode_text(data, path=path, encoding=encoding)
    declared = _declared_charset(data[:_PRESCAN_BYTES])
    if declared is not None:
        try:
            return check_text(data.decode(declared), declared, path)
        except UnicodeDecodeError:
            pass  # A wrong label is common; fall back to detection.
    return decode_text(data, path=path)


def _declared_charset(head: bytes) -> str | None:
    for pattern in _DECLARED_CHARSET:
        match = pattern.search(head)
        if match is None:
            continue
        try:
            name = canonical_encoding(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            return None
        if name.startswith(("utf-16", "utf-32")):
            # A page readable as ASCII cannot really be UTF-16 (WHATWG rule).
            return "utf-8"
        return "cp1252" if name in _AS_WINDOWS_1252 else name
    return None


def parse_html(text: str, path: str) -> Any:
    """Parse decoded HTML with lxml (no network); refuse an empty document."""
    # Parse UTF-8 bytes, not str: lxml rejects str with an XML declaration.
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        # lxml's only complaint here is "Document is empty": nothing to read.
        raise ImportRefused(path, "no text found") from None
    return root


def _language(tree: Any) -> str | None:
    # The HTML parser keeps "xml:lang" as a plain attribute name.
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        for meta in tree.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = meta.get("content")
                break
    return clean_field(lang)


def _date_params() -> dict[str, Any]:
    """htmldate's settings: metadata and clearly dated bylines only.

    Its extensive search reads dates out of body text, so "the first strike
    since 2019" became 2019-01-01 and a "(c) 2003" footer 2003-01-01. A
    publication date we are not sure of stays unknown; the user can set it.
    """
    from trafilatura.settings import set_date_params

    return set_date_params(extensive=False)


def _trafilatura(text: str) -> dict[str, Any] | None:
    # Imported here: trafilatura is heavy and only HTML imports need it.
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            # lxml cannot parse a str that starts with an XML declaration.
            _XML_DECLARATION.sub("", text, count=1),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params=_date_params(),
        )
    except Exception:  # a hostile page must not beat us: use the plain fallback
        return None
    if doc is None or isinstance(doc, dict):
        return doc
    return dict(doc.as_dict())


def _metadata(tree: Any) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    try:
        return dict(extract_metadata(tree, date_config=_date_params()).as_dict())
    except Exception:  # metadata is a nicety; the text matters
        return {}


def block_text(tree: Any) -> str:
    """Plain text of a parsed page, one line per block element.

    The fallback when trafilatura finds no article: every visible text node
    in document order, with non-text elements (scripts, styles, forms'
    buttons, embedded objects) dropped.
    """
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    skip_depth = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skip_depth or tag in _DROP:
                skip_depth += 1
                continue
            if tag in _BLOCKS or tag == "br":
                parts.append("\n")
            if element.text:
                parts.append(_WHITESPACE.sub(" ", element.text))
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth:
                continue
        elif tag in _BLOCKS:
            parts.append("\n")
        if element.tail and element is not root:
            parts.append(_WHITESPACE.sub(" ", element.tail))
    return _NEWLINES.sub("\n", "".join(parts)).strip()
