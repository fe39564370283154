# The Sphinx Makefile (-M wrapper) plus set-up, tests and checks.
# `make html` and `make test` do all their own set-up on a fresh machine.

PYTHON      ?= python3
VENV        ?= .venv
BIN          = $(VENV)/bin
SPHINXOPTS  ?= -W --keep-going -j auto
SPHINXBUILD  = $(BIN)/sphinx-build
SOURCEDIR    = .
BUILDDIR    ?= _build
SUDO         = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help venv dev-venv test lint bench clean Makefile

help: venv
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
	@echo "  test        to install the test tools and run every test"
	@echo "  bench       to print build-time figures"

# -- set-up -------------------------------------------------------------------
# (empty rules keep the catch-all below from treating these files as targets)
requirements.txt requirements-dev.txt: ;

$(BIN)/.built: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.built
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(BIN)/.built
dev-venv: $(BIN)/.dev

# -- tests and checks ---------------------------------------------------------
test: dev-venv
	$(BIN)/ruff check docs/_ext tests conf.py
	$(BIN)/python -m pytest -q tests

lint: dev-venv
	$(BIN)/ruff check docs/_ext tests conf.py
	$(BIN)/ruff format --check docs/_ext tests conf.py

bench: venv
	$(BIN)/python tests/bench/build_times.py

clean:
	rm -rf "$(BUILDDIR)"

# -- everything else goes to Sphinx (html, latexpdf, linkcheck, ...) ---------
%: Makefile venv
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
