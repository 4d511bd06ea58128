# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv once and reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: demo test bench bench-scale fuzz train eval-report lint clean postgres chromium

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m moderator.demo

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  (command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start && sleep 2) || \
	  echo "PostgreSQL not reachable: its tests will fail"

# The review pages' browser tests drive Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@test -x $(CHROMIUM) || { command -v apt-get >/dev/null && apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } || \
	  { echo "Chromium is missing and could not be installed: the browser tests will fail"; exit 1; }

test: $(STAMP) postgres chromium
	MODERATOR_TEST_PG_URL='$(PG_URL)' MODERATOR_TEST_CHROMIUM='$(CHROMIUM)' $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m moderator.bench

# A trust of 100 schools x 10 accounts on fake Graph and X servers: the detector engines' cost per further school,
# one poll cycle with 1, 2 and 4 workers on PostgreSQL, then a kill -9 of one worker counted against the fakes;
# a table, then one JSON line.
bench-scale: $(STAMP) postgres
	MODERATOR_TEST_PG_URL='$(PG_URL)' $(BIN)/python -m moderator.bench_scale

# Hostile feeds, broken configurations and adversarial texts through the real daemon (under 10 minutes);
# prints a table, writes fuzz-report.json and fails when an item is lost, an account stuck or a traceback seen.
fuzz: $(STAMP) postgres
	MODERATOR_TEST_PG_URL='$(PG_URL)' $(BIN)/python -m tests.fuzz --check

# Rebuild the shipped lexicons, models and calibration from the public data sets recorded in training/SOURCES.md
# and training/LEXICONS.md (checksums checked) and our own synthetic comments:
# `make train TRAINING_DATA=/folder/of/those/files [DEV_SETS="eval/dev/* more/sets"] [MEASURE_SETS=/folder/of/labelled/public/sets]`.
DEV_SETS ?= $(wildcard eval/dev/*/)
train: $(STAMP)
	@test -n "$(TRAINING_DATA)" || { echo "make train: set TRAINING_DATA to the folder of the files in training/SOURCES.md"; exit 2; }
	$(BIN)/python -m pip install --quiet 'wordfreq==3.1.1' 'faker==40.63.0'
	$(BIN)/python -m training.lexicons --data $(TRAINING_DATA)
	$(BIN)/python -m training.names_wordlist
	$(BIN)/python -m training.names_world
	$(BIN)/python -m training.names_model --public $(TRAINING_DATA)
	$(BIN)/python -m training.train --data $(TRAINING_DATA) --out detectors/data/models
	$(BIN)/python -m training.child_safety_model --data $(TRAINING_DATA) --out detectors/data/models
	$(BIN)/python -m training.calibrate --data $(TRAINING_DATA) --dev $(DEV_SETS)
	@if [ -n "$(MEASURE_SETS)" ]; then $(BIN)/python -m training.measure --eval $(MEASURE_SETS) --out training/reports/measure.json; fi

# The calibration's reliability tables and, per set, calibrated score against the share right and the precision of
# automatic hides: `make eval-report [EVAL_SETS="more/labelled/sets"]`.
eval-report: $(STAMP)
	$(BIN)/moderator eval --reliability $(wildcard eval/dev/*/) $(EVAL_SETS)

clean:
	rm -rf $(VENV) demo-run .pytest_cache
