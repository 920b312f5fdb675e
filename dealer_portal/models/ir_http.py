from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        """The portal pages' scripts speak the dealer's language: the chatter comes from mail, whose terms
        ("The conversation is empty.") the frontend otherwise never loads, as payment and mass_mailing do
        for theirs."""
        return super()._get_translation_frontend_modules_name() + ["mail", "dealer_portal"]
