#!/bin/sh
# t-install.sh - `make install` into a temporary DESTDIR with a PREFIX, the installed flowrec
# run from PATH outside the repository (its catalog, man pages and completion found where they
# were put), then `make uninstall`: exactly the installed files are gone, nothing else.
. "$TESTS/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)
P=/opt/flowrec-test
# the same build as the binary under test (asan or not); not the jobserver of a calling make
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$ROOT" \
		BUILD="$BUILD" BIN="$FLOWREC" PREFIX=$P DESTDIR="$D" "$@"
}
installed() {
	cat <<-EOF | sort
	$D$P/bin/flowrec
	$D$P/share/bash-completion/completions/flowrec
	$D$P/share/man/man1/flowrec.1
	$D$P/share/man/zh_CN/man1/flowrec.1
	$D$P/share/man/man5/flowrec-records.5
	EOF
	for po in "$ROOT"/po/*.po; do
		l=${po##*/}
		echo "$D$P/share/locale/${l%.po}/LC_MESSAGES/flowrec.mo"
	done
}

test_case "install-run-from-path-uninstall" '
	D=$PWD/dest && mk install >log 2>&1 || { cat log; exit 1; }
	find "$D" -type f -o -type l | sort >got && installed | sort >want && test_cmp want got &&
	test -x "$D$P/bin/flowrec" && cmp "$FLOWREC" "$D$P/bin/flowrec" &&
	cmp "$BUILD/locale/zh_CN/LC_MESSAGES/flowrec.mo" "$D$P/share/locale/zh_CN/LC_MESSAGES/flowrec.mo" &&
	mkdir elsewhere && cd elsewhere &&
	PATH=$D$P/bin:/usr/bin:/bin flowrec --lang zh-CN --help >out && grep -q "^用法：flowrec " out &&
	PATH=$D$P/bin:/usr/bin:/bin flowrec --version | grep -q "^flowrec [0-9]" &&
	sed "s/用法：/MARK-INSTALLED/" "$ROOT/po/zh_CN.po" >m.po &&
	msgfmt -o "$D$P/share/locale/zh_CN/LC_MESSAGES/flowrec.mo" m.po &&
	PATH=$D$P/bin:/usr/bin:/bin flowrec --lang zh-CN check --help | grep -q "^MARK-INSTALLEDflowrec check" &&
	MANWIDTH=80 man -l "$D$P/share/man/man1/flowrec.1" | grep -q "^   flowrec roster" &&
	MANWIDTH=80 man -M "$D$P/share/man" 5 flowrec-records 2>err | grep -q "^   weekly-meeting" &&
	MANWIDTH=80 man -M "$D$P/share/man" flowrec | grep -q "^FLOWREC(1)" &&
	MANWIDTH=80 man -M "$D$P/share/man/zh_CN" flowrec | grep -q "^名称" &&
	PATH=$D$P/bin:/usr/bin:/bin bash -c ". \"$D$P/share/bash-completion/completions/flowrec\" &&
		COMP_WORDS=(flowrec ro) COMP_CWORD=1 && _flowrec && test \"\${COMPREPLY[*]}\" = roster" &&
	cd .. && echo other >"$D$P/bin/other" && mkdir -p "$D$P/share/man/man1" && echo x >"$D$P/share/man/man1/other.1" &&
	mk uninstall >log 2>&1 || { cat log; exit 1; }
	find "$D" -type f -o -type l | sort >got &&
	printf "%s\n" "$D$P/bin/other" "$D$P/share/man/man1/other.1" >want && test_cmp want got &&
	rm "$D$P/bin/other" "$D$P/share/man/man1/other.1" && mk uninstall >log 2>&1
'

test_case "default-prefix-is-usr-local" '
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n --no-print-directory -C "$ROOT" BUILD="$BUILD" BIN="$FLOWREC" \
		DESTDIR=/stage install >plan &&
	grep -q "^install -m 755 .* /stage/usr/local/bin/flowrec\$" plan &&
	grep -q " /stage/usr/local/share/man/man5/flowrec-records.5\$" plan &&
	grep -q " /stage/usr/local/share/bash-completion/completions/flowrec\$" plan &&
	grep -q "/stage/usr/local/share/locale/" plan
'

test_done
