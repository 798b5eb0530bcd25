# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= ../shared/corpora/fnc1

.PHONY: run test test-long bench lint clean

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

lint: $(VENV)/.test
	$(PY) -m ruff check workbench ui tests bench main.py
	$(PY) -m mypy workbench ui

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
