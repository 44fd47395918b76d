# Quick start:  make demo  (sets up .venv, ingests data/seeds/, prints sample queries)
#               make test  (runs the whole test suite in the same .venv)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= alliance.db

.PHONY: demo test install clean bench-ingest bench-query readme-check

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/alliance ingest data/seeds --db $(DB)
	$(BIN)/alliance who-said --country Kazakhstan --db $(DB) --limit 5
	$(BIN)/alliance pairs --min-mentions 3 --db $(DB) --limit 8
	$(BIN)/alliance statements --stance oppose --db $(DB) --limit 5

test: install
	$(BIN)/python -m pytest -q

# the benchmarks of benchmarks/README.md, from a fresh clone; ARGS passes options, e.g. ARGS="--limit 50"
bench-ingest: install
	$(BIN)/python benchmarks/ingest.py $(ARGS)

bench-query: install
	$(BIN)/python benchmarks/query.py $(ARGS)

# run every command the README shows and compare its output (--update rewrites them: ARGS=--update)
readme-check: install
	$(BIN)/python scripts/check_readme.py $(ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
