from odoo import api, fields, models


class DealerPersonMixin(models.AbstractModel):
    """Record about a person (``partner_id``: an event attendee, a course member, a survey answerer) that counts
    for the dealer the person belongs to: its commercial partner, when that is a dealer."""

    _name = "dealer.person.mixin"
    _description = "Dealer of a Person"

    dealer_partner_id = fields.Many2one(
        "res.partner", string="Dealer", compute="_compute_dealer_partner_id", store=True, index=True,
        help="The dealer the attendee belongs to (commercial partner of the attendee, when it is a dealer).",
    )

    @api.depends("partner_id.commercial_partner_id.is_dealer")
    def _compute_dealer_partner_id(self):
        for record in self:
            record.dealer_partner_id = record._dealer_of_person()

    def _dealer_of_person(self):
        """The dealer of this record's person: its commercial partner when that is a dealer, else no partner."""
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        return commercial if commercial.is_dealer else commercial.browse()
