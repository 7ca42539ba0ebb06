"""Words the grammar is built from: months, weekdays, numbers, zones, cue words.

Kept apart from the regexes so that the vocabulary can be read and extended
without touching pattern code.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# Month names that are also common English words or given names: when they
# stand alone (no day, no year) they need a temporal word before them.
AMBIGUOUS_MONTHS = frozenset({"may", "june", "april", "august", "march"})

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}

# Unit words of relative expressions, mapped to a canonical unit.
UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "business day": "bday",  # a working day: Monday to Friday (no holidays known)
    "business days": "bday",
    "working day": "bday",
    "working days": "bday",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "quarter": "quarter",
    "weekend": "weekend",
    "hour": "hour",
    "hours": "hour",
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

# (first month, last month) of each season; winter runs into the next year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

# Time-zone words news copy uses, mapped to IANA zones (offsets follow DST).
ZONES: dict[str, str] = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "EASTERN": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CENTRAL": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "MOUNTAIN": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PACIFIC": "America/Los_Angeles",
    "GMT": "UTC",
    "UTC": "UTC",
    "BST": "Europe/London",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "IST": "Asia/Kolkata",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "AST": "America/Halifax",
    "ADT": "America/Halifax",
    "SAST": "Africa/Johannesburg",
    "BRT": "America/Sao_Paulo",
    "MSK": "Europe/Moscow",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
    "AWST": "Australia/Perth",
}

# Places whose name and "time" say a zone ("10:40 p.m. Japan time", "10 a.m. Brasília
# time"): the zone of that country or city (its DST followed).
PLACE_ZONES: dict[str, str] = {
    "JAPAN": "Asia/Tokyo",
    "TOKYO": "Asia/Tokyo",
    "KOREA": "Asia/Seoul",
    "SEOUL": "Asia/Seoul",
    "BEIJING": "Asia/Shanghai",
    "CHINA": "Asia/Shanghai",
    "HONG KONG": "Asia/Hong_Kong",
    "SINGAPORE": "Asia/Singapore",
    "INDIA": "Asia/Kolkata",
    "DELHI": "Asia/Kolkata",
    "MOSCOW": "Europe/Moscow",
    "LONDON": "Europe/London",
    "UK": "Europe/London",
    "PARIS": "Europe/Paris",
    "BERLIN": "Europe/Berlin",
    "BRUSSELS": "Europe/Brussels",
    "BRASÍLIA": "America/Sao_Paulo",
    "BRASILIA": "America/Sao_Paulo",
    "ATLANTIC": "America/Halifax",
    "SYDNEY": "Australia/Sydney",
    "MELBOURNE": "Australia/Melbourne",
    "NEW YORK": "America/New_York",
    "WASHINGTON": "America/New_York",
}
ZONES.update(PLACE_ZONES)

# Abbreviations that name standard or summer time say their offset (minutes east of
# UTC) whatever the season: "noon AEST" in Brisbane is +10:00 while Sydney keeps summer
# time, "7 p.m. EST" is -05:00. The generic names (ET, PT, "Eastern time") follow DST.
FIXED_OFFSETS: dict[str, int] = {
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "GMT": 0,
    "UTC": 0,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "JST": 540,
    "KST": 540,
    "HKT": 480,
    "SGT": 480,
    "IST": 330,
    "AEST": 600,
    "AEDT": 660,
    "EASTERN STANDARD": -300,
    "EASTERN DAYLIGHT": -240,
    "CENTRAL STANDARD": -360,
    "CENTRAL DAYLIGHT": -300,
    "MOUNTAIN STANDARD": -420,
    "MOUNTAIN DAYLIGHT": -360,
    "PACIFIC STANDARD": -480,
    "PACIFIC DAYLIGHT": -420,
}

# The month a country's financial year starts, by zone area or zone (April otherwise:
# India, the UK, Japan, Canada); "fiscal 2027" names the year it starts in where
# FISCAL_NAMED_BY_START holds the zone (Japan), else it stays the calendar year.
FINANCIAL_YEAR_START: dict[str, int] = {"Australia": 7}
FISCAL_NAMED_BY_START = frozenset({"Asia/Tokyo"})

# Zones (or zone prefixes) of the southern hemisphere, where winter is June to August:
# "next winter" in Johannesburg is June, not December.
SOUTHERN_ZONES = (
    "Australia/",
    "Pacific/Auckland",
    "Africa/Johannesburg",
    "Africa/Maputo",
    "Africa/Windhoek",
    "America/Sao_Paulo",
    "America/Argentina/",
    "America/Santiago",
    "America/Montevideo",
    "America/Asuncion",
)

# Fixed-date holidays news uses as deadlines (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "independence day": (7, 4),
    "the fourth of july": (7, 4),
    "fourth of july": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
}

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "prof",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "ft",
        "mt",
        "pres",
        "rev",
        "hon",
        "fig",
        "vol",
        "al",
    }
)
