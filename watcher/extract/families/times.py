"""Clock times: "9:30 a.m. ET", "noon", "14:45 CET" (a day is joined to them in merge.py)."""

from __future__ import annotations

import re

from watcher.extract import resolve as rv
from watcher.extract.candidate import Context

# "around 8 PM": an approximate time keeps its word (TimeML's mod APPROX); read back from
# the time, so no common word has to start a match
_APPROX_BEFORE = re.compile(r"(?i:around|about|approximately|roughly)[ \t]{1,3}$")


def clock_time(m: re.Match[str], c: Context) -> tuple[rv.Resolved, int, int] | None:
    if m["tm_w"]:
        w = m["tm_w"].lower()
        hm = (23, 59) if w == "midnight" else (12, 0)
    elif m["tm_h"]:
        hm = rv.clock(int(m["tm_h"]), int(m["tm_mi"] or 0), m["tm_ap"])
    else:
        if not (m["tm_z"] or m["tm_hrs"]):
            lead = c.text[max(0, m.start() - 8) : m.start()].lower()
            if not re.search(r"\b(?:at|by|from|until|till|before|after|around)\s+$", lead):
                return None
        hm = (int(m["tm_h24"]), int(m["tm_m24"]))
    zone = rv.zone_name(m["tm_z"])
    value = f"{c.ref.isoformat()}T{hm[0]:02d}:{hm[1]:02d}"
    if m["tm_w"] and m["tm_w"].lower() == "midnight":
        value = f"{c.ref.isoformat()}T24:00"
    res = rv.Resolved(c.ref, None, value, timex_type="TIME", time=hm, zone=zone, granularity="time")
    approx = _APPROX_BEFORE.search(c.text, max(0, m.start() - 18), m.start())
    return res, approx.start() if approx else m.start(), m.end()
