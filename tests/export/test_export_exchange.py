"""ClaimReview, W3C annotations and REFI-QDA on a session full of hostile content."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.export.conftest import FORMULA, RTL, SCRIPT, TEXT_A, Hostile
from workbench import ops
from workbench.errors import UserError
from workbench.export.annotations import export_annotations, import_annotations
from workbench.export.claimreview import (
    MissingSetting,
    export_claimreview,
    ordinal_ratings,
)
from workbench.export.qdpx import NS, export_qdpx
from workbench.ops import settings as st
from workbench.queries.claims import claim_info, verdict_history
from workbench.queries.sessions import article_text, session_detail, session_summary
from workbench.storage.store import Library
from workbench.vocabulary import PRESETS


def test_claimreview_refuses_naming_the_missing_setting(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    out = tmp_path / "cr.jsonld"
    with pytest.raises(MissingSetting, match=r"review\.url_prefix.*--review-url"):
        export_claimreview(lib, hostile.sid, out, org_name="Desk")
    with pytest.raises(MissingSetting, match=r"org\.name.*--org-name"):
        export_claimreview(lib, hostile.sid, out, review_url="https://desk.example/r/")
    with pytest.raises(MissingSetting, match="not an http"):
        export_claimreview(lib, hostile.sid, out, org_name="D", review_url="javascript:x")
    assert not out.exists()


def test_claimreview_fields_one_by_one(lib: Library, hostile: Hostile, tmp_path: Path) -> None:
    st.set_setting(lib, st.ORG_NAME, "Library Desk")
    st.set_setting(lib, st.REVIEW_URL_PREFIX, "https://desk.example/review/")
    st.set_setting(lib, st.ORG_NAME, "Session Desk", session_id=hostile.sid)
    out = tmp_path / "cr.jsonld"
    result = export_claimreview(lib, hostile.sid, out, org_url="https://desk.example")
    assert result["claims"] == 3 and result["skipped_working"] == 5
    raw = out.read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw  # escaped: safe inside a script element
    reviews = json.loads(raw)
    by_claim = {r["url"].rsplit("/", 1)[1]: r for r in reviews}
    assert set(by_claim) == {hostile.claims[k] for k in ("injured", "killed", "rtl")}
    r = by_claim[hostile.claims["injured"]]
    assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
    assert r["url"] == "https://desk.example/review/" + hostile.claims["injured"]
    assert r["claimReviewed"] == "No one was injured in the attack"
    assert r["author"] == {
        "@type": "Organization",
        "name": "Session Desk",
        "url": "https://desk.example",
    }
    rating = r["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == "False"
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (2, 6, 1)
    assert rating["ratingExplanation"] == f"Hospital: two dead. {SCRIPT}"
    assert len(r["datePublished"]) == 10
    item = r["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"].startswith("Herald")
    assert [a["datePublished"] for a in item["appearance"]] == ["2026-03-12"]
    # The RTL claim is linked as the same claim to one in the Courier (published
    # earlier): both articles appear and the Courier is the first appearance.
    same = by_claim[hostile.claims["rtl"]]
    assert same["claimReviewed"] == RTL
    urls = [a.get("url") for a in same["itemReviewed"]["appearance"]]
    assert "https://courier.example/a?x=1&y=<2>" in urls and len(urls) == 2
    first = same["itemReviewed"]["firstAppearance"]
    assert first["datePublished"] == "2026-03-10" and same["itemReviewed"]["datePublished"] == (
        "2026-03-10"
    )
    assert by_claim[hostile.claims["killed"]]["reviewRating"]["ratingExplanation"] == FORMULA


def test_ratings_only_for_ordinal_scales() -> None:
    assert ordinal_ratings(PRESETS["politifact"])["True"] == (6, 6, 1)
    snopes = ordinal_ratings(PRESETS["snopes"])
    assert "Labeled Satire" not in snopes and "Unproven" not in snopes
    assert ordinal_ratings(PRESETS["conclusion-only"]) == {}


def test_claimreview_refuses_when_nothing_is_judged(
    lib: Library, tmp_path: Path, two_articles: tuple[str, str, str]
) -> None:
    sid = two_articles[0]
    with pytest.raises(UserError, match="no claim of this session has a final verdict"):
        export_claimreview(
            lib, sid, tmp_path / "x.json", org_name="D", review_url="https://d.example/"
        )


def test_annotations_fields_and_round_trip_onto_a_fresh_copy(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    out = tmp_path / "anno.jsonld"
    assert export_annotations(lib, hostile.sid, out)["claims"] == 8
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 8
    items = {i["id"]: i for i in data["first"]["items"]}
    ann = items[f"urn:uuid:{hostile.claims['formula']}"]
    assert ann["type"] == "Annotation"
    quote, position = ann["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == FORMULA
    assert TEXT_A.endswith(quote["suffix"][-5:]) or quote["suffix"] in TEXT_A
    assert position["type"] == "TextPositionSelector"
    assert TEXT_A[position["start"] : position["end"]] == FORMULA
    assert ann["target"]["source"] == f"urn:uuid:{hostile.a}"  # javascript: URL not used
    purposes = [b["purpose"] for b in ann["body"]]
    assert purposes[0] == "assessing" and "commenting" in purposes
    killed = items[f"urn:uuid:{hostile.claims['killed']}"]
    assert killed["target"]["source"] == "https://courier.example/a?x=1&y=<2>"
    assert {b["purpose"] for b in killed["body"]} >= {"assessing", "describing", "linking"}

    # A second session with the same articles: the annotations land on them.
    sid2 = ops.create_session(lib, "Copy").target_id
    assert sid2
    a2 = ops.add_article(lib, sid2, "Herald", TEXT_A).target_id
    ops.add_article(
        lib,
        sid2,
        "Courier",
        article_text(lib, hostile.b),
        url="https://courier.example/a?x=1&y=<2>",
    )
    # Point the Herald's annotations at the copy (by its urn), as another tool would.
    text = out.read_text(encoding="utf-8").replace(f"urn:uuid:{hostile.a}", f"urn:uuid:{a2}")
    moved = tmp_path / "moved.jsonld"
    moved.write_text(text, encoding="utf-8")
    result = import_annotations(lib, sid2, moved)
    assert result.added == 8 and not result.skipped
    copy = session_detail(lib, sid2)
    original = session_detail(lib, hostile.sid)
    assert sorted((c.quote, c.start, c.end, c.verdict, c.rationale) for c in copy.claims) == (
        sorted((c.quote, c.start, c.end, c.verdict, c.rationale) for c in original.claims)
    )
    notes = {n.text for n in copy.notes}
    assert f"{FORMULA}\n\U0001f600 \U00010300" in notes
    # Importing again changes nothing.
    again = import_annotations(lib, sid2, moved)
    assert (again.added, again.reused, again.verdicts, again.notes) == (0, 8, 0, 0)


def test_annotations_anchor_by_quote_then_position(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    start = TEXT_A.index("The mayor")
    items = [
        {
            "type": "Annotation",
            "body": [{"purpose": "assessing", "value": "True"}],
            "target": {
                "source": f"urn:uuid:{hostile.a}",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "The mayor wrote"},
                    {"type": "TextPositionSelector", "start": 0, "end": 5},
                ],
            },
        },
        {
            "type": "Annotation",
            "body": [],
            "target": {
                "source": f"urn:uuid:{hostile.a}",
                "selector": [{"type": "TextPositionSelector", "start": 0, "end": 9}],
            },
        },
        {
            "type": "Annotation",
            "body": [],
            "target": {
                "source": f"urn:uuid:{hostile.a}",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "words that are not there"},
                    {"type": "TextPositionSelector", "start": 0, "end": 24},
                ],
            },
        },
        {"type": "Annotation", "target": {"source": "https://elsewhere.example/"}},
    ]
    f = tmp_path / "a.json"
    f.write_text(json.dumps(items), encoding="utf-8")
    result = import_annotations(lib, hostile.sid, f)
    assert result.added == 2 and len(result.skipped) == 2
    spans = {(c.start, c.end, c.verdict) for c in session_detail(lib, hostile.sid).claims}
    assert (start, start + len("The mayor wrote"), "True") in spans
    assert (0, 9, "Unchecked") in spans


def test_annotations_import_refuses_non_json(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    f = tmp_path / "x.json"
    f.write_bytes(b"\xff\xfe not json")
    before = session_summary(lib, hostile.sid).claims
    with pytest.raises(UserError, match="nothing was imported"):
        import_annotations(lib, hostile.sid, f)
    assert session_summary(lib, hostile.sid).claims == before


def test_qdpx_project_structure(lib: Library, hostile: Hostile, tmp_path: Path) -> None:
    out = tmp_path / "p.qdpx"
    assert export_qdpx(lib, hostile.sid, out)["claims"] == 8
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        root = ET.fromstring(zf.read("project.qde"))
        texts = {n: zf.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    q = f"{{{NS}}}"
    assert root.tag == f"{q}Project" and root.get("name") == f"Strike {SCRIPT}"
    order = [
        "Users",
        "CodeBook",
        "Variables",
        "Cases",
        "Sources",
        "Notes",
        "Links",
        "Sets",
        "Graphs",
        "Description",
        "NoteRef",
    ]
    tags = [child.tag.removeprefix(q) for child in root]
    assert tags == sorted(tags, key=order.index)  # the schema's sequence
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{q}Code")}
    assert "False" in codes.values() and all(
        c.get("isCodable") == "true" for c in root.iter(f"{q}Code")
    )
    sources = list(root.iter(f"{q}TextSource"))
    assert len(sources) == 2
    for src in sources:
        path = src.get("plainTextPath")
        assert path and path.startswith("internal://")
        text = texts[f"sources/{path.removeprefix('internal://')}"]
        for sel in src.iter(f"{q}PlainTextSelection"):
            s, e = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            claim = claim_info(lib, sel.get("guid", ""))
            assert text[s:e] == claim.quote
            [ref] = sel.iter(f"{q}CodeRef")
            assert codes[ref.get("targetGUID")] == claim.verdict
    links = list(root.iter(f"{q}Link"))
    assert {lk.get("name") for lk in links} == {"Contradicts", "Same claim"}
    notes = {n.get("guid"): n.findtext(f"{q}PlainTextContent") for n in root.iter(f"{q}Note")}
    assert any(t and t.startswith("A long note.") and len(t) == 10_000 for t in notes.values())
    refs = {r.get("targetGUID") for r in root.iter(f"{q}NoteRef")}
    assert refs <= set(notes)


def test_annotation_import_is_one_operation_that_undo_takes_back(
    lib: Library, hostile: Hostile, tmp_path: Path
) -> None:
    from workbench.ops.session_import import import_annotation_rows

    out = tmp_path / "anno.jsonld"
    export_annotations(lib, hostile.sid, out)
    sid2 = ops.create_session(lib, "Copy").target_id
    assert sid2
    a2 = ops.add_article(lib, sid2, "Herald", TEXT_A).target_id
    assert a2
    text = out.read_text(encoding="utf-8").replace(f"urn:uuid:{hostile.a}", f"urn:uuid:{a2}")
    from workbench.export.annotations import plan_annotations

    placed, skipped = plan_annotations(lib, sid2, json.loads(text))
    assert len(placed) == 6 and len(skipped) == 2  # the Courier is not in the copy
    change = import_annotation_rows(
        lib,
        sid2,
        [
            {
                "article_id": p.article_id,
                "start": p.start,
                "end": p.end,
                "verdict": p.verdict,
                "rationale": p.rationale,
                "notes": list(p.notes),
                "claim_id": None,
            }
            for p in placed
        ],
    )
    detail = session_detail(lib, sid2)
    assert len(detail.claims) == 6 and len(detail.notes) == 2
    assert {c.verdict for c in detail.claims} >= {"False", "Pants on Fire", "In progress"}
    assert (
        verdict_history(lib, next(c.id for c in detail.claims if c.verdict == "False"))[-1][3]
        == "False"
    )
    ops.apply(lib, change.inverse)
    detail = session_detail(lib, sid2)
    assert detail.claims == () and detail.notes == ()
