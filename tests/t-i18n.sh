#!/bin/sh
# t-i18n.sh - the language of the messages and where the catalogs come from.
#
# The language, strongest first: --lang, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG (the first
# that names a language; C and POSIX name none), then the team's `locale`, then English. None
# of this needs a generated system locale: this machine has only C.UTF-8 (checked below), so
# every Chinese line here comes from flowrec's own .mo reader. Catalogs are found in
# $FLOWREC_LOCALEDIR, next to the binary (build/locale, ../share/locale) and compiled in.
set -u
: "${FLOWREC:?}" "${TESTS:?}" "${BUILD:?}"
. "$TESTS/lib.sh"
unset LANGUAGE LC_ALL LC_MESSAGES LANG
ROOT=$(cd "$TESTS/.." && pwd)

zh_team() {
	cp "$TESTS/rules/team.yaml" flowrec.yaml && mkdir -p records
}
en_team() {
	sed "s/^locale: zh-CN/locale: en/" "$TESTS/rules/team.yaml" >flowrec.yaml && mkdir -p records
}
# says_zh FILE / says_en FILE: the unknown-command message of `flowrec chek` in that language
says_zh() {
	grep -q "^flowrec: 'chek' 不是 flowrec 命令；您是不是想用 'check'？" "$1"
}
says_en() {
	grep -q "^flowrec: 'chek' is not a flowrec command; did you mean 'check'?" "$1"
}

# setlocale() fails for a locale that is not generated: no reason to speak English
test_case "locale-not-generated" '
	if locale -a 2>/dev/null | grep -qi "^zh_CN"; then
		echo "# note: zh_CN is generated on this machine" >&2
	fi &&
	en_team && test_must_fail env LC_ALL=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err
'

test_case "zh-team-no-environment" '
	zh_team && test_must_fail $FLOWREC chek 2>err && says_zh err
'

test_case "zh-team-c-locale" '
	zh_team && test_must_fail env LC_ALL=C.UTF-8 LANG=C $FLOWREC chek 2>err && says_zh err
'

test_case "en-team-english" '
	en_team && test_must_fail $FLOWREC chek 2>err && says_en err
'

test_case "lang-zh-beats-en-team" '
	en_team && test_must_fail env LANG=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LC_ALL=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8 $FLOWREC chek 2>err && says_zh err
'

test_case "lang-en-beats-zh-team" '
	zh_team && test_must_fail env LANG=en_US.UTF-8 $FLOWREC chek 2>err && says_en err &&
	test_must_fail env LANG=de_DE.UTF-8 $FLOWREC chek 2>err && says_en err
'

test_case "c-names-no-language" '
	en_team && test_must_fail env LC_ALL=C LANG=zh_CN.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LC_ALL=POSIX $FLOWREC chek 2>err && says_en err
'

test_case "language-list" '
	en_team && test_must_fail env LANGUAGE=fr:zh_CN:en LANG=en_US.UTF-8 $FLOWREC chek 2>err && says_zh err &&
	test_must_fail env LANGUAGE=en LANG=zh_CN.UTF-8 $FLOWREC chek 2>err && says_en err
'

test_case "option-beats-everything" '
	zh_team && test_must_fail env LANG=zh_CN.UTF-8 $FLOWREC --lang en chek 2>err && says_en err &&
	test_must_fail env LANGUAGE=en $FLOWREC chek --lang zh-CN 2>err && says_zh err &&
	test_must_fail env LANGUAGE=en $FLOWREC chek --lang=zh_CN.UTF-8 2>err && says_zh err
'

test_case "option-bad-value" '
	zh_team &&
	test_expect_code 2 env LANGUAGE=en $FLOWREC check --lang fr 2>err &&
	grep -q "^flowrec: --lang is zh-CN or en, not '\''fr'\''$" err &&
	test_expect_code 2 $FLOWREC check --lang 2>err &&
	grep -q "^flowrec: --lang 需要一个值：zh-CN 或 en$" err
'

test_case "help-in-the-team-language" '
	zh_team && $FLOWREC check --help >out && grep -q "^用法：flowrec check " out &&
	grep -q "^    --lang zh-CN|en  *提示信息的语言" out &&
	$FLOWREC --lang en check --help >out && grep -q "^usage: flowrec check " out &&
	mkdir sub && cd sub && $FLOWREC help >out && grep -q "^    check      按模式" out
'

# A catalog next to an installed binary (PREFIX/bin/flowrec, PREFIX/share/locale) wins over
# the compiled-in copy; so does $FLOWREC_LOCALEDIR. The marker proves which one spoke.
test_case "catalog-beside-the-binary" '
	zh_team && mkdir -p p/bin p/share/locale/zh_CN/LC_MESSAGES l/zh_CN/LC_MESSAGES &&
	cp "$FLOWREC" p/bin/flowrec &&
	sed "s/您是不是想用/MARK-SHARE/" "$ROOT/po/zh_CN.po" >share.po &&
	msgfmt --check -o p/share/locale/zh_CN/LC_MESSAGES/flowrec.mo share.po &&
	test_must_fail ./p/bin/flowrec chek 2>err && grep -q "MARK-SHARE" err &&
	sed "s/您是不是想用/MARK-ENV/" "$ROOT/po/zh_CN.po" >env.po &&
	msgfmt --check -o l/zh_CN/LC_MESSAGES/flowrec.mo env.po &&
	test_must_fail env FLOWREC_LOCALEDIR="$PWD/l" ./p/bin/flowrec chek 2>err && grep -q "MARK-ENV" err
'

test_case "catalog-compiled-in" '
	zh_team && mkdir solo && cp "$FLOWREC" solo/flowrec &&
	test_must_fail ./solo/flowrec chek 2>err && says_zh err &&
	printf "not a catalog" >bad.mo && mkdir -p l/zh_CN/LC_MESSAGES && cp bad.mo l/zh_CN/LC_MESSAGES/flowrec.mo &&
	test_must_fail env FLOWREC_LOCALEDIR="$PWD/l" ./solo/flowrec chek 2>err && says_zh err
'

test_case "build-catalog-is-checked" '
	test -f "$BUILD/locale/zh_CN/LC_MESSAGES/flowrec.mo" &&
	grep -q "^\"Plural-Forms: nplurals=1; plural=0;\\\\n\"$" "$ROOT/po/zh_CN.po" &&
	msgfmt --check -o /dev/null "$ROOT/po/zh_CN.po"
'

test_done
