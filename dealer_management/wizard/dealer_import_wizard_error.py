from odoo import fields, models


class DealerImportWizardError(models.TransientModel):
    """One refused cell or row of a go-live import file: where it is and why, in the user's language."""

    _name = "dealer.import.wizard.error"
    _description = "Dealer Import Error"
    _order = "id"

    wizard_id = fields.Many2one("dealer.import.wizard", required=True, ondelete="cascade")
    sheet = fields.Char()
    row = fields.Integer()
    column = fields.Char()
    message = fields.Text(required=True)
