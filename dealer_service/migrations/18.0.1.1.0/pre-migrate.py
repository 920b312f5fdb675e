"""18.0.1.1.0: the service inspections moved from dealer_service to the addon dealer_service_inspection.

A database that had them under dealer_service installs dealer_service_inspection in the same upgrade: Odoo loads
the modules marked "to install" in the same run, before it removes what an upgraded addon no longer ships, and
the new addon's pre_init_hook first takes the inspection records over (models, fields, views, menus, rules, cron,
sequence and checklist), so the tables and their rows stay.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE ir_module_module SET state = 'to install'
         WHERE name = 'dealer_service_inspection' AND state = 'uninstalled'
    """)
