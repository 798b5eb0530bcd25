# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= ../shared/corpora/fnc1
PARAPHRASE ?= ../shared/corpora/paraphrase

.PHONY: run test test-long bench calibrate lint clean

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
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not long"

test-long: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m long

bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m bench --corpus $(CORPUS)

# Refit the matcher's scoring model (writes workbench/data/match_model.json).
calibrate: $(VENV)/.base
	$(PY) -m bench.calibrate --paraphrase $(PARAPHRASE) --corpus $(CORPUS)

lint: $(VENV)/.test
	$(PY) -m ruff check workbench ui tests bench main.py
	$(PY) -m mypy workbench ui

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
