from odoo import _, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _dealer_check_floor_pricelist_edit(self):
        """Only Dealer Managers change the rules of a pricelist that serves as a dealer grade's floor."""
        if not self or self.env["dealer.workflow.mixin"]._is_dealer_manager():
            return
        # sudo: which grades use the pricelist decides the right to edit it, whoever may read the grades
        grades = self.env["dealer.grade"].sudo().with_context(active_test=False).search(
            [("pricelist_id", "in", self.ids)])
        if grades:
            self.env["dealer.workflow.mixin"]._check_dealer_manager(_(
                "Pricelist %(pricelist)s sets the dealer floor price of grade %(grade)s: only a Dealer Manager "
                "may change its rules.",
                pricelist=grades[0].pricelist_id.display_name, grade=grades[0].display_name,
            ))
