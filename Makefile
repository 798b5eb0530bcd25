# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= ../shared/corpora/fnc1

.PHONY: run test test-pg test-long bench lint clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.base
	$(PY) main.py

test: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not long and not pg"

$(VENV)/.postgres: $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[test,postgres]'
	touch $@

# The same suite's PostgreSQL half: the tests start a throwaway cluster on
# 127.0.0.1 with Debian's initdb/pg_ctl, installed here when missing.
test-pg: $(VENV)/.postgres
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || \
	  echo "PostgreSQL's initdb is not installed and cannot be installed here: the pg tests will skip"
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "pg and not long"

test-long: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m long

bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m bench --corpus $(CORPUS)

lint: $(VENV)/.test
	$(PY) -m ruff check workbench ui tests bench main.py
	$(PY) -m mypy workbench ui

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
