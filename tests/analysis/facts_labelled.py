"""A labelled set of sentences and the facts a reader would line up from each.

Every item is read as a one-sentence article published on ``published``; its
labels are ``(facet, key, value)`` triples as ``extract_facts`` should produce
them. Keys follow the documented rules: a date or place in a sentence that
tells what happened (attack, killed, crashed...) is the "event date" /
"location", others are "other" / "other place", except that a lone date
with no event sentence in the article counts as the event date. "No one was
injured" also implies none killed.

Sentences come from the demo articles and were written for this set; they
are not taken from the FNC-1 corpus.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

THU = datetime.date(2026, 3, 12)  # the Herald's and Courier's publication date
FRI = datetime.date(2026, 3, 13)  # the Meridian's


@dataclass(frozen=True)
class Labelled:
    """One sentence, its publication date and its expected facts."""

    text: str
    published: datetime.date | None
    facts: tuple[tuple[str, str, str], ...]


C, Q, T, P, A = "casualties", "quantities", "time", "place", "attribution"

LABELLED: tuple[Labelled, ...] = (
    # ------------------------------------------------------------- demo articles
    Labelled(
        "A fuel depot at the port of Kestrel Bay was hit by drones on Monday, setting two storage "
        "tanks on fire for several hours.",
        THU,
        (
            (P, "location", "port of Kestrel Bay"),
            (T, "event date", "2026-03-09"),
            (Q, "storage tank", "2"),
        ),
    ),
    Labelled(
        "No one was injured in the attack, according to the Harbour Gazette, which first reported "
        "the strike.",
        THU,
        ((C, "injured", "0"), (C, "killed", "0"), (A, "source", "Harbour Gazette")),
    ),
    Labelled(
        "Port authority spokesperson Elena Varga said the depot had been evacuated in time.",
        THU,
        ((A, "speaker", "Elena Varga"),),
    ),
    Labelled(
        '"Our crews followed the alarm procedure exactly as trained, and everyone was out of the '
        'building within minutes," Varga said.',
        THU,
        ((A, "speaker", "Varga"),),
    ),
    Labelled(
        "Four drones were launched from the sea, and two were shot down by coastal defences before "
        "they reached the harbour, the port authority said.",
        THU,
        ((Q, "drone", "4"),),
    ),
    Labelled(
        "Shipping resumed on Tuesday morning, with 14 cargo ships waiting outside the harbour.",
        THU,
        ((T, "event date", "2026-03-10"), (Q, "cargo ship", "14")),
    ),
    Labelled(
        "The depot holds about 30,000 tonnes of diesel and heating oil, roughly a fifth of the "
        "region's winter supply.",
        THU,
        ((Q, "tonne", "~30000"),),
    ),
    Labelled(
        "At least two people were killed and five wounded when drones struck a warehouse near the "
        "Kestrel Bay container terminal last week, the Northern Courier reported.",
        THU,
        (
            (C, "killed", ">=2"),
            (C, "injured", "5"),
            (P, "location", "Kestrel Bay container terminal"),
            (T, "event date", "2026-03-02..2026-03-08"),
            (A, "source", "Northern Courier"),
        ),
    ),
    Labelled(
        "A dozen drones took part in the attack, according to a security source, and most of them "
        "got through the air defences around the port.",
        THU,
        ((Q, "drone", "12"),),
    ),
    Labelled(
        "Interior Minister Tomas Reyl said the depot had been evacuated in time.",
        THU,
        ((A, "speaker", "Tomas Reyl"),),
    ),
    Labelled(
        "Three patrol boats were deployed along the coast after the strike.",
        THU,
        ((Q, "patrol boat", "3"),),
    ),
    Labelled(
        "The port was closed for two days, and 20 cargo ships were left waiting at anchor.",
        THU,
        ((Q, "cargo ship", "20"),),
    ),
    Labelled(
        "Two port workers died and three were injured when six drones hit the northern pier of "
        "Kestrel Bay on the 9th, as revealed by The Daily Meridian.",
        FRI,
        (
            (C, "killed", "2"),
            (C, "injured", "3"),
            (Q, "drone", "6"),
            (P, "location", "northern pier of Kestrel Bay"),
            (T, "event date", "2026-03-09"),
            (A, "source", "Daily Meridian"),
        ),
    ),
    Labelled(
        "Regional governor Ana Petrov said the depot had been evacuated in time, but that two "
        "workers had gone back to close a valve.",
        FRI,
        ((A, "speaker", "Ana Petrov"), (Q, "worker", "2")),
    ),
    Labelled(
        '"Our crews followed the alarm procedure exactly as trained," Petrov said at a press '
        "conference on Wednesday.",
        FRI,
        ((A, "speaker", "Petrov"), (T, "event date", "2026-03-11")),
    ),
    # ------------------------------------------------------------- casualties
    Labelled(
        "At least 12 people were killed and 30 injured in the blast.",
        THU,
        ((C, "killed", ">=12"), (C, "injured", "30")),
    ),
    Labelled(
        "Nobody was hurt when the roof collapsed.", THU, ((C, "injured", "0"), (C, "killed", "0"))
    ),
    Labelled(
        "The explosion killed three soldiers and wounded seven others.",
        THU,
        ((C, "killed", "3"), (C, "injured", "7")),
    ),
    Labelled(
        "There were no casualties, the army said.",
        THU,
        ((C, "injured", "0"), (C, "killed", "0"), (A, "source", "army")),
    ),
    Labelled(
        "Two people died in hospital on Sunday.",
        THU,
        ((C, "killed", "2"), (T, "event date", "2026-03-08")),
    ),
    Labelled(
        "More than 40 people have been injured since the protests began.",
        THU,
        ((C, "injured", ">40"),),
    ),
    Labelled(
        "The death toll rose to 57 on Friday, officials said.",
        THU,
        ((C, "killed", "57"), (T, "event date", "2026-03-06")),
    ),
    Labelled("Dozens of people were wounded in the clashes.", THU, ((C, "injured", ">=24"),)),
    Labelled("No fatalities were reported.", THU, ((C, "killed", "0"),)),
    Labelled("Up to 15 miners are feared dead.", THU, ((C, "killed", "<=15"),)),
    Labelled(
        "The crash left one person dead and 11 injured.",
        THU,
        ((C, "killed", "1"), (C, "injured", "11")),
    ),
    # ------------------------------------------------------------- quantities
    Labelled(
        "The navy deployed four frigates and two submarines.",
        THU,
        ((Q, "frigate", "4"), (Q, "submarine", "2")),
    ),
    Labelled("Police seized 1,200 kilograms of cocaine.", THU, ((Q, "kilogram", "1200"),)),
    Labelled(
        "Around 300 troops crossed the border on Tuesday.",
        THU,
        ((Q, "troop", "~300"), (T, "event date", "2026-03-10")),
    ),
    Labelled(
        "A convoy of 25 trucks reached the city of Aleppo.",
        THU,
        ((Q, "truck", "25"), (P, "other place", "city of Aleppo")),
    ),
    Labelled(
        "Some 5,000 residents were evacuated from the valley.", THU, ((Q, "resident", "~5000"),)
    ),
    Labelled(
        "Eight drones and three missiles were intercepted.",
        THU,
        ((Q, "drone", "8"), (Q, "missile", "3")),
    ),
    Labelled(
        "The company sold 2.5 million phones last year.",
        THU,
        ((Q, "phone", "2500000"), (T, "event date", "2025-01-01..2025-12-31")),
    ),
    Labelled("Hundreds of refugees crossed the river.", THU, ((Q, "refugee", ">=200"),)),
    # ------------------------------------------------------------- time
    Labelled("The strike happened on Monday.", THU, ((T, "event date", "2026-03-09"),)),
    Labelled(
        "The factory was bombed last week.", THU, ((T, "event date", "2026-03-02..2026-03-08"),)
    ),
    Labelled("The ferry sank yesterday.", THU, ((T, "event date", "2026-03-11"),)),
    Labelled("The attack took place on 9 March.", THU, ((T, "event date", "2026-03-09"),)),
    Labelled("Protesters were arrested on March 2, 2025.", THU, ((T, "event date", "2025-03-02"),)),
    Labelled(
        "The raid occurred earlier this month.", THU, ((T, "event date", "2026-03-01..2026-03-11"),)
    ),
    Labelled("Troops attacked the village on the 26th.", THU, ((T, "event date", "2026-02-26"),)),
    Labelled("The minister will visit next Monday.", THU, ((T, "event date", "2026-03-16"),)),
    Labelled(
        "The bridge collapsed on Tuesday and repairs began on Friday.",
        FRI,
        ((T, "event date", "2026-03-10"), (T, "event date", "2026-03-13")),
    ),
    Labelled("The vote was held on 2026-02-15.", THU, ((T, "event date", "2026-02-15"),)),
    Labelled(
        "The fire broke out on Monday, without a date to resolve it.",
        None,
        ((T, "event date", "Monday"),),
    ),
    # ------------------------------------------------------------- places
    Labelled(
        "Shells hit the city of Donetsk overnight.", THU, ((P, "location", "city of Donetsk"),)
    ),
    Labelled("The meeting was held in Geneva.", THU, ((P, "other place", "Geneva"),)),
    Labelled(
        "A car bomb exploded outside the Interior Ministry in Baghdad.",
        THU,
        ((P, "location", "Interior Ministry"), (P, "location", "Baghdad")),
    ),
    Labelled(
        "The plane crashed into the Atlantic Ocean.", THU, ((P, "location", "Atlantic Ocean"),)
    ),
    Labelled(
        "Rescue teams arrived at Heathrow Airport.", THU, ((P, "other place", "Heathrow Airport"),)
    ),
    Labelled(
        "Rockets struck the Haifa oil refinery.",
        THU,
        ((P, "location", "Haifa oil refinery"),),
    ),
    # ------------------------------------------------------------- attribution
    Labelled("The ceasefire is holding, according to Reuters.", THU, ((A, "source", "Reuters"),)),
    Labelled(
        "Defence Minister Anna Kowalski said the drills would continue.",
        THU,
        ((A, "speaker", "Anna Kowalski"),),
    ),
    Labelled("The BBC reported that talks had stalled.", THU, ((A, "source", "BBC"),)),
    Labelled('"We will rebuild," said Mayor John Carter.', THU, ((A, "speaker", "John Carter"),)),
    Labelled(
        "Police spokesman David Lee told reporters the suspect had fled.",
        THU,
        ((A, "speaker", "David Lee"),),
    ),
    Labelled("The story was first reported by The Guardian.", THU, ((A, "source", "Guardian"),)),
    Labelled(
        "The Associated Press reported the arrests on Sunday.",
        THU,
        ((A, "source", "Associated Press"), (T, "event date", "2026-03-08")),
    ),
    Labelled(
        "Analyst Maria Silva told the Financial Times that prices would rise.",
        THU,
        ((A, "speaker", "Maria Silva"), (A, "source", "Financial Times")),
    ),
    # ------------------------------------------------------------- harder cases, written before
    # tuning: some are expected to be missed (see test_each_labelled_sentence_is_handled)
    Labelled(
        "Three civilians, including a child, were killed in the shelling.",
        THU,
        ((C, "killed", "3"),),
    ),
    Labelled(
        "The blast injured at least 14 people, police said.",
        THU,
        ((C, "injured", ">=14"), (A, "source", "police")),
    ),
    Labelled(
        "Five people were reported missing and two were confirmed dead.",
        THU,
        ((C, "killed", "2"), (C, "missing", "5")),
    ),
    Labelled(
        "A total of 23 firefighters were hurt battling the blaze.", THU, ((C, "injured", "23"),)
    ),
    Labelled("The storm damaged 3,400 homes across the region.", THU, ((Q, "home", "3400"),)),
    Labelled(
        "Israel launched 120 airstrikes on Gaza on Saturday.",
        THU,
        ((Q, "airstrike", "120"), (T, "event date", "2026-03-07"), (P, "location", "Gaza")),
    ),
    Labelled(
        "More than 1,000 soldiers and 50 tanks were moved to the frontier.",
        THU,
        ((Q, "soldier", ">1000"), (Q, "tank", "50")),
    ),
    Labelled("Officials counted nine bodies in the rubble.", THU, ((C, "killed", "9"),)),
    Labelled(
        "The hurricane struck Florida on September 10, 2017.",
        THU,
        ((T, "event date", "2017-09-10"), (P, "location", "Florida")),
    ),
    Labelled(
        "Witnesses said the gunman opened fire at about 10 p.m. on Friday.",
        THU,
        ((T, "event date", "2026-03-06"),),
    ),
    Labelled(
        "Ukrainian President Volodymyr Zelensky told CNN the attack was a war crime.",
        THU,
        ((A, "speaker", "Volodymyr Zelensky"), (A, "source", "CNN")),
    ),
    Labelled(
        "The figures were first published by the Kyiv Independent.",
        THU,
        ((A, "source", "Kyiv Independent"),),
    ),
    Labelled(
        "A spokeswoman for the ministry, Olga Stefanishyna, said no decision had been made.",
        THU,
        ((A, "speaker", "Olga Stefanishyna"),),
    ),
    Labelled(
        "The governor of Kherson region said two people had died.",
        THU,
        ((C, "killed", "2"), (P, "location", "Kherson region")),
    ),
    Labelled(
        "On 14 February, rebels seized the airport in Goma.",
        THU,
        ((T, "event date", "2026-02-14"), (P, "location", "Goma")),
    ),
    Labelled("Nobody knows how many were killed.", THU, ()),
    Labelled("The attack was the third in a week.", THU, ()),
    Labelled(
        "The company employs 40,000 people in 30 countries.",
        THU,
        ((Q, "people", "40000"), (Q, "country", "30")),
    ),
    Labelled(
        "At 3 a.m. on Sunday, two rockets hit a school in Kharkiv.",
        THU,
        ((T, "event date", "2026-03-08"), (Q, "rocket", "2"), (P, "location", "Kharkiv")),
    ),
    Labelled(
        "Fewer than 100 protesters gathered outside parliament.", THU, ((Q, "protester", "<100"),)
    ),
    Labelled("Reuters could not independently verify the reports.", THU, ()),
    # ------------------------------------------------------------- no facts
    Labelled("Officials said damage to the remaining tanks was being assessed.", THU, ()),
    Labelled("He said it was one of the best days of his life.", THU, ()),
    Labelled("The report will be published in two weeks.", THU, ()),
    Labelled("No one knows what the committee will decide.", THU, ()),
)
