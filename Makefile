# IZIA — `make run` starts the bot, `make test` passes the tests, on a fresh machine.
SHELL := /bin/bash
UV_VERSION := 0.13.8
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { command -v "$$p" || echo "$$p"; } && break; done)
UV := .tools/uv/bin/uv
VENV := .venv
IZIA := $(VENV)/bin/izia
WIDGET := widget
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup browser postgres faults build run lint test test-fast bench bench-serve bench-blind clean

$(UV):
	@test -n "$(PYTHON310)" || { echo "Python 3.10 introuvable (pyenv install 3.10 ou apt-get install python3.10)"; exit 1; }
	$(PYTHON310) -m venv .tools/uv
	.tools/uv/bin/pip install --quiet uv==$(UV_VERSION)

# Installs exactly what uv.lock says (see pyproject.toml for the Rasa/spaCy constraints).
$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON310)
	touch $@

# The widget's npm packages (DSFR, socket.io-client, rasa-webchat), exactly as locked;
# .dsfr.yml records the acceptance of the DSFR's terms of use, which its install checks.
$(WIDGET)/node_modules/.installed: $(WIDGET)/package.json $(WIDGET)/package-lock.json $(WIDGET)/.dsfr.yml
	cd $(WIDGET) && npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium and chromedriver for the browser tests; never a browser download.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }

# PostgreSQL's binaries for the tracker-store tests (tests/postgres_server.py runs its own cluster).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

# e2fsprogs for the fault tests, which mount a small ext4 data folder they can fill or freeze.
faults:
	@command -v mkfs.ext4 >/dev/null || { apt-get update -qq && apt-get install -y -qq e2fsprogs >/dev/null; }

setup: $(VENV)/.installed $(WIDGET)/node_modules/.installed
	@command -v dot >/dev/null || { apt-get update -qq && apt-get install -y -qq graphviz >/dev/null; } || echo "Graphviz non installé : « izia graph » écrira du DOT seulement."

build: setup
	$(IZIA) build

run: build
	$(IZIA) run

# Style and types: ruff (lint, import order, docstrings, format) and mypy on izia/.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: build browser postgres faults
	node --test $(WIDGET)/test/
	$(VENV)/bin/python -m pytest -ra --durations=15

# The pure tests only (the widget's modules under Node, then pytest on every core): no server,
# no browser, no PostgreSQL, no training.
test-fast: setup
	node --test $(WIDGET)/test/
	$(VENV)/bin/python -m pytest -q -n auto -m "not e2e and not browser and not rasa_test and not slow"

# Accuracy and speed figures (not run by CI): printed, and written to bench/results/.
bench: build
	$(VENV)/bin/python bench/matcher_bench.py
	$(VENV)/bin/python bench/nlu_bench.py
	$(VENV)/bin/python bench/feedback_bench.py
	$(VENV)/bin/python bench/action_validation_bench.py
	$(VENV)/bin/python bench/blind_bench.py --sweep

# Serving speed (issue 13): IZIA and a `rasa init` bot under the same load on loopback; writes
# bench/results/serving.json and docs/benchmarks.md (not run by CI: several minutes, needs quiet cores).
bench-serve: build
	$(VENV)/bin/python bench/serve_bench.py

# The blind set, measured once when the knowledge is final (README, « Mesures ») — not in `bench`.
bench-blind: build
	$(VENV)/bin/python bench/blind_bench.py --sweep --blind

clean:
	rm -rf $(VENV) .tools $(WIDGET)/node_modules bot/models var bot/data/*/*.generated.yml bot/domain/*.generated.yml
