"""The demo session: three reports of one fictional strike, with claims,
links, verdicts, evidence and a note, so a new user sees a working session."""

from __future__ import annotations

from workbench import ops
from workbench.errors import NotFound
from workbench.importers import read_article
from workbench.importers.batch import import_article
from workbench.queries.sessions import article_text, session_summary
from workbench.resources import sample_files
from workbench.storage.store import Library

DEMO_SESSION_ID = "5e551040-de30-4d3e-9d3e-000000000001"
DEMO_TITLE = "Demo: drone strike on Kestrel Bay port"

# (article index, quote)
CLAIMS: tuple[tuple[int, str], ...] = (
    (0, "No one was injured in the attack"),
    (1, "At least two people were killed and five wounded"),
    (2, "Two port workers died and three were injured"),
    (0, "Port authority spokesperson Elena Varga said the depot had been evacuated in time"),
    (1, "Interior Minister Tomas Reyl said the depot had been evacuated in time"),
    (2, "Regional governor Ana Petrov said the depot had been evacuated in time"),
    (0, "A fuel depot at the port of Kestrel Bay was hit by drones on Monday"),
    (1, "drones struck a warehouse near the Kestrel Bay container terminal last week"),
    (0, "Four drones were launched from the sea"),
    (1, "A dozen drones took part in the attack"),
    (2, "The depot holds about 30,000 tonnes of fuel"),
    (0, "The depot holds about 30,000 tonnes of diesel and heating oil"),
)
# (claim index, claim index, type, note)
LINKS: tuple[tuple[int, int, str, str], ...] = (
    (0, 1, "contradicts", "Herald: nobody hurt; Courier: at least two dead."),
    (1, 2, "corroborates", "Both report two deaths; injured counts differ (five vs three)."),
    (3, 4, "differs", "Same words, attributed to a different official."),
    (4, 5, "differs", "Same words, attributed to a different official."),
    (6, 7, "differs", "Monday vs last week; depot vs warehouse."),
    (8, 9, "differs", "Four drones vs a dozen."),
    (10, 11, "same", ""),
)


def ensure_demo_session(lib: Library) -> str:
    """The demo session's id, creating it (through the operations) if missing."""
    try:
        session_summary(lib, DEMO_SESSION_ID)
        return DEMO_SESSION_ID
    except NotFound:
        pass
    # Read every article before writing anything: an importer that fails
    # (a missing optional library, say) must not leave a half-made demo.
    articles = [read_article(path) for path in sample_files()]
    ops.create_session(
        lib,
        DEMO_TITLE,
        scale="politifact",
        session_id=DEMO_SESSION_ID,
        description="Three outlets report one strike differently. "
        "Bundled with the Workbench as a worked example.",
    )
    article_ids = []
    for article in articles:
        article_ids.append(import_article(lib, DEMO_SESSION_ID, article))
    texts = {aid: article_text(lib, aid) for aid in article_ids}
    claim_ids = []
    for index, quote in CLAIMS:
        aid = article_ids[index]
        start = texts[aid].index(quote)
        change = ops.add_claim(lib, aid, start, start + len(quote))
        assert change.target_id
        claim_ids.append(change.target_id)
    for a, b, kind, note in LINKS:
        ops.link_claims(lib, claim_ids[a], claim_ids[b], kind, note=note)
    ops.set_verdict(
        lib, claim_ids[0], "False", rationale="Hospital records list two dead among port staff."
    )
    ops.add_evidence(
        lib,
        claim_ids[0],
        url="https://kestrel-bay-hospital.example/statement-0310",
        title="Kestrel Bay General Hospital statement, 10 March",
        excerpt="Two employees of the port operator were pronounced dead on arrival.",
    )
    ops.set_verdict(
        lib,
        claim_ids[2],
        "Mostly True",
        rationale="Deaths confirmed; injured count not yet confirmed.",
    )
    ops.set_verdict(lib, claim_ids[3], "In progress")
    ops.add_note(lib, claim_ids[3], "Ask the port authority who actually gave this statement.")
    ops.add_note(lib, DEMO_SESSION_ID, "Start with casualties and the attributed quote.")
    return DEMO_SESSION_ID
