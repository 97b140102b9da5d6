#!/bin/sh
# run.sh - flowrec against ajv + js-yaml on the same N generated records, in one run.
#
#   sh tools/bench/run.sh            N = $BENCH_N (default 100000), $BENCH_REPS repetitions (3)
#   BENCH_N=10000 BENCH_REPS=5 sh tools/bench/run.sh
#
# What it does, from the repository root:
#  1. builds flowrec into build-bench-c/ (unless $FLOWREC names a binary), installs ajv,
#     ajv-formats and js-yaml into build-bench/node_modules (npm install --prefix; once), and
#     the Debian packages `time`, `nodejs` and `npm` if they are missing;
#  2. writes N valid records into build-bench/team (tools/bench/gen.mjs, config
#     examples/flowrec.yaml) and their front-matter as plain YAML into build-bench/fm/KIND/;
#  3. times BENCH_REPS rounds, the order alternating each round, each run with its input just
#     read into the page cache, of
#       check     flowrec check --no-cache --today D    (team/records/**/*.md: schema + every rule)
#       ajv       node ajv-check.mjs team               (the same .md files: js-yaml + Ajv, schema only)
#       validate  flowrec validate --schema schemas/KIND.yaml fm/KIND/*   (one process per kind)
#       ajv-yaml  node ajv-check.mjs --yaml fm          (the same .yaml files as validate)
#     with /usr/bin/time: wall, user+sys, peak RSS; every run must find 0 errors;
#  4. prints a table of medians with the ratios (ajv / flowrec: above 1 means flowrec is faster)
#     and writes it, the raw numbers and the machine to build-bench/results/;
#  4b. then times the libyaml floor (tools/bench/yamlfloor.c), check --no-cache, cold (no cache), warm
#     (cache, nothing changed) and with one record changed, and `git commit` of one staged
#     record with the pre-commit hook, with an empty one (exit 0: what git spends running any
#     hook) and with --no-verify (the team becomes a git repository
#     once), then `flowrec render` against Hugo (Debian `hugo`, installed if missing;
#     BENCH_HUGO=0 skips it) building the same records with tools/bench/hugo's minimal layout,
#     and adds that table;
#  5. deletes build-bench/team and build-bench/fm unless BENCH_KEEP=1 (100,000 records are
#     about 850 MB on disk with their YAML copies); a kept team of the same N is reused.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
N=${BENCH_N:-100000}
REPS=${BENCH_REPS:-3}
KEEP=${BENCH_KEEP:-0}
out=build-bench
team=$out/team
fm=$out/fm
mods=$out/node_modules
results=$out/results
case $N in '' | *[!0-9]* | 0) echo "run.sh: BENCH_N must be a number, not '$N'" >&2; exit 2 ;; esac
case $REPS in '' | *[!0-9]* | 0) echo "run.sh: BENCH_REPS must be a positive number" >&2; exit 2 ;; esac

say() { printf '%s\n' "bench: $*" >&2; }

# ---- 1. tools ----
# apt_install PKG...: the Debian packages, as root or through sudo (like tools/install-deps.sh)
apt_install() {
	say "installing the Debian packages $*"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}
[ -x /usr/bin/time ] || apt_install time
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
[ "${BENCH_HUGO:-1}" = 0 ] || command -v hugo >/dev/null || apt_install hugo
if [ -z "${FLOWREC:-}" ]; then
	say "building flowrec into build-bench-c/"
	make --no-print-directory BUILD=build-bench-c BIN=build-bench-c/flowrec >&2
	FLOWREC=build-bench-c/flowrec
fi
flowrec=$(cd "$(dirname "$FLOWREC")" && pwd)/$(basename "$FLOWREC")
# the sources the binary was built from (read-only git: no index refresh)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
dirty=$(git --no-optional-locks diff --quiet HEAD -- tools schemas 2>/dev/null || echo modified)
[ -x "$flowrec" ] || { echo "run.sh: no flowrec binary at $FLOWREC" >&2; exit 2; }
mkdir -p "$out" "$results"
if [ ! -f "$mods/ajv/package.json" ] || [ ! -f "$mods/ajv-formats/package.json" ] ||
	[ ! -f "$mods/js-yaml/package.json" ]; then
	say "npm install --prefix $out ajv@8 ajv-formats@3 js-yaml@4"
	npm install --prefix "$out" --no-save --no-audit --no-fund --loglevel=error \
		ajv@8 ajv-formats@3 js-yaml@4 >&2
fi
version() { node -p "require('./$mods/$1/package.json').version"; }

# ---- 2. records ----
if [ -f "$team/.bench-n" ] && [ "$(cat "$team/.bench-n")" = "$N" ] && [ -d "$fm" ]; then
	say "reusing the $N records in $team"
else
	rm -rf "$team" "$fm"
	say "generating $N records into $team (and their front-matter into $fm)"
	start=$(date +%s)
	node "$here/gen.mjs" "$N" "$team" --fm "$fm" > "$out/gen.log"
	sed -n 's/^today //p' "$out/gen.log" > "$team/.bench-today"
	echo "$N" > "$team/.bench-n"
	say "$(head -n 1 "$out/gen.log") in $(($(date +%s) - start)) s"
fi
today=$(cat "$team/.bench-today")
bytes=$(find "$team/records" -name '*.md' -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1048576}')

# ---- 3. timing ----
# Every run starts with its input in the page cache: the input is read once just before it
# (about a second for 100,000 files), since a shared machine may drop cold pages in between.
warm() { find "$1" -type f -print0 | xargs -0 cat > /dev/null; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stamp=$(date +%Y%m%d-%H%M%S)
raw=$results/raw-N$N-$stamp.txt
echo "# tool rep wall_s user_s sys_s maxrss_kb" > "$raw"

# measure NAME CMD...: time CMD, check that it found no errors, append a line to $raw.
measure() {
	name=$1
	shift
	rc=0
	# the wall clock from date's nanoseconds (GNU time's %e is to 10 ms, too coarse for the
	# hook's tens of milliseconds); the same few ms of starting time count in every row
	t0=$(date +%s%N)
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
	t1=$(date +%s%N)
	ok=1
	case $name in
	check | validate) [ "$rc" = 0 ] && [ ! -s "$tmp/err" ] || ok=0 ;;
	render | rerender | hugo | hook* | no-verify) [ "$rc" = 0 ] || ok=0 ;;
	ajv*) [ "$rc" = 0 ] && grep -q "^$N files, 0 errors" "$tmp/out" || ok=0 ;;
	esac
	if [ "$ok" = 0 ]; then
		echo "run.sh: $name (round $rep) did not run cleanly (exit $rc):" >&2
		head -n 20 "$tmp/out" "$tmp/err" >&2
		exit 1
	fi
	set -- $(tail -n 1 "$tmp/time")
	shift
	set -- "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" "$@"
	echo "$name $rep $1 $2 $3 $4" >> "$raw"
	say "round $rep $(printf '%-9s' "$name") wall $1 s  user+sys $(echo "$2 $3" | awk '{print $1 + $2}') s  rss $(($4 / 1024)) MB"
}
# --no-cache: build-bench/team lies inside flowrec's own repository until 3b makes it one, and
# a cache there would turn rounds 2 and 3 into warm runs
# in_team NAME ARG...: measure `flowrec ARG...` run in the team's folder
in_team() { _n=$1; shift; measure "$_n" sh -c 'cd "$1" && shift && exec "$@"' sh "$team" "$flowrec" "$@"; }
run_check() { warm "$team/records"; in_team check check -q --no-cache --today "$today"; }
run_ajv() { warm "$team/records"; measure ajv node "$here/ajv-check.mjs" --modules "$mods" "$team"; }
# one `flowrec validate` per kind, all files of the kind in one process (xargs: one batch)
run_validate() {
	warm "$fm"
	measure validate sh -c 'for d in "$1"/*/; do k=$(basename "$d");
		(cd "$d" && ls | xargs -s 1500000 "$2" validate --schema "$3/$k.yaml") || exit 1; done' \
		sh "$fm" "$flowrec" "$root/schemas"
}
run_ajv_yaml() { warm "$fm"; measure ajv-yaml node "$here/ajv-check.mjs" --modules "$mods" --yaml "$fm"; }

rep=1
while [ "$rep" -le "$REPS" ]; do
	if [ $((rep % 2)) = 1 ]; then
		run_check; run_ajv; run_validate; run_ajv_yaml
	else
		run_ajv; run_check; run_ajv_yaml; run_validate
	fi
	rep=$((rep + 1))
done

# ---- 3b. the floor, the cache, the hook ----
# floor: tools/bench/yamlfloor.c, libyaml's event parser over each front-matter on one core
# (no tree, no schema): what `check` cold is measured against. cold: check without a cache
# (the cache file removed first, then written); warm: again, nothing changed; one: one record
# changed since. hook/no-verify: `git commit` of one changed, staged record with the
# pre-commit hook and without (--no-verify), BENCH_HOOK_REPS (5) times each.
say "building the libyaml floor into $out/yamlfloor"
cc -O2 -o "$out/yamlfloor" "$here/yamlfloor.c" $(pkg-config --cflags --libs yaml-0.1)
if [ ! -d "$team/.git" ]; then
	say "making $team a git repository (once; git add of $N files)"
	(cd "$team" && git init -q . && git add -A &&
	 git -c user.name=bench -c user.email=bench@example.com commit -q -m records)
fi
gitc() { git -C "$team" -c user.name=bench -c user.email=bench@example.com "$@"; }
one=$(cd "$team" && find records/weekly -name '*.md' | sort | sed -n 2p)
run_floor() { warm "$team/records"; measure floor "$out/yamlfloor" "$team"; }
run_cold() { rm -rf "$team/.git/flowrec"; warm "$team/records"; in_team cold check -q --today "$today"; }
run_nocache() { warm "$team/records"; in_team nocache check -q --no-cache --today "$today"; }
run_warm() { in_team warm check -q --today "$today"; }
run_one() {
	printf '\n' >> "$team/$one"
	in_team one check -q --today "$today"
	gitc checkout -q -- "$one"
}
rep=1
while [ "$rep" -le "$REPS" ]; do
	run_floor; run_nocache; run_cold; run_warm; run_one; run_warm
	rep=$((rep + 1))
done
HOOK_REPS=${BENCH_HOOK_REPS:-5}
# Each commit changes a visible figure (a task's actual, set to its target) of its own weekly
# record: hook-cold is the first hooked commit, whose HEAD no hook has checked; hook, the
# steady state of a team where every commit passes the hook (HEAD is the snapshot the
# previous hooked commit checked), HOOK_REPS in a row; then as many with --no-verify.
weeklies=$(cd "$team" && find records/weekly -name '*.md' | sort | sed -n "3,$((3 + 3 * HOOK_REPS))p")
nth_weekly() { echo "$weeklies" | sed -n "$1p"; }
bump_actual() { # the first reported actual off its target (and without a reason) set to it
	awk '!done && /actual: / && !/reason:/ {
		t = $0; sub(/.*target: /, "", t); sub(/[,}].*/, "", t)
		a = $0; sub(/.*actual: /, "", a); sub(/[,}].*/, "", a)
		if (t != a) { sub(/actual: [^,}]*/, "actual: " t); done = 1 }
	} 1' "$team/$1" > "$tmp/bump" && cat "$tmp/bump" > "$team/$1"
}
commit_one() { # name file [git commit options]
	_name=$1 _f=$2; shift 2
	bump_actual "$_f" && gitc add "$_f"
	measure "$_name" git -C "$team" -c user.name=bench -c user.email=bench@example.com commit -q "$@" -m "bench: $_f"
}
(cd "$team" && "$flowrec" hook install --force pre-commit >/dev/null)
commit_one hook-cold "$(nth_weekly 1)"
rep=1
while [ "$rep" -le "$HOOK_REPS" ]; do
	commit_one hook "$(nth_weekly $((1 + rep)))"
	rep=$((rep + 1))
done
rep=1
while [ "$rep" -le "$HOOK_REPS" ]; do
	commit_one no-verify "$(nth_weekly $((1 + HOOK_REPS + rep)))" --no-verify
	rep=$((rep + 1))
done
# hook-empty: a pre-commit hook that only exits 0, what git itself spends running any hook
# (it writes the index before the hook and reads it again after); flowrec's hook is put back
printf '#!/bin/sh\nexit 0\n' > "$team/.git/hooks/pre-commit"
rep=1
while [ "$rep" -le "$HOOK_REPS" ]; do
	commit_one hook-empty "$(nth_weekly $((1 + 2 * HOOK_REPS + rep)))"
	rep=$((rep + 1))
done
(cd "$team" && "$flowrec" hook install --force pre-commit >/dev/null)

# render: `flowrec render` of the team into $out/site; hugo: Debian's Hugo building a site
# from the same records/ with the minimal layout of tools/bench/hugo (one page per record: its
# front-matter fields and its Markdown body; one list per folder); BENCH_HUGO=0 skips Hugo.
run_render() {
	rm -rf "$out/site"; warm "$team/records"
	in_team render render -q --today "$today" -o "$root/$out/site"
}
run_hugo() {
	rm -rf "$out/hugo-site" "$out/hugo-cache"; warm "$team/records"
	measure hugo hugo --quiet -s "$here/hugo" --contentDir "$root/$team/records" -d "$root/$out/hugo-site" \
		--cacheDir "$root/$out/hugo-cache" --noBuildLock
}
# rerender: render again into the same folder after one record changed (a task's actual,
# which its page shows as a rate); how many of the
# site's files were written anew (a new inode) is counted from two listings
run_rerender() {
	find "$out/site" -type f -printf '%i %P\n' | sort > "$tmp/pages.before"
	bump_actual "$one"
	in_team rerender render -q --today "$today" -o "$root/$out/site"
	gitc checkout -q -- "$one"
	find "$out/site" -type f -printf '%i %P\n' | sort > "$tmp/pages.after"
	rewritten=$(comm -13 "$tmp/pages.before" "$tmp/pages.after" | wc -l)
	echo "# rerender $rep: $rewritten of $(wc -l < "$tmp/pages.after") files written anew" >> "$raw"
	say "round $rep rerender: $rewritten of $(wc -l < "$tmp/pages.after") files written anew"
}
rep=1
while [ "$rep" -le "$REPS" ]; do
	run_render
	run_rerender
	[ "${BENCH_HUGO:-1}" = 0 ] || run_hugo
	rep=$((rep + 1))
done
rm -rf "$out/site" "$out/hugo-site" "$out/hugo-cache"

# ---- 4. the table ----
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
report=$results/bench-N$N-$stamp.md
{
	echo "N = $N records ($bytes MiB of Markdown), $REPS rounds, medians; $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(nproc) CPUs ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, Linux $(uname -r)"
	echo "flowrec $rev${dirty:+ (tools/ or schemas/ modified)}, node $(node --version), ajv $(version ajv), ajv-formats $(version ajv-formats), js-yaml $(version js-yaml)"
	echo
	awk -v N="$N" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	/^#/ { next }
	{ k = $1; n[k]++; W[k, n[k]] = $3; C[k, n[k]] = $4 + $5; R[k, n[k]] = $6 / 1024 }
	END {
		split("check ajv validate ajv-yaml", order, " ")
		for (i = 1; i <= 4; i++) {
			k = order[i]
			for (j = 1; j <= n[k]; j++) { w[j] = W[k, j]; c[j] = C[k, j]; r[j] = R[k, j] }
			mw[k] = median(w, n[k]); mc[k] = median(c, n[k]); mr[k] = median(r, n[k])
			minw[k] = w[1]; maxw[k] = w[n[k]]
		}
		printf "| %-38s | %8s | %13s | %9s | %10s |\n", "tool (what it does)", "wall s", "(min-max)", "user+sys s", "peak RSS MB"
		printf "| %-38s | %8s | %13s | %9s | %10s |\n", "---", "---:", "---:", "---:", "---:"
		label["check"] = "flowrec check (schema + every rule)"
		label["ajv"] = "ajv-check.mjs on the .md (schema only)"
		label["validate"] = "flowrec validate x9 (schema only)"
		label["ajv-yaml"] = "ajv-check.mjs --yaml (schema only)"
		for (i = 1; i <= 4; i++) {
			k = order[i]
			printf "| %-38s | %8.2f | %6.2f-%6.2f | %10.2f | %11.0f |\n", label[k], mw[k], minw[k], maxw[k], mc[k], mr[k]
		}
		print ""
		print "ratios, ajv / flowrec (above 1: flowrec is faster or smaller; the goal is 5x faster):"
		printf "  check    vs ajv:       wall %5.2fx   user+sys %5.2fx   peak RSS %5.2fx\n", mw["ajv"] / mw["check"], mc["ajv"] / mc["check"], mr["ajv"] / mr["check"]
		printf "  validate vs ajv-yaml:  wall %5.2fx   user+sys %5.2fx   peak RSS %5.2fx\n", mw["ajv-yaml"] / mw["validate"], mc["ajv-yaml"] / mc["validate"], mr["ajv-yaml"] / mr["validate"]
		printf "  per record: check %.1f us, ajv %.1f us, validate %.1f us, ajv-yaml %.1f us (wall)\n", mw["check"] / N * 1e6, mw["ajv"] / N * 1e6, mw["validate"] / N * 1e6, mw["ajv-yaml"] / N * 1e6
	}' "$raw"
	echo
	echo "the floor, the cache and the hook (medians; ratios in one run):"
	echo
	awk -v N="$N" '
	function median(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	/^#/ { next }
	{ k = $1; n[k]++; W[k, n[k]] = $3; C[k, n[k]] = $4 + $5; R[k, n[k]] = $6 / 1024 }
	END {
		split("ajv floor nocache cold warm one hook-cold hook hook-empty no-verify render rerender hugo", order, " ")
		for (i = 1; i <= 13; i++) {
			k = order[i]
			for (j = 1; j <= n[k]; j++) { w[j] = W[k, j]; c[j] = C[k, j]; r[j] = R[k, j] }
			mw[k] = median(w, n[k]); mc[k] = median(c, n[k]); mr[k] = median(r, n[k])
		}
		label["ajv"] = "ajv-check.mjs on the .md"
		label["floor"] = "libyaml parse-only floor (1 core)"
		label["nocache"] = "check --no-cache"
		label["cold"] = "check, no cache (writes it)"
		label["warm"] = "check, cache, nothing changed"
		label["one"] = "check, cache, one record changed"
		label["hook-cold"] = "git commit, hook, HEAD not checked"
		label["hook"] = "git commit, pre-commit hook"
		label["hook-empty"] = "git commit, an empty hook (exit 0)"
		label["no-verify"] = "git commit --no-verify"
		label["render"] = "flowrec render (the site)"
		label["rerender"] = "render again, one record changed"
		label["hugo"] = "hugo, minimal layout, same records"
		printf "| %-34s | %8s | %10s | %11s |\n", "run", "wall s", "user+sys s", "peak RSS MB"
		printf "| %-34s | %8s | %10s | %11s |\n", "---", "---:", "---:", "---:"
		for (i = 1; i <= 13; i++) {
			k = order[i]
			if (!n[k]) continue
			printf "| %-34s | %8.3f | %10.3f | %11.0f |\n", label[k], mw[k], mc[k], mr[k]
		}
		print ""
		printf "  cold / floor: wall %.2fx (goal <= 0.7x); --no-cache / floor: wall %.2fx, user+sys %.2fx\n", mw["cold"] / mw["floor"], mw["nocache"] / mw["floor"], mc["nocache"] / mc["floor"]
		printf "  ajv / warm:   wall %.1fx (goal >= 30x)\n", mw["ajv"] / mw["warm"]
		printf "  one / warm:   wall %.2fx (goal <= 2x)\n", mw["one"] / mw["warm"]
		printf "  hook - no-verify: %.0f ms wall, %.0f ms user+sys added to git commit (goal < 50 ms)\n", (mw["hook"] - mw["no-verify"]) * 1000, (mc["hook"] - mc["no-verify"]) * 1000
		if (n["hook-empty"]) printf "  hook - empty hook: %.0f ms wall, %.0f ms user+sys (git alone spends %.0f ms wall running any hook)\n", (mw["hook"] - mw["hook-empty"]) * 1000, (mc["hook"] - mc["hook-empty"]) * 1000, (mw["hook-empty"] - mw["no-verify"]) * 1000
		printf "  peak RSS: --no-cache %.0f MB, cold %.0f MB, warm %.0f MB (goal < 300 MB at 100,000)\n", mr["nocache"], mr["cold"], mr["warm"]
		if (n["hugo"]) printf "  hugo / render: wall %.2fx, user+sys %.2fx (goal >= 10x at 10,000), peak RSS %.2fx\n", mw["hugo"] / mw["render"], mc["hugo"] / mc["render"], mr["hugo"] / mr["render"]
	}' "$raw"
	sed -n 's/^# rerender [0-9]*: /  rerender: /p' "$raw" | tail -n 1
} > "$report"
echo
cat "$report"
echo
say "table: $report; raw numbers: $raw"

# ---- 5. clean ----
if [ "$KEEP" != 1 ]; then
	rm -rf "$team" "$fm" "$out/gen.log"
	say "removed $team and $fm (BENCH_KEEP=1 keeps them)"
fi
