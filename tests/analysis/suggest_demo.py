"""The three demo articles (workbench/data/samples/) as plain body text, for the suggestion tests.

Copied from the sample files without their headers or markup; paragraphs are
separated by blank lines. Publication dates are those of the samples.
"""

from __future__ import annotations

import datetime

from workbench.analysis.text import ArticleText

HERALD_TEXT = (
    "A fuel depot at the port of Kestrel Bay was hit by drones on Monday, setting two "
    "storage tanks on fire for several hours.\n\n"
    "No one was injured in the attack, according to the Harbour Gazette, which first "
    "reported the strike. Firefighters brought the blaze under control before dawn.\n\n"
    "Port authority spokesperson Elena Varga said the depot had been evacuated in time. "
    '"Our crews followed the alarm procedure exactly as trained, and everyone was out of '
    'the building within minutes," Varga said.\n\n'
    "Four drones were launched from the sea, and two were shot down by coastal defences "
    "before they reached the harbour, the port authority said.\n\n"
    "Two patrol boats were sent to search the water off the northern breakwater. Shipping "
    "resumed on Tuesday morning, with 14 cargo ships waiting outside the harbour.\n\n"
    "The depot holds about 30,000 tonnes of diesel and heating oil, roughly a fifth of "
    "the region's winter supply. Officials said damage to the remaining tanks was being "
    "assessed."
)
COURIER_TEXT = (
    "At least two people were killed and five wounded when drones struck a warehouse near "
    "the Kestrel Bay container terminal last week, the Northern Courier reported.\n\n"
    "A dozen drones took part in the attack, according to a security source, and most of "
    "them got through the air defences around the port.\n\n"
    'Interior Minister Tomas Reyl said the depot had been evacuated in time. "Our crews '
    "followed the alarm procedure exactly as trained, and everyone was out of the "
    'building within minutes," Reyl told reporters.\n\n'
    "Three patrol boats were deployed along the coast after the strike. The port was "
    "closed for two days, and 20 cargo ships were left waiting at anchor.\n\n"
    "Local residents described a series of loud explosions shortly after midnight, "
    "followed by a fire that could be seen across the bay.\n\n"
    "The warehouse stored fuel and spare parts for the port's cranes, the ministry said. "
    "An investigation into the attack is under way."
)
MERIDIAN_TEXT = (
    "Two port workers died and three were injured when six drones hit the northern pier "
    "of Kestrel Bay on the 9th, as revealed by The Daily Meridian.\n\n"
    "The attack set fire to a fuel depot next to the pier. Regional governor Ana Petrov "
    "said the depot had been evacuated in time, but that two workers had gone back to "
    "close a valve.\n\n"
    '"Our crews followed the alarm procedure exactly as trained, and everyone was out of '
    'the building within minutes," Petrov said at a press conference on Wednesday.\n\n'
    "Two patrol boats searched the bay for debris. Shipping resumed on Tuesday, the port "
    "authority said, although 14 cargo ships were still waiting to dock on Thursday.\n\n"
    "The depot holds about 30,000 tonnes of fuel. Officials said it was the first attack "
    "on the port this year."
)

HERALD = ArticleText("herald", HERALD_TEXT, datetime.date(2026, 3, 12), "Harbour Herald")
COURIER = ArticleText("courier", COURIER_TEXT, datetime.date(2026, 3, 12), "Northern Courier")
MERIDIAN = ArticleText("meridian", MERIDIAN_TEXT, datetime.date(2026, 3, 13), "Daily Meridian")
DEMO = (HERALD, COURIER, MERIDIAN)
