#!/bin/sh
# example-history.sh SRC DEST - make DEST a git repository holding the example team SRC
# (examples/) with a realistic history: each record committed by the person who owns it, at
# the time a real team would have, so that `flowrec due` and the site's on-time rates have
# something true to say. A few commits are deliberately late:
#   W03 and W09 minutes after Monday 12:00 (W-ONTIME); W06's Thursday follow-up after 12:00
#   (W-MIDWEEK); 王强's plan for 2026-03 on 2 March (M-ONTIME); 张伟's product plan for 2026-03
#   drafted on the 2nd (P-ONTIME).
# Approvals are added by the approver's own commits (G-APPROVAL holds), a scorecard's review by
# the manager. Times are local to the team (+08:00). DEST is replaced if it exists.
set -eu
src=$(cd "$1" && pwd)
dest=$2
rm -rf "$dest"
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
events=$(mktemp)
trap 'rm -f "$events"' EXIT

# name -> email from flowrec.yaml's roster lines "- {name: X, role: r, email: e}"
email_of() {
	sed -n "s/^ *- *{name: *$1 *,.*email: *\\([^ ,}]*\\).*/\\1/p" "$src/flowrec.yaml" | head -n 1
}
field() { # field FILE KEY: a top-level scalar of the front-matter
	sed -n "2,/^---/s/^$2: *\\([^ #]*\\).*/\\1/p" "$1" | head -n 1
}
day() { date -d "$1" +%F; }
# event TIME AUTHOR RELPATH MODE: MODE is full, no-midweek, no-approvals, confirm-only,
# no-reviewed
event() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" >> "$events"; }

cd "$src"
for f in records/weekly/*.md; do
	w=$(field "$f" week); mon=$(field "$f" date); host=$(field "$f" host)
	t="10:30"; case $w in *W03) t="14:20" ;; esac
	when="${mon}T$t"; case $w in *W09) when="$(day "$mon + 1 day")T09:10" ;; esac
	if grep -q '^midweek:' "$f"; then
		event "$when" "$host" "$f" no-midweek
		mt="11:00"; case $w in *W06) mt="16:00" ;; esac
		event "$(day "$mon + 3 days")T$mt" "$host" "$f" full
	else
		event "$when" "$host" "$f" full
	fi
done
for f in records/cards/*.md; do
	event "$(field "$f" confirmed)T11:00" 王经理 "$f" full
done
for f in records/monthly/*/*.md; do
	m=$(field "$f" month); p=$(field "$f" person)
	when="$(day "$m-01 - 1 day")T17:00"
	[ "$m/$p" = "2026-03/王强" ] && when="2026-03-02T10:00"
	event "$when" "$p" "$f" full
done
for f in records/product/*/*.md; do
	m=$(field "$f" month); o=$(field "$f" owner)
	when="$(day "$m-01 - 1 day")T16:00"; confirm="$m-01T18:00"; review="$m-02T10:00"
	if [ "$m/$o" = "2026-03/张伟" ]; then
		when="$m-02T09:30"; confirm="$m-02T11:00"; review="$m-02T15:00"
	fi
	if grep -q '^approvals:' "$f"; then
		event "$when" "$o" "$f" no-approvals
		event "$confirm" 王经理 "$f" confirm-only
		event "$review" 陈总 "$f" full
	else
		event "$when" "$o" "$f" full
	fi
done
for f in records/partners/*/*.md; do
	m=$(field "$f" month); s=$(field "$f" scorer)
	last=$(day "$m-01 + 1 month - 1 day")
	if grep -q '^reviewed:' "$f"; then
		event "${last}T15:00" "$s" "$f" no-reviewed
		event "${last}T18:00" 王经理 "$f" full
	else
		event "${last}T15:00" "$s" "$f" full
	fi
done
for f in records/channel/*/*.md; do
	m=$(field "$f" month)
	event "$(day "$m-01 + 1 month - 1 day")T17:00" "$(field "$f" specialist)" "$f" full
done
for f in records/onboarding/*.md; do
	event "$(field "$f" first_pickup)T18:00" "$(field "$f" owner)" "$f" full
done
for f in records/meetings/*.md; do
	event "$(field "$f" date)T18:00" "$(field "$f" host)" "$f" full
done

cd "$dest"
git init -q -b main .
git config user.name 王经理
git config user.email "$(email_of 王经理)"
cp "$src/flowrec.yaml" "$src/README.md" .
mkdir -p records/processes
cp "$src"/records/processes/*.md records/processes/
git add -A
GIT_AUTHOR_DATE="2025-12-20T10:00:00+08:00" GIT_COMMITTER_DATE="2025-12-20T10:00:00+08:00" \
	git commit -q -m "团队配置与流程"

sort "$events" | while IFS='|' read -r when who path mode; do
	mkdir -p "$(dirname "$path")"
	case $mode in
	full) cp "$src/$path" "$path" ;;
	no-midweek|no-approvals|no-reviewed)
		key=${mode#no-}
		awk -v key="$key" '
			NR > 1 && /^---/ { skip = 0; fm = 0 }
			fm && /^[A-Za-z_]+:/ { skip = ($0 ~ "^" key ":") }
			NR == 1 { fm = 1 }
			!skip { print }' "$src/$path" > "$path" ;;
	confirm-only)
		awk '/step: *review/ { next } { print }' "$src/$path" > "$path" ;;
	esac
	git add "$path"
	GIT_AUTHOR_NAME="$who" GIT_AUTHOR_EMAIL="$(email_of "$who")" \
	GIT_AUTHOR_DATE="$when:00+08:00" GIT_COMMITTER_DATE="$when:00+08:00" \
		git commit -q -m "$(basename "$path" .md) ($mode)"
done
