from odoo.addons.dealer_management.tools.xmlids import move_xmlids

from . import controllers
from . import models

# what dealer_portal shipped before this link module existed: the owner's access to the assessment's models, its
# record rules, the answer fields of the correction plan actions (and their many2many table), the back-office
# view of the answers and the portal pages of the scorecards and correction plans
MOVED_XMLIDS = [
    "access_dealer_scorecard_portal_owner", "access_dealer_scorecard_line_portal_owner",
    "access_dealer_correction_plan_portal_owner", "access_dealer_correction_plan_line_portal_owner",
    "rule_dealer_scorecard_portal_owner", "rule_dealer_scorecard_line_portal_owner",
    "rule_dealer_correction_plan_portal_owner", "rule_dealer_correction_plan_line_portal_owner",
    "dealer_correction_plan_view_form_portal_answers",
    "portal_my_scorecards", "portal_my_correction_plans", "portal_correction_plan",
]
MOVED_PATTERNS = ["field_dealer_correction_plan_line__dealer_%"]


def pre_init_hook(env):
    """Take over the records of a database where dealer_portal still shipped the assessment's portal pages."""
    move_xmlids(env, "dealer_portal", "dealer_portal_assessment", names=MOVED_XMLIDS, patterns=MOVED_PATTERNS,
                models=["dealer.correction.plan.line"])
