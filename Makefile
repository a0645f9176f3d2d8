# makhzan: plain GNU make.  `make demo` and `make check` are all a new
# machine needs; `make help` lists the rest.

# bash: the fuzz runner reads PIPESTATUS.
SHELL	= /bin/bash

PREFIX	?= /usr/local
DESTDIR	?=
BUILD	?= build
CC	?= cc

# Debian 12 packages the build, the tests and the demo need.
DEB_PKGS = gcc make pkg-config gettext sqlite3 libsqlite3-dev libsodium-dev \
	libjansson-dev libinih-dev libcmocka-dev libncurses-dev libfribidi-dev \
	tmux clang libclang-rt-14-dev libmodbus-dev python3-pymodbus socat \
	libzint-dev zint libcairo2-dev libpango1.0-dev libpng-dev fonts-noto-core \
	fonts-dejavu-core tzdata zbar-tools dmtx-utils poppler-utils cups-client \
	nats-server libnats-dev postgresql libpq-dev libmicrohttpd-dev openssl \
	valgrind faketime libssl-dev
PKGS	= sqlite3 libsodium jansson inih libmodbus fribidi ncursesw cairo \
	  pangocairo libpng libnats libpq libmicrohttpd openssl

CFLAGS	?= -O2 -g
WARN	= -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wwrite-strings -Wno-missing-field-initializers
ifdef WERROR
WARN	+= -Werror
endif
ifdef SANITIZE
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
endif
LOCALEDIR = $(PREFIX)/share/locale
UNITDIR	?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DATADIR	= $(PREFIX)/share/makhzan
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) \
	-I. -I$(BUILD) $(PKG_CFLAGS) -DLOCALEDIR='"$(LOCALEDIR)"' \
	-DDATADIR='"$(DATADIR)"'
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
# Debian's libzint-dev ships no pkg-config file.
LIBS	= $(PKG_LIBS) -lzint -lm

# The library: every folder below cmd/, in dependency order.
LIB_SRC	= $(wildcard lib/*.c data/*.c core/*.c bus/*.c central/*.c devices/*.c \
	  labels/*.c reports/*.c demo/*.c tui/*.c)
CMD_SRC	= $(wildcard cmd/*.c)
GEN_SRC	= $(BUILD)/gen/schema.c $(BUILD)/gen/demo-files.c \
	  $(BUILD)/gen/central-schema.c
LIB_OBJ	= $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
CMD_OBJ	= $(CMD_SRC:%.c=$(BUILD)/%.o)
TEST_SRC = $(wildcard tests/test-*.c)
TESTS	= $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
# Programs the integration scripts drive besides makhzan: the centre's
# tests publish signed events with tests/bus-pub.c; the printed reports
# are drawn by tests/pdf-report.c.
TEST_TOOLS = $(BUILD)/tests/bus-pub $(BUILD)/tests/pdf-report
# libFuzzer harnesses (clang), one per parser, built from the sources they
# exercise, with undefined behaviour fatal.  `make check` runs each for
# FUZZ_CHECK_TIME seconds (all of them in under a minute), `make fuzz` for
# FUZZ_TIME; the inputs under tests/fuzz/regress-NAME/ run first, once each.
FUZZ_SRC = $(wildcard tests/fuzz/fuzz-*.c)
FUZZERS	= $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_TIME ?= 60
FUZZ_CHECK_TIME ?= 5
FUZZ_LIBSRC_fuzz-scan = labels/gs1.c lib/err.c lib/xmalloc.c lib/text.c lib/text-check.c \
	core/qty.c
FUZZ_LIBSRC_fuzz-envelope = bus/envelope.c lib/err.c lib/xmalloc.c \
	lib/text.c lib/text-check.c lib/json.c lib/buf.c lib/time.c
FUZZ_LIBS_fuzz-envelope = -ljansson
FUZZ_LIBSRC_fuzz-qty = core/qty.c lib/err.c lib/xmalloc.c lib/text.c lib/text-check.c
FUZZ_LIBSRC_fuzz-csv = lib/csv.c lib/text.c lib/text-check.c lib/err.c lib/xmalloc.c \
	core/qty.c
FUZZ_LIBSRC_fuzz-profile = devices/profile.c devices/codec.c lib/ini.c \
	lib/err.c lib/xmalloc.c lib/text.c lib/text-check.c lib/datafile.c
FUZZ_LIBS_fuzz-profile = -linih -lm
FUZZ_LIBSRC_fuzz-template = labels/template.c labels/data.c labels/gs1.c \
	core/qty.c lib/text.c lib/text-check.c lib/ini.c lib/err.c lib/xmalloc.c \
	lib/datafile.c tests/fuzz/stub-core.c
FUZZ_LIBS_fuzz-template = -linih -lm
FUZZ_LIBSRC_fuzz-config = lib/config.c lib/err.c lib/xmalloc.c lib/text.c lib/text-check.c \
	lib/datafile.c
FUZZ_LIBS_fuzz-config = -linih
FUZZ_LIBSRC_fuzz-ini = lib/ini.c lib/err.c lib/xmalloc.c lib/text.c lib/text-check.c
FUZZ_LIBS_fuzz-ini = -linih
INTEGRATION = $(filter-out tests/integration/lib%.sh,\
	$(wildcard tests/integration/*.sh))
BENCH_SRC = $(wildcard bench/bench-*.c)
BENCHES	= $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
SCHEMA	= $(sort $(wildcard data/schema/*.sql))
CENTRAL_SCHEMA = $(sort $(wildcard central/schema/*.sql))
DEMO_FILES = $(sort $(wildcard data/demo/*.csv))
PO	= $(wildcard po/*.po)
MO	= $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/makhzan.mo)
BIN	= $(if $(SANITIZE),$(BUILD)/makhzan,makhzan)

all: $(BIN) $(MO)

makhzan $(BUILD)/makhzan: $(CMD_OBJ) $(BUILD)/libmakhzan.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libmakhzan.a $(LIBS)

$(BUILD)/libmakhzan.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/schema.c: $(SCHEMA) data/embed.sh
	@mkdir -p $(@D)
	sh data/embed.sh migrations $@ $(SCHEMA)

# The centre's PostgreSQL migrations: the same table, under central_ names.
$(BUILD)/gen/central-schema.c: $(CENTRAL_SCHEMA) data/embed.sh
	@mkdir -p $(@D)
	sh data/embed.sh migrations $@.in $(CENTRAL_SCHEMA)
	sed -e 's|"data/schema.h"|"central/schema.h"|' \
		-e 's/db_migrations/central_migrations/g' \
		-e 's/db_nmigrations/central_nmigrations/' $@.in > $@
	@rm -f $@.in

$(BUILD)/gen/demo-files.c: $(DEMO_FILES) data/embed.sh
	@mkdir -p $(@D)
	sh data/embed.sh files $@ $(DEMO_FILES)

$(BUILD)/locale/%/LC_MESSAGES/makhzan.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(BUILD)/libmakhzan.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libmakhzan.a \
		-lcmocka $(LIBS)

$(BUILD)/bench/%: bench/%.c bench/bench.h $(BUILD)/libmakhzan.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libmakhzan.a $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libmakhzan.a
	@mkdir -p $(@D)
	clang -std=c11 -D_GNU_SOURCE -g -O1 \
		-fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -I. -I$(BUILD) \
		-o $@ $< $(FUZZ_LIBSRC_$*) $(FUZZ_LIBS_$*)

# Install what is missing from Debian's archive (through sudo when not root).
deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q 'install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all installed"; \
		$(MAKE) --no-print-directory deps-npm; exit 0; fi; \
	echo "deps: installing$$(echo ' '$$missing)"; \
	sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing
	@$(MAKE) --no-print-directory deps-npm

# The offline ZPL renderer the label tests decode with (npm registry, about
# 8 MB), where npm is there; without it those checks are skipped, saying so.
ZPL_RENDERER = $(HOME)/.cache/makhzan/node_modules/zpl-renderer-js
deps-npm:
	@if [ ! -d "$(ZPL_RENDERER)" ] && command -v npm >/dev/null 2>&1; then \
		echo "deps: npm install zpl-renderer-js"; \
		npm install --silent --no-audit --no-fund \
			--prefix "$(HOME)/.cache/makhzan" zpl-renderer-js || \
		echo "deps: zpl-renderer-js not installed (the ZPL render checks will be skipped)"; \
	fi

# Every unit test, then the integration tests through the real binary.
check: deps
	@$(MAKE) --no-print-directory all $(TESTS) $(TEST_TOOLS) $(FUZZERS)
	@$(MAKE) --no-print-directory check-floors run-tests
	@$(MAKE) --no-print-directory run-fuzz FUZZ_TIME=$(FUZZ_CHECK_TIME)

# Each folder includes only what its floor may (tests/floors.sh).
check-floors:
	@CC="$(CC)" CFLAGS="$(ALL_CFLAGS)" sh tests/floors.sh
	@CC="$(CC)" CFLAGS="$(ALL_CFLAGS)" sh tests/floors-selftest.sh

# Each fuzzer on its regression inputs, then for FUZZ_TIME seconds from its
# seed corpus (new inputs go to a scratch folder, the corpus in the tree
# stays as it is).  A crash is kept in $(BUILD)/fuzz/crashes/NAME/.
run-fuzz:
	@fail=0; for f in $(FUZZERS); do n=$$(basename $$f); echo "== $$f"; \
		r=tests/fuzz/regress-$${n#fuzz-}; \
		if ls $$r/* >/dev/null 2>&1 && ! $$f $$r/* >$(BUILD)/fuzz/$$n.log 2>&1; \
		then grep -E 'Running:|ERROR|SUMMARY|runtime error' $(BUILD)/fuzz/$$n.log; \
			echo "fuzz: $$n fails on a regression input in $$r"; \
			fail=1; continue; fi; \
		d=$$(mktemp -d); mkdir $$d/corpus $$d/crash; \
		$$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
			-artifact_prefix=$$d/crash/ $$d/corpus \
			tests/fuzz/corpus-$${n#fuzz-} 2>&1 | \
			grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|runtime error|crash' ; \
		rc=$${PIPESTATUS[0]}; \
		if [ $$rc != 0 ]; then mkdir -p $(BUILD)/fuzz/crashes/$$n; \
			cp $$d/crash/* $(BUILD)/fuzz/crashes/$$n/ 2>/dev/null; \
			echo "fuzz: $$n FAILED (the input is in $(BUILD)/fuzz/crashes/$$n)"; \
			fail=1; fi; \
		rm -rf $$d; done; \
	[ $$fail = 0 ]

fuzz: $(FUZZERS)
	@$(MAKE) --no-print-directory run-fuzz FUZZ_TIME=$(FUZZ_TIME)

# The integration scripts run two at a time (tests/run-integration.sh;
# MAKHZAN_TEST_JOBS=1 runs them one by one).
run-tests:
	@fail=0; \
	for t in $(TESTS); do echo "== $$t"; ./$$t || fail=1; done; \
	MAKHZAN=$(CURDIR)/$(BIN) LOCALEDIR_BUILD=$(CURDIR)/$(BUILD)/locale \
		bash tests/run-integration.sh $(INTEGRATION) || fail=1; \
	if [ $$fail = 0 ]; then echo "check: all passed"; else \
		echo "check: FAILED"; exit 1; fi

# The CLI scenario under valgrind memcheck (tests/valgrind.sh): no memory
# error, no definite or possible leak.  A few minutes: not part of check.
check-valgrind: all
	@MAKHZAN=$(CURDIR)/$(BIN) bash tests/valgrind.sh

check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 all \
		$(patsubst $(BUILD)/%,build-asan/%,$(TESTS) $(TEST_TOOLS))
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		MAKHZAN_TEST_JOBS=$${MAKHZAN_TEST_JOBS:-1} \
		$(MAKE) --no-print-directory BUILD=build-asan SANITIZE=1 run-tests

bench: deps
	@$(MAKE) --no-print-directory all $(BENCHES)
	@for b in $(BENCHES); do ./$$b || exit 1; done

# The link puts makhzan on the PATH for the README's tour; a makhzan
# installed there as a file (make install PREFIX=~/.local) is left alone.
demo: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p "$$HOME/.local/bin"; l="$$HOME/.local/bin/makhzan"; \
	if [ ! -e "$$l" ] || [ -L "$$l" ]; then ln -sfn "$(CURDIR)/makhzan" "$$l"; \
		echo "makhzan linked at $$l (export PATH=\"\$$HOME/.local/bin:\$$PATH\" if it is not found)"; \
	else echo "$$l is not a link: left as it is; ./makhzan is this build"; fi
	./makhzan demo

install: all install-units
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 makhzan $(DESTDIR)$(PREFIX)/bin/makhzan
	install -m 644 docs/makhzan.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(DATADIR)/profiles
	install -m 644 devices/profiles/*.ini $(DESTDIR)$(DATADIR)/profiles/
	install -d $(DESTDIR)$(DATADIR)/templates
	install -m 644 labels/templates/*.ini $(DESTDIR)$(DATADIR)/templates/
	for m in $(MO); do l=$$(echo $$m | cut -d/ -f3); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done

# The systemd units of makhzan sync, makhzan central and the nightly backup,
# and the system user they run as (docs/install.md enables them).
install-units:
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSUSERSDIR)
	for u in dist/systemd/*.service dist/systemd/*.timer; do \
		sed 's|@BINDIR@|$(PREFIX)/bin|g' $$u >$(DESTDIR)$(UNITDIR)/$${u##*/} && \
		chmod 644 $(DESTDIR)$(UNITDIR)/$${u##*/} || exit 1; done
	install -m 644 dist/systemd/makhzan.sysusers \
		$(DESTDIR)$(SYSUSERSDIR)/makhzan.conf
	@echo "install: units in $(UNITDIR); see docs/install.md to enable them"

clean:
	rm -rf build build-asan makhzan

help:
	@echo "make demo       install what is missing, build, open the demo depot"
	@echo "make check      install what is missing, build, run every test"
	@echo "make check-asan the same under AddressSanitizer and UBSan"
	@echo "make check-valgrind  the CLI scenario under valgrind memcheck (a few minutes)"
	@echo "make bench      benchmarks beside their raw baselines"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR=..."
	@echo "make deps       install the Debian packages only"

.PHONY: check-floors all deps deps-npm check run-tests run-fuzz fuzz check-asan check-valgrind bench demo install install-units clean help
.PRECIOUS: $(BUILD)/gen/%.c

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d)
