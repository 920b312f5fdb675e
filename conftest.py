"""pytest settings for the whole repository.

pytest-odoo runs an addon's Odoo tests (``pytest dealer_management/tests/test_order_checks.py -k credit``)
inside the test database that ``make test-addon ADDON=... KEEP=1`` leaves behind: ``scripts/harness.py``
writes ``.local/pytest-odoo.conf`` (the harness' Odoo configuration plus ``db_name = dealer_test``), and this
file points pytest-odoo at it through ``ODOO_RC`` unless you chose another configuration yourself
(``ODOO_RC``, ``--odoo-config``, ``--odoo-database``).  The end-to-end tests in ``tests/`` do not use Odoo in
process: run them with ``-p no:odoo``.
"""
import os

_PYTEST_ODOO_CONF = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".local", "pytest-odoo.conf")

if os.path.exists(_PYTEST_ODOO_CONF) and not os.environ.get("OPENERP_SERVER"):
    os.environ.setdefault("ODOO_RC", _PYTEST_ODOO_CONF)
