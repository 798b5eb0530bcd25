"""A session full of hostile content, for every exporter's tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from workbench import ops
from workbench.storage.store import Library

SCRIPT = "<script>alert('x')</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'
RTL = "שלום עולם مرحبا بالعالم"
ASTRAL = "😀 \U00010300"  # an emoji and an Old Italic letter (both in DejaVu Sans)
QUOTES = "He said \"no\" & 'yes'"
LONG_NOTE = ("A long note. " * 800)[:10_000]

TEXT_A = (
    f"Officials said {FORMULA} was posted. {SCRIPT} appeared in the feed. "
    f"The mayor wrote {QUOTES} in a letter. A banner read {RTL} at the gate. "
    f"Someone typed {ASTRAL} twice. No one was injured in the attack."
)
TEXT_B = "Two people were killed in the attack, the hospital said. Four drones flew in."


@dataclass(frozen=True)
class Hostile:
    sid: str
    a: str
    b: str
    claims: dict[str, str]  # label -> claim id
    link: str


def _claim(lib: Library, article: str, text: str, quote: str) -> str:
    start = text.index(quote)
    cid = ops.add_claim(lib, article, start, start + len(quote)).target_id
    assert cid
    return cid


@pytest.fixture
def hostile(lib: Library) -> Hostile:
    return make_hostile(lib)


def make_hostile(lib: Library) -> Hostile:
    """The hostile session in ``lib`` (also usable outside pytest, to look at the files)."""
    sid = ops.create_session(lib, f"Strike {SCRIPT}", description=f"{FORMULA}\n{RTL}").target_id
    assert sid
    a = ops.add_article(
        lib,
        sid,
        f"Herald {SCRIPT}",
        TEXT_A,
        outlet=f"Herald {QUOTES}",
        url="javascript:alert(1)",
        published="2026-03-12",
        author=RTL,
    ).target_id
    b = ops.add_article(
        lib,
        sid,
        "Courier",
        TEXT_B,
        outlet="Northern Courier",
        url="https://courier.example/a?x=1&y=<2>",
        published="2026-03-10",
    ).target_id
    assert a and b
    claims = {
        "formula": _claim(lib, a, TEXT_A, FORMULA),
        "script": _claim(lib, a, TEXT_A, SCRIPT),
        "quotes": _claim(lib, a, TEXT_A, QUOTES),
        "rtl": _claim(lib, a, TEXT_A, RTL),
        "astral": _claim(lib, a, TEXT_A, ASTRAL),
        "injured": _claim(lib, a, TEXT_A, "No one was injured in the attack"),
        "killed": _claim(lib, b, TEXT_B, "Two people were killed in the attack"),
        "drones": _claim(lib, b, TEXT_B, "Four drones flew in"),
    }
    ops.set_verdict(lib, claims["injured"], "False", rationale=f"Hospital: two dead. {SCRIPT}")
    ops.set_verdict(lib, claims["killed"], "Mostly True", rationale=FORMULA)
    ops.set_verdict(lib, claims["script"], "In progress")
    ops.set_verdict(lib, claims["rtl"], "Pants on Fire", rationale=RTL)
    ops.add_evidence(
        lib,
        claims["injured"],
        url="https://hospital.example/statement",
        title=f"Statement {SCRIPT}",
        excerpt=QUOTES,
    )
    ops.add_evidence(lib, claims["killed"], url="javascript:alert(2)", title=FORMULA)
    ops.add_note(lib, claims["injured"], LONG_NOTE)
    ops.add_note(lib, claims["formula"], f"{FORMULA}\n{ASTRAL}")
    ops.add_note(lib, sid, f"Session note {SCRIPT}")
    link = ops.link_claims(
        lib, claims["injured"], claims["killed"], "contradicts", note=f"0 vs 2 {SCRIPT}"
    ).target_id
    assert link
    ops.link_claims(lib, claims["rtl"], claims["drones"], "same")
    return Hostile(sid, a, b, claims, link)
