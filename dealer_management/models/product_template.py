from odoo import _, api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_floor_price = fields.Monetary(
        currency_field="currency_id",
        help="Lowest unit price (after discount) at which the product may be sold to a dealer. "
             "When empty, the floor is the price of the dealer grade's pricelist; with neither, "
             "there is no floor. Only Dealer Managers change it.",
    )
    # no check_company: a product shared by every company (no company) may be restricted to grades of several
    dealer_grade_ids = fields.Many2many(
        "dealer.grade", "product_template_dealer_grade_rel", "product_tmpl_id", "grade_id",
        string="Dealer Grades",
        help="Dealers of these grades may order the product on the dealer portal; empty: dealers of every grade.",
    )

    # an Odoo integrator's flag, as sale_ok and purchase_ok: the dealer portal offers only these products
    dealer_ok = fields.Boolean(
        string="Sold to Dealers", compute="_compute_dealer_ok", store=True, readonly=False, precompute=True,
        help="Dealers may order the product on the dealer portal (catalog, quick order, warranty claim parts). "
             "Goods are sold to dealers unless unticked; services (event tickets, fees, labour) only when ticked.",
    )

    @api.depends("type")
    def _compute_dealer_ok(self):
        """Goods yes, services and combos no, until the company decides otherwise."""
        for template in self:
            template.dealer_ok = template.type == "consu"

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("dealer_floor_price") for vals in vals_list) \
                or self.env.context.get("default_dealer_floor_price"):
            self._dealer_check_floor_price_manager()
        return super().create(vals_list)

    def write(self, vals):
        if "dealer_floor_price" in vals:
            self._dealer_check_floor_price_manager()
        return super().write(vals)

    def _dealer_check_floor_price_manager(self):
        """Only Dealer Managers set the dealer floor price."""
        self.env["dealer.workflow.mixin"]._check_dealer_manager(
            _("Only a Dealer Manager may change the dealer floor price of a product."))

    @api.model
    def _dealer_grade_domain(self, grade):
        """Domain of the products a dealer of `grade` may order: no grade restriction, or `grade` among them."""
        if not grade:
            return [("dealer_grade_ids", "=", False)]
        return ["|", ("dealer_grade_ids", "=", False), ("dealer_grade_ids", "in", grade.ids)]
