"""English filler for the fixture sites: names, headlines, slugs and paragraphs from word lists written here."""

from __future__ import annotations

import random
import re

FIRST_NAMES = [
    "Alice",
    "Bernard",
    "Clara",
    "Desmond",
    "Elena",
    "Felix",
    "Grace",
    "Hugo",
    "Imogen",
    "Jonah",
    "Karin",
    "Lionel",
    "Maya",
    "Nathan",
    "Olive",
    "Pavel",
    "Quinn",
    "Rosa",
    "Simon",
    "Tara",
    "Umar",
    "Vera",
    "Walter",
    "Yasmin",
    "Zoe",
    "Abel",
    "Bianca",
    "Conrad",
    "Delia",
    "Emil",
    "Farah",
    "Gideon",
    "Hazel",
    "Ivor",
    "Juno",
    "Kofi",
    "Leona",
    "Marcus",
    "Nadia",
    "Orson",
]
LAST_NAMES = [
    "Abbott",
    "Brennan",
    "Castillo",
    "Dunmore",
    "Ellery",
    "Fairweather",
    "Garnett",
    "Holloway",
    "Ingram",
    "Jessup",
    "Kowalski",
    "Lindqvist",
    "Marlowe",
    "Nakamura",
    "Okafor",
    "Pemberton",
    "Quayle",
    "Rasmussen",
    "Sutcliffe",
    "Thorne",
    "Underwood",
    "Valente",
    "Whitlock",
    "Yardley",
    "Zeller",
    "Ashdown",
    "Blackwood",
    "Carver",
    "Delaney",
    "Everett",
    "Fontaine",
    "Greer",
    "Hadley",
    "Iverson",
    "Jarvis",
    "Kessler",
]
SUBJECTS = (
    "the city council",
    "river towns along the estuary",
    "a coalition of tenant groups",
    "the regional health board",
    "farmers in the upland valleys",
    "the transport authority",
    "a small team of volunteer archivists",
    "the state's largest teachers' union",
    "fishing cooperatives on the coast",
    "the new finance minister",
    "independent bookshops",
    "a group of retired engineers",
    "the national weather service",
    "hospital administrators",
    "night-shift workers at the port",
    "the museum's board of trustees",
    "residents of the old mill district",
    "a handful of rural schools",
    "the housing ombudsman",
    "researchers at the marine laboratory",
    "local brewers",
    "the electoral commission",
    "commuters on the northern line",
    "the orchestra's musicians",
)
VERBS = (
    "quietly abandoned",
    "voted to delay",
    "spent years fighting",
    "found new money for",
    "raised fresh doubts about",
    "drew up plans for",
    "started charging for",
    "published an audit of",
    "won a reprieve for",
    "underestimated the cost of",
    "turned to crowdfunding for",
    "asked the courts to review",
    "doubled the budget for",
    "struggled to explain",
    "reopened talks over",
    "set a deadline for",
)
OBJECTS = (
    "the flood barrier",
    "a decades-old ferry service",
    "the night bus network",
    "free school meals",
    "the county's last maternity ward",
    "rent controls",
    "a wind farm off the headland",
    "the public library's reading rooms",
    "water meters in every home",
    "a ban on short-term lets",
    "the summer music festival",
    "the old railway viaduct",
    "a tax on empty homes",
    "emergency grain reserves",
    "the harbour dredging contract",
    "a register of lobbyists",
    "the footbridge over the canal",
    "weekend opening hours at clinics",
)
CLAUSES = (
    "after months of public pressure",
    "despite warnings from its own advisers",
    "in a move that surprised almost everyone",
    "according to documents seen by this magazine",
    "as the winter storms closed in",
    "while the inquiry was still sitting",
    "long before the numbers were made public",
    "with barely a week's notice",
    "to the dismay of campaigners",
    "in the middle of a heatwave",
)
ROLES = (
    "a spokeswoman for the council",
    "who has lived in the district for thirty years",
    "a professor of economics",
    "the union's regional organiser",
    "a nurse on the night shift",
    "the chair of the residents' association",
    "a former harbour master",
    "an analyst at a think tank",
)
QUOTES = (
    "Nobody asked us what we actually needed",
    "The figures simply do not add up",
    "We have been here before and it ended badly",
    "It is the first time anyone has listened",
    "People are tired of promises that never arrive",
    "This was always going to be the hard part",
    "I would not call it a victory, not yet",
    "The money exists, the will does not",
)
FACTS = (
    "spending on the scheme has risen by {n} per cent since {y}",
    "fewer than {n} households applied in the first year",
    "the waiting list has grown to {n} names",
    "about {n} jobs depend on the contract",
    "the project is already {n} months behind schedule",
    "turnout fell to {n} per cent at the last vote",
)
SHORT_SLUGS = (
    "blowing smoke",
    "dry run",
    "cold comfort",
    "fault lines",
    "tipping point",
    "deep water",
    "hard numbers",
    "open season",
    "slow burn",
    "paper trail",
    "loose ends",
    "high tide",
    "thin ice",
    "moving target",
    "dead reckoning",
    "second wind",
    "last orders",
    "fair game",
    "headwinds",
    "aftershocks",
    "undertow",
    "crossroads",
    "backwater",
    "overdrive",
    "landfall",
    "stalemate",
    "windfall",
    "checkpoint",
    "groundswell",
    "blind spot",
    "rough cut",
    "safe harbour",
    "long shadow",
    "home truths",
    "tall order",
    "quiet money",
    "short fuse",
    "mixed signals",
    "new ground",
    "spare change",
)


def person(rng: random.Random) -> str:
    """A full name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def headline(rng: random.Random) -> str:
    """A headline of 8-14 words."""
    subject, obj = rng.choice(SUBJECTS), rng.choice(OBJECTS)
    text = f"{subject} {rng.choice(VERBS)} {obj}"
    if rng.random() < 0.5:
        text += f" {rng.choice(CLAUSES)}"
    return text[0].upper() + text[1:]


def slugify(text: str, max_words: int = 9) -> str:
    """Lower-case words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:max_words])


_TEMPLATES = (
    "{S} {v} {o} {c}",
    "“{q},” said {n}, {r}",
    "figures published {c} show that {f}",
    "{c}, {s} {v} {o}",
    "for {s}, the question is who pays for {o}",
    "{n}, {r}, put it more bluntly: “{q}.”",
    "critics point out that {f}",
    "it is not the first time {s} have argued over {o}",
    "the plan for {o} was first floated in {y}, and shelved twice since",
    "{S} declined to comment on {o}",
    "nobody disputes that {o} matters; the argument is about who pays",
    "by the spring of {y}, {f}",
)


def _sentence(rng: random.Random, template: str, names: list[str]) -> str:
    fact = rng.choice(FACTS).format(n=rng.randint(3, 95), y=rng.randint(2001, 2019))
    text = template.format(
        S=rng.choice(SUBJECTS),
        s=rng.choice(SUBJECTS),
        v=rng.choice(VERBS),
        o=rng.choice(OBJECTS),
        c=rng.choice(CLAUSES),
        q=rng.choice(QUOTES),
        n=rng.choice(names),
        r=rng.choice(ROLES),
        f=fact,
        y=rng.randint(2001, 2019),
    )
    return text[0].upper() + text[1:] + ("" if text.endswith("”") else ".")


def paragraph(rng: random.Random, sentences: int) -> str:
    """A paragraph of ``sentences`` sentences of different kinds, quoting people it names."""
    names = [person(rng) for _ in range(2)]
    return " ".join(_sentence(rng, t, names) for t in rng.sample(_TEMPLATES, sentences))


def standfirst(rng: random.Random) -> str:
    """A one-sentence summary shown under a headline."""
    text = f"why {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, and what {rng.choice(SUBJECTS)} make of it"
    return text[0].upper() + text[1:] + "."
