# Dealer suite: developer commands. Odoo 18.0 must already be installed (see README.md).
PYTHON ?= python3
HARNESS = $(PYTHON) scripts/harness.py
# every addon of the repository (a folder with a __manifest__.py)
ADDON_DIRS := $(sort $(patsubst %/__manifest__.py,%,$(wildcard */__manifest__.py)))
TOOL_DIRS = scripts data bench tests conftest.py
LINT_DIRS = $(ADDON_DIRS) $(TOOL_DIRS)
KEEP_FLAG = $(if $(filter 1 yes true,$(KEEP)),--keep,)

.PHONY: help check demo demo-reset demo-optional demo-check test test-addon test-optional test-odoo lint bench large-data pg-start replica serve stop i18n

help:
	@echo "make demo         private PostgreSQL + demo database, Odoo on http://localhost:8069"
	@echo "make demo-reset   drop the demo database and build it again"
	@echo "make demo-optional   the demo with the optional addons too (eLearning course: website) in dealer_demo_optional"
	@echo "make demo-check [KEEP=1] [OPTIONAL=1]   load the demo data set (OPTIONAL=1: what make demo-optional builds) into a fresh database, then drop it (what CI runs)"
	@echo "make test         translation files first, then a fresh database, every test of the addons and tests/ (XML-RPC)"
	@echo "make test-addon ADDON=dealer_management [KEEP=1]   one addon's tests only (KEEP=1 leaves the database"
	@echo "                  dealer_test and PostgreSQL running for pytest-odoo, see README: Quick edit-test loop)"
	@echo "make test-optional   the optional addons (eLearning, which brings website) in a database of their own"
	@echo "make test-odoo    Odoo's own sale, sale_stock, account and portal tests with our addons (slow)"
	@echo "make bench        fresh database without demo data, runs bench/*.py (ONLY=export for one), prints figures (KEEP=1 keeps the database)"
	@echo "make large-data   database dealer_large with the large data set: 2,000 dealers, 24 months, 500,000 order lines"
	@echo "make lint         ruff and pylint-odoo (OCA's checks) over the addons, scripts, data, bench and tests"
	@echo "make pg-start     start the private PostgreSQL cluster (for pytest-odoo on the kept test database)"
	@echo "make replica      start a streaming standby of the private cluster (readonly routes, make bench ONLY=portal_load)"
	@echo "make serve [DB=..] [CHECK=1 LOGIN=..]   Odoo as docs/deployment.md deploys it (workers, gevent port, proxy_mode,"
	@echo "                  queue_job runner, the standby when it runs); CHECK=1 checks portal, proxy, standby, bus, a job"
	@echo "make stop         stop the private PostgreSQL cluster (and its standby)"

check:
	@$(HARNESS) check

demo:
	@$(HARNESS) demo

demo-reset:
	@$(HARNESS) demo --reset

demo-optional:
	@$(HARNESS) demo --optional

demo-check:
	@$(HARNESS) demo-check $(KEEP_FLAG) $(if $(filter 1 yes true,$(OPTIONAL)),--optional,)

test:
	@$(HARNESS) test $(KEEP_FLAG)

test-addon:
	@test -n "$(ADDON)" || (echo "usage: make test-addon ADDON=dealer_management [KEEP=1]" && exit 2)
	@$(HARNESS) test --addons $(ADDON) $(KEEP_FLAG)

test-optional:
	@$(HARNESS) test-optional $(KEEP_FLAG)

test-odoo:
	@$(HARNESS) test-odoo $(KEEP_FLAG)

lint:
	@# every linter runs, so one run lists every finding; any finding fails the target
	@rc=0; \
	echo "$(PYTHON) -m ruff check $(LINT_DIRS)"; \
	$(PYTHON) -m ruff check --output-format concise $(LINT_DIRS) || rc=1; \
	echo "$(PYTHON) -m pylint --rcfile=.pylintrc $(ADDON_DIRS)"; \
	$(PYTHON) -m pylint --rcfile=.pylintrc $(ADDON_DIRS) || rc=1; \
	echo "$(PYTHON) -m pylint --rcfile=.pylintrc --disable=print-used $(TOOL_DIRS)  (command-line programs: print allowed)"; \
	$(PYTHON) -m pylint --rcfile=.pylintrc --disable=print-used $(TOOL_DIRS) || rc=1; \
	if [ $$rc -ne 0 ]; then echo "make lint: findings above" >&2; fi; \
	exit $$rc

pg-start:
	@$(HARNESS) pg-start

replica:
	@$(HARNESS) replica

serve:
	@$(HARNESS) serve $(if $(DB),--db $(DB)) $(if $(PORT),--port $(PORT)) $(if $(LOGIN),--login $(LOGIN)) $(if $(filter 1 yes true,$(CHECK)),--check) \
		$(if $(ODOO_ARGS),--odoo-args "$(ODOO_ARGS)")

stop:
	@$(HARNESS) pg-stop

bench:
	@$(HARNESS) bench $(if $(ONLY),--only $(ONLY)) $(KEEP_FLAG)

large-data:
	@$(HARNESS) large-data

i18n:
	@$(HARNESS) i18n
