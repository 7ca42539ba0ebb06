"""Turning a matched expression into calendar dates, anchored on the publication date.

Every function here is pure: the reference date and the tense come in as
arguments; nothing reads the clock. A result is a `Resolved`: the first day,
optionally the last day of a period, an optional time of day, and the TimeML
value ("2013-03-22", "2013-W12", "2013-Q1", "PRESENT_REF", ...).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from watcher.extract.cues.tense import Tense
from watcher.extract.grammar.lexicon import (
    FINANCIAL_YEAR_START,
    FIXED_OFFSETS,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    SEASON_MONTHS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    ZONES,
)

# Dates this close to the reference take the nearest year whatever the tense says:
# "set Nov. 1 as the deadline" a week before Nov. 1 is this year's Nov. 1 (tense
# reading is noisy, and news names the year of any date much further away).
NEAR_DAYS = 30


@dataclass(slots=True)
class Resolved:
    """A resolved position in time."""

    start: dt.date | None
    end: dt.date | None  # last day of a period, None for a single day
    value: str
    timex_type: str = "DATE"
    mod: str | None = None
    time: tuple[int, int] | None = None  # hour, minute
    zone: str | None = None  # IANA zone stated with the time
    point_end: bool = False  # "the end of the year": the date is the period's last day
    granularity: str = "day"

    def at_time(self, time: tuple[int, int], zone: str | None, value: str) -> Resolved:
        """The day at a clock time: replace(self, time=..., zone=..., value=...,
        timex_type="TIME", end=None), built directly (a day and a time merge often,
        and replace() is slow); a test holds it to replace()."""
        return Resolved(
            self.start, None, value, "TIME", self.mod, time, zone, self.point_end, self.granularity
        )


def month_last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, month_last_day(year, month)))


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # Feb 29
        return d.replace(year=d.year + n, day=28)


def week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def number(word: str) -> int | None:
    """'two' -> 2, '90' -> 90, 'a few' -> 3; None when not a number."""
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if w in {"several", "a few", "few"}:
        return 3
    if w in {"a couple", "a couple of"}:
        return 2
    if w == "a hundred":
        return 100
    return None


def month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def pick_year_for_day(
    month: int, day: int, ref: dt.date, tense: Tense | None, weekday: int | None = None
) -> dt.date | None:
    """The year of a year-less day, from the tense and closeness to the reference. A
    weekday named with it ("Sunday, October 5") keeps only the years it fits."""
    try:
        same_year = dt.date(ref.year, month, day)
        if abs((same_year - ref).days) <= NEAR_DAYS and (
            weekday is None or same_year.weekday() == weekday
        ):
            return same_year  # the common case, decided without the other candidates
    except ValueError:
        pass
    cands: list[dt.date] = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    if weekday is not None:
        cands = [c for c in cands if c.weekday() == weekday] or cands
    if not cands:
        return None
    nearest = min(cands, key=lambda c: (abs((c - ref).days), c > ref))
    if abs((nearest - ref).days) <= NEAR_DAYS or tense is None or tense == "present":
        return nearest
    if tense == "past":
        past = [c for c in cands if c <= ref]
        return max(past) if past else nearest
    future = [c for c in cands if c >= ref]
    return min(future) if future else nearest


def pick_year_for_month(month: int, ref: dt.date, tense: Tense | None) -> int:
    """The year of a year-less month: this month is this year; else by tense, else nearest."""
    if month == ref.month:
        return ref.year
    if tense == "past":
        return ref.year if month < ref.month else ref.year - 1
    if tense == "future":
        return ref.year if month > ref.month else ref.year + 1
    diff = month - ref.month
    if diff > 6:
        return ref.year - 1
    if diff < -6:
        return ref.year + 1
    return ref.year


def day(d: dt.date) -> Resolved:
    return Resolved(d, None, d.isoformat())


def month_period(year: int, month: int, mod: str | None = None) -> Resolved:
    """A month, optionally narrowed by 'early', 'mid', 'late', 'the end of'."""
    last = month_last_day(year, month)
    start, end = dt.date(year, month, 1), dt.date(year, month, last)
    value = f"{year:04d}-{month:02d}"
    return _apply_mod(start, end, value, mod, "month")


_MOD_MAP: dict[str, str] = {
    "early": "START",
    "the beginning of": "START",
    "beginning of": "START",
    "the start of": "START",
    "start of": "START",
    "the early part of": "START",
    "the dawn of": "START",
    "mid": "MID",
    "the middle of": "MID",
    "middle of": "MID",
    "late": "END",
    "the end of": "END",
    "end of": "END",
    "the close of": "END",
    "the latter part of": "END",
    "the turn of": "END",
}


def norm_mod(mod: str | None) -> str | None:
    if mod is None:
        return None
    return " ".join(mod.lower().split())


def _apply_mod(
    start: dt.date, end: dt.date, value: str, mod: str | None, granularity: str
) -> Resolved:
    mod = norm_mod(mod)
    if mod is None:
        return Resolved(start, end, value, granularity=granularity)
    first, second, third = _thirds(start, end, granularity)
    tm = _MOD_MAP.get(mod)
    if tm == "START" and mod not in {"the end of", "end of"}:
        return Resolved(first[0], first[1], value, mod=tm, granularity=granularity)
    if tm == "MID":
        return Resolved(second[0], second[1], value, mod=tm, granularity=granularity)
    if mod in {"late", "the latter part of"}:
        return Resolved(third[0], third[1], value, mod=tm, granularity=granularity)
    if mod in {"the end of", "end of", "the close of", "the turn of"}:
        if granularity == "week":
            # "by the end of the week": the working week's, Friday (as news means it)
            end -= dt.timedelta(days=2)
        return Resolved(end, None, value, mod="END", point_end=True, granularity=granularity)
    return Resolved(start, end, value, mod=tm, granularity=granularity)


def _thirds(
    start: dt.date, end: dt.date, granularity: str
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """Early / mid / late parts of a period: days 1-10/11-20/21- of a month, Jan-Apr/May-Aug/
    Sep-Dec of a year, equal thirds otherwise."""
    one = dt.timedelta(days=1)
    if granularity == "month":
        a, b = start.replace(day=10), start.replace(day=20)
        return (start, a), (a + one, b), (b + one, end)
    if granularity == "year":
        y = start.year
        return (
            (start, dt.date(y, 4, 30)),
            (dt.date(y, 5, 1), dt.date(y, 8, 31)),
            (dt.date(y, 9, 1), end),
        )
    n = max(3, (end - start).days + 1) // 3
    a = start + dt.timedelta(days=n - 1)
    b = start + dt.timedelta(days=2 * n - 1)
    return (start, a), (a + one, b), (b + one, end)


def year_period(year: int, mod: str | None = None) -> Resolved:
    return _apply_mod(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year:04d}", mod, "year")


_POINT_END_MODS = frozenset({"the end of", "end of", "the close of", "close of"})


def federal_fiscal_year(year: int, mod: str | None = None) -> Resolved:
    """The US federal fiscal year `year`: Oct. 1 of the year before to Sept. 30 ('FY 2027');
    'the end of FY 2027' is its last day. Its value stays the year (TimeML has no FY)."""
    end = dt.date(year, 9, 30)
    if norm_mod(mod) in _POINT_END_MODS:
        return Resolved(end, None, f"{year:04d}", mod="END", point_end=True, granularity="year")
    return Resolved(dt.date(year - 1, 10, 1), end, f"{year:04d}", granularity="year")


def federal_fiscal_year_of(d: dt.date) -> int:
    """The federal fiscal year a day falls in (Oct. 1, 2026 is in FY 2027)."""
    return d.year + 1 if d.month >= 10 else d.year


def financial_year(first: int, month: int = 4, mod: str | None = None) -> Resolved:
    """A financial year that starts on the first of `month` in year `first`: April in
    India and the UK ('financial year 2026-27'), July in Australia; 'the end of' it is
    its last day."""
    end = add_months(dt.date(first, month, 1), 12) - dt.timedelta(days=1)
    if norm_mod(mod) in _POINT_END_MODS:
        return Resolved(end, None, f"{first:04d}", mod="END", point_end=True, granularity="year")
    return Resolved(dt.date(first, month, 1), end, f"{first:04d}", granularity="year")


def financial_year_start(tz: str) -> int:
    """The month a financial year starts in the country of zone `tz` (April unless the
    zone names one that starts elsewhere: July in Australia)."""
    return FINANCIAL_YEAR_START.get(tz.split("/", 1)[0], FINANCIAL_YEAR_START.get(tz, 4))


def federal_fiscal_quarter(year: int, q: int) -> Resolved:
    """Quarter q of federal fiscal year `year`: the first is Oct.-Dec. of the year before."""
    first_month = 10 if q == 1 else 3 * q - 5
    y = year - 1 if q == 1 else year
    end_month = first_month + 2
    end = dt.date(y, end_month, month_last_day(y, end_month))
    return Resolved(dt.date(y, first_month, 1), end, f"{year:04d}-Q{q}", granularity="quarter")


def week_period(d: dt.date, mod: str | None = None) -> Resolved:
    monday = d - dt.timedelta(days=d.weekday())
    return _apply_mod(monday, monday + dt.timedelta(days=6), week_value(d), mod, "week")


def quarter_period(year: int, q: int, mod: str | None = None) -> Resolved:
    start = dt.date(year, 3 * q - 2, 1)
    end_m = 3 * q
    end = dt.date(year, end_m, month_last_day(year, end_m))
    return _apply_mod(start, end, f"{year:04d}-Q{q}", mod, "quarter")


def half_period(year: int, h: int, mod: str | None = None) -> Resolved:
    start = dt.date(year, 1 if h == 1 else 7, 1)
    end = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
    return _apply_mod(start, end, f"{year:04d}-H{h}", mod, "half")


# The northern season whose months a southern one has (summer is December to February).
_SOUTHERN_MONTHS = {"SU": "WI", "WI": "SU", "SP": "FA", "FA": "SP"}


def season_period(year: int, code: str, mod: str | None = None, south: bool = False) -> Resolved:
    """A season of `year`; `south` takes the southern hemisphere's months (the code, and
    so the TimeML value, stays the season's name)."""
    months = _SOUTHERN_MONTHS.get(code, code) if south else code
    first, last = SEASON_MONTHS[months]
    if months == "WI":
        start = dt.date(year, 12, 1)
        end = dt.date(year + 1, 2, month_last_day(year + 1, 2))
    else:
        start = dt.date(year, first, 1)
        end = dt.date(year, last, month_last_day(year, last))
    return _apply_mod(start, end, f"{year:04d}-{code}", mod, "season")


def decade_period(decade_start: int, mod: str | None = None) -> Resolved:
    return _apply_mod(
        dt.date(decade_start, 1, 1),
        dt.date(decade_start + 9, 12, 31),
        f"{decade_start // 10:03d}",
        mod,
        "decade",
    )


def century_period(n: int, mod: str | None = None) -> Resolved:
    """The n-th century (the 20th is 1901-2000; TimeML writes it '19')."""
    first = (n - 1) * 100
    return _apply_mod(
        dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), f"{n - 1:02d}", mod, "century"
    )


def weekday_date(wd: int, ref: dt.date, tense: Tense | None, rel: str | None) -> dt.date:
    """A weekday resolved by 'last'/'next'/'this' or, failing that, by tense."""
    back = (ref.weekday() - wd) % 7  # days back to the latest such weekday (0 = today)
    fwd = (wd - ref.weekday()) % 7  # days forward to the next (0 = today)
    rel = rel.lower().split()[-1] if rel else None  # "this coming" is "coming"
    if rel in {"last", "past"}:
        return ref - dt.timedelta(days=back or 7)
    if rel in {"next", "coming"}:
        return ref + dt.timedelta(days=fwd or 7)
    if rel == "this":
        return ref + dt.timedelta(days=fwd) if tense != "past" else ref - dt.timedelta(days=back)
    if tense == "past":
        return ref - dt.timedelta(days=back)
    if tense in {"future", "present"}:
        return ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)


def relative_unit(
    unit: str, rel: str | None, mod: str | None, ref: dt.date, tense: Tense | None
) -> Resolved | None:
    """'this week', 'next month', 'late last year', 'the end of the year', 'later this month'."""
    rel_n = " ".join(rel.lower().split()) if rel else None
    if rel_n is not None and rel_n.startswith("the "):
        rel_n = rel_n[4:]
    offset = {
        None: 0,
        "the": 0,
        "this": 0,
        "current": 0,
        "coming": 1,
        "next": 1,
        "following": 1,
        "subsequent": 1,
        "upcoming": 1,
        "new": 1,  # "by the new year": the year that starts next (only before "year")
        "last": -1,
        "past": -1,
        "previous": -1,
    }.get(rel_n)
    if offset is None:
        return None
    if rel_n == "new" and tense == "past":
        offset = 0  # "the new year began badly": the year that has begun
    mod_n = norm_mod(mod)
    # "later this month" is dated as the month (the period it names, as TimeML does);
    # "the rest of the year" is what remains of it
    later = mod_n in {"the rest of", "the remainder of"}
    earlier = mod_n == "earlier"
    base_mod = None if later or earlier or mod_n == "later" else mod_n
    res: Resolved
    if unit == "week":
        res = week_period(ref + dt.timedelta(weeks=offset), base_mod)
    elif unit == "weekend":
        sat = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        if ref.weekday() == 6:
            sat = ref - dt.timedelta(days=1)
        sat += dt.timedelta(weeks=offset)
        res = Resolved(
            sat, sat + dt.timedelta(days=1), f"{week_value(sat)}-WE", granularity="weekend"
        )
    elif unit == "month":
        d = add_months(ref.replace(day=1), offset)
        res = month_period(d.year, d.month, base_mod)
    elif unit == "year":
        res = year_period(ref.year + offset, base_mod)
    elif unit == "quarter":
        q = (ref.month - 1) // 3 + offset
        y = ref.year + (q // 4)
        res = quarter_period(y, q % 4 + 1, base_mod)
    elif unit == "decade":
        res = decade_period((ref.year // 10 + offset) * 10, base_mod)
    elif unit == "century":
        res = century_period(ref.year // 100 + 1 + offset, base_mod)
    else:
        return None
    if later and res.start is not None and res.end is not None:
        start = max(res.start, ref + dt.timedelta(days=1))
        return replace(res, start=start if start <= res.end else res.end)
    if earlier and res.start is not None and res.end is not None:
        return replace(res, end=min(res.end, ref))
    return res


def shift(ref: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return ref + dt.timedelta(days=n)
    if unit == "bday":
        return add_working_days(ref, n)
    if unit == "week":
        return ref + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return ref + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(ref, n)
    if unit == "year":
        return add_years(ref, n)
    if unit == "decade":
        return add_years(ref, 10 * n)
    return ref


def add_working_days(d: dt.date, n: int) -> dt.date:
    """n working days (Monday to Friday) after d, or before it when n < 0."""
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        d += dt.timedelta(days=step)
        while d.weekday() >= 5:
            d += dt.timedelta(days=step)
    return d


def ago(n: int, unit: str, ref: dt.date) -> Resolved:
    """'four years ago' -> the year 2009 (as TimeML values it), 'two days ago' -> a day."""
    d = shift(ref, -n, unit)
    if unit == "week":
        return week_period(d)
    if unit == "month":
        return month_period(d.year, d.month)
    if unit in {"year", "decade"}:
        return year_period(d.year)
    return day(d)


def duration_value(n: int, unit: str) -> str:
    code = {
        "day": "D",
        "bday": "D",
        "week": "W",
        "month": "M",
        "year": "Y",
        "decade": "DE",
        "fortnight": "W",
    }
    if unit == "hour":
        return f"PT{n}H"
    if unit == "fortnight":
        n *= 2
    return f"P{n}{code.get(unit, 'D')}"


def in_units(n: int, unit: str, ref: dt.date) -> Resolved:
    """'within 90 days', 'in two weeks': the day the period ends (TimeML: a DURATION)."""
    d = ref + dt.timedelta(days=1 if n >= 24 else 0) if unit == "hour" else shift(ref, n, unit)
    return Resolved(d, None, duration_value(n, unit), timex_type="DURATION")


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, dday = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, dday + 1)


def _nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, month_last_day(year, month))
    return last - dt.timedelta(days=(last.weekday() - wd) % 7)


# Holidays on a fixed date, by their name without dots and apostrophes.
_FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "boxing day": (12, 26),
    "st patricks day": (3, 17),
    "juneteenth": (6, 19),
    "veterans day": (11, 11),
    "remembrance day": (11, 11),
    "canada day": (7, 1),
    "bastille day": (7, 14),
}
# Holidays on the n-th weekday of a month: (month, weekday, n); n = -1 is the last.
_NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "labor day": (9, 0, 1),
    "labour day": (9, 0, 1),
    "memorial day": (5, 0, -1),
    "martin luther king day": (1, 0, 3),
    "martin luther king jr day": (1, 0, 3),
    "mlk day": (1, 0, 3),
    "presidents day": (2, 0, 3),
    "columbus day": (10, 0, 2),
    "mothers day": (5, 6, 2),
    "fathers day": (6, 6, 3),
}


# Zones of Canada, whose Thanksgiving is the second Monday of October.
_CANADA = frozenset(
    {"Toronto", "Vancouver", "Halifax", "Winnipeg", "Edmonton", "Regina", "St_Johns"}
    | {"Montreal", "Moncton", "Glace_Bay", "Whitehorse", "Yellowknife", "Iqaluit"}
)


def holiday_date(name: str, year: int, tz: str = "UTC") -> dt.date:
    n = " ".join(name.lower().replace("\u2019", "'").split())
    if n.startswith("thanksgiving") and tz.startswith("America/") and tz[8:] in _CANADA:
        return _nth_weekday(year, 10, 0, 2)  # Canada's: the second Monday of October
    if n in HOLIDAYS:
        m, d = HOLIDAYS[n]
        return dt.date(year, m, d)
    bare = n.replace(".", "").replace("'", "")
    if bare in _FIXED_HOLIDAYS:
        m, d = _FIXED_HOLIDAYS[bare]
        return dt.date(year, m, d)
    if bare in _NTH_WEEKDAY_HOLIDAYS:
        m, wd, k = _NTH_WEEKDAY_HOLIDAYS[bare]
        return _nth_weekday(year, m, wd, k)
    if n == "good friday":
        return easter(year) - dt.timedelta(days=2)
    if n == "easter monday":
        return easter(year) + dt.timedelta(days=1)
    if n.startswith("new year's"):
        return dt.date(year, 1, 1)
    if n.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if n == "black friday":
        return _nth_weekday(year, 11, 3, 4) + dt.timedelta(days=1)
    if n == "cyber monday":
        return _nth_weekday(year, 11, 3, 4) + dt.timedelta(days=4)
    if n.startswith("easter"):
        return easter(year)
    if n == "election day" or n == "election night":
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    raise KeyError(name)


def holiday(
    name: str, year: int | None, ref: dt.date, tense: Tense | None, tz: str = "UTC"
) -> Resolved:
    if year is not None:
        return day(holiday_date(name, year, tz))
    cands = [holiday_date(name, y, tz) for y in (ref.year - 1, ref.year, ref.year + 1)]
    nearest = min(cands, key=lambda c: abs((c - ref).days))
    if abs((nearest - ref).days) <= NEAR_DAYS or tense not in {"past", "future"}:
        return day(nearest)
    if tense == "past":
        return day(max(c for c in cands if c <= ref))
    return day(min(c for c in cands if c >= ref))


def unit_of(word: str) -> str:
    w = word.lower()
    return UNITS[w] if w in UNITS else UNITS[" ".join(w.split())]


def season_code(word: str) -> str:
    return SEASONS[word.lower()]


def part_of_day(word: str) -> str:
    return PARTS_OF_DAY[word.lower()]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.rstrip(".").lower()]


_ZONE_CLEAN = re.compile(r"[()]|\s+(?:standard|daylight)|\s+time", re.IGNORECASE)
_ZONE_WORDS = re.compile(r"[()]|\s+time", re.IGNORECASE)


def zone_name(word: str | None) -> str | None:
    """'ET' -> 'America/New_York'; 'Eastern Time' -> the same; 'EST', 'AEST', 'Pacific
    Daylight Time' -> their fixed offset ('offset:-300')."""
    if not word:
        return None
    fixed = FIXED_OFFSETS.get(" ".join(_ZONE_WORDS.sub("", word).split()).upper())
    if fixed is not None:
        return f"offset:{fixed}"
    key = _ZONE_CLEAN.sub("", word).strip().upper()
    return ZONES.get(key)


def clock(hour: int, minute: int, ampm: str | None) -> tuple[int, int]:
    """12-hour clock to 24-hour: 12:01 a.m. is 00:01, 12 p.m. is noon."""
    if ampm:
        pm = ampm.lower().startswith("p")
        if hour == 12:
            hour = 12 if pm else 0
        elif pm:
            hour += 12
    return hour, minute
