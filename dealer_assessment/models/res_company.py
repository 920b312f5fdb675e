from odoo import fields, models

# the territory levels a company may rank its dealers within (dealer.territory levels, widest first)
RANK_LEVELS = [("region", "Region"), ("province", "Province"), ("city", "City")]
DEFAULT_RANK_LEVEL = "province"


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_rank_level = fields.Selection(
        RANK_LEVELS, string="Rank Dealers Within", required=True, default=DEFAULT_RANK_LEVEL,
        help="Scorecards rank each dealer among the dealers of the same region, province or city: the territory "
             "at this level that contains the dealer's first territory.",
    )
