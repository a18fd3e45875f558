# The two commands of the README:  `make demo`  and  `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

$(BIN)/warmonitor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

.PHONY: install demo test bench fuzz
install: $(BIN)/warmonitor

## Install, extract the example articles into the default store (warmonitor.db), show the
## events, and write them as a map that opens from disk: examples/map.html.
demo: install
	$(BIN)/warmonitor ingest examples/articles.jsonl --workers 1 --no-progress
	$(BIN)/warmonitor export --format jsonl -o examples/events.jsonl
	$(BIN)/python scripts/show_events.py examples/events.jsonl
	@$(BIN)/warmonitor map -o examples/map.html >/dev/null
	@echo "map: $(CURDIR)/examples/map.html (open it in a browser; no server, no network)"
	@echo "live map and API: $(BIN)/warmonitor serve   then http://127.0.0.1:8000/"

## Install (with the test services), then run the whole test suite.
test: install
	bash scripts/install-test-services.sh postgresql chromium
	$(BIN)/lint-imports
	$(BIN)/pytest

## The benchmarks: extraction speed, the store at 1,000,000 events (fill, API p95), the map
## on that store in Chromium. Takes about ten minutes; see bench/README.md.
BENCH_DB ?= /tmp/warmonitor-bench-1m.db
bench: install
	$(BIN)/python bench/bench_speed.py
	rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	$(BIN)/python bench/bench_store.py --events 1000000 --db $(BENCH_DB)
	$(BIN)/python bench/bench_web.py --db $(BENCH_DB)

## Property tests with the exploratory Hypothesis profile: FUZZ_FACTOR (25) times the examples,
## random seeds. CI runs the same tests derandomized (tests/conftest.py).
FUZZ_TESTS ?= tests/test_properties.py tests/test_dates.py tests/test_quantities.py tests/test_ingest.py \
	tests/test_dedupe.py tests/test_export.py
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -p no:cacheprovider $(FUZZ_TESTS)
