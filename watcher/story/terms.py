"""What a clause is about, as a set of word stems: the key by which news about one event
is found again in later articles.

Stems are crude on purpose (a few suffixes dropped, then six letters), and words that
name the same thing in news ("truce", "pact", "accord") share one stem, so "the trade
truce expires" and "the trade pact will now run until" meet. Words that say nothing about
which event it is (dates, reporting verbs, the cues of a move or a call-off) are left out.
"""

from __future__ import annotations

import re

_STOP = frozenset(
    """
    a an the of to for on in at by and or with will would shall should could can may might
    must is are be been being was were has have had do does did its it it's this that these
    those their there they them he she his her him we our you your i me my from as into onto
    than then so such not no nor also just only more most much many very about over under
    after before since until till through during between among per via up down out off
    again further once all any both each few other some own same too s t new now still yet
    who whom whose which what when where why how if unless while whether though although
    because said says say saying told tells according stated announced reported added noted
    confirmed wrote expected set due scheduled slated planned plans plan planning likely
    day days week weeks month months year years today tomorrow yesterday tonight morning
    afternoon evening night time times date dates deadline deadlines
    jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december monday tuesday wednesday thursday
    friday saturday sunday spring summer autumn fall winter weekend next last this coming
    earlier later early late mid end start beginning around roughly about nearly
    extended extend extends extension delayed delay postponed postpone pushed push moved
    move rescheduled reschedule scrapped scrap cancelled canceled cancel called call dropped
    drop shelved shelve abandoned withdrawn withdrew suspended indefinitely instead another
    again officially official officials spokesperson spokesman spokeswoman statement
    government people mr mrs ms dr one two three four five six seven eight nine ten
    first-ever go goes going went take takes taking took make makes made get gets got
    put puts held hold holds remain remains remained run runs running back forward
    ahead brought bring slipped slip postponement delays extensions week-long moving
    began begin begins begun lasted beat beating defeated
    extending delaying pushing postponing rescheduling slipping meanwhile separately
    however elsewhere itself themselves himself herself
    """.split()  # noqa: SIM905
)

# News words that name one thing: each group shares the stem of its first word.
_SYNONYMS = {
    word: group[0]
    for group in (
        (
            "truce",
            "ceasefire",
            "detente",
            "pact",
            "accord",
            "agreement",
            "deal",
            "armistice",
            "contract",
            "contracts",
        ),
        (
            "summit",
            "meeting",
            "meet",
            "meets",
            "met",
            "talks",
            "sit-down",
            "negotiations",
            "negotiation",
            "session",
            "sessions",
            "mediation",
        ),
        ("tariff", "tariffs", "duty", "duties", "levy", "levies"),
        (
            "vote",
            "votes",
            "voted",
            "voting",
            "ballot",
            "referendum",
            "poll",
            "ratify",
            "ratified",
            "ratification",
        ),
        ("strike", "strikes", "walkout", "walkouts", "stoppage", "picket", "pickets", "picketing"),
        ("launch", "launches", "liftoff", "lift-off", "blastoff", "flight"),
        ("landing", "land", "lands", "landed", "touchdown", "touch"),
        ("election", "elections", "polls", "elected", "elects", "runoff", "run-off", "re-election"),
        ("hearing", "hearings"),
        ("trial", "trials"),
        ("sentencing", "sentence", "sentenced", "punishment", "penalty"),
        ("panel", "panels", "panelists", "advisers", "adviser", "advisors", "advisory", "adcom"),
        ("consultation", "comment", "comments", "feedback"),
        ("expire", "expires", "expiry", "expiration", "expiring", "lapse", "lapses", "sunset"),
        ("effect", "effective", "force", "implementation", "implemented"),
        ("release", "releases", "premiere", "debut", "opening", "open", "opens", "opened"),
        ("ban", "bans", "prohibition"),
        (
            "approval",
            "approve",
            "approved",
            "sign-off",
            "authorisation",
            "authorization",
            "decision",
            "ruling",
            "verdict",
            "go-ahead",
        ),
        ("result", "results", "outcome", "winner"),
        ("rule", "rules", "regulation", "regulations"),
        ("budget", "budgets", "spending"),
        ("merger", "takeover", "acquisition", "buyout"),
        ("filing", "file", "submission", "submissions", "application", "applications"),
        ("rate", "rates"),
        ("match", "fixture", "game"),
        ("shutdown", "shutdowns"),
    )
    for word in group
}

# A name with a number ("Crew-12", "Kizuna-3", "H3", "A320") is one word: Crew-12 is not
# Crew-13.
_WORD = re.compile(r"[A-Za-z]+-?\d+[A-Za-z\d]*\b|[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|\d+(?:\.\d+)?%?")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s")


# Irregular past forms, so that "heard arguments" meets "to hear the application".
_IRREGULAR = {
    "heard": "hear",
    "sold": "sell",
    "won": "win",
    "struck": "strike",
    "ran": "run",
    "rose": "rise",
    "fell": "fall",
    "sat": "sit",
    "flew": "fly",
    "gave": "give",
    "took": "take",
    "led": "lead",
    "bought": "buy",
    "paid": "pay",
    "wrote": "write",
    "chose": "choose",
    "drew": "draw",
    "spoke": "speak",
    "broke": "break",
    "froze": "freeze",
    "sought": "seek",
    "fought": "fight",
    "caught": "catch",
    "taught": "teach",
    "built": "build",
    "sent": "send",
    "spent": "spend",
    "lost": "lose",
    "left": "leave",
    "kept": "keep",
}


_DOUBLING = frozenset({"ing", "ings", "ed"})  # suffixes that double a final consonant
_DOUBLED = frozenset("bdgmnprt")  # ... those a doubled stem drops ("ll", "ss" stay)


def stem(word: str) -> str:
    """A crude stem: synonyms to their group, a few suffixes off, at most six letters."""
    low = word.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if any(c.isdigit() for c in low) and not low[0].isdigit():
        return low  # a numbered name, whole
    low = _IRREGULAR.get(low, low)
    group = _SYNONYMS.get(low)
    if group is None and low.startswith("re") and len(low) > 5:
        # doing a thing again is about the same thing: "reopening" meets "open",
        # "the revote" meets "the vote", "relaunch" meets "launch"
        group = _SYNONYMS.get(low[2:].lstrip("-"))
    if group is not None:
        low = group
    elif not low[0].isdigit():
        for suffix in _SUFFIXES:
            if len(low) - len(suffix) >= 3 and low.endswith(suffix):
                low = low[: -len(suffix)]
                if (
                    suffix in _DOUBLING
                    and len(low) >= 3
                    and low[-1] == low[-2]
                    and low[-1] in _DOUBLED
                ):
                    low = low[:-1]  # "cutting" meets "cut", "planned" meets "plan"
                break
        if len(low) > 3 and low.endswith("e"):
            low = low[:-1]  # "vote", "voted", "votes" meet at "vot"
    return low[:6]


# Phrases news uses for one thing, read as one word before the words are stemmed.
_PHRASES = (
    (re.compile(r"\bwalk(?:s|ed|ing)?\s+(?:off|out)\b", re.IGNORECASE), "walkout"),
    (re.compile(r"\b(?:lift|lifts|lifted|lifting|blast|blasts|blasted)\s+off\b", re.I), "liftoff"),
    (re.compile(r"\btender\s+offers?\b", re.IGNORECASE), "offer"),
    (re.compile(r"\b(?:lay(?:s|ing)?|laid|down(?:s|ed)?)\s+(?:down\s+)?tools\b", re.I), "strike"),
    (
        re.compile(
            r"\b(?:go(?:es|ing)?|went)\s+on\s+sale\b|\b(?:hit|hits|reach|reaches|reached|"
            r"arrive\s+in|arrives\s+in)\s+(?:stores|shops|shelves)\b|\bin\s+stores\b",
            re.IGNORECASE,
        ),
        "onsale",
    ),
)
_SYNONYMS.update(dict.fromkeys(("sale", "sales", "onsale"), "onsale"))


def terms(text: str) -> frozenset[str]:
    """The content stems of ``text``: what it is about, without dates or function words."""
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    found = set()
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word in _STOP or (len(word) < 3 and not word[0].isdigit()):
            continue
        if word.isdigit() and (len(word) == 4 or int(word) <= 31):
            continue  # a year or a day of the month: part of a date, not of the event
        found.add(stem(word))
        if "-" in word and word not in _SYNONYMS:
            # "rate-setting" is about rates, "Bologna-Fiorentina" about both clubs
            found.update(
                stem(part)
                for part in word.split("-")
                if len(part) >= 3 and part not in _STOP and not part.isdigit()
            )
    return frozenset(found)
