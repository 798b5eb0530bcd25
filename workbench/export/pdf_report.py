"""The PDF report: the HTML report's content laid out for paper with fpdf2.

fpdf2 is pure Python (the py-pdf project, released often), installs from the
package index alone and needs no browser, no Qt and no system library, so the
CLI and the core make the same PDF everywhere. Text is set in the bundled
DejaVu Sans (Bitstream Vera licence: Latin, Greek, Cyrillic, Hebrew, Arabic,
many symbols, even some astral-plane characters), shaped by HarfBuzz so
right-to-left and joined scripts come out right. Pages are numbered "page N
of M"; a claim is kept on one page when it fits on one, and one that is
longer than a page starts on a fresh page rather than at the foot of one.
"""

from __future__ import annotations

import logging
import math
import os
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

from workbench import __version__
from workbench.export.html_report import ExportResult, web_href
from workbench.export.report_model import Report, ReportClaim, build_report
from workbench.storage.output import atomic_output
from workbench.storage.store import Library

FONT = "DejaVu"
INK = (20, 20, 20)
DIM = (105, 105, 105)
RULE = (200, 200, 200)
CONFLICT_FILL = (253, 236, 235)
CONFLICT_INK = (180, 32, 32)
LINK_INK = (30, 90, 200)
# A line cannot be cut inside a word longer than this; it is cut by characters.
MARGIN = 16.0


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _printable(text: str) -> str:
    """Text fpdf2 can set: control characters (other than line breaks) dropped."""
    return "".join(
        ch for ch in text if ch in "\n\t" or (ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0)
    ).replace("\t", "    ")


@contextmanager
def _quiet_fonttools() -> Iterator[None]:
    """fontTools logs every table it subsets; a report is not the place for that."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class _ReportPDF(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 4)
        # The total is written where "{pages}" stands; its width is reserved for
        # up to six digits (the default alias is too narrow past 999 pages).
        self.alias_nb_pages("{pages}")
        self.set_title(title)
        self.set_creator(f"Fact-Check Workbench {__version__}")
        self.set_subject("Fact-check report")

    shaping_allowed = False

    def _shape_for(self, text: object) -> None:
        want = self.shaping_allowed and isinstance(text, str) and text_needs_shaping(text)
        if want != bool(self.text_shaping):
            if want:
                self.set_text_shaping(True, direction="ltr")  # the report reads left to right
            else:
                self.set_text_shaping(False)

    def _fit(
        self, args: tuple[Any, ...], kwargs: dict[str, Any], at: int, key: str
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """The call's text with characters the current font lacks shown as U+FFFD
        (instead of vanishing), and shaping set for it."""
        if key in kwargs:
            kwargs = {**kwargs, key: self._glyphs(kwargs[key])}
            text = kwargs[key]
        elif len(args) > at:
            args = (*args[:at], self._glyphs(args[at]), *args[at + 1 :])
            text = args[at]
        else:
            text = ""
        self._shape_for(text)
        return args, kwargs

    def _glyphs(self, text: object) -> object:
        if not isinstance(text, str) or text.isascii():
            return text
        font = self.current_font
        cmap = getattr(font, "cmap", None)
        if not cmap:
            return text
        return "".join(
            ch
            if ch in "\n\r\t" or ord(ch) in cmap or unicodedata.category(ch) == "Cf"
            else "\ufffd"
            for ch in text
        )

    def cell(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = self._fit(args, kwargs, 2, "text")
        return super().cell(*args, **kwargs)

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = self._fit(args, kwargs, 2, "text")
        return super().multi_cell(*args, **kwargs)

    def write(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = self._fit(args, kwargs, 1, "text")
        return super().write(*args, **kwargs)

    def get_string_width(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = self._fit(args, kwargs, 0, "s")
        return super().get_string_width(*args, **kwargs)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*DIM)
        self.cell(0, 4, _printable(self.report_title)[:120], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-MARGIN + 2)
        self.set_font(FONT, "", 8)
        self.set_text_color(*DIM)
        self.cell(0, 5, f"Page {self.page_no()} of {{pages}}", align="C")


class _Writer:
    def __init__(self, report: Report, fonts: Path) -> None:
        self.r = report
        pdf = _ReportPDF(report.title)
        pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        pdf.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
        # HarfBuzz shaping sets right-to-left and joined scripts right, and is
        # most of the time spent: _ReportPDF turns it on only for the texts that
        # need it.
        pdf.shaping_allowed = True
        self.pdf = pdf
        self._measuring = False
        self._measured = 0.0

    # ------------------------------------------------------------- text

    def font(self, size: float, style: str = "", colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(FONT, style, size)
        self.pdf.set_text_color(*colour)

    def para(
        self,
        text: str,
        size: float = 9.5,
        style: str = "",
        colour: tuple[int, int, int] = INK,
        h: float | None = None,
        link: str = "",
    ) -> None:
        self.font(size, style, colour)
        pdf = self.pdf
        text = _printable(text)
        line_h = h or size * 0.5
        width = pdf.w - pdf.r_margin - pdf.get_x()
        # One line without a break: a plain cell (fpdf2's line breaking is slow).
        single = "\n" not in text and pdf.get_string_width(text) < width - 2 * pdf.c_margin
        if self._measuring:
            if single:
                self._measured += line_h
            else:
                # Estimated from the text's width, generously (word wrapping
                # wastes the end of lines): only used to keep a claim together.
                lines = 0
                for part in text.split("\n"):
                    share = pdf.get_string_width(part) / max(1.0, width - 2 * pdf.c_margin)
                    lines += max(1, math.ceil(share * 1.12 + 0.05))
                self._measured += lines * line_h
            return
        if single:
            pdf.cell(width, line_h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, link=link)
            return
        wrap = WrapMode.CHAR if " " not in text.strip() else WrapMode.WORD
        pdf.multi_cell(
            0,
            line_h,
            text,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            wrapmode=wrap,
            link=link,
            align="L",
        )

    def heading(self, text: str, size: float = 14) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - pdf.b_margin - 30:
            pdf.add_page()
        pdf.ln(3)
        self.para(text, size, "B", h=size * 0.5)
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.set_line_width(0.2)
        pdf.ln(3)

    def subheading(self, text: str) -> None:
        self.ln(1.5)
        self.para(text.upper(), 7.5, "B", DIM, h=4)

    def badge(self, label: str, colour: str, size: float = 8) -> None:
        pdf = self.pdf
        self.font(size, "B")
        pdf.set_fill_color(*_rgb(colour))
        text = _printable(label)
        w = pdf.get_string_width(text) + 3
        if pdf.get_x() + w > pdf.w - pdf.r_margin:
            pdf.ln(size * 0.55)
        pdf.cell(w, size * 0.55, text, fill=True, align="C")
        pdf.cell(1.5, size * 0.55, "")

    def bar(self, share: float, colour: str, width: float = 45, h: float = 3) -> None:
        pdf = self.pdf
        x, y = pdf.get_x(), pdf.get_y() + 0.8
        pdf.set_fill_color(230, 230, 230)
        pdf.rect(x, y, width, h, style="F")
        filled = max(0.0, min(width, width * share))
        if filled:
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(x, y, filled, h, style="F")

    # ------------------------------------------------------------- sections

    def title_page(self) -> None:
        r, pdf = self.r, self.pdf
        pdf.add_page()
        self.para("FACT-CHECK REPORT", 8, "B", DIM, h=4)
        self.para(r.title, 20, "B", h=9)
        if r.description.strip():
            pdf.ln(1)
            self.para(r.description, 10.5, h=5)
        pdf.ln(2)
        self.font(9, "", DIM)
        pdf.write(5, f"Verdict scale: {_printable(r.scale_name)}   ")
        for v in r.scale:
            self.badge(v.label, v.colour)
        pdf.ln(7)
        self.para(
            f"Generated {r.generated.astimezone():%Y-%m-%d %H:%M} · {len(r.articles)} articles · "
            f"{r.claims_total} claims · {r.links_total} links",
            9,
            colour=DIM,
            h=4.5,
        )
        self.heading("Summary")
        self.para(
            f"{r.checked} of {r.claims_total} claims checked ({r.checked_percent} %)",
            10.5,
            "B",
            h=5.5,
        )
        self.bar(r.checked_share, "#aae1aa", 90, 3.5)
        pdf.ln(7)
        top_y = pdf.get_y()
        self.counts(
            "Claims by verdict",
            [c for c in r.per_verdict if c.n] or list(r.per_verdict),
            pdf.l_margin,
        )
        left_end = pdf.get_y()
        pdf.set_y(top_y)
        self.counts(
            f"Links by type ({r.links_total})",
            list(r.per_link_type),
            pdf.l_margin + (pdf.w - 2 * MARGIN) / 2,
        )
        pdf.set_y(max(left_end, pdf.get_y()))
        pdf.set_x(pdf.l_margin)
        self.subheading("Articles")
        rows = [["#", "Outlet", "Title", "Published", "Claims", "Checked"]]
        for i, a in enumerate(r.articles, 1):
            rows.append(
                [
                    str(i),
                    a.info.outlet or "—",
                    a.info.title,
                    a.info.published.isoformat() if a.info.published else "—",
                    str(len(a.claims)),
                    str(a.checked),
                ]
            )
        self.table(rows, (6, 30, 74, 22, 14, 14))
        if r.session_notes:
            self.subheading("Notes on the session")
            for n in r.session_notes:
                self.para(n.text, 9.5)

    def counts(self, title: str, counts: list[Any], x: float) -> None:
        pdf = self.pdf
        pdf.set_x(x)
        self.font(7.5, "B", DIM)
        pdf.cell(80, 5, title.upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
        top = max([c.n for c in counts] + [1])
        for c in counts:
            pdf.set_x(x)
            self.font(9, "", INK if c.n else DIM)
            pdf.cell(36, 5, _printable(c.label)[:40])
            pdf.cell(8, 5, str(c.n), align="R")
            pdf.cell(2, 5, "")
            self.bar(c.n / top, c.colour, 32)
            pdf.ln(5)

    def table(
        self,
        rows: list[list[str]],
        widths: tuple[float, ...],
        conflict_rows: set[int] | None = None,
    ) -> None:
        pdf = self.pdf
        self.font(8)
        pdf.set_draw_color(*RULE)
        pdf.set_fill_color(255, 255, 255)
        with pdf.table(
            col_widths=widths,
            width=pdf.w - 2 * MARGIN,
            text_align="LEFT",
            line_height=4,
            first_row_as_headings=True,
            repeat_headings=1,
            headings_style=_heading_style(),
            borders_layout="ALL",
            padding=1,
        ) as table:
            for i, cells in enumerate(rows):
                row = table.row()
                conflict = bool(conflict_rows and i in conflict_rows)
                for cell in cells:
                    if conflict:
                        row.cell(_printable(cell), style=_conflict_style())
                    else:
                        row.cell(_printable(cell))
        pdf.ln(2)

    def facts(self) -> None:
        r = self.r
        if not r.facts:
            return
        self.heading("Facts side by side")
        self.para(
            f"Numbers, dates, places and attributions each article states. {r.conflicts} of "
            f"{len(r.facts)} rows disagree (shaded, marked CONFLICT).",
            9,
            colour=DIM,
            h=4.5,
        )
        self.pdf.ln(1)
        rows = [["Fact", *[a.info.label for a in r.articles]]]
        conflicts = set()
        for i, f in enumerate(r.facts, 1):
            label = f"{f.facet} / {f.key}"
            if f.conflict:
                label += f"\nCONFLICT: {f.reason}"
                conflicts.add(i)
            rows.append([label, *[c or "—" for c in f.cells]])
        n = max(1, len(r.articles))
        first = 60.0 if n > 1 else 90.0
        rest = (self.pdf.w - 2 * MARGIN - first) / n
        self.table(rows, (first, *([rest] * n)), conflicts)

    def claims(self) -> None:
        r, pdf = self.r, self.pdf
        pdf.add_page()
        self.heading("Claims")
        for a in r.articles:
            if pdf.get_y() > pdf.h - pdf.b_margin - 45:
                pdf.add_page()
            pdf.ln(2)
            head = a.info.label
            if a.info.outlet and a.info.title != a.info.outlet:
                head += f" — {a.info.title}"
            self.para(head, 12, "B", h=6)
            meta = [
                m
                for m in (a.info.author, a.info.published.isoformat() if a.info.published else None)
                if m
            ]
            if a.info.url:
                meta.append(a.info.url)
            self.para(
                # LRM after each item: a right-to-left name keeps its place in the line.
                "\u200e · ".join(meta) or "no author, date or address recorded",
                8.5,
                colour=DIM,
                h=4.5,
                link=web_href(a.info.url) or "",
            )
            for n in a.notes:
                self.para(n.text, 9)
            pdf.ln(1)
            if not a.claims:
                self.para("No claims marked in this article.", 9, colour=DIM)
            for c in a.claims:
                self.claim_kept_together(c)

    def claim_kept_together(self, c: ReportClaim) -> None:
        pdf = self.pdf
        height = self.measure(c)
        room = pdf.h - pdf.b_margin - pdf.get_y()
        body = pdf.h - pdf.b_margin - pdf.t_margin - 8
        if height > room and (height <= body or room < body * 0.6):
            # Does not fit here: start it on the next page. A claim longer than
            # a page starts on a fresh one (unless most of this one is free).
            pdf.add_page()
        self.claim(c)

    def measure(self, c: ReportClaim) -> float:
        """The height ``claim(c)`` will take, worked out without drawing."""
        self._measured = 0.0
        self._measuring = True
        try:
            self.claim(c)
        finally:
            self._measuring = False
        return self._measured

    def ln(self, h: float) -> None:
        if self._measuring:
            self._measured += h
        else:
            self.pdf.ln(h)

    def claim(self, c: ReportClaim) -> None:
        pdf = self.pdf
        top = pdf.get_y()
        page = pdf.page
        pdf.set_left_margin(MARGIN + 4)
        pdf.set_x(MARGIN + 4)
        self.ln(1.5)
        if not self._measuring:
            self.font(9, "B", DIM)
            pdf.write(5, f"Claim {c.number}   ")
            self.badge(c.verdict, c.verdict_colour)
            if c.checkworthiness is not None:
                self.font(8, "", DIM)
                pdf.write(5, f"  check-worthiness {c.checkworthiness}/5")
            pdf.ln(6.5)
            # The quote in its sentence: context dim, the claim in bold.
            self.font(10.5, "", DIM)
            pdf.write(5.2, _printable(c.before))
            self.font(10.5, "B")
            pdf.write(5.2, _printable(c.quote))
            self.font(10.5, "", DIM)
            pdf.write(5.2, _printable(c.after))
            pdf.ln(7)
        else:
            self._measured += 6.5
            # Measured all in bold: wider than the real mix, so never short.
            self.para(c.before + c.quote + c.after, 10.5, "B", h=5.2)
            self._measured += 7 - 5.2
        self.subheading("Rationale")
        if c.rationale.strip():
            self.para(c.rationale, 9.5)
        else:
            self.para("No rationale written.", 9, colour=DIM)
        self.subheading(f"Evidence ({len(c.evidence)})")
        if not c.evidence:
            self.para("No evidence recorded.", 9, colour=DIM)
        for e in c.evidence:
            self.para(e.title or e.url or e.citation or "Untitled source", 9.5, "B")
            if e.url and e.url != e.title:
                self.para(e.url, 8, colour=LINK_INK, link=web_href(e.url) or "")
            if e.citation and e.citation != e.title:
                self.para(e.citation, 9)
            if e.excerpt:
                self.para(f"“{e.excerpt}”", 9, "I")
            if e.accessed:
                self.para(f"accessed {e.accessed.isoformat()}", 8, colour=DIM)
            self.ln(1)
        self.subheading(f"Notes ({len(c.notes)})")
        if not c.notes:
            self.para("No notes.", 9, colour=DIM)
        for n in c.notes:
            self.para(n.text, 9.5)
            self.para(f"{n.updated.astimezone():%Y-%m-%d %H:%M}", 7.5, colour=DIM, h=4)
        self.subheading(f"Linked claims ({len(c.links)})")
        if not c.links:
            self.para("Not linked to claims in other articles.", 9, colour=DIM)
        for lk in c.links:
            if self._measuring:
                self._measured += 5.5
            else:
                self.font(9, "B", _rgb(lk.colour))
                pdf.write(5, f"■ {lk.label}  ")
                self.font(9, "", INK)
                pdf.write(5, f"{_printable(lk.outlet)}  (claim {lk.number})  ")
                self.badge(lk.verdict, lk.verdict_colour, 7.5)
                pdf.ln(5.5)
            self.para(f"“{lk.quote}”", 9.5)
            if lk.note.strip():
                self.para(lk.note, 8.5, colour=DIM)
            for text in lk.notes:
                self.para(text, 8.5, colour=DIM)
            self.ln(0.5)
        self.ln(2)
        pdf.set_left_margin(MARGIN)
        pdf.set_x(MARGIN)
        if self._measuring:
            self._measured += 2
            return
        # The verdict's colour down the left edge, on the claim's own page part.
        bottom = pdf.get_y()
        pdf.set_fill_color(*_rgb(c.verdict_colour))
        if pdf.page == page:
            pdf.rect(MARGIN, top + 1, 1.6, bottom - top - 2, style="F")
        else:
            pdf.rect(MARGIN, pdf.t_margin, 1.6, max(0.0, bottom - pdf.t_margin - 1), style="F")
        pdf.set_draw_color(*RULE)
        pdf.line(MARGIN, bottom, pdf.w - MARGIN, bottom)
        pdf.ln(2)

    def render(self) -> bytes:
        self.title_page()
        self.facts()
        self.claims()
        return bytes(self.pdf.output())


_SHAPED = frozenset(("R", "AL", "AN", "NSM"))


def text_needs_shaping(text: str) -> bool:
    """True when ``text`` has right-to-left letters or combining marks."""
    return not text.isascii() and any(unicodedata.bidirectional(ch) in _SHAPED for ch in text)


def _heading_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD", fill_color=(240, 240, 240), color=INK)


def _conflict_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(fill_color=CONFLICT_FILL, color=CONFLICT_INK)


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes."""
    with as_file(files("workbench.export") / "fonts") as fonts, _quiet_fonttools():
        return _Writer(report, Path(fonts)).render()


def export_pdf(
    lib: Library, session_id: str, out: str | os.PathLike[str], *, facts: bool = True
) -> ExportResult:
    """Write the session's PDF report to ``out`` (atomically)."""
    report = build_report(lib, session_id, facts=facts)
    data = render_pdf(report)
    with atomic_output(out, lib=lib, binary=True) as fh:
        fh.write(data)
    return ExportResult(
        str(out), report.claims_total, len(report.articles), report.links_total, len(data)
    )
