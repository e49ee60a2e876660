# Two commands set up everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean model browser

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/vigil demo

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -rs

# The optional render path (render_js sites, tests/collect/test_render.py): Playwright in the venv
# and Debian's chromium (never `playwright install`, which downloads a browser). Instant when both
# are there; without apt-get as root it says so, and the real-browser test is skipped with that reason.
browser: $(STAMP)
	@$(BIN)/python -c "import playwright" 2>/dev/null || $(BIN)/pip install -q -e '.[render]' \
	  || echo "browser: could not install Playwright; the real-browser render test will be skipped"
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "browser: installing Debian's chromium (apt-get, once)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "browser: apt-get install chromium failed; the real-browser render test will be skipped"; \
	else echo "browser: no chromium and no apt-get as root; the real-browser render test will be skipped"; fi

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
