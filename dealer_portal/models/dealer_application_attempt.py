from odoo import fields, models


class DealerApplicationAttempt(models.TransientModel):
    """One submission of the public application form, accepted or not, by its address's keyed hash.

    The per-address limit counts them, so that a flood of refused submissions is stopped like a flood of
    applications. Written by the form's own code only (sudo), kept two hours (the limit looks one hour back),
    then removed by Odoo's daily clean-up of transient records.
    """

    _name = "dealer.application.attempt"
    _description = "Dealer Application Form Submission"
    _transient_max_hours = 2.0
    _transient_max_count = 0  # only the age counts

    ip_hash = fields.Char(string="Address Hash", required=True, index=True, readonly=True)
