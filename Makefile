# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean model

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/vigil demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python -m bench.bench_ingest

# The shipped signal model (src/vigil/signals/models/): rebuilt from the repo, ../shared/data and the
# synthetic world's train-split seeds; same inputs, same bytes.
model: $(STAMP)
	$(BIN)/python -m vigil.signals.train

clean:
	rm -rf $(VENV) vigil-data build *.egg-info src/*.egg-info
