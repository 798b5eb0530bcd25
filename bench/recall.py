"""Claim memory and library search on a library of 100,000 judged claims.

Run from the repository root::

    .venv/bin/python -m bench --corpus ../shared/corpora/fnc1 --only recall

The library: 1,000 sessions, each holding FNC-1 bodies as articles (drawn at
random, so one body is in several sessions, as one story is checked again)
and the first 100 sentences of them as claims with a verdict from the
session's scale and a ``set_verdict`` audit event each: 100,000 judged
claims. The rows are bulk-inserted in one transaction (plain SQL, for
speed); both indexes are then built by the product's own code, the one
``workbench check --repair`` and the migrations run
(``search_index.rebuild``, ``recall_index.rebuild``), and timed.

What it prints:

1. Time to build each index from scratch, and its size on disk (SQLite's
   ``dbstat``), beside the size of the whole library.
2. ``recall(claim_id=...)`` for 200 random claims (their own session left
   out): median and p95 per query against the goal of p95 under 50 ms (each
   query's best of 3 interleaved rounds, and every run), and
   ``recall_many`` over every sentence of 20 bodies (the import markers).
3. Library search (``search_index.search``) for 200 queries drawn from the
   bodies (words, two words, "phrases", prefix*): median and p95 against the
   goal of 20 ms (the same rounds), and by kind of query.
4. Recall@1 of a planted paraphrase: one side of 300 MSRP pairs labelled as
   paraphrases is added as a judged claim through the operations (so the
   index is kept current the way an edit keeps it), in sessions of its own;
   the other side is the query. Then the other side of 300 further pairs,
   whose partners are not in the library: how often such an unrelated query
   gets a strong (or likely) hit. The paraphrase corpus is read from
   ``paraphrase/`` beside the FNC-1 folder.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.corpus import load_bodies
from bench.paraphrase import MSRP_TRAIN, MSRP_VAL, load_msrp

SESSIONS = 1_000
CLAIMS_PER_SESSION = 100
QUERIES = 200
SEARCHES = 200
MARKED_BODIES = 20
PLANTED = 300
UNRELATED = 300
PLANTED_PER_SESSION = 30
SEED = 20_261_201
ROUNDS = 3
RECALL_GOAL_MS = 50.0
SEARCH_GOAL_MS = 20.0


def _ms(samples: Sequence[float]) -> tuple[float, float]:
    """Median and p95 of ``samples`` (seconds), in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _rounds(calls: Sequence[Callable[[], Any]]) -> tuple[list[float], list[float], list[Any]]:
    """Each call timed in ROUNDS interleaved rounds: (its best time, every time,
    its first result). The best of a few rounds is the work's own cost on a
    machine whose other jobs come and go; every time is printed too."""
    best = [float("inf")] * len(calls)
    every: list[float] = []
    first: list[Any] = [None] * len(calls)
    for r in range(ROUNDS):
        for k, call in enumerate(calls):
            took, out = _timed(call)
            every.append(took)
            best[k] = min(best[k], took)
            if r == 0:
                first[k] = out
    return best, every, first


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _claim_sentences(text: str) -> list[tuple[int, int]]:
    from workbench.analysis.text import split_sentences

    return [(s.start, s.end) for s in split_sentences(text) if len(s.text.split()) >= 4]


def _bulk_insert(lib: Any, bodies: list[tuple[int, str]], rng: random.Random) -> dict[str, Any]:
    """1,000 sessions of judged claims, inserted with plain SQL in one transaction."""
    from workbench import vocabulary
    from workbench.analysis.anchoring import CONTEXT_CHARS
    from workbench.ops import content_hash

    scale = vocabulary.preset("politifact")
    labels = scale.labels
    spans = {bid: _claim_sentences(text) for bid, text in bodies}
    texts = dict(bodies)
    hashes = {bid: content_hash(text) for bid, text in bodies}
    ids = [bid for bid, _ in bodies if spans[bid]]
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    sessions, articles, claims, events = [], [], [], []
    where: list[tuple[str, str, str]] = []  # (claim id, session id, quote)
    for s in range(SESSIONS):
        sid = str(uuid.uuid4())
        sessions.append(
            (sid, 1, f"Bench session {s}", "", "open", scale.name, json.dumps(scale.to_json()))
        )
        taken = 0
        position = 0
        used: set[int] = set()
        while taken < CLAIMS_PER_SESSION:
            bid = rng.choice(ids)
            if bid in used:
                continue
            used.add(bid)
            aid = str(uuid.uuid4())
            text = texts[bid]
            articles.append((aid, 1, sid, position, f"Body {bid}", text, hashes[bid]))
            position += 1
            for start, end in spans[bid][: CLAIMS_PER_SESSION - taken]:
                cid = str(uuid.uuid4())
                verdict = rng.choice(labels)
                quote = text[start:end]
                claims.append(
                    (
                        cid,
                        1,
                        aid,
                        start,
                        end,
                        quote,
                        text[max(0, start - CONTEXT_CHARS) : start],
                        text[end : end + CONTEXT_CHARS],
                        verdict,
                        "",
                    )
                )
                events.append(
                    (
                        "bench",
                        "set_verdict",
                        sid,
                        cid,
                        json.dumps({"verdict": "Unchecked", "rationale": ""}),
                        json.dumps({"verdict": verdict, "rationale": ""}),
                    )
                )
                where.append((cid, sid, quote))
                taken += 1
    engine = lib.engine.execution_options(workbench_write=True)
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sessions (id, version, title, description, status, scale_name, scale, "
            f"created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, '{now}', '{now}')",
            sessions,
        )
        conn.exec_driver_sql(
            "INSERT INTO articles (id, version, session_id, position, title, text, content_hash, "
            f"fmt, created) VALUES (?, ?, ?, ?, ?, ?, ?, 'txt', '{now}')",
            articles,
        )
        conn.exec_driver_sql(
            'INSERT INTO claims (id, version, article_id, start, "end", quote, prefix, suffix, '
            f"verdict, rationale, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            f"'{now}', '{now}')",
            claims,
        )
        conn.exec_driver_sql(
            "INSERT INTO events (actor, operation, session_id, target_id, before, after, at) "
            f"VALUES (?, ?, ?, ?, ?, ?, '{now}')",
            events,
        )
    return {
        "seconds": time.perf_counter() - t0,
        "sessions": len(sessions),
        "articles": len(articles),
        "claims": where,
    }


def _sizes(lib: Any) -> dict[str, int]:
    from sqlalchemy import text

    with lib.engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")).all()
        except Exception:  # an SQLite built without dbstat
            return {}
        finally:
            conn.rollback()
    out = {"recall": 0, "search": 0, "all": 0}
    for name, size in rows:
        out["all"] += int(size)
        if name.startswith(("recall_", "ix_recall_", "sqlite_autoindex_recall_")):
            out["recall"] += int(size)
        elif name.startswith("search_"):
            out["search"] += int(size)
    return out


def _search_queries(bodies: list[tuple[int, str]], rng: random.Random) -> list[str]:
    import re

    words = [w for _, t in bodies for w in re.findall(r"[A-Za-z]{5,}", t)]
    queries = []
    for k in range(SEARCHES):
        kind = k % 4
        if kind == 0:
            queries.append(rng.choice(words))
        elif kind == 1:
            queries.append(f"{rng.choice(words)} {rng.choice(words)}")
        elif kind == 2:
            _, body = rng.choice(bodies)
            run = re.findall(r"[A-Za-z]+", body)
            at = rng.randrange(max(1, len(run) - 3))
            queries.append('"' + " ".join(run[at : at + 3]) + '"')
        else:
            queries.append(rng.choice(words)[:5].lower() + "*")
    return queries


def _plant(lib: Any, texts: list[str]) -> list[str]:
    """Each text a judged claim, added through the operations; their claim ids."""
    from workbench import ops

    ids: list[str] = []
    for k in range(0, len(texts), PLANTED_PER_SESSION):
        chunk = texts[k : k + PLANTED_PER_SESSION]
        sid = ops.create_session(lib, f"Planted {k // PLANTED_PER_SESSION}").target_id or ""
        body = "\n\n".join(chunk)
        aid = ops.add_article(lib, sid, "Planted", body).target_id or ""
        at = 0
        for sentence in chunk:
            start = body.index(sentence, at)
            at = start + len(sentence)
            cid = ops.add_claim(lib, aid, start, at).target_id or ""
            ops.set_verdict(lib, cid, "Mostly True")
            ids.append(cid)
    return ids


def main(corpus: Path) -> None:
    from rapidfuzz import utils

    from workbench.analysis.text import split_sentences
    from workbench.queries.recall import recall, recall_many
    from workbench.storage import recall_index, search_index
    from workbench.storage.store import open_library

    rng = random.Random(SEED)
    bodies = load_bodies(corpus)
    paraphrase = corpus.parent / "paraphrase"  # read at run time, like FNC-1
    pairs = [
        p
        for name in (MSRP_VAL, MSRP_TRAIN)
        for p in load_msrp(paraphrase, name)
        if p.value == 1 and p.a.strip() and p.b.strip()
    ]
    rng.shuffle(pairs)
    planted_pairs = pairs[:PLANTED]
    unrelated = [p.b for p in pairs[PLANTED : PLANTED + UNRELATED]]
    with tempfile.TemporaryDirectory(prefix="fcwb-bench-recall-") as tmp:
        path = Path(tmp) / "library.sqlite3"
        lib = open_library(path, actor="bench")
        try:
            made = _bulk_insert(lib, bodies, rng)
            claims = made["claims"]
            print(
                f"library: {made['sessions']:,} sessions, {made['articles']:,} articles "
                f"({len(bodies):,} FNC-1 bodies, drawn at random), {len(claims):,} judged "
                f"claims (sentences of 4+ words) with an audit event each; bulk-inserted "
                f"in one transaction in {made['seconds']:.1f} s"
            )
            search_s, _ = _timed(lambda: search_index.rebuild(lib))
            recall_s, indexed = _timed(lambda: recall_index.rebuild(lib))
            sizes = _sizes(lib)
            total = sizes.get("all") or path.stat().st_size
            print(
                "indexes built from scratch by the product's own code "
                "(search_index.rebuild and recall_index.rebuild, as `check --repair` and "
                "the migrations build them):"
            )
            per = 1000 * recall_s / max(1, indexed)
            print(
                f"  recall index: {indexed:,} claims in {recall_s:.1f} s ({per:.2f} ms a claim), "
                f"{sizes.get('recall', 0) / 1e6:.1f} MB on disk "
                f"({sizes.get('recall', 0) / total:.0%} of the {total / 1e6:.0f} MB library)"
            )
            print(
                f"  search index: every article, claim, rationale and note in {search_s:.1f} s, "
                f"{sizes.get('search', 0) / 1e6:.1f} MB on disk "
                f"({sizes.get('search', 0) / total:.0%} of the library)"
            )
            check_s, problems = _timed(lambda: recall_index.index_problems(lib))
            print(
                f"  check of the recall index against the claims: "
                f"{'; '.join(problems) or 'agrees'} ({check_s:.1f} s)"
            )

            # Recall of a library claim, its own session left out.
            sample = rng.sample(claims, QUERIES)
            recall(lib, claim_id=sample[0][0])  # model and lexicon loaded before timing
            sessions_of: dict[str, set[str]] = {}
            for _, sid, quote in claims:
                sessions_of.setdefault(quote, set()).add(sid)
            best, every, results = _rounds(
                [lambda c=cid: recall(lib, claim_id=c) for cid, _, _ in sample]
            )
            elsewhere = [len(sessions_of[quote] - {sid}) > 0 for _, sid, quote in sample]
            same_words = utils.default_process  # copies differ in quote marks and case
            hits = sum(
                bool(found) and same_words(found[0].quote) == same_words(quote)
                for found, (_, _, quote), there in zip(results, sample, elsewhere, strict=True)
                if there
            )
            strong = sum(bool(found) and found[0].tier == "strong" for found in results)
            med, p95 = _ms(best)
            raw_med, raw_p95 = _ms(every)
            print(
                f"recall(claim_id=...) for {QUERIES} random claims, own session left out, "
                f"best of {ROUNDS} rounds: median {med:.1f} ms, p95 {p95:.1f} ms (goal p95 < "
                f"{RECALL_GOAL_MS:.0f} ms: {p95 / RECALL_GOAL_MS:.2f} of it); every run: median "
                f"{raw_med:.1f} ms, p95 {raw_p95:.1f} ms. The same sentence (same words), "
                f"judged in another session, came first for {hits}/{sum(elsewhere)} of those "
                "that have one; "
                f"{strong}/{QUERIES} best hits strong"
            )
            marked = rng.sample(bodies, MARKED_BODIES)
            took_all, sentences = [], 0
            for _, body in marked:
                texts = [s.text for s in split_sentences(body)]
                sentences += len(texts)
                took, _ = _timed(lambda t=texts: recall_many(lib, t, limit=1))
                took_all.append(took)
            med, p95 = _ms(took_all)
            print(
                f"recall_many over every sentence of {MARKED_BODIES} bodies (import markers; "
                f"{sentences / MARKED_BODIES:.0f} sentences a body): median {med:.0f} ms a "
                f"body, {sum(took_all) / sentences * 1000:.1f} ms a sentence"
            )

            # Library search.
            queries = _search_queries(bodies, rng)
            search_index.search(lib, queries[0], limit=20)
            best, every, results = _rounds(
                [lambda q=q: search_index.search(lib, q, limit=20) for q in queries]
            )
            found_any = sum(bool(found) for found in results)
            med, p95 = _ms(best)
            raw_med, raw_p95 = _ms(every)
            print(
                f"library search for {SEARCHES} queries (words, two words, 3-word phrases, "
                f"prefix*; 20 results), best of {ROUNDS} rounds: median {med:.1f} ms, p95 "
                f"{p95:.1f} ms (goal < {SEARCH_GOAL_MS:.0f} ms: p95 {p95 / SEARCH_GOAL_MS:.2f} "
                f"of it); every run: median {raw_med:.1f} ms, p95 {raw_p95:.1f} ms; "
                f"{found_any}/{SEARCHES} found something"
            )
            kinds = ("one word", "two words", "phrase", "prefix*")
            parts = []
            for k, kind in enumerate(kinds):
                med, p95 = _ms(best[k :: len(kinds)])
                parts.append(f"{kind} {med:.1f} / {p95:.1f}")
            print(f"  by kind, median / p95 ms: {'; '.join(parts)}")

            # Planted paraphrases.
            plant_s, planted = _timed(lambda: _plant(lib, [p.a for p in planted_pairs]))
            per_op = 1000 * plant_s / (2 * len(planted))
            print(
                f"planted {len(planted)} MSRP sentences as judged claims in "
                f"{len(planted) // PLANTED_PER_SESSION} new sessions through ops.add_claim + "
                f"ops.set_verdict (index kept current in each edit's transaction): "
                f"{per_op:.1f} ms an operation"
            )
            best, every, results = _rounds(
                [lambda t=pair.b: recall(lib, text=t) for pair in planted_pairs]
            )
            first = top3 = 0
            tiers: dict[str, int] = {}
            for cid, found in zip(planted, results, strict=True):
                ranked = [p.claim_id for p in found]
                first += ranked[:1] == [cid]
                top3 += cid in ranked[:3]
                if ranked[:1] == [cid]:
                    tier = found[0].tier or "below possible"
                    tiers[tier] = tiers.get(tier, 0) + 1
            med, p95 = _ms(best)
            raw_med, raw_p95 = _ms(every)
            shown = ", ".join(f"{n} {t}" for t, n in sorted(tiers.items(), key=lambda x: -x[1]))
            print(
                f"recall@1 of a planted paraphrase (query: the pair's other side, whole "
                f"library of {len(claims) + len(planted):,} judged claims): "
                f"{first / len(planted):.3f} ({first}/{len(planted)}; recall@3 "
                f"{top3 / len(planted):.3f}); tiers of the hits: {shown}; best of {ROUNDS} "
                f"rounds: median {med:.1f} ms, p95 {p95:.1f} ms (goal p95 < "
                f"{RECALL_GOAL_MS:.0f} ms: {p95 / RECALL_GOAL_MS:.2f} of it); every run: median "
                f"{raw_med:.1f} ms, p95 {raw_p95:.1f} ms"
            )
            strong_hits = likely_hits = 0
            for q in unrelated:
                found = recall(lib, text=q, limit=1)
                strong_hits += bool(found) and found[0].tier == "strong"
                likely_hits += bool(found) and found[0].tier in ("strong", "likely")
            print(
                f"unrelated queries (the other side of {len(unrelated)} pairs whose partner is "
                f"not in the library): a strong hit for {strong_hits}/{len(unrelated)} "
                f"({strong_hits / len(unrelated):.1%}), strong or likely for "
                f"{likely_hits}/{len(unrelated)} ({likely_hits / len(unrelated):.1%})"
            )
        finally:
            lib.close()
