"""Rules for named things in a sentence: places ("the port of Kestrel Bay") and who is cited.

Attribution tells outlets and organisations ("source": "according to the
Harbour Gazette", "the Northern Courier reported") from people ("speaker":
"Interior Minister Tomas Reyl said", '"...," said Ana Petrov'); titles before
a name are dropped from the value but mark it as a person.
"""

from __future__ import annotations

import re

from workbench.analysis.facts.rules import NOUN_STOP, Fact
from workbench.analysis.numbers import UNITS

__all__ = [
    "ORG_WORDS",
    "OUTLET_WORDS",
    "TITLE_WORDS",
    "attribution_facts",
    "classify_name",
    "place_facts",
]


# --------------------------------------------------------------------------- places

_PLACE_NOUNS = (
    "port|harbour|harbor|pier|terminal|depot|warehouse|breakwater|docks?|base|airbase|airport|"
    "station|city|town|village|capital|province|region|district|county|border|coast|bay|island|"
    "bridge|plant|refinery|factory|facility|camp|square|street|road|highway|hospital|school|"
    "market|building|headquarters|embassy|prison|mosque|church|cathedral|palace|stadium|"
    "oilfield|mine|compound|checkpoint|crossing|valley|river|lake|mountains?|neighbou?rhood|"
    "area|areas|regions|provinces|districts|part|parts|"
    "suburbs?|outskirts|province|state|strait|sea|peninsula|zone"
)
# One capitalised word of a name: "U.S.", "O'Brien", "Bay's", not "Monday" or "March".
_WORD = (
    r"(?:(?:[A-Z]\.){2,}|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|June|July|August|September|October|November|December)\b)"
    r"(?:(?:al|el|ad|ar|as|at|az|an|ash|abu|bin|ibn)-)?[A-Z][\w\-]*(?:['’][A-Za-z]+)?)"
)
_CAP = rf"{_WORD}(?:\s+(?:(?:of|de|del|al|the|upon|on)\s+)?{_WORD})*"
_PLACE_OF = re.compile(
    rf"\b(?:the\s+)?(?P<mods>(?:[a-z][a-z\-]+\s+){{0,2}})(?P<noun>{_PLACE_NOUNS})\s+of\s+(?P<name>{_CAP})"
)
_NAME_PLACE = re.compile(
    rf"(?P<name>{_CAP})\s+(?P<mods>(?:[a-z][a-z\-]+\s+)?)(?P<noun>{_PLACE_NOUNS})\b"
)
_PREP_NAME = re.compile(
    rf"\b(?:in|at|near|outside|off|across|inside|into|towards?|"
    rf"(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+(?:the\s+)?"
    rf"(?:(?:southern|northern|eastern|western|central|south-?eastern|south-?western|"
    rf"north-?eastern|north-?western|north-?east|north-?west|south-?east|south-?west)\s+)?"
    rf"(?P<name>{_CAP})\b"
    rf"(?!\s+(?:{_PLACE_NOUNS})\b)"
)
_MAYBE_PLACE = re.compile(
    rf"\b(?:{_PLACE_NOUNS})\b|\b(?:in|at|near|outside|off|across|inside|into|towards?)\s+"
    r"(?:the\s+)?(?:[a-z]+ern\s+)?[A-Z]|\b(?:north|south|east|west)\s+of\b"
)
_NOT_PLACES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    u.s u.k us uk
    june july august september october november december the a an this that he she it they we i
    mr mrs ms dr christmas easter ramadan""".split()
)
_PLACE_STOP = frozenset(
    "the a an at in on near of to by from with and or into onto hit struck".split()
)


def _clean_place(value: str) -> str:
    words = value.split()
    while words and words[0].lower() in _PLACE_STOP:
        words = words[1:]
    return " ".join(words)


def place_facts(
    sentence: str, offset: int, article_id: str, key: str, skip: list[tuple[int, int]]
) -> list[Fact]:
    """Places: "the port of Kestrel Bay", "the Kestrel Bay container terminal", "in Managua"."""
    spans: list[tuple[int, int, str]] = []
    if not _MAYBE_PLACE.search(sentence):
        return []
    for m in _PLACE_OF.finditer(sentence):
        mods = m.group("mods").split()
        cut = max((k for k, w in enumerate(mods) if w in _PLACE_STOP or w in NOUN_STOP), default=-1)
        mods = mods[cut + 1 :]
        value = " ".join([*mods, m.group("noun"), "of", m.group("name")])
        start = m.start("noun") - (len(" ".join(mods)) + 1 if mods else 0)
        spans.append((start, m.end(), value))
    for m in _NAME_PLACE.finditer(sentence):
        name = _strip_leading_caps(m.group("name"), sentence, m.start("name"))
        if name is None:
            continue
        value = " ".join([name[1], *m.group("mods").split(), m.group("noun")])
        spans.append((name[0], m.end(), value))
    for m in _PREP_NAME.finditer(sentence):
        name = _strip_leading_caps(m.group("name"), sentence, m.start("name"))
        if name is None:
            continue
        spans.append((name[0], m.end(), name[1]))
    facts: list[Fact] = []
    kept: list[tuple[int, int]] = []
    for start, end, value in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(start < e and s < end for s, e in kept + skip):
            continue
        value = _clean_place(value)
        if not value or value.split()[0].lower() in _NOT_PLACES:
            continue
        kept.append((start, end))
        facts.append(
            Fact("place", article_id, offset + start, offset + end, sentence[start:end], key, value)
        )
    return sorted(facts, key=lambda f: f.start)


def _strip_leading_caps(name: str, sentence: str, start: int) -> tuple[int, str] | None:
    """Drop sentence-initial or generic capitalised words ("The", "On") from a name."""
    words = name.split()
    pos = start
    while words and (words[0].lower() in _NOT_PLACES or words[0].lower() in _PLACE_STOP):
        pos = sentence.index(words[1], pos + len(words[0])) if len(words) > 1 else pos
        words = words[1:]
    if not words:
        return None
    if any(w.lower() in _NOT_PLACES or w.lower() in UNITS for w in words):
        return None
    if len(words) == 1 and pos == 0:
        return None  # a lone capitalised first word is more often not a name
    return pos, " ".join(words)


# --------------------------------------------------------------------------- attribution

OUTLET_WORDS = frozenset(
    """gazette courier times post news herald journal tribune telegraph guardian reuters afp ap bbc
    cnn agency press daily radio tv television channel network magazine online chronicle observer
    independent express mirror standard wire bloomberg newspaper review bulletin monitor sun star
    mail insider politico nbc abc cbs fox sky jazeera xinhua interfax tass ria yonhap kcna newsweek
    forbes wired verge tmz weekly examiner dispatch record register sentinel inquirer gazeta
    meridian newser huffington buzzfeed vice agence presse france-presse""".split()
)
ORG_WORDS = frozenset(
    """ministry authority department office police army forces government council committee
    commission institute university company corporation corp inc group association organization
    organisation service bureau center centre foundation party union court guard navy pentagon
    kremlin nasa fbi cia un nato who eu embassy administration agency coalition military patrol
    command guards""".split()
)
TITLE_WORDS = frozenset(
    """minister spokesperson spokesman spokeswoman governor president mayor chief director secretary
    commander general official officer ambassador senator representative deputy head leader
    chairman chairwoman ceo manager adviser advisor analyst professor dr mr mrs ms captain colonel
    sheriff judge lawyer attorney prosecutor expert witness resident engineer scientist researcher
    founder owner editor reporter correspondent king queen prince pope sheikh sergeant lieutenant
    superintendent inspector detective commissioner chancellor premier envoy pastor priest
    imam rabbi doctor nurse teacher student activist campaigner mp mep lawmaker legislator rep
    sen adm gen lt capt col maj sgt cpl gov rev photojournalist journalist photographer
    vice""".split()
)
_GENERIC = frozenset(
    """officials official police witnesses authorities residents sources source analysts experts
    critics doctors investigators observers reports report he she they it we i you this that
    there who which officers rescuers firefighters locals reporters journalists scientists
    researchers many some others both neither one mr mrs ms monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december but and the a an his her their its our as in on at what""".split()
)
_NAME = rf"{_WORD}(?:\s+(?:(?:of|de|van|von|al|bin|da|del|la|the|for)\s+)?{_WORD})*"
# Words that open a clause or a sentence with a capital letter but never name anyone.
FUNCTION_WORDS = frozenset(
    """if when while although though because since until unless whether however meanwhile also
    still yet then now here so thus moreover instead indeed even only just as at in on for with
    without from by of to into among despite during earlier later last yesterday today tonight
    and but or nor not no yes all any some many most much more few several such this that these
    those what which who whom whose where why how it its he she they we i you his her their our
    my your me him them us there after before once again perhaps maybe although whereas while
    under over about above below between against through throughout within upon onto toward
    towards according asked told said says added both either neither each every other another
    second third next finally also furthermore nevertheless nonetheless otherwise
    sources early late latest recent initial local official officials meanwhile""".split()
)
# An institution or an unnamed group credited in lower case: "according to the military",
# "citing sources close to the operation", "US officials said".
_GROUP_HEADS = (
    r"(?i:military|army|navy|air\s+force|coast\s+guard|police|government|ministry|pentagon|"
    r"officials?|authorities|sources|media|spokesm[ae]n|spokeswoman|spokesperson|prosecutors|"
    r"investigators|witnesses|agency|administration|regime|militants|rebels|insurgents|"
    r"activists|monitors|observers|state\s+media|state\s+television|military\s+officials)"
)
# Said alone, these name nobody: "officials said", "sources said".
_UNNAMED = frozenset(
    "officials official sources source authorities witnesses observers activists monitors "
    "investigators prosecutors media rebels militants insurgents spokesman spokeswoman "
    "spokesperson".split()
)
_GROUP = (
    rf"(?:(?:an?|the|some|several|two|three|local|senior|unnamed|anonymous|top)\s+){{0,2}}"
    rf"(?:[A-Z][A-Za-z.]+\s+){{0,3}}(?:[a-z][a-z\-]+\s+){{0,2}}(?:{_GROUP_HEADS})(?:\s+(?:close\s+to|familiar\s+with|in|of|at)"
    rf"\s+(?:the\s+)?[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?)?"
)
_VERBS = (
    r"said|says|told|tells|reported|reports|added|adds|stated|announced|confirmed|noted|wrote|"
    r"writes|tweeted|claimed|claims|revealed|explained|insisted|warned|denied|explains|insists|"
    r"acknowledged|acknowledges|estimates|estimated"
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
_VERBS_G = rf"{_VERBS}|say|report|claim|confirm|believe|believed|estimated|estimate"
# What an unnamed group is credited with ("officials said"); not "claimed", which
# is also "the violence has claimed 1,400 lives".
_GROUP_VERBS = (
    r"said|says|say|told|tells|reported|reports|report|added|stated|announced|confirmed|confirm|"
    r"noted|believe|believed|estimated|estimate|warned|denied|insisted|acknowledged|"
    r"claimed(?!\s+(?:the\s+)?(?:lives|more|over|at\s+least|about|\d))"
)
_ATTRIBUTION = (
    (
        "according",
        re.compile(
            r"\b(?i:according)\s+to\s+(?:(?:a|the)\s+(?:statement|report|release|communiqu[eé]|"
            rf"spokesman|spokesperson|spokeswoman)\s+(?:from|by|of|for)\s+)?(?:the\s+|The\s+)?(?P<x>{_NAME})"
        ),
    ),
    (
        "citing",
        re.compile(
            rf"\b(?i:citing|cited|cites|cite|quoting|quoted|quotes)\s+(?:the\s+|The\s+)?(?P<x>{_NAME})"
        ),
    ),
    (
        "which cite",
        re.compile(
            rf"(?:\bthe\s+|\bThe\s+)?(?P<x>{_NAME}),?\s+(?:which|who)\s+(?:cites?|cited|quoted|quotes)\b"
        ),
    ),
    (
        "group",
        re.compile(
            rf"\b(?i:according\s+to|citing|cited|cites?|quoting|quotes|"
            rf"(?:as\s+)?(?:revealed|reported|confirmed)\s+by)\s+"
            rf"(?:(?:a|the)\s+)?(?:(?:statements?|reports?|comments?)\s+(?:from|by|of)\s+)?"
            rf"(?:the\s+country[’']s\s+)?(?P<x>{_GROUP})"
        ),
    ),
    (
        "group verb",
        re.compile(
            rf"(?:^|[,;]\s+|\b(?:the|The|a|A|an|An|which|that|who|and|but)\s+|"
            rf"\b[A-Z][a-z]+['’]s\s+)(?P<x>{_GROUP})\s+"
            rf"(?:(?:has|had|have)\s+)?(?:{_GROUP_VERBS})\b"
        ),
    ),
    (
        "which",
        re.compile(
            rf"(?:\bthe\s+|\bThe\s+)?(?P<x>{_NAME}),?\s+(?:which|who)\s+(?:first\s+)?(?:reported|revealed|broke)\b"
        ),
    ),
    (
        "by",
        re.compile(
            rf"\b(?:as\s+)?(?:revealed|reported|first\s+reported|confirmed|published)\s+by\s+(?:the\s+|The\s+)?(?P<x>{_NAME})"
        ),
    ),
    (
        "verb",
        re.compile(
            rf"(?:\bthe\s+|\bThe\s+)?(?P<x>{_NAME})\s+(?:on\s+{_DAY}\s+|{_DAY}\s+)?"
            rf"(?:(?:has|had|have)\s+)?(?:also\s+)?(?:{_VERBS})\b"
        ),
    ),
    # "The Pentagon's press secretary, Rear Adm. John Kirby, confirmed"
    ("set off", re.compile(rf",\s+(?P<x>{_NAME}),\s+(?:(?:has|had)\s+)?(?:{_VERBS})\b")),
    # "John Kirby, the Pentagon press secretary, said"
    # "Martin Ewi, senior researcher at the institute, said"; "X, who is under scrutiny, said"
    (
        "appositive",
        re.compile(rf"(?P<x>{_NAME}),\s+[^,;\"“”]{{3,80}},\s+(?:(?:has|had)\s+)?(?:{_VERBS})\b"),
    ),
    # "told CNN", "told the Financial Times": only outlets are kept from this one.
    ("told", re.compile(rf"\b(?:told|tells)\s+(?:the\s+|The\s+)?(?P<x>{_NAME})")),
    # '"…," said Ana Petrov.': only after a quote or a comma, and ending the clause.
    (
        "inverted",
        re.compile(
            rf"[,\"”’]\s*(?:{_VERBS})\s+(?:the\s+|The\s+)?(?P<x>{_NAME})"
            r"(?=\s*(?:[,.;:]|$)|\s+(?:on|in|at|who|when|after|before)\b)"
        ),
    ),
)
_MAYBE_ATTRIBUTION = re.compile(
    rf"\b(?:according|which|who|published|citing|cited|cites?|quot\w+|{_VERBS_G})\b", re.I
)
_TITLE_BEFORE = re.compile(r"((?:[A-Za-z][\w\-]*\s+){0,3})$")


def classify_name(name: str, title: str) -> str | None:
    """ "source" for outlets and organisations, "speaker" for people, None for generic words."""
    words = [w.strip(".").lower() for w in name.split()]
    if not words or all(w in _GENERIC for w in words):
        return None
    if any(w in OUTLET_WORDS or w in ORG_WORDS for w in words):
        return "source"
    if len(words) == 1 and name.replace(".", "").isupper() and len(name) > 1 and not title:
        return "source"  # an acronym: DHS, AFP, NATO
    if any(w in TITLE_WORDS for w in words) or title:
        return "speaker"
    if len(words) > 4:
        return None
    return "speaker"


_ORDERED = sorted(_ATTRIBUTION, key=lambda kp: not kp[0].startswith("group"))
# Words a form cannot match without (cheap tests that skip most sentences).
_NEEDS: dict[str, tuple[str, ...]] = {
    "according": ("ccording",),
    "citing": ("cit", "quot"),
    "which cite": ("which", "who"),
    "group": ("ccording", "cit", "quot", " by "),
    "which": ("which", "who"),
    "by": (" by ",),
    "told": ("told", "tells"),
}
_ANY_VERB = re.compile(rf"\b(?:{_VERBS_G})\b")


def _group_value(phrase: str) -> str:
    words = phrase.split()
    if words and words[0].lower() in ("a", "an", "the", "some"):
        words = words[1:]
    return " ".join(words)


def attribution_facts(sentence: str, offset: int, article_id: str) -> list[Fact]:
    """Who says so: "according to the Harbour Gazette", "Elena Varga said", "said Ana Petrov",
    "citing sources close to the operation", "the military said".

    Outlets, organisations and unnamed groups are "source"; people "speaker".
    A name is never a function word ("If", "When"): those are dropped from it.
    """
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    taken: list[tuple[int, int]] = []
    if not _MAYBE_ATTRIBUTION.search(sentence):
        return facts

    def add(start: int, end: int, key: str, value: str) -> None:
        facts.append(
            Fact(
                "attribution",
                article_id,
                offset + start,
                offset + end,
                sentence[start:end],
                key,
                value,
            )
        )

    lower = sentence.lower()
    has_verb = _ANY_VERB.search(sentence) is not None
    # Groups first: "US officials" is one source, not "US".
    for kind, pattern in _ORDERED:
        needs = _NEEDS.get(kind)
        if needs is None and not has_verb:
            continue  # every other form needs a verb of saying
        if needs is not None and not any(w in lower for w in needs):
            continue
        for m in pattern.finditer(sentence):
            name, name_start = m.group("x"), m.start("x")
            if any(s <= name_start < e for s, e in taken):
                continue
            if kind.startswith("group"):
                value = _group_value(name)
                if not value or value.lower() in _UNNAMED or ("source", value) in seen:
                    continue
                seen.add(("source", value))
                taken.append((name_start, m.end("x")))
                add(m.start("x") if kind == "group verb" else m.start(), m.end(), "source", value)
                continue
            name = re.sub(r"[’']s$", "", name.rstrip("."))
            words = name.split()
            if len(words) > 1 and re.search(r"[’']s$", words[0]):
                # "Mexico's Proceso": the outlet, not the country
                name_start = sentence.index(words[1], name_start)
                words = words[1:]
            while words and words[0].lower().strip(".,") in FUNCTION_WORDS:
                name_start = sentence.index(words[1], name_start) if len(words) > 1 else name_start
                words = words[1:]
            if not words:
                continue
            title_words: list[str] = []
            # "Interior Minister Tomas Reyl": titles inside the capitalised run.
            cut = max(
                (i for i, w in enumerate(words) if w.lower().strip(".") in TITLE_WORDS), default=-1
            )
            if 0 <= cut < len(words) - 1:
                title_words = words[: cut + 1]
                words = words[cut + 1 :]
            while words and words[0].lower() in _GENERIC and len(words) > 1:
                words = words[1:]
            before = _TITLE_BEFORE.search(sentence[:name_start])
            if before and any(w.lower() in TITLE_WORDS for w in before.group(1).split()):
                title_words = before.group(1).split() + title_words
            clean = " ".join(words)
            if kind == "inverted" and clean.lower() in ("reporters", "journalists"):
                continue
            if any(w.lower() in FUNCTION_WORDS for w in words):
                continue
            if re.fullmatch(rf"(?i:{_PLACE_NOUNS})", words[-1]):
                continue  # "Diwaniyah Province confirmed": the people from it, not the place
            facet_key = classify_name(clean, " ".join(title_words))
            if facet_key is None or len(clean) < 2:
                continue
            outlet = any(w.lower() in OUTLET_WORDS for w in words) or (
                len(words) == 1 and clean.isupper() and len(clean) > 1
            )
            if kind == "told" and not outlet:
                continue  # "told Reuters"/"told CNN" is a source; "told Smith" is not
            if facet_key == "source" and words and words[0].lower() == "the":
                clean = " ".join(words[1:])
            if (facet_key, clean) in seen:
                continue
            seen.add((facet_key, clean))
            taken.append((name_start, m.end("x")))
            start = m.start()
            if title_words and before and kind == "verb":
                start = min(start, name_start - len(before.group(1)))
            add(start, m.end(), facet_key, clean)
    return sorted(facts, key=lambda f: f.start)
