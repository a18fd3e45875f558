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

## Install, then extract the example articles with the embedded defaults and show the events.
demo: install
	$(BIN)/warmonitor extract examples/articles.jsonl -o examples/events.jsonl
	$(BIN)/python scripts/show_events.py examples/events.jsonl

## Install (with the test services), then run the whole test suite.
test: install
	bash scripts/install-test-services.sh postgresql chromium
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/bench_speed.py

## Property tests with the exploratory Hypothesis profile: FUZZ_FACTOR (25) times the examples,
## random seeds. CI runs the same tests derandomized (tests/conftest.py).
FUZZ_TESTS ?= tests/test_properties.py tests/test_dates.py tests/test_quantities.py tests/test_ingest.py \
	tests/test_dedupe.py tests/test_export.py
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q -p no:cacheprovider $(FUZZ_TESTS)
