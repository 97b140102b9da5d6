#!/usr/bin/python3
"""check.py - read a `flowrec calendar` file with a real iCalendar parser (python3-icalendar)
and check it against the handbook's deadlines, computed here on their own from the records.

  check.py FILE --team DIR --from D --to D [--person NAME]
      the bytes: CRLF only, lines of at most 75 octets, continuations start with a space, each
      physical line valid UTF-8 on its own (no fold inside a character); then parsed with
      icalendar: VEVENTs only, each with UID, DTSTAMP, DTSTART, SUMMARY; UIDs unique; the
      events, as (local day, kind, what it is about), equal the expected ones; timed ones at
      their clock time in the team's zone; with --person only that person's and the team's
  check.py --uids FILE
      prints "UID<TAB>DTSTART<TAB>SUMMARY" sorted, for comparing runs
"""
import datetime as dt
import sys
from zoneinfo import ZoneInfo

import icalendar
import yaml


def fail(msg):
    print("check.py: " + msg, file=sys.stderr)
    sys.exit(1)


def raw_checks(data):
    if b"\n" in data.replace(b"\r\n", b""):
        fail("a line ends in a bare LF")
    if b"\r" in data.replace(b"\r\n", b""):
        fail("a bare CR")
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    lines = data[:-2].split(b"\r\n")
    folded = 0
    for i, ln in enumerate(lines, 1):
        if len(ln) > 75:
            fail("line %d is %d octets long (at most 75)" % (i, len(ln)))
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            fail("line %d is not valid UTF-8 on its own: a fold splits a character: %r" % (i, ln))
        if ln[:1] in (b" ", b"\t"):
            folded += 1
            if ln[:1] != b" ":
                fail("line %d: a continuation starts with a tab" % i)
        elif b":" not in ln:
            fail("line %d is neither a property nor a continuation: %r" % (i, ln))
    # unfolding gives back valid UTF-8 text
    text = data.replace(b"\r\n ", b"").decode("utf-8")
    return text, folded


def parse(data):
    cal = icalendar.Calendar.from_ical(data)
    if cal.name != "VCALENDAR" or str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        fail("not a VCALENDAR 2.0 with a PRODID")
    subs = [c.name for c in cal.subcomponents]
    if any(n != "VEVENT" for n in subs):
        fail("components other than VEVENT: %s" % sorted(set(subs)))
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    if len(set(uids)) != len(uids):
        fail("duplicate UIDs")
    for e in events:
        for p in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "DESCRIPTION"):
            if p not in e:
                fail("an event without %s: %s" % (p, e.get("UID")))
    return cal, events


def load_team(team):
    with open(team + "/flowrec.yaml", encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    recs = []
    import glob
    for path in sorted(glob.glob(team + "/records/**/*.md", recursive=True)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        fm = yaml.safe_load(text.split("---", 2)[1])
        recs.append(fm)
    return cfg, recs


def as_date(v):
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def months(d0, d1):
    m = dt.date(d0.year, d0.month, 1)
    while m <= d1:
        yield m
        m = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)


def last_day(m):
    n = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return n - dt.timedelta(days=1)


def expected(cfg, recs, d0, d1):
    """(day, kind, subject, roles-or-people, clock) of every deadline in [d0, d1], from the
    handbook (DOMAIN.md) and the records."""
    out = []
    one = dt.timedelta(days=1)
    roster = cfg["people"]

    def role(*roles):
        return {p["name"] for p in roster if p.get("role") in roles}

    ws = cfg.get("work_start", "09:00")
    monday = d0 - dt.timedelta(days=d0.weekday() + 7)
    weekly = {w["week"]: w for w in recs if w.get("kind") == "weekly-meeting"}
    rot = cfg.get("host_rotation", [])

    def host_of(mon, week):
        if week in weekly:
            return weekly[week].get("host")
        known = [(abs((dt.date.fromisocalendar(int(w[:4]), int(w[6:]), 1) - mon).days), w)
                 for w, r in weekly.items() if r.get("host") in rot]
        if not known:
            return None
        w = min(known)[1]
        m = dt.date.fromisocalendar(int(w[:4]), int(w[6:]), 1)
        return rot[(rot.index(weekly[w]["host"]) + (mon - m).days // 7) % len(rot)]

    while monday <= d1:
        week = "%d-W%02d" % monday.isocalendar()[:2]
        host = {host_of(monday, week)} - {None}
        for day, what, clock, who in ((monday, "meeting", ws, "TEAM"),
                                      (monday, "minutes", "12:00", host),
                                      (monday + 3 * one, "midweek", "12:00", host)):
            out.append((day, "weekly-meeting", what + " " + week, who, clock))
        monday += 7 * one
    for m in months(d0 - 62 * one, d1 + 62 * one):
        prev = dt.date(m.year - (m.month == 1), (m.month - 2) % 12 + 1, 1)
        nxt = last_day(m) + one
        lab = m.strftime("%Y-%m")
        for day, kind, what, who in (
                (m + 15 * one, "monthly-plan", "midmonth", role("sales")),
                (prev + 27 * one, "monthly-plan", "draft", role("sales")),
                (m - one, "monthly-plan", "plan", role("sales")),
                (m, "product-plan", "drafted", role("sales", "manager")),
                (m + one, "product-plan", "approved", role("director")),
                (m + 26 * one, "partner-scorecard", "inform", role("commerce", "finance", "aftersales")),
                (m + 27 * one, "partner-scorecard", "scored", role("sales")),
                (last_day(m), "partner-scorecard", "reviewed", role("sales", "commerce", "manager")),
                (nxt + 2 * one, "partner-scorecard", "notice", role("sales"))):
            out.append((day, kind, what + " " + lab, who, None))
    offsets = {"informed": -1, "training": 0, "promo_delivery": 0, "channel_review": 5,
               "aftersales_call": 20, "manager_visit": 26}
    for r in recs:
        k = r.get("kind")
        if k == "cards":
            y, w = r["week"].split("-W")
            mon = dt.date.fromisocalendar(int(y), int(w), 1)
            for p in r.get("products", []):
                sold = [t["sold"] for t in p.get("tracking", []) if "sold" in t]
                if sold and sold[-1] >= p["quantity"]:
                    continue
                due = mon + (6 if p["card"] == "red" else 13) * one
                out.append((due, "cards", "card %s %s" % (r["week"], p["sku"]), set(p["assignees"]), None))
        elif k == "onboarding":
            d = as_date(r["first_pickup"])
            for step, off in offsets.items():
                if step not in (r.get("steps") or {}):
                    out.append((d + off * one, "onboarding", "step %s %s" % (r["customer"], step),
                                {r["owner"]}, None))
        elif k == "meeting":
            for x in r.get("decisions", []):
                if x.get("status") == "open":
                    out.append((as_date(x["due"]), "meeting", "decision " + x["decision"],
                                {x["owner"]}, None))
    return [e for e in out if d0 <= e[0] <= d1]


def local_day(v, tz):
    if isinstance(v, dt.datetime):
        return v.astimezone(tz).date(), v.astimezone(tz).strftime("%H:%M")
    return v, None


def main(argv):
    if argv[1] == "--uids":
        data = open(argv[2], "rb").read()
        _, events = parse(data)
        for line in sorted("%s\t%s\t%s" % (e["UID"], e["DTSTART"].to_ical().decode(), e["SUMMARY"])
                           for e in events):
            print(line)
        return
    path = argv[1]
    opts = dict(zip(argv[2::2], argv[3::2]))
    data = open(path, "rb").read()
    _, folded = raw_checks(data)
    cal, events = parse(data)
    cfg, recs = load_team(opts["--team"])
    tz = ZoneInfo(cfg.get("timezone", "Asia/Shanghai"))
    d0, d1 = as_date(opts["--from"]), as_date(opts["--to"])
    person = opts.get("--person")
    want = expected(cfg, recs, d0, d1)
    if person:
        # the whole team's (the meeting, and what names nobody) and the person's own
        want = [e for e in want if e[3] == "TEAM" or not e[3] or person in e[3]]
    got = []
    for e in events:
        day, clock = local_day(e.decoded("DTSTART"), tz)
        cat = e.get("CATEGORIES")
        cat = str(cat.cats[0]) if hasattr(cat, "cats") else str(cat)
        got.append((day, cat, clock))
        if clock is None and "DTEND" in e and e.decoded("DTEND") != day + dt.timedelta(days=1):
            fail("an all-day event that is not one day long: %s" % e["UID"])
        if "DURATION" in e and e.decoded("DURATION") != dt.timedelta(minutes=60):
            fail("the meeting is not 60 minutes long")
    want_keys = sorted((e[0], e[1], e[4]) for e in want)
    got_keys = sorted(got, key=lambda x: (x[0], x[1], x[2] or ""))
    want_keys = sorted(want_keys, key=lambda x: (x[0], x[1], x[2] or ""))
    if got_keys != want_keys:
        import difflib
        d = difflib.unified_diff([repr(x) for x in want_keys], [repr(x) for x in got_keys],
                                 "expected", "calendar", lineterm="")
        fail("the events are not the handbook's deadlines:\n" + "\n".join(d))
    # the decisions' texts come back whole, with their Chinese, after unfolding and unescaping
    summaries = [str(e["SUMMARY"]) for e in events]
    for e in want:
        if e[2].startswith("decision ") and not any(e[2][9:] in s for s in summaries):
            fail("no event names the decision %r" % e[2][9:])
    print("%d events, %d folded lines" % (len(events), folded))


main(sys.argv)
