#!/bin/sh
# install-deps.sh [build|test] - install the Debian packages flowrec needs, only those missing.
#   build (default): what `make` needs, and ssh-keygen (openssh-client) and gpg/gpgv (gnupg,
#   gpgv), which verify signed approvals.   test: also what `make check` drives (git, a real
#   HTML checker, a real browser, valgrind, strace, an iCalendar parser, clang for the
#   sanitizers and the libFuzzer targets).
# Runs apt-get only when something is missing (as root, or through sudo).
set -eu
need="build-essential pkg-config gettext git libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libgit2-dev libpcre2-dev libssl-dev openssh-client gnupg gpgv"
if [ "${1:-build}" = test ]; then
	need="$need tidy chromium jq valgrind clang python3-websocket python3-yaml fonts-wqy-microhei python3-jsonschema python3-icalendar strace groff-base man-db mandoc emacs-nox nodejs"
fi
missing=""
for p in $need; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
