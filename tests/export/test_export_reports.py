"""HTML, PDF and XLSX reports on a session full of hostile content."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.export.conftest import (
    ASTRAL,
    FORMULA,
    LONG_NOTE,
    QUOTES,
    RTL,
    SCRIPT,
    Hostile,
)
from workbench.export.html_report import export_html, web_href
from workbench.export.pdf_report import export_pdf
from workbench.export.report_model import claim_order
from workbench.export.xlsx_report import export_xlsx
from workbench.queries.sessions import session_detail
from workbench.storage.output import UnsafeDestination
from workbench.storage.store import Library


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def test_html_report_escapes_everything_and_parses_back(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = export_html(lib, hostile.sid, out)
    assert result.claims == 8
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower()  # no script element, escaped or ours
    assert "&lt;script&gt;alert" in html
    parser = _Collect()
    parser.feed(html)
    text = "".join(parser.text)
    # Hostile texts come back as text, exactly.
    for value in (SCRIPT, FORMULA, QUOTES, RTL, ASTRAL, LONG_NOTE):
        assert value in text, value[:30]
    assert "script" not in parser.tags
    # Self-contained: no remote resource, no script, no javascript: link.
    for name, value in parser.attrs:
        if name in ("src", "href"):
            assert value is not None
            assert value.startswith(("#claim-", "https://")), value
    assert "javascript:" not in {v for n, v in parser.attrs if n == "href"}
    assert 'http-equiv="Content-Security-Policy"' in html
    # Summary counts, facts grid, claims with linked claims and link types.
    assert "3 of 8 claims checked (38 %)" in text
    assert "Contradicts" in text and "Same claim" in text
    assert "Facts side by side" in text
    assert text.index("No one was injured in the attack") < text.rindex("Northern Courier")


def test_web_href_allows_only_web_addresses() -> None:
    assert web_href("https://a.example/x") == "https://a.example/x"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "//x", ""):
        assert web_href(bad) is None


def test_pdf_report_text_reads_back_with_numbered_pages(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    result = export_pdf(lib, hostile.sid, out)
    assert result.claims == 8
    reader = PdfReader(out)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 3
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {len(pages)}" in page
    text = "\n".join(pages)
    flat = "".join(text.split())
    for value in (SCRIPT, FORMULA, QUOTES, "😀", "\U00010300", "3 of 8 claims checked"):
        assert "".join(value.split()) in flat, value
    # Hebrew and Arabic are set right to left; their letters are all there.
    for word in ("שלום", "עולם"):
        assert word in text or word[::-1] in text
    assert "A long note." in text
    assert flat.count("Alongnote.") >= 700  # the 10,000-character note is whole


def test_a_claim_is_not_split_across_pages(lib: Library, hostile: Hostile, tmp_path: Path) -> None:
    import re

    out = tmp_path / "report.pdf"
    export_pdf(lib, hostile.sid, out, facts=False)
    pages = [p.extract_text() for p in PdfReader(out).pages]
    order = [c.id for c in claim_order(session_detail(lib, hostile.sid))]
    long_number = order.index(hostile.claims["injured"]) + 1  # its note is 10,000 characters
    seen = []
    for page in pages:
        found = list(re.finditer(r"Claim (\d+)\s", page))
        headers = [int(m.group(1)) for m in found]
        seen += headers
        if headers and long_number not in headers:
            # every claim that starts on this page also ends on it
            after = page[found[0].start() :]
            assert after.count("LINKED CLAIMS (") == len(headers), page[:300]
    assert sorted(seen) == list(range(1, len(order) + 1))
    # The long claim starts at the top of a page, not at the foot of another.
    start = next(p for p in pages if f"Claim {long_number}" in p)
    assert start.index(f"Claim {long_number}") < 200


def test_xlsx_report_reads_back_with_strings_not_formulas(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    out = tmp_path / "report.xlsx"
    result = export_xlsx(lib, hostile.sid, out)
    assert result.claims == 8
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Claims", "Links", "Facts", "Evidence"]
    claims = book["Claims"]
    assert claims.freeze_panes == "A2"
    assert claims.auto_filter.ref == f"A1:P{1 + 8}"
    header = [c.value for c in claims[1]]
    assert header[:7] == [
        "Session",
        "Article title",
        "Outlet",
        "URL",
        "Published",
        "Claim id",
        "Quote",
    ]
    quotes = {row[6].value: row for row in claims.iter_rows(min_row=2)}
    formula_row = quotes[FORMULA]
    assert formula_row[6].data_type == "s"  # a string, never a formula
    for row in claims.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type in ("s", "n"), (cell.coordinate, cell.value)
    for value in (SCRIPT, QUOTES, RTL, ASTRAL):
        assert value in quotes
    assert quotes["No one was injured in the attack"][12].value == LONG_NOTE
    verdict = quotes["No one was injured in the attack"][9]
    assert verdict.value == "False"
    assert verdict.fill.fgColor.rgb.upper().endswith("FAAAA5")
    assert claims.column_dimensions["G"].width > 40
    links = book["Links"]
    assert links.max_row == 3 and links["B2"].value in ("Contradicts", "Same claim")
    evidence = book["Evidence"]
    titles = {r[5].value for r in evidence.iter_rows(min_row=2)}
    assert FORMULA in titles
    facts = book["Facts"]
    assert [c.value for c in facts[1]][:4] == ["Facet", "Key", "Conflict", "Reason"]
    # The XML itself holds no formula element.
    import zipfile

    with zipfile.ZipFile(out) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


@pytest.mark.parametrize("kind", ["html", "pdf", "xlsx"])
def test_reports_refuse_to_overwrite_the_library(
    lib: Library, hostile: Hostile, db_path: Path, kind: str
) -> None:
    fn = {"html": export_html, "pdf": export_pdf, "xlsx": export_xlsx}[kind]
    before = db_path.read_bytes()[:100]
    with pytest.raises(UnsafeDestination):
        fn(lib, hostile.sid, db_path)
    assert db_path.read_bytes()[:100] == before


def test_pdf_shows_characters_the_font_lacks_as_replacement_marks(
    lib: Library,
    two_articles: tuple[str, str, str],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from tests.conftest import ARTICLE_A, claim_by_quote
    from workbench import ops

    sid, a, _b = two_articles
    cid = claim_by_quote(lib, a, ARTICLE_A, "Four drones were launched")
    ops.add_note(lib, cid, "Checked with 查理 💀 today")
    out = tmp_path / "r.pdf"
    with caplog.at_level("WARNING"):
        export_pdf(lib, sid, out)
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Checked with \ufffd\ufffd \ufffd today" in text
    assert "Page 1 of " in text
