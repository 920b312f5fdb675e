import psycopg2.errors

from odoo import api, fields, models


class DealerApplicationAttempt(models.TransientModel):
    """One submission of the public application form, accepted or not, by its address's keyed hash.

    The per-address limit counts them, so that a flood of refused submissions is stopped like a flood of
    applications. Written by the form's own code only (sudo), kept two hours (the limit looks one hour back),
    then removed by Odoo's daily clean-up of transient records.

    The submissions of one address are numbered (``sequence``, unique per address): two submissions at the
    same moment both count the same submissions before them and take the same number, and the database refuses
    the second one. Without it, a burst of simultaneous submissions would all pass the limit on the same count.
    """

    _name = "dealer.application.attempt"
    _description = "Dealer Application Form Submission"
    _transient_max_hours = 2.0
    _transient_max_count = 0  # only the age counts

    ip_hash = fields.Char(string="Address Hash", required=True, index=True, readonly=True)
    sequence = fields.Integer(
        string="Submission Number", readonly=True, help="Number of the submission among those of its address.",
    )

    _sql_constraints = [(
        "ip_hash_sequence_uniq", "unique(ip_hash, sequence)",
        "Another submission from this address is being recorded at the same moment.",
    )]

    @api.model
    def _dealer_log(self, ip_hash):
        """Count one submission from this address: False (nothing written) when another submission of the address
        took its number at the same moment, which then is the one counted."""
        [(last,)] = self._read_group([("ip_hash", "=", ip_hash)], [], ["sequence:max"])
        try:
            with self.env.cr.savepoint():
                self.create({"ip_hash": ip_hash, "sequence": (last or 0) + 1})
        except psycopg2.errors.UniqueViolation:
            return False
        return True
