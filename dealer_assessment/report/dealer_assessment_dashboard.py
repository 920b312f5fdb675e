"""The assessment dashboard: standard list, graph and pivot views opened on the right scorecards."""
from odoo import _, api, models


class DealerAssessment(models.Model):
    _inherit = "dealer.assessment"

    @api.model
    def _action_dashboard(self):
        """The ranking of the current company's last approved assessment (list, rating distribution, pivot)."""
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_assessment.action_dealer_scorecard_dashboard")
        assessment = self.search(
            [("state", "=", "approved"), ("company_id", "=", self.env.company.id)],
            order="date_to desc, id desc", limit=1,
        )
        if assessment:
            action["display_name"] = action["name"] = _("Ranking: %(assessment)s", assessment=assessment.name)
            action["domain"] = [("assessment_id", "=", assessment.id)]
        else:
            action["domain"] = [("id", "=", False)]
        return action

    def action_view_ranking(self):
        """This assessment in the dashboard views."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_assessment.action_dealer_scorecard_dashboard")
        action["display_name"] = action["name"] = _("Ranking: %(assessment)s", assessment=self.name)
        action["domain"] = [("assessment_id", "=", self.id)]
        return action


class DealerScorecard(models.Model):
    _inherit = "dealer.scorecard"

    def action_view_kpi_breakdown(self):
        """The KPI lines of this scorecard as a chart (points per KPI) and a table."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dealer_assessment.action_dealer_scorecard_line_analysis",
        )
        action["display_name"] = action["name"] = _(
            "KPI Breakdown: %(dealer)s, %(assessment)s",
            dealer=self.partner_id.display_name, assessment=self.assessment_id.name,
        )
        action["domain"] = [("scorecard_id", "=", self.id)]
        action["views"] = [
            (self.env.ref("dealer_assessment.dealer_scorecard_line_view_graph_breakdown").id, "graph"),
            (self.env.ref("dealer_assessment.dealer_scorecard_line_view_list").id, "list"),
            (self.env.ref("dealer_assessment.dealer_scorecard_line_view_pivot").id, "pivot"),
        ]
        return action
