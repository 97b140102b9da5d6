#!/bin/sh
# scaling.sh - time and memory of flowrec against the number of records, as a table and a chart.
#
#   sh tools/bench/scaling.sh                 N = $BENCH_SCALING (default "1000 10000 30000 100000")
#   BENCH_SCALING="1000 10000" sh tools/bench/scaling.sh
#
# For each N: the records of tools/bench/gen.mjs in build-bench/scale-N (generated once, made a
# git repository once, kept for the next run), each read into the page cache first, then once
# each under /usr/bin/time: check --no-cache, check cold (no .git/flowrec: writes the cache),
# check warm (nothing changed) and render. Writes build-bench/results/scaling-STAMP.md (a
# Markdown table of CPU seconds, user+sys, and peak RSS) and scaling-STAMP.svg (both axes
# logarithmic), the chart docs/BENCH.md shows. $FLOWREC names the binary (default: ./flowrec).
# SCALING_FROM=results/scaling-STAMP.txt redraws the table and chart of an earlier run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
sizes=${BENCH_SCALING:-1000 10000 30000 100000}
out=build-bench
results=$out/results
flowrec=$(readlink -f "${FLOWREC:-./flowrec}")
[ -x "$flowrec" ] || { echo "scaling.sh: no flowrec binary at ${FLOWREC:-./flowrec}" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scaling.sh: needs /usr/bin/time (Debian package time)" >&2; exit 2; }
command -v node > /dev/null || { echo "scaling.sh: needs node (Debian package nodejs)" >&2; exit 2; }
mkdir -p "$results"
stamp=$(date +%Y%m%d-%H%M%S)
raw=$results/scaling-$stamp.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say() { printf '%s\n' "scaling: $*" >&2; }
warm() { find "$1" -type f -print0 | xargs -0 cat > /dev/null; }

# one N NAME ARG...: time `flowrec ARG...` in the team of N; a line "N NAME cpu_s rss_kb" in $raw
one() {
	_n=$1 _name=$2
	shift 2
	rc=0
	(cd "$team" && /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$flowrec" "$@" > "$tmp/out" 2> "$tmp/err") || rc=$?
	if [ "$rc" != 0 ]; then
		echo "scaling.sh: $_name at $_n exited $rc:" >&2
		head -n 20 "$tmp/out" "$tmp/err" >&2
		exit 1
	fi
	set -- $(tail -n 1 "$tmp/time")
	echo "$_n $_name $(echo "$1 $2" | awk '{print $1 + $2}') $3" >> "$raw"
	say "N=$_n $(printf '%-8s' "$_name") user+sys $(echo "$1 $2" | awk '{print $1 + $2}') s  rss $(($3 / 1024)) MB"
}

echo "# N name cpu_s maxrss_kb" > "$raw"
[ -z "${SCALING_FROM:-}" ] || { cp "$SCALING_FROM" "$raw"; sizes=; }
for n in $sizes; do
	team=$out/scale-$n
	if [ ! -f "$team/.bench-n" ] || [ "$(cat "$team/.bench-n")" != "$n" ]; then
		rm -rf "$team"
		say "generating $n records into $team"
		node "$here/gen.mjs" "$n" "$team" > "$tmp/gen.log"
		sed -n 's/^today //p' "$tmp/gen.log" > "$team/.bench-today"
		(cd "$team" && git init -q . && printf '.bench-*\n' > .git/info/exclude && git add -A &&
		 git -c user.name=bench -c user.email=bench@example.com commit -q -m records)
		echo "$n" > "$team/.bench-n"
	fi
	today=$(cat "$team/.bench-today")
	warm "$team/records"
	one "$n" nocache check -q --no-cache --today "$today"
	rm -rf "$team/.git/flowrec"
	warm "$team/records"
	one "$n" cold check -q --today "$today"
	one "$n" warm check -q --today "$today"
	rm -rf "$tmp/site"
	one "$n" render render -q --today "$today" -o "$tmp/site"
	rm -rf "$tmp/site"
done

# the table: one row per N
awk '
/^#/ { next }
{ if (!($1 in seen)) { seen[$1] = 1; ns[++k] = $1 } c[$1, $2] = $3; r[$1, $2] = $4 / 1024 }
END {
	print "| N | check --no-cache | check cold (writes cache) | check warm | render |"
	print "| ---: | ---: | ---: | ---: | ---: |"
	for (i = 1; i <= k; i++) {
		n = ns[i]; line = sprintf("| %d |", n)
		split("nocache cold warm render", w, " ")
		for (j = 1; j <= 4; j++)
			line = line sprintf(" %.2f s / %.0f MB |", c[n, w[j]], r[n, w[j]])
		print line
	}
}' "$raw" > "$results/scaling-$stamp.md"

# the chart: CPU seconds and peak RSS against N, log-log, one line per run
awk '
function lx(v) { return x0 + (log(v) - log(nmin)) / (log(nmax) - log(nmin) + 1e-9) * w }
function ly(v, lo, hi) { return y0 - (log(v) - log(lo)) / (log(hi) - log(lo) + 1e-9) * h }
function num(v) { return v >= 100 ? sprintf("%.0f", v) : sprintf("%.3g", v) }
/^#/ { next }
{
	if (!($1 in seen)) { seen[$1] = 1; ns[++k] = $1 }
	c[$1, $2] = $3 < 0.01 ? 0.01 : $3; r[$1, $2] = $4 / 1024
}
END {
	split("nocache cold warm render", runs, " ")
	split("#1f77b4 #ff7f0e #2ca02c #d62728", col, " ")
	split("check --no-cache,check cold,check warm,render", name, ",")
	nmin = ns[1]; nmax = ns[k]
	for (i = 1; i <= k; i++) { if (ns[i] < nmin) nmin = ns[i]; if (ns[i] > nmax) nmax = ns[i] }
	cmin = 1e9; cmax = 0; rmin = 1e9; rmax = 0
	for (i = 1; i <= k; i++) for (j = 1; j <= 4; j++) {
		v = c[ns[i], runs[j]]; if (v < cmin) cmin = v; if (v > cmax) cmax = v
		v = r[ns[i], runs[j]]; if (v < rmin) rmin = v; if (v > rmax) rmax = v
	}
	w = 250; h = 150
	printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"260\" font-family=\"sans-serif\">\n"
	for (p = 0; p < 2; p++) {
		x0 = 50 + p * 320; y0 = 190
		lo = p ? rmin : cmin; hi = p ? rmax : cmax
		printf "<text x=\"%d\" y=\"16\" font-size=\"12\">%s against N (log-log)</text>\n", x0 - 10, p ? "peak RSS MB" : "CPU s (user+sys)"
		printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", x0, y0, x0 + w, y0
		printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", x0, y0 - h, x0, y0
		for (i = 1; i <= k; i++)
			printf "<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%gk</text>\n", lx(ns[i]), y0 + 14, ns[i] / 1000
		printf "<text x=\"%d\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%s</text>\n", x0 - 4, y0, num(lo)
		printf "<text x=\"%d\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%s</text>\n", x0 - 4, y0 - h + 4, num(hi)
		for (j = 1; j <= 4; j++) {
			pts = ""
			for (i = 1; i <= k; i++) {
				v = p ? r[ns[i], runs[j]] : c[ns[i], runs[j]]
				pts = pts sprintf("%.1f,%.1f ", lx(ns[i]), ly(v, lo, hi))
				dots = dots sprintf("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", lx(ns[i]), ly(v, lo, hi), col[j])
			}
			printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%s\n", col[j], pts, dots
			dots = ""
		}
	}
	for (j = 1; j <= 4; j++)
		printf "<rect x=\"%d\" y=\"232\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"238\" font-size=\"11\">%s</text>\n", 50 + (j - 1) * 150, col[j], 66 + (j - 1) * 150, name[j]
	print "</svg>"
}' "$raw" > "$results/scaling-$stamp.svg"
cat "$results/scaling-$stamp.md"
say "table: $results/scaling-$stamp.md; chart: $results/scaling-$stamp.svg; raw: $raw"
