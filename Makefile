# Dealer suite: developer commands. Odoo 18.0 must already be installed (see README.md).
PYTHON ?= python3
HARNESS = $(PYTHON) scripts/harness.py

.PHONY: help check demo demo-reset test test-addon test-odoo bench stop i18n

help:
	@echo "make demo         private PostgreSQL + demo database, Odoo on http://localhost:8069"
	@echo "make demo-reset   drop the demo database and build it again"
	@echo "make test         fresh database, every test of the three addons and tests/ (XML-RPC)"
	@echo "make test-addon ADDON=dealer_management   one addon's tests only"
	@echo "make test-odoo    Odoo's own sale, sale_stock, account and portal tests with our addons (slow)"
	@echo "make stop         stop the private PostgreSQL cluster"

check:
	@$(HARNESS) check

demo:
	@$(HARNESS) demo

demo-reset:
	@$(HARNESS) demo --reset

test:
	@$(HARNESS) test

test-addon:
	@test -n "$(ADDON)" || (echo "usage: make test-addon ADDON=dealer_management" && exit 2)
	@$(HARNESS) test --addons $(ADDON)

test-odoo:
	@$(HARNESS) test-odoo

stop:
	@$(HARNESS) pg-stop

i18n:
	@$(HARNESS) i18n
