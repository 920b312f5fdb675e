from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerTrainingMaterial(models.Model):
    """A training document (培训资料) for dealers' staff: a file or a link, per product, category and topic."""

    _name = "dealer.training.material"
    _description = "Dealer Training Material"
    _inherit = ["mail.thread"]
    _order = "sequence, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    description = fields.Text()
    topic = fields.Selection(selection="_selection_topic", tracking=True)
    product_tmpl_ids = fields.Many2many(
        "product.template", "dealer_training_material_product_rel", "material_id", "product_tmpl_id",
        string="Products", check_company=True,
    )
    product_categ_id = fields.Many2one("product.category", string="Product Category")
    file = fields.Binary(attachment=True, copy=False)
    file_name = fields.Char()
    url = fields.Char(string="Link", help="A video or web page, when the material is not a file.")
    grade_ids = fields.Many2many(
        "dealer.grade", "dealer_training_material_grade_rel", "material_id", "grade_id",
        string="Dealer Grades", tracking=True,
        help="Dealers of these grades see the material on the portal; empty: every dealer.",
    )
    dealer_portal_published = fields.Boolean(
        string="Published on Dealer Portal", copy=False, tracking=True,
        help="Dealers' users of the chosen grades can read and download it on the portal.",
    )

    @api.model
    def _selection_topic(self):
        """The topics of dealer trainings (one list for events and materials)."""
        return self.env["event.event"]._fields["dealer_training_topic"].selection

    @api.constrains("dealer_portal_published", "file", "url")
    def _check_published_content(self):
        """A published material has a file or a link."""
        for material in self:
            if material.dealer_portal_published and not (material.file or material.url):
                raise ValidationError(self.env._(
                    "Add a file or a link to the training material “%(name)s” before publishing it.",
                    name=material.name,
                ))

    @api.model
    def _dealer_available_domain(self, dealer):
        """Materials `dealer` may read: published, of its company, for every grade or for its grade."""
        return [
            ("dealer_portal_published", "=", True),
            ("company_id", "in", self.env.companies.ids),
            "|", ("grade_ids", "=", False), ("grade_ids", "in", dealer.dealer_grade_id.ids),
        ]

    def action_publish_dealer_portal(self):
        """Publish on the dealer portal."""
        self.dealer_portal_published = True

    def action_unpublish_dealer_portal(self):
        """Withdraw from the dealer portal."""
        self.dealer_portal_published = False
