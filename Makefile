# interviewkit developer tasks. Every target bootstraps .venv on first use and
# reinstalls it whenever pyproject.toml changes. `make test` is what CI runs.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out/

# Print a visible heading before each step: $(call step,TEXT)
step = @printf '\n==> %s\n' "$(1)"

.DEFAULT_GOAL := help
.PHONY: help venv demo test pytest lint format-check typecheck docs docs-images bench clean system-deps validators

help:
	@echo "make demo    set up .venv and build the example anthologies into $(OUT)"
	@echo "make test    set up .venv and run pytest, ruff, mypy --strict, lint-imports and the docs with -W (what CI runs)"
	@echo "make bench   set up .venv and run the benchmarks"
	@echo "make docs    build the HTML docs into docs/_build/html"
	@echo "make venv    only set up .venv"
	@echo "make clean   remove .venv, build outputs and caches"

# ------------------------------------------------------------------ bootstrap

# The two plugin packages under plugins/ are installed too (editable), so `make test` checks
# them and every .venv can build their formats.
PLUGINS := plugins/interviewkit-markdown plugins/interviewkit-docx

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(PLUGINS))
	$(call step,bootstrap $(VENV))
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]' $(addprefix -e ,$(PLUGINS))
	touch $@

venv: $(STAMP)

# System packages (only the missing ones; needs root, else it just lists them).
system-deps:
	tools/system-deps build

# The external validators of the test suite: Debian packages, then vnu-jar, axe-core and Ace
# from package-lock.json (--ignore-scripts: vnu-jar's postinstall would download a Java; the
# system's is used). Browsers come from apt only: playwright and puppeteer never download one.
NODE_STAMP := node_modules/.installed
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PUPPETEER_SKIP_DOWNLOAD := 1

$(NODE_STAMP): package-lock.json
	$(call step,npm ci (validators))
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

validators:
	tools/system-deps all
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	  else echo "note: npm is missing; the HTML and EPUB validator tests will be skipped"; fi

# ------------------------------------------------------------------ demo

demo: system-deps $(STAMP)
	$(call step,build examples/derriere-les-comptes)
	$(BIN)/interviewkit build examples/derriere-les-comptes -f all -o $(OUT)
	$(call step,build examples/makers-at-work)
	$(BIN)/interviewkit build examples/makers-at-work -f all -o $(OUT)
	$(call step,done: see $(OUT))

# ------------------------------------------------------------------ checks
# Make stops at the first failing step.

test: validators $(STAMP)
	$(call step,[1/7] pytest)
	$(BIN)/pytest
	$(call step,[2/7] plugins (their tests; both examples built with their formats))
	$(BIN)/pytest $(addsuffix /tests,$(PLUGINS)) -q
	tmp=$$(mktemp -d) && \
	  $(BIN)/interviewkit build examples/derriere-les-comptes -f markdown -f markdown-folder -f docx -o "$$tmp" && \
	  $(BIN)/interviewkit build examples/makers-at-work -f markdown -f markdown-folder -f docx -o "$$tmp" && \
	  rm -rf "$$tmp"
	$(call step,[3/7] ruff check)
	$(BIN)/ruff check src tests benchmarks examples plugins
	$(call step,[4/7] ruff format --check)
	$(BIN)/ruff format --check src tests plugins
	$(call step,[5/7] mypy --strict)
	$(BIN)/mypy --strict
	$(BIN)/mypy --strict $(addsuffix /src,$(PLUGINS))
	$(call step,[6/7] lint-imports (the layer contracts of pyproject.toml))
	$(BIN)/lint-imports --no-logo
	$(call step,[7/7] sphinx-build -W (docs))
	$(BIN)/sphinx-build -W --keep-going -n -b html docs docs/_build/html
	$(call step,all checks passed)

docs: $(STAMP)
	$(call step,sphinx-build (docs))
	$(BIN)/sphinx-build -W --keep-going -n -b html docs docs/_build/html
	@echo "open docs/_build/html/index.html"

docs-images: $(STAMP)  ## regenerate the docs' PDF page images from a real build (needs pdftoppm)
	$(BIN)/python docs/page_images.py

# ------------------------------------------------------------------ bench

bench: $(STAMP)
	$(call step,benchmarks)
	$(BIN)/python benchmarks/run.py

# ------------------------------------------------------------------ clean

clean:
	rm -rf $(VENV) out bench-out docs/_build dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis \
	  .import_linter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -type d -prune -exec rm -rf {} +
