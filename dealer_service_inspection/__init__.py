from odoo.addons.dealer_management.tools.xmlids import move_xmlids

from . import models

MODELS = [
    "dealer.service.inspection.template", "dealer.service.inspection.item", "dealer.service.inspection",
    "dealer.service.inspection.line", "dealer.service.finding",
]
# what dealer_service shipped for the inspections: the models and everything named after them (fields, selection
# values, views, actions, menus, rules, cron, sequence), the access rights, the standard checklist and its items,
# the grade's inspection interval and its view
XMLID_PATTERNS = ["%dealer_service_inspection%", "%dealer_service_finding%", "access_inspection_%",
                  "access_finding_%", "inspection_item_%"]
XMLIDS = ["inspection_template_default", "field_dealer_grade__service_inspection_interval",
          "dealer_grade_view_form_service"]


def pre_init_hook(env):
    """Take over the inspections' records of a database where dealer_service still shipped them: installed before
    dealer_service's upgrade, the inspections, checklists and findings are kept (see readme/CONFIGURE.md)."""
    move_xmlids(env, "dealer_service", "dealer_service_inspection", names=XMLIDS, patterns=XMLID_PATTERNS,
                models=MODELS)
