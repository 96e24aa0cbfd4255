# OpenKP — `make demo` serves the application, `make test` runs the whole suite.
# Both install what they need on a fresh Debian machine (run as root for the apt step).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
# chromium for browser tests; fonts with Czech glyphs and Pango/HarfBuzz for WeasyPrint PDFs;
# gettext for translations; poppler-utils (pdftotext/pdftoppm) to check generated PDFs; curl for
# the fresh-clone check of `make demo`; a Java runtime for the Nu Html Checker (npm vnu-jar) that
# validates the rendered pages.
APT_PACKAGES := chromium fonts-dejavu-core fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 gettext poppler-utils curl default-jre-headless
SQLITE_ENV := env -u DATABASE_URL
DEMO_PORT ?= 8000
PYTEST := $(PY) -m pytest -p no:warnings

.PHONY: demo test install apt python frontend static messages migrate serve test-sqlite test-postgres test-e2e test-fresh-clone lint clean

# var/ (the SQLite database, uploads, collected static files) is not in git: a fresh clone makes it here.
demo: install
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py demo_data
	@echo
	@echo "OpenKP běží na http://127.0.0.1:$(DEMO_PORT)/ (ukončení Ctrl-C)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(DEMO_PORT)

test: install static
	$(MAKE) test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) test-postgres; else echo "DATABASE_URL není nastaveno: testy na PostgreSQL přeskočeny."; fi
	$(MAKE) test-e2e
	$(MAKE) test-fresh-clone

test-sqlite:
	$(SQLITE_ENV) $(PYTEST) openkp -n 2 -q

# A database name of its own per run (pytest-django creates test_<name>_gw* and drops them), so
# that two runs on one server never collide.
test-postgres:
	DATABASE_URL="$${DATABASE_URL%/*}/openkp_$$$$" $(PYTEST) openkp -n 2 -q --create-db

test-e2e:
	$(SQLITE_ENV) $(PYTEST) tests/e2e -q

# The README's first command as written, on a fresh clone of the committed tree (until /ostrava/ answers).
test-fresh-clone:
	$(SQLITE_ENV) tests/fresh_clone/demo.sh

install: apt python frontend messages

apt:
	@missing=""; for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Instaluji balíčky Debianu:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

python: $(VENV)/.installed

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv==0.9.30
	$(UV) pip sync -q --compile-bytecode --python $(PY) requirements/base.txt requirements/dev.txt
	touch $@

frontend: frontend/dist/.built

frontend/dist/.built: frontend/package.json frontend/package-lock.json frontend/build.mjs
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	node frontend/build.mjs
	touch $@

messages: python
	$(PY) manage.py compilemessages --ignore=.venv -v0

static: install
	mkdir -p var
	$(PY) manage.py collectstatic --noinput -v0

lint: python
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var/static
