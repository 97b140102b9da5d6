#!/bin/sh
# t-man.sh - the man pages that make builds into $BUILD/man: they format without a warning
# (groff -ww, mandoc -Tlint), flowrec(1) holds every command and every option that --help
# prints, flowrec-records(5) every field of every schema (read here by PyYAML), no more.
. "$TESTS/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)
MAN1=$BUILD/man/flowrec.1
MAN5=$BUILD/man/flowrec-records.5
MAN1ZH=$BUILD/man/zh_CN/flowrec.1

test_case "pages-format-without-warnings" '
	test -s "$MAN1" && test -s "$MAN5" && test -s "$MAN1ZH" &&
	for p in "$MAN1" "$MAN5" "$MAN1ZH"; do
		groff -k -man -Tutf8 -ww -z "$p" 2>err && test_must_fail test -s err || { cat err; exit 1; }
		if command -v mandoc >/dev/null; then
			mandoc -Tlint -W warning "$p" >err 2>&1 || { cat err; exit 1; }
		fi
		MANWIDTH=80 man -l "$p" >out 2>err && test_must_fail test -s err && test "$(wc -l <out)" -ge 60 || exit 1
	done &&
	MANWIDTH=80 man -l "$MAN1" | grep -q "^       flowrec  *-  *check," &&
	MANWIDTH=80 man -l "$MAN5" | grep -q "^   weekly-meeting — 周例会纪要" &&
	MANWIDTH=80 man -l "$MAN1ZH" | grep -q "^       flowrec - 检查、统计并发布" &&
	MANWIDTH=80 man -l "$MAN1ZH" | grep -q "^名称$"
'

# sections: "flowrec CMD" (and "flowrec hook SUB") subsections of flowrec.1 with the options
# each lists, as "CMD --option" lines; the global options as " --option"
sections() {
	sed "s/\\\\-/-/g" "${1:-$MAN1}" |
	sed -n "s/^\.SS \"flowrec hook \([a-z-]*\).*/hook \1/p; s/^\.SS \"flowrec \([a-z]*\).*/\1/p
		/^\.TP/{n; s/^\.BI\? --\([a-z-]*\).*/--\1/p}; /^\.SH COMMANDS/s/.*/@/p" |
	awk "/^@/{c=\"\"; next} /^--/{print c \" \" \$0; next} {c=\$0}" | sort
}
test_case "flowrec-1-has-every-command-and-option-of-help" '
	sections >got && test "$(wc -l <got)" -ge 40 &&
	sections "$MAN1ZH" >got.zh && test_cmp got got.zh &&
	{ $FLOWREC --help | sed -n "s/^    \(--[a-z-]*\).*/ \1/p"
	  for c in $($FLOWREC help | sed -n "s/^    \([a-z]*\)  .*/\1/p" | grep -vx "help\|hook") \
		$($FLOWREC hook --help | sed -n "s/^    \([a-z-]*\)  .*/hook_\1/p"); do
		c=$(echo "$c" | tr _ " ")
		$FLOWREC $c --help | sed -n "s/^    \(--[a-z-]*\).*/\1/p" | grep -vx -- "--lang\|--help" |
			sed "s/^/$c /"
	  done; } | sort >want && test_cmp want got &&
	for c in $($FLOWREC help | sed -n "s/^    \([a-z]*\)  .*/\1/p"); do
		grep -q "^\.SS \"flowrec $c[ \"]" "$MAN1" || { echo "no section for $c"; exit 1; }
	done &&
	$FLOWREC --version | sed "s/^flowrec //" >v && grep -q "^\.TH FLOWREC 1 \"[0-9-]*\" \"flowrec $(cat v)\"" "$MAN1"
'

# The Chinese flowrec(1) says what `--lang zh-CN ... --help` says: every command's summary and
# every option's help text of the Chinese --help is on the page (as man prints it, spaces and
# line breaks aside), and the page is not the English one.
test_case "flowrec-1-in-chinese-says-what-chinese-help-says" '
	MANWIDTH=80 man -l "$MAN1ZH" 2>/dev/null | tr -d " \n" >page &&
	{ $FLOWREC --lang zh-CN help | sed -n "s/^    [a-z]*  *//p"
	  for c in $($FLOWREC help | sed -n "s/^    \([a-z]*\)  .*/\1/p" | grep -vx "help\|hook") \
		$($FLOWREC hook --help | sed -n "s/^    \([a-z-]*\)  .*/hook_\1/p"); do
		$FLOWREC --lang zh-CN $(echo "$c" | tr _ " ") --help |
			awk "/^    --(lang|help) / { next }
			     /^    --/ { if (split(\$0, f, /   +/) > 2) print f[3]; else wide = 1; next }
			     wide && /^     / { sub(/^ +/, \"\"); print; wide = 0 }"
	  done; } | sort -u >texts && test "$(wc -l <texts)" -ge 45 &&
	while read -r t; do
		grep -qF -- "$(printf "%s" "$t" | tr -d " ")" page || { echo "not on the Chinese page: $t"; exit 1; }
	done <texts &&
	grep -q "检查git暂存区中的记录" page && test_must_fail grep -q "checktherecordsasstaged" page
'

test_case "flowrec-records-5-has-every-field-of-every-schema" '
	/usr/bin/python3 - "$ROOT/schemas" >want <<-\PY &&
	import glob, os, sys, yaml
	def walk(s, defs, prefix, out, depth=0):
	    if depth > 8 or not isinstance(s, dict):
	        return
	    if "$ref" in s:
	        d = defs[s["$ref"].split("/")[-1]]
	        walk(d, defs, prefix, out, depth + 1)
	    for k, v in s.get("properties", {}).items():
	        field(prefix + k, v, defs, out, depth)
	    for k, v in s.get("patternProperties", {}).items():
	        field(prefix + "<key matching %s>" % k, v, defs, out, depth)
	def field(path, v, defs, out, depth):
	    out.append(path)
	    if "items" in v:
	        walk(v["items"], defs, path + "[].", out, depth + 1)
	    else:
	        walk(v, defs, path + ".", out, depth + 1)
	for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.yaml"))):
	    s = yaml.safe_load(open(f))
	    name = os.path.basename(f)[:-5]
	    out = []
	    walk(s, s.get("$defs", {}), "", out)
	    for p in out:
	        print(name if name != "flowrec-config" else "flowrec.yaml", p)
	PY
	sed -n "s/^\.SS \"\([^ ]*\) .*/@\1/p; /^\.TP/{n; s/^\.B //p}" "$MAN5" |
		sed "s/\\\\-/-/g; s/\\\\e/\\\\/g" | awk "/^@/ {k=substr(\$0, 2); next} {print k, \$0}" |
		sort >got && sort want >want.s && test_cmp want.s got && test "$(wc -l <got)" -ge 150 &&
	for k in $($FLOWREC schema --list | grep -vx flowrec-config); do
		sed "s/\\\\-/-/g" "$MAN5" | grep -q "^\.SS \"$k \\\\(em " || { echo "no section for $k"; exit 1; }
	done
'

test_done
