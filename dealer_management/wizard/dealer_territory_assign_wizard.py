from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class DealerTerritoryAssignWizard(models.TransientModel):
    """Assign a dealer's territories and parent distributor; the chatter keeps who, when, what and why."""

    _name = "dealer.territory.assign.wizard"
    _description = "Assign Dealer Territories"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, domain=[("is_dealer", "=", True)])
    territory_ids = fields.Many2many(
        "dealer.territory", string="Territories", compute="_compute_from_partner", store=True, readonly=False,
        help="The dealer's territories after the change.",
    )
    parent_dealer_id = fields.Many2one(
        "res.partner", string="Parent Distributor", compute="_compute_from_partner", store=True, readonly=False,
        domain="[('is_dealer', '=', True), ('id', '!=', partner_id)]",
    )
    reason = fields.Text(required=True)

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for wizard in self:
            wizard.territory_ids = wizard.partner_id.dealer_territory_ids
            wizard.parent_dealer_id = wizard.partner_id.parent_dealer_id

    def action_apply(self):
        """Write the territories and parent distributor on the dealer (Dealer Manager only)."""
        self.ensure_one()
        partner = self.partner_id
        if not partner._is_dealer_manager():
            raise AccessError(_("Only a Dealer Manager may assign a dealer's territories."))
        if not partner.is_dealer:
            raise UserError(_(
                "%(name)s is not a dealer: register it as a dealer before assigning territories.",
                name=partner.display_name,
            ))
        foreign = self.territory_ids.filtered(
            lambda t: partner.company_id and t.company_id and t.company_id != partner.company_id
        )
        if foreign:
            raise UserError(_(
                "Territory %(territory)s belongs to %(company)s, dealer %(name)s to %(dealer_company)s: choose "
                "territories of the dealer's company.",
                territory=foreign[0].complete_name, company=foreign[0].company_id.name, name=partner.display_name,
                dealer_company=partner.company_id.name,
            ))
        added = self.territory_ids - partner.dealer_territory_ids
        removed = partner.dealer_territory_ids - self.territory_ids
        old_parent = partner.parent_dealer_id
        if not added and not removed and old_parent == self.parent_dealer_id:
            raise UserError(_("Nothing changes: choose other territories or another parent distributor."))
        partner._dealer_trusted().write({
            "dealer_territory_ids": [fields.Command.set(self.territory_ids.ids)],
            "parent_dealer_id": self.parent_dealer_id.id,
        })
        lines = []
        if added:
            lines.append(_("Territories added: %(territories)s", territories=", ".join(added.mapped("complete_name"))))
        if removed:
            lines.append(_(
                "Territories removed: %(territories)s", territories=", ".join(removed.mapped("complete_name")),
            ))
        if old_parent != self.parent_dealer_id:
            lines.append(_(
                "Parent distributor: %(old)s → %(new)s",
                old=old_parent.display_name or _("none"), new=self.parent_dealer_id.display_name or _("none"),
            ))
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            _("Territories assigned by %(user)s. Reason: %(reason)s", user=self.env.user.name, reason=self.reason),
            Markup().join(Markup("<li>%s</li>") % line for line in lines),
        )
        partner.message_post(body=body)
        return {"type": "ir.actions.act_window_close"}
