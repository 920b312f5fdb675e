from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class DealerTrainer(models.Model):
    """A trainer (培训师资) of dealer trainings: one of the company's people or an outside expert."""

    _name = "dealer.trainer"
    _description = "Dealer Trainer"
    _order = "name"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Person", required=True, ondelete="restrict",
                                 check_company=True)
    name = fields.Char(related="partner_id.name", store=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    trainer_type = fields.Selection(
        [("internal", "Company staff"), ("external", "External expert")], string="Type", required=True,
        default="internal",
    )
    speciality = fields.Char(help="What the trainer teaches, e.g. inverter air conditioners, sales skills.")
    qualification = fields.Text(help="Certificates and experience that qualify the trainer.")
    event_ids = fields.Many2many("event.event", "dealer_event_trainer_rel", "trainer_id", "event_id",
                                 string="Trainings", readonly=True)
    event_count = fields.Integer(string="Trainings Given", compute="_compute_event_count")

    _sql_constraints = [
        ("partner_company_uniq", "unique (partner_id, company_id)", "This person is already a trainer."),
    ]

    @api.depends("event_ids")
    def _compute_event_count(self):
        for trainer in self:
            trainer.event_count = len(trainer.event_ids)

    def _check_double_booking(self, events):
        """A trainer gives one training at a time: none of `events` overlaps another of the trainer's trainings."""
        if not events:
            return
        self.env["event.event"].flush_model(["date_begin", "date_end", "stage_id"])
        self.env.cr.execute(SQL("""
            SELECT trainer.id, event.id, other.id
              FROM dealer_event_trainer_rel rel
              JOIN dealer_event_trainer_rel other_rel ON other_rel.trainer_id = rel.trainer_id
                                                     AND other_rel.event_id != rel.event_id
              JOIN event_event event ON event.id = rel.event_id
              JOIN event_event other ON other.id = other_rel.event_id
              JOIN dealer_trainer trainer ON trainer.id = rel.trainer_id
              JOIN event_stage stage ON stage.id = other.stage_id
             WHERE rel.event_id = ANY(%(events)s) AND other.active AND NOT stage.pipe_end
               AND other.date_begin < event.date_end AND event.date_begin < other.date_end
             LIMIT 1
        """, events=events.ids))
        row = self.env.cr.fetchone()
        if row:
            Event = self.env["event.event"]
            trainer, event, other = self.browse(row[0]), Event.browse(row[1]), Event.browse(row[2])
            raise ValidationError(self.env._(
                "%(trainer)s already gives the training “%(other)s” at that time; choose another trainer or date "
                "for “%(event)s”.", trainer=trainer.name, other=other.name, event=event.name,
            ))
