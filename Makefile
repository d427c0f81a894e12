# The township rule-of-law work portal (法治政府建设工作平台).
#
#   make run        set everything up on SQLite, load the demo, print the logins, serve on 127.0.0.1:8000
#                   with the task worker (db_worker) beside it
#   make setup      all of `make run` but serve
#   make test       the whole test suite (browser tests included); honours DATABASE_URL
#   make fuzz       property-based fuzzing of every ledger's forms, imports and lists, long (>10,000 inputs)
#   make fuzz-ci    the same with a fixed, bounded set of inputs (about 700), as CI runs it
#   make deploy-check  the README's production set-up (gunicorn, DEBUG off, PostgreSQL) started and fetched
#   make lint       ruff, missing migrations, untranslated or fuzzy zh_Hans messages
#   make messages   refresh and compile the zh_Hans and en catalogues
#   make bench      county-scale timings (benchmarks/run.py), then 10,000 disputes imported and exported, then
#                   requests/s of the dashboard, a list and /healthz/ on gunicorn (benchmarks/throughput.py, wrk);
#                   BENCH_PROVINCE=1 make bench also times the province scale
#   make bench-province  province-scale timings alone: 1,000 townships × 5 years on PostgreSQL (portal_province,
#                   generated once in about 10 minutes, then reused)
#   make load       50 simulated users for 3 minutes on gunicorn and PostgreSQL: requests, failures, p50/p95 a page
#   make clean      remove generated files (distclean: also .venv and var/, the local database)
#
# Every target works from a fresh clone on Debian 12: missing Debian packages are installed when run as
# root, otherwise the exact `sudo apt-get install ...` line is printed. PYTHON=... picks the interpreter
# that builds .venv (Python >= 3.11).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.NOTPARALLEL:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=

# Debian packages: WeasyPrint (pango, harfbuzz-subset), Chinese fonts for the PDF (the official faces' substitutes,
# reports/fonts.py, which asks fontconfig's fc-list what is installed), gettext for messages.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai fonts-arphic-ukai gettext
# ... and for the tests: the browser Playwright drives, and pdftotext/pdffonts to read PDFs back.
TEST_SYSTEM_PACKAGES := chromium poppler-utils

ZH_PO := locale/zh_Hans/LC_MESSAGES/django.po

# The settings module of the tests, as pytest-django reads it from pyproject.toml.
TEST_SETTINGS := $(or $(shell sed -n 's/^DJANGO_SETTINGS_MODULE *= *"\(.*\)"/\1/p' pyproject.toml),township.settings)

# A local run is a development run: DEBUG on (runserver refuses the default SECRET_KEY without it).
setup run: export DEBUG ?= 1
# The test assets (compiled messages, static files) are prepared with the tests' own settings.
setup-test: export DJANGO_SETTINGS_MODULE := $(TEST_SETTINGS)
# Lint, messages and benchmarks use the production settings (DEBUG off); they serve nothing, so the
# default secret is fine for them (the settings refuse it only to gunicorn and runserver).

.PHONY: help setup run setup-test test fuzz fuzz-ci deploy-check lint messages bench bench-province load clean \
        distclean system-packages system-packages-test venv venv-dev

help:
	@sed -n '3,18s/^# \{0,1\}//p' Makefile

# --- system packages ------------------------------------------------------------------------------

system-packages:
	@echo "== Debian packages"
	@bash scripts/system-packages.sh $(SYSTEM_PACKAGES)

system-packages-test:
	@echo "== Debian packages (with the test tools)"
	@bash scripts/system-packages.sh $(SYSTEM_PACKAGES) $(TEST_SYSTEM_PACKAGES)

# --- virtual environment --------------------------------------------------------------------------
# .venv is built by $(PYTHON) -m venv when it is missing or broken. Requirements are installed again only
# when the requirements files changed: the sha256 of what was installed is kept in a stamp in .venv.

define MAKE_VENV
	if [ -x $(PY) ] && $(PY) -c '' 2>/dev/null; then exit 0; fi; \
	echo "== Python virtual environment ($(VENV))"; \
	if ! command -v $(PYTHON) >/dev/null 2>&1; then \
	    echo "error: '$(PYTHON)' was not found. Python >= 3.11 is needed" \
	         "(on Debian 12: sudo apt-get install python3 python3-venv), or name one: make PYTHON=/path/to/python3.11 ..." >&2; \
	    exit 1; \
	fi; \
	if ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then \
	    echo "error: Python >= 3.11 is needed, but '$(PYTHON)' is $$($(PYTHON) -V 2>&1)." \
	         "Install a newer one (Debian 12's python3 is 3.11) or name it: make PYTHON=/path/to/python3.11 ..." >&2; \
	    exit 1; \
	fi; \
	rm -rf $(VENV); \
	if ! $(PYTHON) -m venv $(VENV); then \
	    rm -rf $(VENV); \
	    if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        echo "venv failed: installing Debian's python3-venv"; \
	        bash scripts/system-packages.sh python3-venv; \
	        $(PYTHON) -m venv $(VENV); \
	    else \
	        echo "error: '$(PYTHON) -m venv' failed. On Debian: sudo apt-get install -y python3-venv" >&2; \
	        exit 1; \
	    fi; \
	fi; \
	echo "created $(VENV) with $$($(PY) -V 2>&1)"
endef

# $(call INSTALL_REQUIREMENTS,name,requirements file,files whose content the install depends on)
define INSTALL_REQUIREMENTS
	stamp=$(VENV)/.installed-$(1).sha256; \
	want="$$(cat $(3) | sha256sum | cut -d' ' -f1)"; \
	if [ -f "$$stamp" ] && [ "$$(cat "$$stamp")" = "$$want" ]; then \
	    echo "== Python packages: $(2) already installed"; \
	else \
	    echo "== Python packages: installing $(2)"; \
	    $(PY) -m pip install --disable-pip-version-check --progress-bar off -r $(2); \
	    echo "$$want" > "$$stamp"; \
	fi
endef

venv:
	@$(MAKE_VENV)
	@if [ -f $(VENV)/.installed-dev.sha256 ] && \
	    [ "$$(cat $(VENV)/.installed-dev.sha256)" = "$$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)" ]; then \
	    echo "== Python packages: requirements.txt already installed (with the dev requirements)"; \
	else \
	    $(call INSTALL_REQUIREMENTS,runtime,requirements.txt,requirements.txt); \
	fi

venv-dev:
	@$(MAKE_VENV)
	@$(call INSTALL_REQUIREMENTS,dev,requirements-dev.txt,requirements.txt requirements-dev.txt)

# --- set-up and run -------------------------------------------------------------------------------

# Compiled messages and collected static files (hashed, with WhiteNoise's manifest, whatever DEBUG is:
# files collected by `make setup` also serve gunicorn with DEBUG off; the tests' settings keep plain names).
define ASSETS
	@echo "== Translations"
	@if [ -n "$$(find . -path ./$(VENV) -prune -o -path ./staticfiles -prune -o -name '*.po' -print -quit)" ]; then \
	    $(MANAGE) compilemessages --ignore=$(VENV) --ignore=staticfiles; \
	else \
	    echo "no .po catalogues yet: nothing to compile"; \
	fi
	@echo "== Front-end packages (npm: package.json, package-lock.json)"
	@command -v npm >/dev/null 2>&1 || bash scripts/system-packages.sh nodejs npm
	@npm ci --ignore-scripts --no-audit --no-fund --omit=dev
	@echo "== Static files"
	@$(MANAGE) collectstatic --noinput -v 1
endef

setup: system-packages venv
	$(ASSETS)
	@echo "== Database"
	@mkdir -p var
	@$(MANAGE) migrate --noinput
	@echo "== Demo data"
	@$(MANAGE) load_demo
	@echo "== Set-up done (DEBUG=$(DEBUG), database: $$(printf '%s' "$${DATABASE_URL:-sqlite:///var/db.sqlite3}" | sed -E 's#//([^:/@]*):[^@]*@#//\1:***@#'))"

run: setup
	@echo
	@echo "法治政府建设工作平台 — http://$(ADDR)/"
	@echo "Demo logins (大溪镇 daxi), password for all: Daxi@2025"
	@printf '  %-9s %s\n' \
	    admin   "法治办管理员" \
	    clerk   "录入员" \
	    village "村级录入员" \
	    leader  "党委政府领导" \
	    county  "县级查看（秀山县，含大溪镇、梅江镇）" \
	    meijiang "梅江镇法治办管理员"
	@echo
	@echo "== Task workers (large imports and county report batches; the dashboards' warm-up) started beside the server"
	@$(MANAGE) db_worker --no-startup-delay & worker=$$!; \
	$(MANAGE) db_worker --no-startup-delay --queue-name warm & warmer=$$!; \
	trap 'kill $$worker $$warmer 2>/dev/null; wait $$worker $$warmer 2>/dev/null' EXIT; \
	$(MANAGE) runserver $(ADDR)

# --- tests and checks -----------------------------------------------------------------------------

setup-test: system-packages-test venv-dev
	$(ASSETS)

test: setup-test
	@echo "== Tests (database: $${DATABASE_URL:-sqlite, in memory})"
	$(PY) -m pytest $(PYTEST_ARGS)

# Fuzzing (tests/fuzz, pytest mark `fuzz`, left out of `make test`): hypothesis profiles in tests/fuzz/conftest.py.
fuzz: setup-test
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -m fuzz -q -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

fuzz-ci: setup-test
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest -m fuzz -q -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

# The README's Production section step by step on a PostgreSQL database of its own (created and dropped),
# then used over HTTP: scripts/deploy_check.py says what it fetches and checks.
deploy-check:
	@MAKE="$(MAKE)" $(PYTHON) scripts/deploy_check.py

lint: system-packages venv-dev
	@echo "== ruff"
	$(VENV)/bin/ruff check .
	@echo "== Migrations"
	$(MANAGE) makemigrations --check --dry-run
	@echo "== zh_Hans catalogue"
	@if [ ! -f $(ZH_PO) ]; then echo "error: $(ZH_PO) is missing: run make messages" >&2; exit 1; fi
	@stats="$$(msgfmt --check --statistics -o /dev/null $(ZH_PO) 2>&1)"; \
	echo "$(ZH_PO): $$stats"; \
	case "$$stats" in \
	    *fuzzy*|*untranslated*) \
	        msgattrib --untranslated --no-wrap $(ZH_PO) | grep -E '^(#:|msgid)' | grep -v '^msgid ""$$' | head -40 || true; \
	        msgattrib --only-fuzzy --no-wrap $(ZH_PO) | grep -E '^(#:|msgid)' | grep -v '^msgid ""$$' | head -40 || true; \
	        echo "error: $(ZH_PO) has untranslated or fuzzy entries (listed above)" >&2; \
	        exit 1;; \
	esac

# Source strings are Chinese (docs/decisions/0001): the zh_Hans catalogue maps each to itself (msgen),
# keeping any entry a translator adjusted; the English catalogue is translated by hand.
messages: system-packages venv
	@mkdir -p locale/zh_Hans/LC_MESSAGES locale/en/LC_MESSAGES
	$(MANAGE) makemessages -l zh_Hans -l en --ignore=$(VENV) --ignore=staticfiles --ignore=var --ignore=benchmarks --ignore=tests --ignore=node_modules --no-obsolete --no-location
	msgen --no-wrap -o $(ZH_PO) $(ZH_PO)
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=staticfiles --ignore=node_modules

bench: system-packages venv-dev
	@bash scripts/system-packages.sh wrk
	$(ASSETS)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/imports.py
	$(PY) benchmarks/throughput.py

# 50 simulated users for 3 minutes against gunicorn on PostgreSQL (benchmarks/load.py says what they do); exits
# non-zero on any failure or server error. PostgreSQL at 127.0.0.1:5432 (BENCH_SERVING_URL names the database).
load: venv-dev
	$(ASSETS)
	$(PY) benchmarks/load.py

bench-province: system-packages venv-dev
	$(ASSETS)
	$(PY) benchmarks/run.py --province

# --- cleaning -------------------------------------------------------------------------------------

clean:
	rm -rf staticfiles node_modules .pytest_cache .ruff_cache test-results benchmarks/out
	find . -path ./$(VENV) -prune -o \( -name __pycache__ -type d -prune -exec rm -rf {} + \) -o \
	    \( -name '*.mo' -path '*/LC_MESSAGES/*' -exec rm -f {} + \)

distclean: clean
	rm -rf $(VENV) var
