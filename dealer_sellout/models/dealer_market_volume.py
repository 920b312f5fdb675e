from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerMarketVolume(models.Model):
    """The market's volume in units for a territory, a product category and a month, imported by the company
    from an outside source (e.g. the vehicle registrations, 上险数): the denominator of the dealers' market share."""

    _name = "dealer.market.volume"
    _description = "Market Volume"
    _check_company_auto = True
    _order = "month desc, territory_id, categ_id, id"
    _rec_names_search = ["territory_id", "categ_id", "source"]

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    territory_id = fields.Many2one(
        "dealer.territory", required=True, index=True, ondelete="restrict", check_company=True,
    )
    categ_id = fields.Many2one(
        "product.category", string="Product Category", ondelete="restrict",
        help="Leave empty for the whole market of the territory (all products).",
    )
    month = fields.Date(required=True, index=True, help="Any day of the month; stored as the first day.")
    volume = fields.Float(string="Market Volume (units)", required=True, digits="Product Unit of Measure")
    source = fields.Char(help="Where the figure comes from, e.g. 上险数 (vehicle registrations), industry data.")

    _sql_constraints = [
        ("month_uniq", "unique nulls not distinct (company_id, territory_id, categ_id, month)",
         "A territory has one market volume per product category and month."),
    ]

    @api.depends("territory_id", "categ_id", "month")
    def _compute_display_name(self):
        for row in self:
            parts = [row.territory_id.name, row.categ_id.name, row.month and row.month.strftime("%Y-%m")]
            row.display_name = " / ".join(part for part in parts if part)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._first_day_of_month(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._first_day_of_month(vals)
        return super().write(vals)

    @api.model
    def _first_day_of_month(self, vals):
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)

    @api.constrains("volume")
    def _check_volume(self):
        for row in self:
            if row.volume < 0:
                raise ValidationError(_("A market volume cannot be negative."))
