"""The JSON contract of a mention, and the purity of the core."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from freezegun import freeze_time

import watcher.extract as pkg
from watcher.core.kinds import Kind
from watcher.extract import JSON_KEYS, extract

TEXT = (
    "The truce expires on Nov. 10. Officials said Thursday that talks will resume "
    "next week, and the tariffs take effect at 12:01 a.m. ET on Nov. 1. A deal "
    "could follow in early 2026."
)
PUB = dt.date(2025, 10, 24)


def test_json_objects_have_exactly_the_contract_keys() -> None:
    found = extract(TEXT, PUB, "America/New_York")
    assert found
    for m in found:
        obj = json.loads(json.dumps(m.to_json()))
        assert (
            tuple(obj)
            == JSON_KEYS
            == (
                "text",
                "start",
                "end",
                "date",
                "end_date",
                "kind",
                "future",
                "title",
                "confidence",
                "sentence",
            )
        )
        assert TEXT[obj["start"] : obj["end"]] == obj["text"]
        assert obj["kind"] in {k.value for k in Kind}
        assert type(obj["kind"]) is str
        assert isinstance(obj["future"], bool)
        assert 0.0 <= obj["confidence"] <= 1.0
        assert obj["text"] in obj["sentence"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", obj["date"])
        assert obj["end_date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", obj["end_date"])


def test_dates_with_a_time_carry_an_offset_and_ranges_an_end() -> None:
    by_text = {m.text: m for m in extract(TEXT, PUB, "America/New_York")}
    assert by_text["12:01 a.m. ET on Nov. 1"].date == "2025-11-01T00:01:00-04:00"
    assert by_text["next week"].end_date == "2025-11-02"
    assert by_text["Nov. 10"].end_date is None


def test_result_depends_on_the_publication_date_not_the_clock() -> None:
    with freeze_time("2031-01-01"):
        later = [m.to_json() for m in extract(TEXT, PUB)]
    with freeze_time("2020-06-15"):
        earlier = [m.to_json() for m in extract(TEXT, PUB)]
    assert later == earlier


def test_core_modules_do_no_io_and_read_no_clock() -> None:
    root = Path(pkg.__file__).parent
    core = [p for p in root.rglob("*.py") if p.relative_to(root).parts[0] != "io"]
    assert len(core) >= 7
    forbidden = re.compile(r"\b(?:open|urlopen|input|print)\(|\.now\(|\.today\(|time\.time\(")
    for path in core:
        assert not forbidden.search(path.read_text(encoding="utf-8")), path.name


def test_adversarial_input_is_handled() -> None:
    # long runs of near-matches must not blow up the regex engine
    junk = ("May 1 - " * 5000) + ("12:" * 5000) + ("the end of the " * 3000) + ("1" * 20000)
    found = extract(junk, PUB)
    assert found  # "May 1" is a date
    assert all(junk[m.start : m.end] == m.text for m in found)


def test_prefiltered_scan_finds_what_the_full_pattern_finds() -> None:
    import tomllib

    from watcher.extract.grammar.patterns import PATTERN
    from watcher.extract.grammar.scan import scan

    corpus = Path(__file__).resolve().parent / "corpus"
    texts = [tomllib.loads(p.read_text(encoding="utf-8"))["text"] for p in corpus.glob("*.toml")]
    texts.append(
        "THE END OF THE YEAR, Q3 2025, FY2026, the 1990s, the 20th century, in the next 3 days, "
        "a few weeks ago, two years from now, at present, these days, New Year's Day, "
        "the day after tomorrow, 15:00 GMT, 2009-10, mid-March, Sept. 1, 10 November 2025."
    )
    for text in texts:
        full = [(m.start(), m.end(), m.lastgroup) for m in PATTERN.finditer(text)]
        fast = [(m.start(), m.end(), m.lastgroup) for m in scan(text)]
        assert fast == full


def test_clause_breaks() -> None:
    from watcher.extract.cues.clause import clause_bounds

    text = 'He said: "On Friday - maybe (or Saturday) - a well-known date." Then: Monday; Tuesday.'

    def clause(word: str) -> str:
        i = text.index(word)
        lo, hi = clause_bounds(text, 0, len(text), i, i + len(word))
        return text[lo:hi]

    assert clause("Friday") == "On Friday"  # a spaced dash breaks, with its spaces
    assert clause("Saturday") == "or Saturday"
    assert clause("date") == "a well-known date."  # a hyphen inside a word does not
    assert clause("Monday") == " Monday"  # a colon before a space, a semicolon


def test_clause_in_agrees_with_clause_bounds() -> None:
    from watcher.extract.cues.clause import clause_bounds, clause_breaks, clause_in

    text = (
        'He said: "On Friday - maybe (or Saturday) - a well-known date." Then: Monday; '
        "Tuesday \u2014 or Wednesday \u2013 said - the \u201cboard\u201d - on Thursday:  Friday."
    )
    breaks = clause_breaks(text, 0, len(text))
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 12) + 1):
            assert clause_in(text, breaks, 0, len(text), start, end) == clause_bounds(
                text, 0, len(text), start, end
            ), (start, end)


def test_scan_by_digit_run_finds_what_the_full_pattern_finds() -> None:
    """The families tried at a run of digits are picked by its length: every run length
    and what commonly follows a number must give PATTERN's own matches."""
    from watcher.extract.grammar.patterns import PATTERN
    from watcher.extract.grammar.scan import scan

    tails = [
        "",
        "/",
        "/12/2024",
        "st",
        "st quarter",
        "th century",
        "nd half of 2025",
        " days ago",
        "-day",
        ":30",
        ":30 p.m.",
        " pm",
        "am",
        "-",
        "-25",
        "-10-05",
        "-10-05T12:30Z",
        " GMT",
        "%",
        ".5",
        ",000",
        " May 2025",
        " of June",
        "-12 March",
        " years from now",
        "s",
        "'s",
        " hrs",
        "\u201325",
        " to 12 May",
        " and 3 June",
    ]
    runs = ["1", "7", "12", "31", "99", "123", "1999", "2025", "2026", "1600", "12345", "2025123"]
    leads = ["", "in ", "within ", "on ", "by ", "the ", "2024-", "2024\u2013", "$", "No. ", "x"]
    for lead in leads:
        # (a known gap, older than the dispatch by run length: TRIGGER skips a number such
        # as "12.5" whole, where PATTERN finds "12" as the short year of "2024-12.5")
        ok = [t for t in tails if not (lead.endswith(("-", "\u2013")) and t in {".5", ",000"})]
        text = " ; ".join(lead + run + tail for run in runs for tail in ok)
        full = [(m.start(), m.end(), m.lastgroup) for m in PATTERN.finditer(text)]
        fast = [(m.start(), m.end(), m.lastgroup) for m in scan(text)]
        assert fast == full, lead


def test_word_before_reads_what_the_pattern_finds() -> None:
    import random

    from watcher.extract.sentences import _WORD_BEFORE, _word_before

    rng = random.Random(4)
    for _ in range(20_000):
        text = "".join(rng.choice("ab.\n -'Z") for _ in range(rng.randint(1, 20)))
        for dot in range(len(text) + 1):
            m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
            assert _word_before(text, dot) == (m.group(1) if m else None), (text, dot)


def test_scan_after_the_tries_what_every_the_family_finds() -> None:
    """At "the" the families are picked by the next word: for every word TRIGGER lets
    through after it, in the phrases the families make, the picked ones must match
    as all the families of "the" do."""
    from watcher.extract.grammar.patterns import (
        _AFTER_THE,
        _ORDINAL_WORDS,
        PATTERN_AFTER_THE,
        PATTERN_THE,
        THE_NEXT,
        TRIGGER,
    )

    nexts = [*sorted(_AFTER_THE | set(_ORDINAL_WORDS)), "5th", "21st", "1990s", "2025", "12"]
    tails = [
        "",
        " of March",
        " of March 2025",
        " of 2025",
        " of the year",
        " of next year",
        " of summer",
        " quarter",
        " quarter of 2025",
        " half of 2024",
        " century",
        " week",
        " year",
        " month",
        " summer",
        " summer of 2020",
        " day",
        " after tomorrow",
        " before yesterday",
        " of May",
        " May",
        " part of 2025",
        " part of June",
        "-quarter",
        " fiscal year",
        " year 2020",
    ]
    tried = 0
    for the in ("the", "The"):
        for space in (" ", "  ", "\t", "\n", "\u00a0", "    "):
            text = " ; ".join(f"{the}{space}{w}{tail}" for w in nexts for tail in tails)
            for t in TRIGGER.finditer(text):
                if t.group() != the:
                    continue
                nxt = THE_NEXT.match(text, t.end())
                picked = PATTERN_AFTER_THE.get(nxt[1], PATTERN_THE) if nxt else PATTERN_THE
                a, b = picked.match(text, t.start()), PATTERN_THE.match(text, t.start())
                assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))
                tried += 1
    assert tried > 5000


def test_every_pattern_family_is_a_named_family_with_a_handler() -> None:
    from watcher.extract.candidate import Family
    from watcher.extract.grammar.patterns import FAMILIES, PATTERN

    assert [f.value for f in Family] == list(FAMILIES)
    assert set(PATTERN.groupindex) >= set(FAMILIES)
    from watcher.extract.families import HANDLERS

    assert set(HANDLERS) == set(Family)


def test_plain_clause_gate_says_what_every_modality_reader_says() -> None:
    """modality.plain() lets read_cues skip the six readers: wherever it says True, each
    of them must say False (random clauses over their own words and common others)."""
    import random

    from watcher.extract.cues import modality as mo

    vocab = sorted(
        mo._ANY_BEFORE
        | mo._ANY_AFTER
        | mo.ED_FUTURE
        | mo.NEW_CLAUSE
        | mo._CAUSE_OR_NEW_CLAUSE
        | mo._CONDITIONS
        | {"but", "off", "due", "to", "scheduled", "is", "the", "vote", "on", "soon", "or"}
    )
    rng = random.Random(9)
    plain = 0
    for _ in range(20_000):
        before = [rng.choice(vocab) for _ in range(rng.randint(0, 20))]
        after = [rng.choice(vocab) for _ in range(rng.randint(0, 12))]
        text = " ".join(before) + " "
        if not mo.plain(before, after):
            continue
        plain += 1
        end = len(text)
        assert not mo.modal(before)
        assert not mo.hedged(text, 0, end, before)
        assert not mo.superseded(text, 0, end, before, after)
        assert not mo.called_off(text, 0, end, before, after)
        assert not mo.weather(before, after)
        assert not mo.hypothetical(before, after), (before, after)
    assert plain > 100


def test_possessive_word_pattern_finds_the_greedy_words() -> None:
    """WORD's runs are possessive for speed: on any text it must find what the plain
    greedy pattern finds."""
    import random
    import re

    from watcher.extract.cues.words import WORD

    greedy = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z][A-Za-z'\u2019]*)*")
    rng = random.Random(11)
    for _ in range(20_000):
        text = "".join(rng.choice("ab-'\u2019 Z9.") for _ in range(rng.randint(0, 16)))
        assert WORD.findall(text) == greedy.findall(text), text


def test_fast_mention_is_the_dataclass_built_by_its_init() -> None:
    """model.mention() sets the slots directly: the value must be the one __init__ makes
    (equal, same hash, same repr, still frozen)."""
    import dataclasses

    import pytest

    from watcher.core.kinds import Kind
    from watcher.extract.model import TemporalMention, mention

    args = ("Oct. 30", 4, 11, "2025-10-30", None, Kind.EVENT, True, "t", 0.9, "s", "v", "DATE")
    for tail in ((None, False), ("END", True)):
        a, b = mention(*args, *tail), TemporalMention(*args, *tail)
        assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
        assert [getattr(a, f.name) for f in dataclasses.fields(a)] == [*args, *tail]
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.title = "x"  # type: ignore[misc]


def test_separator_led_trigger_finds_what_trigger_finds() -> None:
    """On text NOT_PLAIN finds nothing in, scan reads TRIGGER's matches as group 1 of
    trigger_after_separator() over the text behind a line break: the same spans."""
    import random

    from watcher.extract.grammar.patterns import NOT_PLAIN, TRIGGER, trigger_after_separator

    fast = trigger_after_separator()
    pieces = [
        *"ab1 2-'.,%:\n\t\"()$/",
        "\u2019",
        "\u00a0",
        "\u2014",
        "\u201c",
        "the ",
        "The ",
        "in 3 days",
        "May",
        "6.15pm",
        "4.5",
        "twenty-first",
        "2025",
        "Good Friday",
        "St. Patrick",
        "FY",
    ]
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert NOT_PLAIN.search(text) is None
        want = [(t.start(), t.end()) for t in TRIGGER.finditer(text)]
        got = [(t.start(1) - 1, t.end() - 1) for t in fast.finditer("\n" + text)]
        assert got == want, text
    assert NOT_PLAIN.search("caf\u00e9") and NOT_PLAIN.search("\u3000")


def test_direct_copies_are_replace() -> None:
    """Resolved.at_time and Cues.with_tense build their copy field by field: each must be
    what dataclasses.replace gives (every field set away from its default)."""
    import dataclasses
    import datetime as dt

    from watcher.core.kinds import Kind
    from watcher.extract.cues import Cues
    from watcher.extract.resolve import Resolved

    res = Resolved(
        dt.date(2026, 3, 1), dt.date(2026, 3, 9), "v", "DURATION", "END", (1, 2), "Z", True, "week"
    )
    want = dataclasses.replace(res, time=(9, 30), zone="ET", value="w", timex_type="TIME", end=None)
    assert res.at_time((9, 30), "ET", "w") == want
    cues = Cues("past", Kind.VOTE, 2, 3, True, True, True, True, True, True, ["a"], 4)
    assert cues.with_tense("present") == dataclasses.replace(cues, tense="present")
    for cls in (Resolved, Cues):  # a new field must be copied too: add it above and there
        assert len(dataclasses.fields(cls)) == {Resolved: 9, Cues: 12}[cls]
