# dyad — build, test, demo. Every library is found with pkg-config; every
# Debian package is installed (if missing) by scripts/install-deps.
#
#   make          libdyad.a and the dyad binary (build/)
#   make check    install deps, build, run every test, then again under
#                 AddressSanitizer + UndefinedBehaviorSanitizer
#   make demo     install deps, build, ingest examples/ into demo.db, show it
#   make bench    build the scorers and speed tools in bench/
#   make eval     run the accuracy evaluations on ../shared
#   make models   retrain the syntax models from ../shared (fixed seeds)
#   make fuzz     build the libFuzzer targets (clang)

SHARED  ?= ../shared
CC      ?= cc
PKGS    := sqlite3 libutf8proc jansson gumbo libxxhash libzstd
OPT     ?= -O2
SAN     ?=
CFLAGS  += $(SAN) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -g $(OPT) -pthread \
           -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(SAN) $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
TESTLIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

B       ?= build
SRC     := $(sort $(wildcard src/*.c))
CLI     := $(sort $(wildcard cli/*.c))
TESTS   := $(sort $(wildcard tests/test_*.c))
BENCHES := $(sort $(wildcard bench/*.c))
# Data linked into the binary: dictionaries and models under data/ (not
# READMEs or sources that only scripts read).
DATA    := $(sort $(shell find data -type f ! -name 'README*' ! -name '*.md' ! -path 'data/src/*' 2>/dev/null))

LIB     := $(B)/libdyad.a
BIN     := $(B)/dyad
OBJ     := $(SRC:%.c=$(B)/%.o) $(B)/embed.o
CLIOBJ  := $(CLI:%.c=$(B)/%.o)
TESTBIN := $(TESTS:tests/%.c=$(B)/tests/%)
BENCHBIN:= $(BENCHES:bench/%.c=$(B)/bench/%)

.PHONY: all deps check test demo bench eval models fuzz clean asan
all: $(BIN)

deps:
	@./scripts/install-deps

$(B)/%.o: %.c include/dyad.h $(wildcard src/*.h cli/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# Every file of data/ becomes a symbol table the library looks up by path.
$(B)/embed.S: $(DATA) scripts/embed Makefile
	@mkdir -p $(B)
	./scripts/embed $(DATA) > $@
$(B)/embed.o: $(B)/embed.S
	$(CC) -c $< -o $@

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLIOBJ) $(LIB)
	$(CC) $(CFLAGS) -o $@ $(CLIOBJ) $(LIB) $(LDLIBS)

$(B)/tests/%: tests/%.c $(wildcard tests/*.h bench/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests -o $@ $< $(LIB) $(LDLIBS) $(TESTLIBS)

$(B)/bench/%: bench/%.c $(wildcard bench/*.h tests/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

test: $(BIN) $(TESTBIN)
	@./tests/run $(B)

# The sanitizer build: same sources, same tests.
asan:
	@$(MAKE) --no-print-directory B=$(B)/asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

check: deps
	@$(MAKE) --no-print-directory test
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory asan

demo: deps $(BIN)
	@./scripts/demo $(BIN)

bench: $(BIN) $(BENCHBIN)

eval: bench
	@./bench/eval-all $(B)

models: $(B)/bench/train-syntax
	./scripts/train-text $(B) $(SHARED)
	./scripts/train-models $(B) $(SHARED)

fuzz:
	@./fuzz/build

clean:
	rm -rf build demo.db demo.db-wal demo.db-shm
