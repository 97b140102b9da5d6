#!/bin/sh
# t-gate-identity.sh - who vouches for an approval (flowrec.yaml `approvals: {trust: ...}`):
# `signature` (real ssh-keygen keys, real commits signed by git), `pusher` (the variable the
# git host sets, here in the environment of a real push over the local transport) and
# `author`, with the default the strongest available.
. "$TESTS/lib.sh"

P=records/product/2026-04/李娜.md

product() {  # product [APPROVAL]: 李娜's plan for 2026-04, APPROVAL "step:by:date"
	printf -- '---\nkind: product-plan\nmonth: 2026-04\nowner: 李娜\n'
	printf 'products:\n  - {sku: X1-15, class: star, strategy: 主推机型配合门店展示, forecast: {sales: 120, profit: 9.6}}\n'
	if [ -n "${1:-}" ]; then
		IFS=: read -r step by date <<EOF
$1
EOF
		printf 'approvals:\n  - {step: %s, by: %s, date: %s}\n' "$step" "$by" "$date"
	fi
	echo ---
}

# new_server CONFIG-EDIT [PUSHER]: the team config edited by CONFIG-EDIT (a sed script), pushed
# (by PUSHER, as GL_USERNAME) to server.git (bare, pre-receive); work/ is its clone, holding
# 李娜's draft plan on the server.
new_server() {
	new_team seed &&
	(cd seed && sed -i "$1" flowrec.yaml && git add flowrec.yaml &&
	 commit_as wang@example.com 2026-01-05T09:30:00+08:00 "trust" &&
	 mkdir -p records/product/2026-04 && product > $P && git add records &&
	 commit_as lina@example.com 2026-04-01T09:00:00+08:00 draft) &&
	git init -q --bare server.git &&
	(cd server.git && "$FLOWREC" hook install > /dev/null) &&
	(cd seed && GL_USERNAME=${2:-} git push -q ../server.git main 2> /dev/null) &&
	git --git-dir=server.git rev-parse -q --verify main > /dev/null &&
	git clone -q server.git work
}

# confirm AUTHOR [GIT-OPTION...]: commit 王经理's confirmation as AUTHOR.
confirm() {
	_a=$1 && shift &&
	product confirm:王经理:2026-04-01 > $P && git add records &&
	commit_as "$_a" 2026-04-01T10:00:00+08:00 confirm "$@"
}

rejected() {   # rejected PUSHER: a push (as PUSHER) fails with G-APPROVAL, main unmoved
	_before=$(server_tip) &&
	test_must_fail env GL_USERNAME=$1 git push origin main 2> err &&
	grep -q "remote: .*error: .*\[G-APPROVAL\]" err &&
	test "$(server_tip)" = "$_before"
}

accepted() {   # accepted PUSHER
	env GL_USERNAME=$1 git push origin main 2> err &&
	test_must_fail grep -q "G-APPROVAL" err &&
	test "$(server_tip)" = "$(git rev-parse HEAD)"
}

# ---- pusher ----

LOGINS='s/email: wang@example.com}/email: wang@example.com, login: wang}/; s/email: lina@example.com}/email: lina@example.com, login: lina}/; s/email: chen@example.com}/email: chen@example.com, login: chen}/'

test_case "pusher-an-approval-is-the-approvers-only-when-he-pushes-it" '
	new_server "$LOGINS; \$a approvals: {trust: pusher}" wang && cd work &&
	confirm wang@example.com && rejected lina &&
	grep -q "pushed by .lina.: only 王经理 (.wang.) may add it" err &&
	rejected "" && grep -q "pushed by someone the server does not name" err &&
	accepted wang
'

test_case "pusher-the-approvers-push-of-anyones-commit" '
	new_server "$LOGINS; \$a approvals: {trust: pusher}" wang && cd work &&
	confirm lina@example.com && accepted wang
'

test_case "pusher-is-the-default-when-the-host-names-one" '
	new_server "$LOGINS" wang && cd work &&
	confirm wang@example.com && rejected lina && accepted wang
'

test_case "pusher-from-a-configured-variable" '
	new_server "$LOGINS; \$a approvals: {trust: pusher, pusher_variable: TEAM_PUSHER}" wang && cd work &&
	confirm wang@example.com &&
	_before=$(server_tip) &&
	test_must_fail env GL_USERNAME=wang git push origin main 2> err &&
	grep -q "\[G-APPROVAL\]" err && test "$(server_tip)" = "$_before" &&
	TEAM_PUSHER=wang git push origin main 2> err && test "$(server_tip)" = "$(git rev-parse HEAD)"
'

test_case "pusher-a-roster-change-needs-a-manager-or-director-pushing" '
	new_server "$LOGINS; \$a approvals: {trust: pusher}" wang && cd work &&
	sed -i "s/login: wang}/login: lina}/" flowrec.yaml && git add flowrec.yaml &&
	commit_as wang@example.com 2026-04-01T08:00:00+08:00 "roster" &&
	rejected lina && grep -q "changes the team.s config" err &&
	accepted chen
'

# ---- pusher, with branches merged later: the server's receive notes say who pushed ----

# review AUTHOR: 陈总's review on top of 王经理's confirmation, committed as AUTHOR.
review() {
	product confirm:王经理:2026-04-01 > $P &&
	sed -i "\$d" $P && echo "  - {step: review, by: 陈总, date: 2026-04-02}" >> $P && echo --- >> $P &&
	git add records && commit_as "$1" 2026-04-02T10:00:00+08:00 review
}

# merge_as EMAIL BRANCH: merge BRANCH into main with a merge commit made by EMAIL.
merge_as() {
	git checkout -q main &&
	GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=$1 GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=$1 \
		git merge -q --no-ff -m "merge $2" "$2"
}

# with_hooks_off HOOKS CMD...: run CMD while the server lacks HOOKS (a branch that got there
# before they were installed, or while one was broken).
with_hooks_off() {
	_h=$1 && shift &&
	for _x in $_h; do mv ../server.git/hooks/$_x ../$_x.off || return 1; done
	"$@"
	_rc=$?
	for _x in $_h; do mv ../$_x.off ../server.git/hooks/$_x; done
	return $_rc
}

PUSHER="$LOGINS; \$a approvals: {trust: pusher}"

test_case "pusher-an-approval-pushed-to-a-branch-by-the-approver-survives-the-merge" '
	new_server "$PUSHER" wang && cd work &&
	confirm wang@example.com && accepted wang &&
	git checkout -q -b review && review chen@example.com &&
	GL_USERNAME=chen git push -q origin review 2> err &&
	git --git-dir=../server.git notes --ref=flowrec-received show review | grep -q "^pusher: chen$" &&
	merge_as wang@example.com review && accepted wang
'

test_case "pusher-a-branch-fast-forwarded-into-main-by-another" '
	new_server "$PUSHER" wang && cd work &&
	confirm wang@example.com && accepted wang &&
	git checkout -q -b review && review chen@example.com &&
	GL_USERNAME=chen git push -q origin review 2> err &&
	git checkout -q main && git merge -q --ff-only review && accepted wang
'

test_case "pusher-attack-an-approval-pushed-by-another-merged-by-the-approver" '
	new_server "$PUSHER" wang && cd work &&
	confirm wang@example.com && accepted wang &&
	git checkout -q -b review && review chen@example.com &&
	with_hooks_off pre-receive env GL_USERNAME=lina git push -q origin review 2> err &&
	git --git-dir=../server.git notes --ref=flowrec-received show review | grep -q "^pusher: lina$" &&
	merge_as chen@example.com review && rejected chen &&
	grep -q "pushed by .lina. earlier: only 陈总 (.chen.) may add it" err
'

test_case "pusher-attack-an-approval-with-no-note-merged-by-the-approver" '
	new_server "$PUSHER" wang && cd work &&
	confirm wang@example.com && accepted wang &&
	git checkout -q -b review && review chen@example.com &&
	with_hooks_off "pre-receive post-receive" env GL_USERNAME=lina git push -q origin review 2> err &&
	test_must_fail git --git-dir=../server.git notes --ref=flowrec-received show review 2> /dev/null &&
	merge_as chen@example.com review && rejected chen &&
	grep -q "on the server with no record of who pushed it: only 陈总 (.chen.) may add it" err
'

# ---- signature ----

# keys: an ed25519 key for 王经理 and one for 李娜, made by ssh-keygen.
keys() {
	ssh-keygen -q -t ed25519 -N "" -C wang -f ../wang.key &&
	ssh-keygen -q -t ed25519 -N "" -C lina -f ../lina.key
}

# sign KEY AUTHOR MESSAGE: commit the index as AUTHOR, signed with KEY by git itself.
sign() {
	GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=$2 GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=$2 \
		git -c gpg.format=ssh -c user.signingkey="$1" commit -q -S -m "$3"
}

# sig_server: the roster lists 王经理's key (the default trust is then signature).
sig_server() {
	ssh-keygen -q -t ed25519 -N "" -C wang -f wang.key &&
	ssh-keygen -q -t ed25519 -N "" -C lina -f lina.key &&
	key=$(cut -d" " -f1,2 wang.key.pub) &&
	new_server "s|email: wang@example.com}|email: wang@example.com, signing_key: \"$key\"}|" &&
	cd work && product confirm:王经理:2026-04-01 > $P && git add records
}

test_case "signature-only-the-approvers-key-vouches" '
	sig_server &&
	commit_as wang@example.com 2026-04-01T10:00:00+08:00 "unsigned, as wang" &&
	rejected "" && grep -q "not signed: only 王经理.s key may add it" err &&
	git reset -q --soft HEAD~1 && sign ../lina.key wang@example.com "signed by lina" &&
	git cat-file -p HEAD | grep -q "BEGIN SSH SIGNATURE" &&
	rejected "" && grep -q "signed by no key of the roster" err &&
	git reset -q --soft HEAD~1 && sign ../wang.key lina@example.com "signed by wang" &&
	accepted ""
'

test_case "signature-a-tampered-signed-commit-is-not-the-signers" '
	sig_server && sign ../wang.key wang@example.com "signed by wang" &&
	git cat-file commit HEAD | sed "s/^signed by wang$/signed by wang, honestly/" > ../forged &&
	forged=$(git hash-object -t commit -w --stdin --literally < ../forged) &&
	git update-ref HEAD "$forged" && git log -1 --format=%s | grep -q honestly &&
	rejected "" && grep -q "signed by no key of the roster" err
'

# ---- signature, OpenPGP ----

# pgp_server [expired|revoked]: OpenPGP keys made by gpg for 王经理, 李娜 and eve (outside the
# roster) in $GNUPGHOME (no passphrase); the roster lists 王经理's and 李娜's armored public
# keys. expired: 王经理's key was made in 2020 and expired in 2021 (sign with pgp_sign_2020);
# revoked: the roster's copy of 王经理's key carries its revocation, while $GNUPGHOME still
# signs with it (a stolen secret key).
pgp_server() {
	export GNUPGHOME="$PWD/gnupg" && mkdir -m 700 "$GNUPGHOME" &&
	for who in wang lina eve; do
		if [ "$who" = wang ] && [ "${1:-}" = expired ]; then
			gpg --batch --quiet --faked-system-time "20200101T000000!" --passphrase "" \
				--quick-gen-key "$who <$who@example.com>" ed25519 sign 1y 2> gpg.err
		else
			gpg --batch --quiet --passphrase "" --quick-gen-key "$who <$who@example.com>" ed25519 sign never 2> gpg.err
		fi || { cat gpg.err; return 1; }
	done &&
	keys=$GNUPGHOME &&
	if [ "${1:-}" = revoked ]; then
		keys=$PWD/gnupg-revoked && cp -a "$GNUPGHOME" "$keys" &&
		fpr=$(gpg --with-colons --list-keys wang@example.com | awk -F: "/^fpr/ {print \$10; exit}") &&
		sed "s/^:-----/-----/" "$GNUPGHOME/openpgp-revocs.d/$fpr.rev" |
			GNUPGHOME=$keys gpg --batch --quiet --import 2> gpg.err || { cat gpg.err; return 1; }
	fi &&
	for who in 王经理:manager:wang 李娜:sales:lina; do
		IFS=: read -r name role login <<-EOF
		$who
		EOF
		printf "  - name: %s\n    role: %s\n    email: %s@example.com\n    signing_key: |\n" "$name" "$role" "$login" &&
		GNUPGHOME=$keys gpg --armor --export "$login@example.com" | sed "s/^/      /" || return 1
	done > "$PWD/roster.yaml" &&
	new_server "/name: 王经理,/d; /name: 李娜,/{r $PWD/roster.yaml
d}" &&
	cd work && product confirm:王经理:2026-04-01 > $P && git add records
}

# pgp_sign WHO MESSAGE: commit the index as 王经理, signed by git with WHO's OpenPGP key.
pgp_sign() {
	GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=wang@example.com GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=wang@example.com \
		git -c gpg.format=openpgp -c user.signingkey="$1@example.com" commit -q -S -m "$2"
}

# pgp_sign_2020 WHO MESSAGE: pgp_sign with gpg's clock set to June 2020.
pgp_sign_2020() {
	printf "#!/bin/sh\nexec gpg --faked-system-time 20200601T000000! \"\$@\"\n" > ../gpg-2020 && chmod +x ../gpg-2020 &&
	GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=wang@example.com GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=wang@example.com \
		git -c gpg.format=openpgp -c gpg.program="$PWD/../gpg-2020" -c user.signingkey="$1@example.com" commit -q -S -m "$2"
}

test_case "openpgp-only-the-approvers-key-vouches" '
	pgp_server && "$FLOWREC" check &&
	commit_as wang@example.com 2026-04-01T10:00:00+08:00 "unsigned, as wang" &&
	rejected "" && grep -q "not signed: only 王经理.s key may add it" err &&
	git reset -q --soft HEAD~1 && pgp_sign lina "signed by lina" &&
	git cat-file -p HEAD | grep -q "BEGIN PGP SIGNATURE" &&
	rejected "" && grep -q "signed by 李娜.s key: only 王经理.s key may add it" err &&
	git reset -q --soft HEAD~1 && pgp_sign wang "signed by wang" && accepted ""
'

test_case "openpgp-a-key-outside-the-roster-is-nobodys" '
	pgp_server && pgp_sign eve "signed by eve" &&
	git verify-commit HEAD 2> /dev/null &&
	rejected "" && grep -q "signed by no key of the roster" err &&
	ls "${TMPDIR:-/tmp}" | test_must_fail grep -q "^flowrec-gnupg-"
'

# gpgv says "Good signature" and exits 0 for a key that has expired or was revoked; git's own
# --verify-signatures does not take such a signature (%G? is Y or R), nor does the gate.
test_case "openpgp-an-expired-key-vouches-for-nobody" '
	pgp_server expired && pgp_sign_2020 wang "signed by wang in 2020" &&
	git cat-file -p HEAD | grep -q "BEGIN PGP SIGNATURE" &&
	test "$(git log -1 --format=%G?)" = Y &&
	rejected "" && grep -q "signed by 王经理.s expired or revoked key: only 王经理.s key may add it" err
'

test_case "openpgp-a-revoked-key-vouches-for-nobody" '
	pgp_server revoked && pgp_sign wang "signed by wang with a revoked key" &&
	GNUPGHOME=../gnupg-revoked git log -1 --format=%G? | grep -qx R &&
	rejected "" && grep -q "signed by 王经理.s expired or revoked key: only 王经理.s key may add it" err &&
	git reset -q --soft HEAD~1 && pgp_sign lina "signed by lina" &&
	rejected "" && grep -q "signed by 李娜.s key: only 王经理.s key may add it" err
'

# ---- author: the warnings ----

test_case "author-trust-is-said-to-be-forgeable-by-install-and-check" '
	git init -q --bare empty.git && (cd empty.git && "$FLOWREC" hook install 2> ../err > /dev/null) &&
	test "$(grep -c "approvals can be forged" err)" = 1 &&
	new_server "s/deviation_threshold: 0.30/deviation_threshold: 0.3/" && cd work &&
	"$FLOWREC" check 2> err && test_must_fail grep -q "forged" err &&
	product confirm:王经理:2026-04-01 > $P &&
	"$FLOWREC" check 2> err && test "$(grep -c "approvals can be forged" err)" = 1 &&
	"$FLOWREC" check --format json > out 2> err && test_must_fail test -s err &&
	echo "approvals: {trust: pusher}" >> flowrec.yaml &&
	"$FLOWREC" check 2> err && test_must_fail grep -q "forged" err
'

test_case "signature-trust-is-not-said-to-be-forgeable" '
	sig_server && cd ../server.git && "$FLOWREC" hook install --force 2> ../err > /dev/null &&
	test_must_fail grep -q "forged" ../err
'

# no gpg-agent outlives the suite
for d in "$TRASH"/*/gnupg "$TRASH"/*/gnupg-revoked; do
	[ -d "$d" ] && GNUPGHOME=$d gpgconf --kill all 2> /dev/null
done
test_done
