# lib.sh - helpers for the shell suites (sourced). Each case: an id, a command chain that must
# succeed. Style from git's t/README: && chains, test_must_fail instead of !, whole-output diffs.
#
#   . "$TESTS/lib.sh"
#   test_case "check-passes-on-valid-record" '
#       make_repo r && cd r && $FLOWREC check
#   '
#   test_done
set -u
: "${FLOWREC:?}"
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/flowrec-test.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$TRASH/home" LC_ALL=C.UTF-8 TZ=UTC
# The suites read flowrec's English messages; t-i18n.sh unsets this to test the languages.
export LANGUAGE=en
mkdir -p "$HOME"
git config --global user.name "Test" && git config --global user.email test@example.com
git config --global init.defaultBranch main
git config --global protocol.file.allow always
t_failed=0

# test_case ID BODY: run BODY in a subshell in a fresh folder; print ok / not ok.
test_case() {
	dir="$TRASH/$1"
	mkdir -p "$dir"
	if (cd "$dir" && eval "$2") > "$dir.out" 2>&1; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		sed 's/^/#   /' "$dir.out" | tail -25
		t_failed=1
	fi
}

# test_skip ID WHY: a case that cannot run in this build, said in the output (run-all.sh shows
# the line): "ok - ID # SKIP WHY".
test_skip() {
	echo "ok - $1 # SKIP $2"
}

# test_must_fail CMD...: CMD exits 1 or 2, not 0 and not a crash (signal, sanitizer abort).
test_must_fail() {
	"$@"
	rc=$?
	if [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; then
		return 0
	fi
	echo "test_must_fail: '$*' exited $rc" >&2
	return 1
}

# test_expect_code N CMD...: CMD exits exactly N.
test_expect_code() {
	want=$1
	shift
	"$@"
	rc=$?
	[ "$rc" -eq "$want" ] && return 0
	echo "test_expect_code: '$*' exited $rc, expected $want" >&2
	return 1
}

# test_cmp EXPECTED ACTUAL: files equal, else show the diff.
test_cmp() {
	diff -u "$1" "$2"
}

# commit_as EMAIL DATE MESSAGE [OPTION...]: commit the index as that person (author and
# committer) at that time.
commit_as() {
	_e=$1 _d=$2 _m=$3
	shift 3
	GIT_AUTHOR_NAME=${_e%@*} GIT_AUTHOR_EMAIL=$_e GIT_AUTHOR_DATE=$_d \
	GIT_COMMITTER_NAME=${_e%@*} GIT_COMMITTER_EMAIL=$_e GIT_COMMITTER_DATE=$_d \
		git commit -q -m "$_m" "$@"
}

# new_team DIR: a git repository whose first commit, by the manager, holds the team config
# (tests/rules/team.yaml).
new_team() {
	git init -q "$1" &&
	cp "$TESTS/rules/team.yaml" "$1/flowrec.yaml" &&
	(cd "$1" && git add flowrec.yaml &&
	 commit_as wang@example.com 2026-01-05T09:00:00+08:00 "team config")
}

# serve_seed [INSTALL-OUT [PUSH-ERR]]: a bare server.git beside seed/ with flowrec's hooks
# installed (install's output to INSTALL-OUT, default /dev/null), seed's HEAD pushed as main
# (the push's stderr to PUSH-ERR, default /dev/null), and work/, its clone. Paths are of the
# folder serve_seed runs in.
serve_seed() {
	_io=${1:-/dev/null} _pe=${2:-/dev/null}
	case $_io in /*) ;; *) _io=$PWD/$_io ;; esac
	case $_pe in /*) ;; *) _pe=$PWD/$_pe ;; esac
	git init -q --bare server.git &&
	(cd server.git && "$FLOWREC" hook install > "$_io") &&
	(cd seed && git push -q ../server.git HEAD:main 2> "$_pe") &&
	git clone -q server.git work
}

# server_tip: the server's main, from work/ (or any folder beside server.git).
server_tip() {
	git --git-dir=../server.git rev-parse main
}

test_done() {
	exit "$t_failed"
}
