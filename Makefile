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
# one doctree cache per target: when a change invalidates the cache, a shared one would be
# re-read by whichever builder ran first and leave the other with outputs it wrongly thinks
# current (Sphinx then fails on the stale search index)
DOCTREES     = -d "$(BUILDDIR)/doctrees/$@"

# Debian packages: TeX Live and fonts for the PDF, Chromium for the browser tests
TEX_PACKAGES     = latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
                   texlive-fonts-recommended fonts-freefont-otf xindy poppler-utils
BROWSER_PACKAGES = chromium
# epubcheck for the EPUB test (it brings its Java runtime)
EPUB_PACKAGES    = epubcheck

.PHONY: help venv dev-venv tex-deps browser-deps epub-deps test lint bench clean latexpdf livehtml add-source rehash Makefile

help: venv
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
	@echo "  test        to install the test tools and run every test"
	@echo "  bench       to print build-time figures"
	@echo "  add-source  to add a text to sources/ (FILE=...; prints its lines and a catalogue entry)"
	@echo "  rehash      to record the new SHA-256 of a source edited on purpose (ID=...)"

# -- set-up -------------------------------------------------------------------
# (empty rules keep the catch-all below from treating these files as targets)
requirements.txt requirements-dev.txt package.json package-lock.json: ;

$(BIN)/.built: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.built
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(BIN)/.built
dev-venv: $(BIN)/.dev

# install the Debian packages that are missing (apt-get only runs when one is)
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

tex-deps:
	$(call apt_install,$(TEX_PACKAGES))

browser-deps:
	$(call apt_install,$(BROWSER_PACKAGES))

epub-deps:
	$(call apt_install,$(EPUB_PACKAGES))

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# -- tests and checks ---------------------------------------------------------
test: dev-venv tex-deps browser-deps epub-deps node_modules/.installed
	$(BIN)/ruff check docs/_ext tests conf.py
	$(BIN)/python -m pytest -q -rs tests

lint: dev-venv
	$(BIN)/ruff check docs/_ext tests conf.py
	$(BIN)/ruff format --check docs/_ext tests conf.py

bench: venv
	$(BIN)/python tests/bench/build_times.py

clean:
	rm -rf "$(BUILDDIR)"

# -- sources: add a text as received (FILE=path [NAME=file.txt] [REFLOW=1]); record a deliberate edit (ID=...)
add-source: venv
	@test -n "$(FILE)" || { echo "usage: make add-source FILE=path/to/text.txt [NAME=author-year-slug.txt] [REFLOW=1]"; exit 2; }
	@PYTHONPATH=docs/_ext $(BIN)/python -m prcite.addsource "$(FILE)" $(if $(NAME),--name "$(NAME)") $(if $(REFLOW),--reflow)

rehash: venv
	@test -n "$(ID)" || { echo "usage: make rehash ID=source-id"; exit 2; }
	@PYTHONPATH=docs/_ext $(BIN)/python -m prcite.addsource --rehash "$(ID)"

livehtml: dev-venv
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" --ignore "$(BUILDDIR)" --ignore .venv --ignore node_modules $(O)

# The site is built in $(BUILDDIR)/html.work (kept between builds, so they stay incremental) and
# copied to $(BUILDDIR)/html only when the build succeeds: a failed build leaves the last good
# site in place, never a half-updated one.
html: venv
	@if $(SPHINXBUILD) -b html "$(SOURCEDIR)" "$(BUILDDIR)/html.work" -d "$(BUILDDIR)/doctrees/html" $(SPHINXOPTS) $(O); then \
	  rm -rf "$(BUILDDIR)/html.new" "$(BUILDDIR)/html.old" && cp -a "$(BUILDDIR)/html.work" "$(BUILDDIR)/html.new" && \
	  { [ ! -d "$(BUILDDIR)/html" ] || mv "$(BUILDDIR)/html" "$(BUILDDIR)/html.old"; } && \
	  mv "$(BUILDDIR)/html.new" "$(BUILDDIR)/html" && rm -rf "$(BUILDDIR)/html.old" && \
	  echo "Copied to $(BUILDDIR)/html, the site: open $(BUILDDIR)/html/docs/index.html"; \
	else \
	  echo "make html: the build FAILED (problems above); $(BUILDDIR)/html was left as the last good build." >&2; \
	  exit 1; \
	fi

latexpdf: venv tex-deps
	@$(SPHINXBUILD) -M latexpdf "$(SOURCEDIR)" "$(BUILDDIR)" $(DOCTREES) $(SPHINXOPTS) $(O)

# -- everything else goes to Sphinx (html, latexpdf, linkcheck, ...) ---------
%: Makefile venv
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(DOCTREES) $(SPHINXOPTS) $(O)
