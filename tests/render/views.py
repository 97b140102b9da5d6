#!/usr/bin/python3
"""views.py - the pages made for each kind show the figures of their records, translated.

    python3 views.py SITE_DIR REPO_DIR REPORT_JSON TODAY

For every record of the kinds that have their own view (all but weekly-meeting, which
t-render.sh checks, and process), reads its front-matter (PyYAML) and its figures from
`flowrec report --format json`, works the expected numbers out from the record itself (a card's
sell-through is its last sold / quantity, an onboarding step is late when done after D+offset,
overdue when not done and past it, ...) and looks for them on the record's page, in the zh-CN
labels. Fails (exit 1, one line per defect) when a figure is missing or wrong, when the page is
the generic data dump (an <h2 id="data">), or when an enum value is shown untranslated.
"""
import datetime
import html
import json
import os
import re
import sys

import yaml

CARD_STATUS = {"done": "按期售完", "late": "逾期售完", "overdue": "逾期未售完", "open": "销售中"}
CLASS = {"star": "明星产品", "key": "重点产品", "slow": "滞销产品", "profit": "利润产品"}
GRADE = {"excellent": "优秀", "good": "良好", "pass": "合格", "improve": "待改进"}
DECISION = {"open": "未完成", "done": "已完成", "dropped": "已取消"}
STEP_STATE = {"done": "按期完成", "late": "延期完成", "overdue": "逾期未完成", "open": "待完成"}
STEPS = [("informed", -1, "书面告知各部门"), ("training", 0, "产品培训"),
         ("promo_delivery", 0, "促销物料随货"), ("channel_review", 5, "渠道复核"),
         ("aftersales_call", 20, "售后回访"), ("manager_visit", 26, "经理拜访")]
SERVICE = {"classified": "分类服务", "key-customer": "重点客户服务"}
RAW_ENUMS = re.compile(r">\s*(open|done|dropped|red|yellow|star|key|slow|profit|classified|"
                       r"key-customer|overdue|late|confirm|review|excellent|good|pass|improve|"
                       r"informed|training|promo_delivery|channel_review|aftersales_call|"
                       r"manager_visit)\s*<")
THRESHOLD = 0.30

defects = []


def pct(rate):
    s = "%.1f%%" % (rate * 100)
    return "0.0%" if s == "-0.0%" else s


def num(v):
    return ("%d" % v) if float(v).is_integer() else ("%g" % v)


def day(s):
    return datetime.date.fromisoformat(str(s))


def days_text(deadline, today):
    d = (deadline - today).days
    if d > 0:
        return "还剩 %d 天" % d
    if d == 0:
        return "今天截止"
    return "已逾期 %d 天" % -d


def want(page, text, what):
    if text not in page["html"]:
        defects.append("%s: %s: no %r" % (page["name"], what, text))


def want_re(page, rx, what):
    if not re.search(rx, page["html"], re.S):
        defects.append("%s: %s: no match for %s" % (page["name"], what, rx))


def esc(s):
    return html.escape(str(s), quote=True)


def check_cards(page, fm, fig, today):
    monday = datetime.date.fromisocalendar(*[int(x) for x in fm["week"].split("-W")], 1)
    figs = fig["products"]
    for p, f in zip([p for p in fm["products"] if isinstance(p, dict)], figs):
        track = [t for t in p.get("tracking", []) if isinstance(t.get("sold"), (int, float))]
        name = "%s %s" % (p["sku"], p["name"]) if not p["name"].startswith(p["sku"]) else p["name"]
        want(page, "</span> %s</h3>" % esc(name), "product name, SKU once")
        if track:
            sold = track[-1]["sold"]
            want(page, "已售 %s / %s · <strong class=\"sell-through\">%s</strong>" %
                 (num(sold), num(p["quantity"]), pct(sold / p["quantity"])), "sell-through of " + p["sku"])
        deadline = monday + datetime.timedelta(days=6 if p["card"] == "red" else 13)
        want(page, "<dd>%s" % deadline.isoformat(), "deadline of " + p["sku"])
        want(page, ">%s</span>" % CARD_STATUS[f["status"]], "status of " + p["sku"])
        want(page, "<span class=\"badge card-%s\">%s</span>" % (p["card"], "红牌" if p["card"] == "red" else "黄牌"),
             "card of " + p["sku"])
        if f["status"] in ("open", "overdue"):
            want(page, days_text(deadline, today), "days left of " + p["sku"])


def rate_of(m):
    r = m["actual"] / m["target"]
    return max(0, 2 - r) if m.get("better") == "lower" else r


def close(a, b):
    if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-4):
        defects.append("report says %s, the record %s" % (a, b))


def shown(m):
    """a metric's name as its page shows it: marked when a lower figure is the better one"""
    return esc(m["name"]) + (" (越低越好)" if m.get("better") == "lower" else "")


def check_monthly(page, fm, fig, today):
    items = [m for m in fm.get("summary", {}).get("metrics", []) if "actual" in m]
    w = sum(m.get("weight", 1) for m in items)
    rate = sum(m.get("weight", 1) * rate_of(m) for m in items) / w if items else None
    close(fig["rate"], rate)
    if rate is not None:
        flag = abs(rate - 1) > THRESHOLD + 1e-9
        want(page, "<span class=\"v%s\">%s</span>" % ((" flag-low" if rate < 1 else " flag-high") if flag else "",
                                                      pct(rate)), "month rate")
    for m in fm.get("summary", {}).get("metrics", []):
        if "actual" not in m:
            want(page, "<td class=\"s\">%s</td><td class=\"num\">— / %s %s</td>" % (shown(m), num(m["target"]), m["unit"]),
                 "unreported metric")
            continue
        r = rate_of(m)
        row = "<td class=\"s\">%s</td><td class=\"num\">%s / %s %s</td><td class=\"num\">%s</td>" % (
            shown(m), num(m["actual"]), num(m["target"]), esc(m["unit"]), pct(r))
        want(page, row, "summary metric " + m["name"])
        if abs(r - 1) > THRESHOLD + 1e-9:
            want_re(page, re.escape(row) + r"<td class=\"num\"><span class=\"flag-[a-z]+\">[+-]?[0-9.]+% ⚑</span>",
                    "flag of " + m["name"])
            want(page, "原因：%s" % esc(m.get("reason", "未说明原因")), "reason of " + m["name"])
    s = fm.get("summary", {})
    for k, label in (("highlight", "亮点"), ("lowlight", "暗点")):
        if k in s:
            want(page, "<b>%s</b>%s</div>" % (label, esc(s[k])), k)
    plan = fm.get("plan", {})
    for m in plan.get("metrics", []):
        want(page, "<strong>%s</strong> 目标：<span class=\"mv\">%s %s</span>" % (shown(m), num(m["target"]), esc(m["unit"])),
             "planned metric " + m["name"])
        for x in m.get("measures", []):
            want(page, "<li>%s</li>" % esc(x), "measure")
    for a in plan.get("golden_page", []) + plan.get("blank_sheet", []):
        want(page, "<li>%s<br>" % esc(a["action"]), "action")
        want(page, "截止：%s" % a["due"], "action due")
    mm = fm.get("mid_month")
    if mm:
        want(page, "%s 月中总结" % mm["date"], "mid-month date")
        for it in mm.get("items", []):
            want(page, "<td class=\"s\">%s</td><td class=\"num\">%s / " % (esc(it["metric"]), num(it["actual_to_date"])),
                 "mid-month item")
    else:
        want(page, "还没有月中调整。", "no mid-month review")


def check_product(page, fm, fig, today):
    for k in ("sales", "profit"):
        both = [p for p in fm["products"] if k in p.get("actual", {}) and k in p.get("forecast", {})]
        fc = sum(p["forecast"][k] for p in both)
        rate = sum(p["actual"][k] for p in both) / fc if both and fc > 0 else None
        close(fig[k + "_rate"], rate)
        if rate is not None:
            want(page, "<span class=\"v %s-rate\">%s</span>" % (k, pct(rate)), k + " rate")
    for cls, m in fig["classes"].items():
        want(page, "<h2 id=\"class-%s\">%s</h2>" % (cls, CLASS[cls]), "class " + cls)
        both = [p for p in fm["products"] if p.get("class") == cls and "sales" in p.get("actual", {})]
        if both:
            want(page, "销售达成率：<strong class=\"mv\">%s</strong>" % pct(
                sum(p["actual"]["sales"] for p in both) / sum(p["forecast"]["sales"] for p in both)), "class sales rate")
    for p in fm["products"]:
        for k in ("sales", "profit"):
            if k in p.get("forecast", {}):
                want(page, "<td class=\"num\">%s 万元</td>" % num(p["forecast"][k]), "forecast " + k)
            if k in p.get("actual", {}) and k in p.get("forecast", {}) and p["forecast"][k] > 0:
                want(page, "<td class=\"num\">%s 万元</td><td class=\"num\">%s</td>" % (
                    num(p["actual"][k]), pct(p["actual"][k] / p["forecast"][k])), "actual " + k)
        want(page, "<dd>%s</dd>" % esc(p["strategy"]), "strategy")


def check_scorecard(page, fm, fig, today):
    total = sum(f["weight"] * f["score"] for f in fm["factors"]) / 100
    if abs(total - fig["score"]) > 1e-9:
        defects.append("%s: report's score %s is not %s" % (page["name"], fig["score"], total))
    want(page, "<span class=\"v num score\">%.2f</span>" % total, "score")
    want(page, " grade\">%s</span>" % GRADE[fig["grade"]], "grade")
    for f in fm["factors"]:
        want(page, "<td class=\"s\">%s</td><td class=\"num\">%s%%</td>" % (esc(f["name"]), num(f["weight"])), "weight")
        want(page, "<span class=\"mv\">%s</span></div></td><td class=\"num\">%.2f</td>" % (
            num(f["score"]), f["weight"] * f["score"] / 100), "points of " + f["name"])
    want(page, "%d%%</td>" % sum(f["weight"] for f in fm["factors"]), "sum of weights")


def check_channel(page, fm, fig, today):
    for k, need, t in (("classified", 2, "classified"), ("key_customer", 1, "key-customer")):
        n = sum(1 for s in fm.get("services", []) if s.get("type") == t)
        if n != fig[k]:
            defects.append("%s: report's %s %s is not %d" % (page["name"], k, fig[k], n))
        want(page, "<span class=\"v num %s %s\">%d</span>" % (k, "ok" if n >= need else "flag-low", n), k)
    for s in fm.get("services", []):
        want(page, "%s <span class=\"badge" % s["date"], "service date")
        want(page, ">%s</span></h3>" % SERVICE[s["type"]], "service type")
        want(page, "<strong>%s</strong>" % esc(s["effect"]), "effect")
    if "price_survey" in fm:
        want(page, esc(fm["price_survey"]["summary"]), "price survey")


def check_onboarding(page, fm, fig, today):
    d0 = day(fm["first_pickup"])
    done = slipped = 0
    for step, off, label in STEPS:
        due = d0 + datetime.timedelta(days=off)
        at = fm.get("steps", {}).get(step)
        if at is not None:
            done += 1
            state = "late" if day(at) > due else "done"
        else:
            state = "overdue" if today > due else "open"
        slipped += state in ("late", "overdue")
        tday = "D" if off == 0 else "D%+d" % off
        want(page, "<li class=\"t-%s\"><span class=\"tday\">%s</span><span class=\"muted\">%s</span><br><strong>%s</strong> "
             "<span class=\"st-%s step-state\">%s</span>" % (state, tday, due, label, state, STEP_STATE[state]),
             "step " + step)
        if at is None:
            want_re(page, r"<strong>%s</strong>.*?%s" % (label, re.escape(days_text(due, today))), "days of " + step)
    want(page, "<span class=\"v num steps-done\">%d / 6</span>" % done, "steps done")
    want_re(page, r"<span class=\"v num steps-late[^\"]*\">%d</span>" % slipped, "steps late or overdue")


def check_meeting(page, fm, fig, today):
    ds = [d for d in fm.get("decisions", []) if d["status"] != "dropped"]
    rate = sum(1 for d in ds if d["status"] == "done") / len(ds) if ds else None
    close(fig["action_completion"], rate)
    if rate is not None:
        want(page, "<span class=\"v completion\">%s</span>" % pct(rate), "action completion")
    for d in fm.get("decisions", []):
        late = d["status"] == "open" and day(d["due"]) < today
        if late != (d["decision"] in fig["overdue"]):
            defects.append("%s: report's overdue does not say %r" % (page["name"], d["decision"]))
        want(page, "<span class=\"badge %s\">%s</span> %s<br>" % (
            "st-overdue" if late else {"open": "st-open", "done": "st-done"}.get(d["status"], "muted"),
            DECISION[d["status"]], esc(d["decision"])), "decision")
        want(page, "截止：%s" % d["due"], "decision due")
        if d["status"] == "open":
            want(page, days_text(day(d["due"]), today), "days of decision")
    for a in fm.get("agenda", []):
        want(page, "<td class=\"s\">%s</td><td class=\"num\">%s 分钟</td>" % (esc(a["topic"]), num(a["minutes"])), "agenda")


CHECKS = {"cards": check_cards, "monthly-plan": check_monthly, "product-plan": check_product,
          "partner-scorecard": check_scorecard, "channel-service": check_channel,
          "onboarding": check_onboarding, "meeting": check_meeting}


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    return yaml.safe_load(text.split("\n---", 1)[0].lstrip("-\n"))


def main(argv):
    site, repo, report, today = argv[1], argv[2], argv[3], day(argv[4])
    seen = {}
    for rec in json.load(open(report, encoding="utf-8"))["records"]:
        if rec["kind"] not in CHECKS:
            continue
        name = rec["path"][:-3] + ".html"
        text = open(os.path.join(site, name), encoding="utf-8").read()
        # a cell's class says how it wraps (short or long text), not what it shows
        page = {"name": name, "html": text.replace("<td class=\"t\">", "<td class=\"s\">")}
        if "<h2 id=\"data\">" in page["html"]:
            defects.append("%s: the generic data view" % name)
        for m in RAW_ENUMS.finditer(page["html"].split("<h2 id=\"notes\">")[0]):
            defects.append("%s: untranslated %r" % (name, m.group(1)))
        CHECKS[rec["kind"]](page, front_matter(os.path.join(repo, rec["path"])), rec["figures"], today)
        seen[rec["kind"]] = seen.get(rec["kind"], 0) + 1
    for k in CHECKS:
        if not seen.get(k):
            defects.append("no %s record in the report" % k)
    for d in defects:
        print(d)
    print("views: %s" % ", ".join("%s %d" % kv for kv in sorted(seen.items())), file=sys.stderr)
    return 1 if defects else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
