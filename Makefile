# flowrec - build, test, demo.   `make` builds ./flowrec; `make check` runs every test.
# Quiet unless V=1. Sources are found by wildcard: a new file in tools/ needs no edit here.

BUILD   ?= build
CC      ?= cc
PKGS    := yaml-0.1 libcmark-gfm libgit2 libpcre2-8 libcrypto
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DFLOWREC_VERSION=\"$(VERSION)\" -DFR_LOCALEDIR=\"$(LOCALEDIR)\" $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -iquote tools -iquote tools/core -iquote tools/kinds -iquote tools/out -iquote tools/cmd -iquote tools/site -iquote $(BUILD) \
	     $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lpthread -lm
BIN     ?= flowrec
VERSION := 0.1.0
PREFIX  ?= /usr/local
LOCALEDIR ?= $(PREFIX)/share/locale
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
# the date in the man pages' header: the last commit's, so a rebuild gives the same pages
MANDATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)

ifneq ($(V),1)
Q = @
E = @printf '  %-6s %s\n'
else
Q =
E = @true
endif

LIB_SRC  := $(sort $(wildcard tools/core/*.c tools/kinds/*.c tools/out/*.c tools/site/*.c tools/cmd/*.c))
MAIN_SRC := tools/flowrec.c
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded.o $(BUILD)/embedded_mo.o
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/%.o)
SCHEMAS  := $(sort $(wildcard schemas/*.yaml))
PO       := $(sort $(wildcard po/*.po))
MO       := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/flowrec.mo)
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=Q_:1,2 \
	--add-comments=TRANSLATORS --package-name=flowrec --msgid-bugs-address=flowrec --no-location --sort-output
MAN      := $(BUILD)/man/flowrec.1 $(BUILD)/man/zh_CN/flowrec.1 $(BUILD)/man/flowrec-records.5
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all man pot po-update install uninstall deps test-deps demo check suite test units asan leakcheck fuzz bench bench-scaling format clean

all: $(BIN) man

# The binary links every object (not the archive): each command is reached only through the
# command table, which an archive link would not pull in.
$(BIN): $(MAIN_OBJ) $(LIB_OBJ)
	$(E) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(MAIN_OBJ) $(LIB_OBJ) $(LIBS)

$(BUILD)/libflowrec.a: $(LIB_OBJ)
	$(E) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(E) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The schemas are compiled into the binary, so ./flowrec is one self-contained file.
$(BUILD)/embedded.c: tools/embed.sh $(SCHEMAS)
	@mkdir -p $(BUILD)
	$(E) EMBED $@
	$(Q)sh tools/embed.sh $(SCHEMAS) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded.o: $(BUILD)/embedded.c
	$(E) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Message catalogs: po/LANG.po is checked (msgfmt --check) and compiled to
# $(BUILD)/locale/LANG/LC_MESSAGES/flowrec.mo, where ./flowrec finds it; a copy is compiled in.
$(BUILD)/locale/%/LC_MESSAGES/flowrec.mo: po/%.po
	@mkdir -p $(dir $@)
	$(E) MSGFMT $<
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

$(BUILD)/embedded_mo.c: tools/embed.sh $(MO)
	@mkdir -p $(BUILD)
	$(E) EMBED $@
	$(Q)sh tools/embed.sh --catalogs $(MO) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedded_mo.o: $(BUILD)/embedded_mo.c
	$(E) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# po/flowrec.pot from every _(), N_() and Q_() in tools/; po-update merges it into each po/*.po
# (new messages arrive untranslated, changed ones fuzzy: translate them, then make check).
pot:
	$(Q)xgettext $(XGETTEXT_FLAGS) -o po/flowrec.pot.tmp $(sort $(MAIN_SRC) $(LIB_SRC) $(wildcard tools/*/*.h)) && \
		sed '/^"POT-Creation-Date:/d' po/flowrec.pot.tmp > po/flowrec.pot && rm -f po/flowrec.pot.tmp

po-update: pot
	$(Q)for p in $(PO); do msgmerge --quiet --update --backup=none --no-location --sort-output $$p po/flowrec.pot || exit 1; done

# Man pages, generated so they cannot drift: flowrec(1) from the option tables of the built
# binary (--dump-options, what --help prints), flowrec-records(5) from schemas/ (tools/man/).
man: $(MAN)

$(BUILD)/man/flowrec.1: $(BIN) tools/man/flowrec1.sh
	@mkdir -p $(dir $@)
	$(E) MAN $@
	$(Q)sh tools/man/flowrec1.sh $(abspath $(BIN)) $(MANDATE) > $@.tmp && mv $@.tmp $@

# the same page in Chinese: the option texts through po/zh_CN.po, as --help shows them
$(BUILD)/man/zh_CN/flowrec.1: $(BIN) tools/man/flowrec1.sh po/zh_CN.po
	@mkdir -p $(dir $@)
	$(E) MAN $@
	$(Q)sh tools/man/flowrec1.sh $(abspath $(BIN)) $(MANDATE) zh-CN po/zh_CN.po > $@.tmp && mv $@.tmp $@

$(BUILD)/tools/records5: tools/man/records5.c $(BUILD)/libflowrec.a
	@mkdir -p $(dir $@)
	$(E) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libflowrec.a $(LIBS)

$(BUILD)/man/flowrec-records.5: $(BUILD)/tools/records5 $(SCHEMAS)
	@mkdir -p $(dir $@)
	$(E) MAN $@
	$(Q)$(BUILD)/tools/records5 $(VERSION) $(MANDATE) $(SCHEMAS) > $@.tmp && mv $@.tmp $@

# make install / uninstall [PREFIX=/usr/local] [DESTDIR=staging]: the binary, the catalogs,
# the man pages and the bash completion; uninstall removes exactly these files (the folders
# are shared with other programs and stay).
DESTDIR ?=
INSTALLED = $(PREFIX)/bin/flowrec $(MANDIR)/man1/flowrec.1 $(MANDIR)/zh_CN/man1/flowrec.1 \
	$(MANDIR)/man5/flowrec-records.5 \
	$(BASHCOMPDIR)/flowrec $(PO:po/%.po=$(LOCALEDIR)/%/LC_MESSAGES/flowrec.mo)
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/zh_CN/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/flowrec
	install -m 644 $(BUILD)/man/flowrec.1 $(DESTDIR)$(MANDIR)/man1/flowrec.1
	install -m 644 $(BUILD)/man/zh_CN/flowrec.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/flowrec.1
	install -m 644 $(BUILD)/man/flowrec-records.5 $(DESTDIR)$(MANDIR)/man5/flowrec-records.5
	install -m 644 tools/completion/flowrec.bash $(DESTDIR)$(BASHCOMPDIR)/flowrec
	for m in $(MO); do l=$${m#$(BUILD)/locale/}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$${l%/*} && install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l || exit 1; \
	done

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(BUILD)/libflowrec.a
	@mkdir -p $(dir $@)
	$(E) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) -iquote tests/unit -o $@ $< $(BUILD)/libflowrec.a $(LIBS)

# Install the Debian packages that are missing (only those), then build.
deps:
	$(Q)sh tools/install-deps.sh build

test-deps:
	$(Q)sh tools/install-deps.sh test

# The main job: check and report on the example team repository as of the end of its
# quarter; then give it a git history (tools/example-history.sh) and say who is late, and
# render its site into $(BUILD)/example-team/site, with screenshots of the dashboard and a
# weekly meeting at a phone's width (390 px) and a desktop's (1280 px) in screenshots/.
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	cd examples && ../$(BIN) check --today 2026-03-31 && ../$(BIN) report --today 2026-03-31
	$(Q)sh tools/example-history.sh examples $(BUILD)/example-team
	cd $(BUILD)/example-team && $(CURDIR)/$(BIN) due --today 2026-03-31 && \
		$(CURDIR)/$(BIN) render --today 2026-03-31 && echo "site: $(BUILD)/example-team/site/index.html"
	$(Q)sh tools/install-deps.sh test
	/usr/bin/python3 tests/render/layout.py $(BUILD)/example-team/site --widths 390,1280 \
		--shots $(BUILD)/example-team/screenshots index.html records/weekly/2026-W12.html && \
		echo "screenshots: $(BUILD)/example-team/screenshots/"

# Every test, three times over, what CI (.ci/run) runs (tests/check-all.sh): the suite with the
# normal build (`make suite`); the suite again under ASan + UBSan (`make asan`); each libFuzzer
# target for FUZZ_SECONDS (`make fuzz`). The last line is the totals, "N passed, N failed".
check: test-deps
	$(Q)MAKE="$(MAKE) --no-print-directory" FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/check-all.sh

test: check

# The suite once with the build of $(BUILD); the last line is "N passed, N failed".
suite: test-deps
	$(Q)$(MAKE) --no-print-directory all units
	$(Q)FLOWREC=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) sh tests/run-all.sh

units: $(UNIT_BIN)

# The suite under AddressSanitizer and UndefinedBehaviorSanitizer, built by clang in build-asan/
# (clang's runtime writes ASan's and UBSan's reports to log_path). A report exits 86 (not
# flowrec's 1 or 2) and is kept in build-asan/sanitizer/, which fails its suite.
# FLOWREC_ASAN=1 tells the suites (a case that cannot run under ASan says SKIP).
ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_OPTIONS = exitcode=86:print_stacktrace=1:log_path=$(CURDIR)/build-asan/sanitizer/report
asan: test-deps
	$(Q)rm -rf build-asan/sanitizer && mkdir -p build-asan/sanitizer
	$(Q)FLOWREC_ASAN=1 SANITIZER_LOGS=$(CURDIR)/build-asan/sanitizer ASAN_OPTIONS=$(SAN_OPTIONS) \
		UBSAN_OPTIONS=$(SAN_OPTIONS) $(MAKE) --no-print-directory CC=clang BUILD=build-asan BIN=build-asan/flowrec \
		CFLAGS='-O1 -g' EXTRA_CFLAGS='$(ASAN_FLAGS)' suite

# The tests again under valgrind memcheck.
leakcheck: test-deps
	$(Q)$(MAKE) --no-print-directory all units
	$(Q)FLOWREC=$(CURDIR)/$(BIN) BUILD=$(CURDIR)/$(BUILD) VALGRIND=1 sh tests/run-all.sh

# libFuzzer (clang) on every parser: tests/fuzz/fuzz_*.c, FUZZ_SECONDS each, from the seeds in
# tests/fuzz/corpus/TARGET/ (tests/fuzz/run.sh); a failing input's path and bytes are printed.
FUZZ_SECONDS ?= 30
fuzz: test-deps
	$(Q)$(MAKE) --no-print-directory CC=clang BUILD=build-fuzz BIN=build-fuzz/flowrec \
		CFLAGS='-g -O1' EXTRA_CFLAGS='-fsanitize=fuzzer-no-link,address,undefined' build-fuzz/libflowrec.a
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=build-fuzz LIBS='$(LIBS)' sh tests/fuzz/run.sh

# Speed and memory against ajv + js-yaml (docs/BENCH.md): BENCH_N generated records (default
# 100000), BENCH_REPS rounds (default 3), one table of medians and ratios in build-bench/results/.
# Needs node and npm (installed if missing) and the npm registry the first time.
bench: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)FLOWREC=$(CURDIR)/$(BIN) sh tools/bench/run.sh

# Time and memory against N (BENCH_SCALING, default "1000 10000 30000 100000"): the table and
# the chart of docs/BENCH.md, into build-bench/results/scaling-*.{md,svg}.
bench-scaling: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)FLOWREC=$(CURDIR)/$(BIN) sh tools/bench/scaling.sh

format:
	clang-format -i tools/*.c tools/*/*.c tools/*/*.h tests/unit/*.c

clean:
	rm -rf build build-asan build-fuzz $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
