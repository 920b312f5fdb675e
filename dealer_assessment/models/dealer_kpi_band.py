from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerKpiBand(models.Model):
    """A row of a KPI's bands table: a threshold and the points it gives."""

    _name = "dealer.kpi.band"
    _description = "Dealer KPI Scoring Band"
    _order = "kpi_id, threshold"

    kpi_id = fields.Many2one("dealer.kpi", string="KPI", required=True, ondelete="cascade", index=True)
    threshold = fields.Float(
        required=True,
        help="Higher is better: the value from which the points apply. Lower is better: the value up to which "
             "they apply.",
    )
    points = fields.Float(required=True)

    @api.constrains("points")
    def _check_points(self):
        for band in self:
            if not 0.0 <= band.points <= 100.0:
                raise ValidationError(_("The points of a KPI band lie between 0 and 100."))
