# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CORPUS ?= ../shared/corpora/fnc1
PARAPHRASE ?= ../shared/corpora/paraphrase

.PHONY: run test test-pg test-long bench calibrate lint clean dist install-desktop uninstall-desktop icons bundle

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bundle: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[bundle]'
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

test-long: $(VENV)/.test $(VENV)/.bundle
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m long

bench: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m bench --corpus $(CORPUS)

# Refit the matcher's scoring model (writes workbench/data/match_model.json).
calibrate: $(VENV)/.base
	$(PY) -m bench.calibrate --paraphrase $(PARAPHRASE) --corpus $(CORPUS)

lint: $(VENV)/.test
	$(PY) -m ruff check workbench ui tests bench main.py
	$(PY) -m mypy workbench ui

# sdist and wheel in dist/ (the wheel carries the demo, migrations, styles, icons)
dist: $(VENV)/.test
	$(PY) -m build --outdir dist .

# menu entry, icons and AppStream metainfo for this user (XDG folders)
install-desktop: $(VENV)/.base
	$(PY) -m ui.desktop_install

uninstall-desktop: $(VENV)/.base
	$(PY) -m ui.desktop_install --uninstall

# the PNG icon sizes, rendered from ui/data/icons/*.svg (committed)
icons: $(VENV)/.base
	QT_QPA_PLATFORM=offscreen $(PY) resources/packaging/render_icons.py

# one-folder application that needs no Python: dist/factcheck-workbench/
bundle: $(VENV)/.bundle
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		resources/packaging/factcheck-workbench.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
