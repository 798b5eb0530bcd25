"""Every change a user can make, one function each.

Each operation writes in one transaction, appends one audit event and returns
a ``Change`` (kinds and ids touched, how to redo it, how to undo it). Callers
use ``ops.add_claim(...)`` and so on; the functions live in the modules of
this package, one per entity, and are re-exported here. ``framework`` holds
``perform``, the skeleton every operation runs through; ``snapshots`` the
undo of deletions. Importing the package registers every operation, so
``apply`` (undo, redo) knows each one by name.
"""

from workbench.ops import session_import, settings  # noqa: F401  (register their operations)
from workbench.ops.articles import (
    add_article,
    content_hash,
    move_article,
    remove_article,
    update_article,
)
from workbench.ops.claims import (
    add_claim,
    remove_claim,
    resize_claim,
    set_checkworthiness,
    set_rationale,
    set_verdict,
)
from workbench.ops.evidence import add_evidence, edit_evidence, remove_evidence
from workbench.ops.framework import OPERATIONS, Change, OpCall, apply, operation
from workbench.ops.links import link_claims, unlink, update_link
from workbench.ops.notes import add_note, edit_note, remove_note
from workbench.ops.recall_copy import copy_verdict, uncopy_verdict
from workbench.ops.sessions import (
    create_session,
    delete_session,
    rename_session,
    set_scale,
    update_session,
)
from workbench.ops.snapshots import remove_rows, restore
from workbench.ops.suggestions import dismiss_suggestion, link_passages, undismiss_suggestion
from workbench.ops.web_snapshots import add_snapshot, remove_snapshot

__all__ = [
    "OPERATIONS",
    "Change",
    "OpCall",
    "add_article",
    "add_claim",
    "add_evidence",
    "add_note",
    "add_snapshot",
    "apply",
    "content_hash",
    "copy_verdict",
    "create_session",
    "delete_session",
    "dismiss_suggestion",
    "edit_evidence",
    "edit_note",
    "link_claims",
    "link_passages",
    "move_article",
    "operation",
    "remove_article",
    "remove_claim",
    "remove_evidence",
    "remove_note",
    "remove_rows",
    "remove_snapshot",
    "rename_session",
    "resize_claim",
    "restore",
    "set_checkworthiness",
    "set_rationale",
    "set_scale",
    "set_verdict",
    "uncopy_verdict",
    "undismiss_suggestion",
    "unlink",
    "update_article",
    "update_link",
    "update_session",
]
