#!/usr/bin/python3
"""check.py MESSAGE REPORT_JSON weekly|monthly PERIOD - a mail from `flowrec mail`, read back
with Python's email package (policy.default: RFC 5322 + RFC 2047 + MIME) and checked against
the figures `flowrec report --format json` computes and the roster in flowrec.yaml.
Prints what is wrong and exits 1; exits 0 when the message is right."""
import datetime
import email
import email.utils
import json
import math
import re
import sys
from email import policy

import yaml

msg_path, report_path, what, period = sys.argv[1:5]
raw = open(msg_path, "rb").read()
rep = json.load(open(report_path))
cfg = yaml.safe_load(open("flowrec.yaml"))
bad = []


def need(cond, why):
    if not cond:
        bad.append(why)


need(all(len(l) <= 998 for l in raw.split(b"\r\n")), "a line over 998 octets")
need(b"\n" not in raw.replace(b"\r\n", b""), "a bare LF")
need(all(b < 128 for b in raw), "8-bit bytes in the message (headers and bodies must be 7-bit)")
m = email.message_from_bytes(raw, policy=policy.default)
need(m.defects == [], "defects: %s" % m.defects)
need(m["MIME-Version"] == "1.0", "no MIME-Version 1.0")
need(m.get_content_type() == "multipart/alternative", "not multipart/alternative")
parts = list(m.iter_parts())
need([p.get_content_type() for p in parts] == ["text/plain", "text/html"], "parts: plain then html")
need(all(p.get_content_charset() == "utf-8" for p in parts), "charset is not UTF-8")
text, html = parts[0].get_content(), parts[1].get_content()
need("<style" not in html.lower(), "a <style> element (mail clients strip it)")
need(re.search(r'<td style="[^"]*border', html), "no inline styles on the table cells")
need("<script" not in html.lower(), "a script")

people = {p["name"]: p.get("email") for p in cfg["people"]}
team = cfg["team"]
if what == "weekly":
    rec = [r for r in rep["records"] if r["kind"] == "weekly-meeting" and r["title"] == period][0]
    fm = yaml.safe_load(open(rec["path"]).read().split("---")[1])
    want_to = [n for n in people if people[n] and n in fm["attendees"]]
    subject = "%s 周例会纪要 %s" % (team, period)
    need(m["From"].addresses[0].display_name == fm["host"], "From is not the host")
    monday = datetime.date.fromisocalendar(int(period[:4]), int(period[6:]), 1)
    want_date = datetime.datetime.combine(monday, datetime.time(12), datetime.timezone(datetime.timedelta(hours=8)))
    figs = rec["figures"]
    for p in figs["people"]:
        r = "%.1f%%" % (p["rate"] * 100)
        need("%s · %s" % (p["person"], r) in text, "text: no rate %s for %s" % (r, p["person"]))
        need(re.search(re.escape(p["person"]) + r"\s*·\s*" + re.escape(r), html), "html: no rate %s for %s" % (r, p["person"]))
    need("%.1f%%" % (figs["team_rate"] * 100) in text, "text: no team rate")
    # a task where less is better says so beside its name, in both parts (its rate above or
    # below 100 % means the opposite of the others')
    for r in fm["reports"]:
        for t in r.get("last_week", []) + r.get("this_week", []):
            marked = "%s (越低越好)" % t["task"]
            if t.get("better") == "lower":
                need("- %s: " % marked in text, "text: %s is not marked lower is better" % t["task"])
                need(marked in html, "html: %s is not marked lower is better" % t["task"])
            else:
                need("- %s: " % marked not in text, "text: %s is marked lower is better" % t["task"])
    for f in rep["flagged"]:
        if f["path"] == rec["path"]:
            lower = any(t["task"] == f["item"] and t.get("better") == "lower"
                        for r in fm["reports"] for t in r.get("last_week", []))
            line = "- %s: " % (f["item"] + (" (越低越好)" if lower else ""))
            dev = "%+.1f%%" % (f["deviation"] * 100)
            need(any(l.strip().startswith(line.strip()) and dev in l and "⚑" in l for l in text.split("\n")),
                 "text: %s not flagged with %s" % (f["item"], dev))
            need(dev + " ⚑" in html, "html: %s not flagged" % f["item"])
            if f["reason"]:
                need("原因：" + f["reason"] in text and "原因：" + f["reason"] in html, "no reason for " + f["item"])
else:
    plans = [r for r in rep["records"] if r["kind"] == "monthly-plan" and r["title"].startswith(period)]
    want_to = [n for n in people if people[n] and n in [r["person"] for r in plans]]
    subject = "%s 月度总结计划 %s" % (team, period)
    first = datetime.date(int(period[:4]), int(period[5:]), 1)
    want_date = datetime.datetime.combine(first, datetime.time(12), datetime.timezone(datetime.timedelta(hours=8)))
    prev = (first - datetime.timedelta(days=1)).strftime("%Y-%m")
    row = [x for x in rep["months"] if x["month"] == prev][0]
    for p in row["people"]:
        r = "%.1f%%" % (p["rate"] * 100)
        need("%s · %s" % (p["person"], r) in text, "text: no rate %s for %s" % (r, p["person"]))
        need(r in html, "html: no rate for " + p["person"])
    for f in rep["flagged"]:
        if f["kind"] == "monthly-plan" and f["period"] == prev:
            need(f["item"] in text and "%+.1f%%" % (f["deviation"] * 100) in text, "text: no flagged " + f["item"])
    # each plan in full, as its page shows it: the summary's rates, highlight and lowlight, the
    # plan's targets and measures, the golden page and the blank sheet, in both parts
    import html as htmllib
    plain_html = htmllib.unescape(re.sub(r"<[^>]+>", "", html))

    def num(v):
        return ("%d" % v) if float(v).is_integer() else ("%g" % v)

    def named(mt):
        return mt["name"] + (" (越低越好)" if mt.get("better") == "lower" else "")

    for r in plans:
        fm = yaml.safe_load(open(r["path"]).read().split("---")[1])
        who = fm["person"]
        need("== %s ==" % who in text, "text: no section for " + who)
        need(re.search(r"<h2[^>]*>%s</h2>" % re.escape(who), html), "html: no section for " + who)
        for mt in fm.get("summary", {}).get("metrics", []):
            if "actual" not in mt:
                continue
            rate = mt["actual"] / mt["target"]
            if mt.get("better") == "lower":
                rate = max(0, 2 - rate)
            line = "- %s: %s / %s %s, %.1f%%" % (named(mt), num(mt["actual"]), num(mt["target"]), mt["unit"], rate * 100)
            need(line in text, "text: %s: no %r" % (who, line))
            cells = "%s / %s %s%.1f%%" % (num(mt["actual"]), num(mt["target"]), mt["unit"], rate * 100)
            need(named(mt) + cells in plain_html, "html: %s: no %r" % (who, named(mt) + cells))
            if abs(rate - 1) > 0.3 + 1e-9:
                need("%.1f%% (%+.1f%%) ⚑" % (rate * 100, (rate - 1) * 100) in text, "text: %s not flagged" % mt["name"])
        for k in ("highlight", "lowlight"):
            if k in fm.get("summary", {}):
                need(fm["summary"][k] in text and fm["summary"][k] in plain_html, "no %s of %s" % (k, who))
        plan = fm.get("plan", {})
        for mt in plan.get("metrics", []):
            need("- %s 目标：%s %s" % (named(mt), num(mt["target"]), mt["unit"]) in text, "text: no planned " + mt["name"])
            for x in mt.get("measures", []):
                need("* " + x in text and x in plain_html, "no measure " + x)
        # the mid-month review: each metric to date against the target pro-rated to the day
        # of the review (M-MIDONLY's figure), in the plain text as on the page
        mid = fm.get("mid_month")
        if mid:
            day = datetime.date.fromisoformat(str(mid["date"]))
            ndays = ((day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)).day
            for x in mid.get("items", []):
                pm = [mt for mt in plan.get("metrics", []) if mt["name"] == x["metric"]]
                if not pm:
                    continue
                pro = math.floor(pm[0]["target"] * day.day / ndays * 10 + 0.5) / 10  # C's round()
                want = "按天折算目标：%s %s" % (num(pro), pm[0]["unit"])
                need(want in text, "text: %s: no %r for %s" % (who, want, x["metric"]))
        for a in plan.get("golden_page", []) + plan.get("blank_sheet", []):
            need(a["action"] in text and a["action"] in plain_html, "no action " + a["action"])
            need("截止 %s" % a["due"] in text, "text: no due of " + a["action"])
    need("class=" not in html, "a class attribute in the mail (styles are inline)")
    need("<a " not in html, "a link in the mail")

need(m["Subject"] == subject, "Subject %r, not %r" % (m["Subject"], subject))
need(b"Subject: =?UTF-8?B?" in raw, "the Chinese Subject is not RFC 2047 encoded")
need(m["To"] is not None and m["Cc"] is not None, "no To or no Cc")
if bad:
    for b in bad:
        print(msg_path + ": " + b)
    sys.exit(1)
to = [a.display_name for a in m["To"].addresses]
need(to == want_to, "To %s, not %s" % (to, want_to))
for a in m["To"].addresses + m["Cc"].addresses:
    need(people.get(a.display_name) == a.addr_spec, "%s's address is not the roster's" % a.display_name)
cc = [a.display_name for a in m["Cc"].addresses]
need(cc == [n for n in people if people[n] and n not in want_to], "Cc is not the rest of the roster")
need(email.utils.parsedate_to_datetime(m["Date"]) == want_date, "Date %s, not %s" % (m["Date"], want_date))
need(re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", m["Message-ID"] or ""), "no Message-ID")
for b in bad:
    print(msg_path + ": " + b)
sys.exit(1 if bad else 0)
