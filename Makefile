# Retratstoliped: two commands for a newcomer.
#   make site   set up, check the model and build the site into site/
#   make test   set up and run the whole test suite
# and `make serve` serves the site on http://127.0.0.1:8000 with live reload.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TOOLS  := node_modules/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check setup bench clean

site: $(STAMP)
	$(BIN)/retratstoliped check modules
	$(BIN)/retratstoliped build

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --no-strict

test: $(STAMP) $(TOOLS)
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest

check: $(STAMP)
	$(BIN)/retratstoliped check modules --strict

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_exports.py

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Browser, JRE (for vnu) and the npm tools of the quality gates; Debian packages,
# installed only when missing. Playwright uses /usr/bin/chromium, not a download.
$(TOOLS): package-lock.json
	command -v chromium >/dev/null && command -v java >/dev/null || \
	  { $(SUDO) apt-get update -qq && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium default-jre-headless; }
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .pytest_cache .hypothesis
