"""`workbench claim copy-verdict CLAIM FROM_CLAIM`: use a past verdict as a start."""

from __future__ import annotations

import argparse
from typing import Any

from workbench import ops
from workbench.errors import UserError
from workbench.queries.claims import claim_info, resolve_id
from workbench.storage.store import Library

Result = tuple[dict[str, Any], str, int]
REACHES = frozenset({"copy_verdict"})


def cmd_copy_verdict(lib: Library, a: argparse.Namespace) -> Result:
    cid = resolve_id(lib, a.claim, "claim")[1]
    source = resolve_id(lib, a.from_claim, "claim")[1]
    change = ops.copy_verdict(lib, cid, source)
    c = claim_info(lib, cid)
    evidence = sorted(change.ids - {cid})
    payload = {
        "id": cid,
        "verdict": c.verdict,
        "rationale": c.rationale,
        "from_claim_id": source,
        "evidence_ids": evidence,
        "operation": change.operation,
    }
    text = f"{cid[:8]}  {c.verdict}  (copied from {source[:8]}, {len(evidence)} evidence)"
    return payload, text, 0


def _claim_actions(sub: Any) -> Any:
    """The ``claim`` command's sub-commands (made by ``workbench.cli.main``)."""
    claim = sub.choices.get("claim")
    if claim is None:
        raise UserError("the claim command must be registered first")
    return next(a for a in claim._actions if isinstance(a, argparse._SubParsersAction))


def register(sub: Any, add: Any) -> None:
    p = add(
        _claim_actions(sub),
        "copy-verdict",
        cmd_copy_verdict,
        "give a claim the verdict, rationale and evidence of a claim judged before "
        "(recorded as copied; the verdict must be on this session's scale)",
    )
    p.add_argument("claim", help="the claim to judge")
    p.add_argument("from_claim", metavar="FROM_CLAIM", help="the judged claim to copy from")
