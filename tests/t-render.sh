#!/bin/sh
# t-render.sh - `flowrec render`: the static HTML site, checked with real tools.
#
#   - the example repository (examples/) renders, every record has its page;
#   - every page passes HTML Tidy (`tidy -q -e`): no error and no warning is accepted. The
#     pages are plain HTML5 with inline SVG that tidy 5.6 knows, so any warning is a defect;
#     should a newer tidy warn about something harmless, add a regex matching its message to
#     TIDY_ALLOW below, with a comment saying why;
#   - the same repository and --today give byte-identical sites (diff -r), whatever TZ and
#     LC_ALL say;
#   - headless Chromium (Debian's chromium) loads the dashboard, and its DOM shows the figures
#     that `flowrec report --format json` computes (jq reads them), and holds no script;
#   - the dashboard's due items and on-time rates are those of `flowrec due` in a git
#     repository with a dated commit, and each person's page has the items that name them;
#   - tests/render/team, a team whose every value attacks the page (<script>, javascript:
#     links, attribute-breaking quotes, in flowrec.yaml, front-matter and Markdown bodies),
#     renders to pages whose DOM (as Chromium builds it) has no script, iframe, style or
#     object element, no on* attribute, no javascript:/vbscript:/data: URL, and no trace of a
#     script having run, while the hostile texts are still shown, escaped;
#   - a failed render (records with errors, a write failure, a bad -o) exits non-zero and
#     leaves an existing site as it was, with no temporary folder left behind.
# The Chromium part takes about 1.5 s per page, some 20 s in all.
. "$TESTS/lib.sh"

TIDY_ALLOW='^$'   # regexes of tidy warnings accepted (none)
TODAY=2026-03-31
EXAMPLES=$(cd "$TESTS/../examples" && pwd)

# chromium_dom FILE: the DOM Chromium builds from a page, on stdout.
chromium_dom() {
	profile=$(mktemp -d "$TRASH/chromium.XXXXXX")
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --disable-extensions \
		--user-data-dir="$profile" --dump-dom "file://$1" 2>/dev/null
}

# percent RATE: a fraction as the site shows it ("0.9978" -> "99.8%").
percent() {
	awk -v r="$1" 'BEGIN { s = sprintf("%.1f%%", r * 100); if (s == "-0.0%") s = "0.0%"; print s }'
}

# tidy_site DIR: tidy every page; print what it says; fail on any error or unlisted warning.
tidy_site() {
	find "$1" -name '*.html' -print > "$TRASH/pages" &&
	test -s "$TRASH/pages" &&
	while IFS= read -r page; do
		tidy -q -e -utf8 "$page" 2>&1 | sed "s|^|$page: |"
	done < "$TRASH/pages" > "$TRASH/tidy.out"
	if grep -v ': line [0-9]* column [0-9]* - Warning: ' "$TRASH/tidy.out" | grep . ||
	   grep ': line [0-9]* column [0-9]* - Warning: ' "$TRASH/tidy.out" | grep -Ev "$TIDY_ALLOW"; then
		return 1
	fi
	return 0
}

# render_small_files ARGS: flowrec render unable to write a file over 512 bytes (EFBIG).
render_small_files() {
	(trap '' XFSZ; ulimit -f 1; exec $FLOWREC render "$@")
}

# dom_safe FILE: a dumped DOM with nothing that runs or loads code. Chromium serializes text
# with < escaped and attribute values in double quotes with " escaped, so the tags are exactly
# the matches of TAG; checks look at tags only, never at the (escaped) hostile text.
TAG='<[a-zA-Z][a-zA-Z0-9:-]*([[:space:]]+[^[:space:]"'"'"'>/=]+(="[^"]*")?)*[[:space:]]*/?>'
dom_safe() {
	tr '\n' ' ' < "$1" | grep -Eo "$TAG" > "$1.tags" &&
	sed -E 's/="[^"]*"//g' "$1.tags" > "$1.names" &&
	if grep -Ei '^<(script|iframe|object|embed|style|base|form|frame|frameset|applet|link[^>]*import)[[:space:]>/]' "$1.names"; then
		echo "$1: an element that runs or embeds code" >&2
		return 1
	fi &&
	if grep -Ei '[[:space:]]on[a-z]+' "$1.names"; then
		echo "$1: an event handler attribute" >&2
		return 1
	fi &&
	if grep -Eio '[[:space:]](href|src|action|formaction|data|xlink:href|poster)="[^"]*"' "$1.tags" |
	   grep -Ei '="[[:space:][:cntrl:]]*(javascript|vbscript|data|file):'; then
		echo "$1: a javascript:, vbscript:, data: or file: URL" >&2
		return 1
	fi &&
	if grep -Eo '[[:space:]]style="[^"]*"' "$1.tags" | grep -Ev '^ style="text-align: (left|center|right)"$'; then
		echo "$1: a style attribute that flowrec does not write" >&2
		return 1
	fi &&
	if grep -Ei '^<body[^>]*data-pwned|^<meta[^>]*refresh' "$1.names"; then
		echo "$1: a script ran" >&2
		return 1
	fi &&
	grep -q '^<meta http-equiv="Content-Security-Policy" content="default-src .none.;' "$1.tags" &&
	# every "<" that opens an element was seen as a tag (none hid from the checks)
	test "$(tr '\n' ' ' < "$1" | grep -o '<[a-zA-Z]' | wc -l)" -eq "$(wc -l < "$1.tags")"
}

test_case "render-test-tools" '
	for tool in tidy chromium jq; do
		command -v $tool > /dev/null || { echo "$tool is missing: run tools/install-deps.sh"; exit 1; }
	done
'

# page BODY: a DOM as Chromium would dump it, with the site's CSP, into p.dom.
page() {
	printf '<html><head><meta http-equiv="Content-Security-Policy" content="%s"></head><body>%s</body></html>\n' \
		"default-src 'none';" "$1" > p.dom
}

test_case "dom-check-catches-attacks" '
	page "<p title=\"&quot; onclick=&quot;x\">\" onclick=\"x &lt;script&gt;</p>" && dom_safe p.dom &&
	page "<p onclick=\"x\">a</p>" && ! dom_safe p.dom 2>/dev/null &&
	page "<p><script>x</script></p>" && ! dom_safe p.dom 2>/dev/null &&
	page "<a href=\" JavaScript:x\">a</a>" && ! dom_safe p.dom 2>/dev/null &&
	page "<img src=\"data:image/png;base64,AA\">" && ! dom_safe p.dom 2>/dev/null &&
	page "<p style=\"color:red\">a</p>" && ! dom_safe p.dom 2>/dev/null &&
	page "<svg><a xlink:href=\"javascript:x\">a</a></svg>" && ! dom_safe p.dom 2>/dev/null
'

test_case "render-examples" '
	cd "$EXAMPLES" &&
	$FLOWREC render -o "$TRASH/site" --today $TODAY &&
	cd "$TRASH/site" &&
	test -f index.html && test -f style.css && test -f .flowrec-site &&
	test -f "people/李娜.html" &&
	test -f "processes/红黄牌产品销售管理流程.html" &&
	(cd "$EXAMPLES" && find records -name "*.md") | sed "s/\.md\$/.html/" > "$TRASH/want" &&
	while IFS= read -r p; do test -f "$p" || { echo "no page for $p"; exit 1; }; done < "$TRASH/want" &&
	grep -q "<html lang=\"zh-CN\">" index.html &&
	grep -q "看板" index.html &&
	grep -q "<svg" index.html &&
	grep -q "class=\"diagram\"" "processes/红黄牌产品销售管理流程.html"
'

test_case "render-tidy-examples" '
	tidy_site "$TRASH/site"
'

test_case "render-no-script-in-files" '
	cd "$TRASH/site" &&
	if grep -ril "<script" . ; then exit 1; fi &&
	if grep -rilE "href=\"[[:space:]]*(javascript|vbscript|data):" . ; then exit 1; fi &&
	test "$(grep -rL "Content-Security-Policy" --include="*.html" . | wc -l)" -eq 0
'

test_case "render-reproducible" '
	cd "$EXAMPLES" &&
	TZ=Pacific/Kiritimati LC_ALL=C $FLOWREC render -o "$TRASH/site2" --today $TODAY &&
	diff -r "$TRASH/site" "$TRASH/site2" &&
	$FLOWREC render -o "$TRASH/site2" --today $TODAY &&
	diff -r "$TRASH/site" "$TRASH/site2"
'

test_case "render-dashboard-in-chromium" '
	cd "$EXAMPLES" &&
	$FLOWREC report --format json --today $TODAY > "$TRASH/report.json" &&
	week=$(jq -r "[.weeks[] | select(.team_rate != null)] | last" "$TRASH/report.json") &&
	team=$(percent "$(echo "$week" | jq -r .team_rate)") &&
	label=$(echo "$week" | jq -r .week) &&
	month=$(percent "$(jq -r "[.months[] | select(.team_rate != null)] | last | .team_rate" "$TRASH/report.json")") &&
	partner=$(jq -r ".partners[0].partner" "$TRASH/report.json") &&
	chromium_dom "$TRASH/site/index.html" > "$TRASH/index.dom" &&
	test -s "$TRASH/index.dom" &&
	echo "team rate of $label: $team; month: $month; top partner: $partner" &&
	grep -q "<span class=\"v team-week\">$team</span>" "$TRASH/index.dom" &&
	grep -q "$label" "$TRASH/index.dom" &&
	grep -q "$month" "$TRASH/index.dom" &&
	for r in $(echo "$week" | jq -r ".people[].rate | select(. != null)"); do
		p=$(percent "$r") && grep -q "$p" "$TRASH/index.dom" || { echo "no $p"; exit 1; }
	done &&
	grep -q ">$partner</a></td>" "$TRASH/index.dom" &&
	dom_safe "$TRASH/index.dom"
'

# Every page of the example site at a phone's width and a desktop's (tests/render/layout.py):
# no page scrolls sideways, no text is cut off, no name wraps one character a line. The
# checker itself is shown to catch each of those on a page made to have it.
LAYOUT="/usr/bin/python3 $TESTS/render/layout.py"
test_case "layout-check-catches-defects" '
	mkdir -p "$TRASH/bad" && cd "$TRASH/bad" &&
	m="<meta name=\"viewport\" content=\"width=device-width\">" &&
	echo "<!doctype html><html><head>$m</head><body><table><tr><td>$(printf "%0300d" 0)</td></tr></table></body></html>" > wide.html &&
	$LAYOUT . --widths 390 > out; test $? -eq 1 && grep -q "wide.html @390: the page scrolls sideways" out &&
	rm wide.html &&
	echo "<!doctype html><html><head>$m</head><body><div style=\"width:3em;overflow:hidden;white-space:nowrap\">long text that is cut off</div></body></html>" > clip.html &&
	$LAYOUT . --widths 390 > out; test $? -eq 1 && grep -q "clip.html @390: text clipped: long text" out &&
	rm clip.html &&
	echo "<!doctype html><html><head>$m</head><body><table><tr><td>张伟</td><td>$(printf "%0200d" 0 | sed "s/0/字/g")</td></tr></table></body></html>" > wrap.html &&
	$LAYOUT . --widths 390 > out; test $? -eq 1 && grep -q "wrap.html @390: one character a line: 张伟" out &&
	rm wrap.html &&
	echo "<!doctype html><html><head>$m</head><body><p>fine</p></body></html>" > ok.html &&
	$LAYOUT . --widths 390
'

test_case "layout-examples-phone-and-desktop" '
	$LAYOUT "$TRASH/site" --widths 390,1280
'

# The weekly meeting's page is its minutes: each flagged task of report --format json is on
# its meeting's page with its rate, its deviation flagged and its reason; every rep has a rate;
# the weeks before and after are linked. A task where less is better says so by its name.
test_case "render-weekly-minutes" '
	cd "$EXAMPLES" &&
	$FLOWREC report --format json --today $TODAY > "$TRASH/report.json" &&
	jq -r ".flagged[] | select(.kind == \"weekly-meeting\") | [.path, .item + (if .better == \"lower\" then \" (越低越好)\" else \"\" end), .rate, .deviation, (.reason // \"\")] | @tsv" \
		"$TRASH/report.json" > "$TRASH/wflags" &&
	test -s "$TRASH/wflags" &&
	while IFS="	" read -r path item rate dev reason; do
		page="$TRASH/site/${path%.md}.html" &&
		chromium_dom "$page" < /dev/null > "$TRASH/w.dom" &&
		r=$(percent "$rate") && d=$(percent "$dev") &&
		tr -d "\n" < "$TRASH/w.dom" | grep -q "<td>$item</td><td class=\"num\">[^<]*</td><td class=\"num\">$r</td><td class=\"num\"><span class=\"flag-[a-z]*\">+*$d ⚑</span>" ||
			{ echo "$page: no flagged $item at $r ($d)"; exit 1; }
		if [ -n "$reason" ]; then grep -qF "原因：$reason" "$TRASH/w.dom" || { echo "$page: no reason"; exit 1; }; fi
	done < "$TRASH/wflags" &&
	w=$TRASH/site/records/weekly/2026-W12.html &&
	grep -q "href=\"../../records/weekly/2026-W11.html\">← 上一周 2026-W11</a>" "$w" &&
	grep -q "href=\"../../records/weekly/2026-W13.html\">下一周 2026-W13 →</a>" "$w" &&
	for p in $(jq -r ".records[] | select(.path == \"records/weekly/2026-W12.md\") | .figures.people[] | .person + \"=\" + (.rate|tostring)" "$TRASH/report.json"); do
		grep -q "${p%%=*}</a> · $(percent "${p#*=}")</h3>" "$w" || { echo "no rate for $p"; exit 1; }
	done &&
	grep -q "周四中午跟进" "$w" && grep -q "2 / 5 家" "$w"
'

# Enum values and kind names are in the team's language.
test_case "render-enum-values-translated" '
	cd "$TRASH/site/records" &&
	m="meetings/2026-03-19-二季度返利政策讨论会.html" &&
	grep -q ">未完成</span> 二季度返利方案定稿并报陈总" "$m" && ! grep -q ">open<" "$m" &&
	grep -q "<h2 id=\"class-star\">明星产品</h2>" product/2026-03/*.html &&
	! grep -rq "<td>lower</td>" . &&
	grep -q "<h1>红黄牌产品 2026-W10</h1>" cards/2026-W10.html
'

# Every kind but the weekly meeting (above) and the process (its swimlane) has a page made for
# it (tools/site/view-*.c): tests/render/views.py reads each record's front-matter and its
# figures in report --format json, works out what the page must show (a card's sell-through
# from its last sold / quantity, an onboarding step late or overdue from D+offset and today, a
# scorecard's weighted points, ...) and finds it on the page, translated; the generic data view
# or an untranslated enum value fails it. The checker is shown to catch a wrong figure.
VIEWS="/usr/bin/python3 $TESTS/render/views.py"
test_case "render-kind-views" '
	cd "$EXAMPLES" &&
	$FLOWREC report --format json --today $TODAY > "$TRASH/report.json" &&
	$VIEWS "$TRASH/site" "$EXAMPLES" "$TRASH/report.json" $TODAY 2> "$TRASH/views.err" &&
	cat "$TRASH/views.err" &&
	for k in cards channel-service meeting monthly-plan onboarding partner-scorecard product-plan; do
		grep -q "$k [1-9]" "$TRASH/views.err" || { echo "no $k page checked"; exit 1; }
	done &&
	cd "$TRASH/site/records" &&
	grep -q "href=\"../../records/cards/2026-W11.html\">← 上一周 2026-W11</a>" cards/2026-W12.html &&
	grep -q "href=\"../../records/cards/2026-W13.html\">下一周 2026-W13 →</a>" cards/2026-W12.html &&
	grep -q "href=\"../../../records/monthly/2026-02/%E6%9D%8E%E5%A8%9C.html\">← 上个月 2026-02</a>" "monthly/2026-03/李娜.html" &&
	grep -q "<span>—</span><span><a href=\"../../../records/monthly/2026-02/%E5%BC%A0%E4%BC%9F.html\">下个月 2026-02 →</a>" "monthly/2026-01/张伟.html"
'

test_case "render-kind-views-check-catches-defects" '
	cp -R "$TRASH/site" "$TRASH/badviews" && cd "$TRASH/badviews/records" &&
	sed -i "s|<strong class=\"sell-through\">77.5%|<strong class=\"sell-through\">78.0%|" cards/2026-W11.html &&
	sed -i "s|<li class=\"t-overdue\">|<li class=\"t-done\">|" onboarding/无锡恒达.html &&
	sed -i "s|<h2 id=\"timeline\">|<h2 id=\"data\">|; s|按期完成|done|" onboarding/苏州新科.html &&
	test_expect_code 1 $VIEWS "$TRASH/badviews" "$EXAMPLES" "$TRASH/report.json" $TODAY > "$TRASH/out" 2>/dev/null &&
	cat "$TRASH/out" &&
	grep -q "cards/2026-W11.html: sell-through of H2" "$TRASH/out" &&
	grep -q "无锡恒达.html: step aftersales_call" "$TRASH/out" &&
	grep -q "苏州新科.html: the generic data view" "$TRASH/out" &&
	grep -q "苏州新科.html: untranslated .done." "$TRASH/out"
'

# A card's due item names the product with its SKU once ("H2 降噪耳机", not "H2 H2 降噪耳机").
test_case "render-due-card-names-sku-once" '
	cd "$TRASH/site" &&
	grep -q "<td class=\"[st]\">黄牌 H2 降噪耳机</td>" index.html &&
	if grep -rE "(红牌|黄牌) ([A-Za-z0-9-]+) \2 " --include="*.html" .; then exit 1; fi
'

test_case "render-injection" '
	cp -R "$TESTS/render/team" "$TRASH/team" &&
	cd "$TRASH/team" &&
	$FLOWREC check --today $TODAY &&
	$FLOWREC render -o "$TRASH/isite" --today $TODAY &&
	cd "$TRASH/isite" &&
	if grep -rilE "<script|<iframe|<style|href=\"[[:space:]]*javascript" --include="*.html" . ; then exit 1; fi &&
	grep -q "<html lang=\"en\">" index.html &&
	grep -q ">Dashboard</h1>" index.html &&
	tidy_site "$TRASH/isite" &&
	find . -name "*.html" -print | sort > "$TRASH/ipages" &&
	test "$(wc -l < "$TRASH/ipages")" -ge 10 &&
	while IFS= read -r page; do
		chromium_dom "$TRASH/isite/$page" > "$TRASH/page.dom" &&
		test -s "$TRASH/page.dom" &&
		dom_safe "$TRASH/page.dom" || { echo "unsafe: $page"; exit 1; }
		cat "$TRASH/page.dom" >> "$TRASH/all.dom"
	done < "$TRASH/ipages" &&
	grep -qF "&lt;script&gt;alert(2)&lt;/script&gt;" "$TRASH/all.dom" &&
	grep -qF "\" onmouseover=\"alert(4)" "$TRASH/all.dom" &&
	grep -qF "Team &lt;script&gt;alert(\"team\")" "$TRASH/all.dom" &&
	grep -qF "<a href=\"https://example.com/safe\">safe link</a>" "$TRASH/all.dom" &&
	grep -qF "<a href=\"http://www.example.net\">" "$TRASH/all.dom" &&
	grep -qF "<input type=\"checkbox\" checked=\"\" disabled=\"\">" "$TRASH/all.dom" &&
	grep -qF "<del>struck</del>" "$TRASH/all.dom" &&
	grep -qF "<th style=\"text-align: center\">task</th>" "$TRASH/all.dom" &&
	grep -qF "<li>click</li>" "$TRASH/all.dom"
'

test_case "render-file-names" '
	cd "$TRASH/isite" &&
	test -f "people/Ann.html" &&
	test -f "people/___script_alert(1)__script_.html" &&
	test -f "people/_._.._evil_.x.html" &&
	test "$(find . -name "*.html" | grep -c "[<>\"]")" -eq 0 &&
	test ! -e "$TRASH/evil" &&
	grep -qF "href=\"people/___script_alert%281%29__script_.html\"" index.html &&
	grep -qF "href=\"people/Bob%27%20onmouseover%3D%27alert%281%29.html\"" index.html
'

test_case "render-due-and-ontime-from-git" '
	cp -R "$TESTS/render/team" team && cd team &&
	$FLOWREC render -o site --today $TODAY &&
	grep -q "need the git history" site/index.html &&
	git init -q && git add flowrec.yaml records &&
	GIT_AUTHOR_DATE=2026-03-23T09:30:00Z GIT_COMMITTER_DATE=2026-03-23T09:30:00Z git commit -qm records &&
	$FLOWREC render -o site --today $TODAY &&
	$FLOWREC due --today $TODAY --format json > due.json &&
	test "$(jq ".items | length" due.json)" -eq "$(grep -c "<tr><td class=\"st-" site/index.html)" &&
	jq -r ".on_time[] | [.person, .on_time, .total] | @tsv" due.json > want &&
	test -s want &&
	while IFS="	" read -r who ok total; do
		grep -q ">$who</a></td><td class=\"num\">$ok</td><td class=\"num\">$total</td>" site/index.html ||
			{ echo "no on-time row for $who"; exit 1; }
	done < want
'

# The items that only `due` used to list: every onboarding step not done (not just the next),
# a scorecard's review and its notice to the partner (open and done late), beside the facts of
# history and an open decision. The dashboard has a row per item of `flowrec due`, and each
# person's page one per item that names them.
test_case "render-due-items-are-those-of-due" '
	git init -q team && cd team &&
	cp "$TESTS/rules/team.yaml" flowrec.yaml &&
	echo "rules: {S-NOTIFY: warning}" >> flowrec.yaml &&
	mkdir -p records/onboarding records/meetings records/partners &&
	cat > records/onboarding/苏州新科.md <<-\EOF &&
	---
	kind: onboarding
	customer: 苏州新科
	owner: 李娜
	first_pickup: 2026-03-05
	steps: {informed: 2026-03-04, training: 2026-03-05, promo_delivery: 2026-03-05}
	---
	EOF
	cat > records/meetings/2026-03-05-新品上市准备会.md <<-\EOF &&
	---
	kind: meeting
	title: 新品上市准备会
	date: 2026-03-05
	purpose: 确定X1上市的渠道、价格和培训安排
	host: 王经理
	invited: [王经理, 李娜, 赵敏]
	present: [王经理, 李娜]
	agenda: [{topic: 渠道铺货, minutes: 20}]
	minutes: 20
	decisions:
	  - {decision: X1首批铺货50台, owner: 赵敏, due: 2026-03-12, status: open}
	distributed: 2026-03-05
	---
	EOF
	cat > records/partners/华信科技-2026-03.md <<-\EOF &&
	---
	kind: partner-scorecard
	partner: 华信科技
	class: A
	month: 2026-03
	scorer: 张伟
	factors: [{name: 销售增长, weight: 60, score: 85}, {name: 回款及时, weight: 40, score: 90}]
	---
	EOF
	cat > records/partners/联创办公-2026-02.md <<-\EOF &&
	---
	kind: partner-scorecard
	partner: 联创办公
	class: A
	month: 2026-02
	scorer: 王强
	factors: [{name: 销售增长, weight: 60, score: 85}, {name: 回款及时, weight: 40, score: 90}]
	reviewed: {by: 王经理, date: 2026-02-28}
	notified: {date: 2026-03-05, written: true, verbal: true}
	---
	EOF
	git add flowrec.yaml records &&
	GIT_AUTHOR_DATE=2026-03-20T10:00:00+08:00 GIT_COMMITTER_DATE=2026-03-20T10:00:00+08:00 git commit -qm records &&
	$FLOWREC due --today 2026-03-28 --format json > due.json &&
	$FLOWREC render -o site --today 2026-03-28 &&
	for want in "onboarding.*channel review" "onboarding.*after-sales call" "onboarding.*manager visit" \
		    "review of scorecard" "notice to 华信科技" "notice to 联创办公.*late" "decision" "monthly plan"; do
		jq -c ".items[] | [.what, .status]" due.json | grep -q "$want" || { echo "due lists no $want"; exit 1; }
	done &&
	n=$(jq ".items | length" due.json) &&
	test "$(grep -c "<tr><td class=\"st-" site/index.html)" -eq "$n" &&
	grep -q ">苏州新科: 售后回访</td>" site/index.html &&
	grep -q ">华信科技 2026-03 绩效评分待经理审核</td>" site/index.html &&
	for who in 王经理 李娜 王强 张伟 赵敏; do
		want=$(jq --arg who "$who" "[.items[] | select(.who | split(\", \") | index(\$who))] | length" due.json) &&
		test "$want" -gt 0 &&
		test "$(grep -c "<tr><td class=\"st-" "site/people/$who.html")" -eq "$want" ||
			{ echo "$who: not $want rows"; exit 1; }
	done &&
	tidy_site site
'

test_case "render-replaces-whole-site" '
	cd "$EXAMPLES" &&
	rm "$TRASH/site2/index.html" &&
	$FLOWREC render -o "$TRASH/site2" --today $TODAY &&
	diff -r "$TRASH/site" "$TRASH/site2" &&
	echo stale > "$TRASH/site2/stale.txt" &&
	test_expect_code 2 $FLOWREC --lang en render -o "$TRASH/site2" --today $TODAY 2>"$TRASH/err" &&
	grep -q "did not write" "$TRASH/err" && test -f "$TRASH/site2/stale.txt" &&
	rm "$TRASH/site2/stale.txt" &&
	test -z "$(ls -d "$TRASH"/site2.* 2>/dev/null)"
'

test_case "render-records-error-keeps-site" '
	cp -R "$TESTS/render/team" team && cd team &&
	$FLOWREC render -o site --today $TODAY &&
	cp -R site before &&
	printf -- "---\nkind: meeting\ntitle: x\n---\n" > records/meetings/broken.md &&
	test_expect_code 1 $FLOWREC render -o site --today $TODAY 2> err &&
	grep -q "broken.md:.*error" err &&
	grep -q "not rendering" err &&
	diff -r before site &&
	test -z "$(ls -d site.* 2>/dev/null)" &&
	$FLOWREC render -o site --force --today $TODAY &&
	grep -q "has errors" site/records/meetings/broken.html
'

test_case "render-write-failure-keeps-site" '
	cp -R "$TESTS/render/team" team && cd team &&
	$FLOWREC render -o site --today $TODAY &&
	cp -R site before &&
	# a changed page: the unchanged ones are links to the old site, this one must be written
	echo "A new note." >> "$(find records -name "*.md" | sort | head -n 1)" &&
	test_expect_code 2 render_small_files -o site --today $TODAY 2> err &&
	test "$(wc -l < err)" -eq 1 &&
	grep -q "^flowrec: cannot write" err &&
	diff -r before site &&
	test -z "$(ls -d site.* 2>/dev/null)"
'

test_case "render-refuses-bad-output" '
	cp -R "$TESTS/render/team" team && cd team &&
	mkdir notasite && echo precious > notasite/keep.txt &&
	test_expect_code 2 $FLOWREC render -o notasite --today $TODAY 2> err &&
	grep -q "did not write" err &&
	test "$(cat notasite/keep.txt)" = precious && test "$(ls notasite)" = keep.txt &&
	echo file > afile &&
	test_expect_code 2 $FLOWREC render -o afile --today $TODAY &&
	test "$(cat afile)" = file &&
	test_expect_code 2 $FLOWREC render -o missing/parent/site --today $TODAY &&
	test_expect_code 2 $FLOWREC render -o /proc/flowrec-site --today $TODAY &&
	test -z "$(ls -d notasite.* afile.* 2>/dev/null)" &&
	mkdir empty && $FLOWREC render -o empty --today $TODAY && test -f empty/index.html
'

test_case "render-default-output-and-options" '
	cp -R "$TESTS/render/team" team && cd team/records &&
	$FLOWREC render --today=$TODAY && test -f ../site/index.html &&
	$FLOWREC render -o../site3 --today $TODAY && test -f ../site3/index.html &&
	diff -r ../site ../site3 &&
	test_expect_code 2 $FLOWREC render --bogus &&
	test_expect_code 2 $FLOWREC render extra &&
	test_expect_code 2 $FLOWREC render --today 2026-02-30 &&
	$FLOWREC render --help | grep -q -- "--output" &&
	cd "$TRASH" && test_expect_code 2 $FLOWREC render
'

test_done
