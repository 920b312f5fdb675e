from odoo import api, fields, models, tools
from odoo.tools import SQL

from odoo.addons.dealer_management.tools.period import dealer_period_bounds

TODAY = SQL("CURRENT_DATE")
QUALIFICATION_STATES = [
    ("qualified", "Qualified"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
    ("missing", "Missing"),
]


class DealerStaffQualification(models.Model):
    """One row per dealer staff member and certification their position requires (人才培养).

    A database view: who holds what, computed from Odoo's own survey answers (a passed, finished, non-test
    ``survey.user_input`` of the person), so that the figure cannot drift from the answers it counts.
    """

    _name = "dealer.staff.qualification"
    _description = "Dealer Staff Qualification"
    _auto = False
    _order = "dealer_id, partner_id, position_id, survey_id"
    _rec_name = "partner_id"

    # what the view reads: flushed before it is queried
    _depends = {
        "res.partner": ["active", "commercial_partner_id", "is_dealer", "dealer_grade_id", "dealer_staff_position_id"],
        "dealer.staff.position": ["active"],
        "dealer.staff.requirement": ["position_id", "survey_id", "validity_months", "grade_ids"],
        "survey.user_input": ["partner_id", "survey_id", "state", "scoring_success", "test_entry", "end_datetime"],
    }

    #: a certification expiring within this many days shows as Expiring
    _expiring_days = 30

    dealer_id = fields.Many2one("res.partner", readonly=True)
    dealer_grade_id = fields.Many2one("dealer.grade", string="Grade", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Staff Member", readonly=True)
    position_id = fields.Many2one("dealer.staff.position", readonly=True)
    requirement_id = fields.Many2one("dealer.staff.requirement", readonly=True)
    survey_id = fields.Many2one("survey.survey", string="Certification", readonly=True)
    certified_on = fields.Date(readonly=True,
                               help="Date of the person's latest passed attempt at this certification.")
    valid_until = fields.Date(readonly=True, help="Empty: the certification never expires.")
    state = fields.Selection(QUALIFICATION_STATES, string="Status", readonly=True)

    @api.model
    def _passed_certifications_query(self, on_date):
        """Latest attempt passed up to `on_date` (an SQL date expression), per person and certification survey."""
        return SQL("""
            SELECT ui.partner_id, ui.survey_id, MAX(ui.end_datetime)::date AS certified_on
              FROM survey_user_input ui
             WHERE ui.state = 'done' AND ui.scoring_success AND NOT COALESCE(ui.test_entry, FALSE)
               AND ui.partner_id IS NOT NULL AND ui.end_datetime < %(on_date)s + 1
          GROUP BY ui.partner_id, ui.survey_id
        """, on_date=on_date)

    @api.model
    def _qualification_query(self, on_date=TODAY):
        """The qualification rows as they stand on `on_date` (an SQL date expression; the view: today).

        The staff's positions and the requirements are today's (they keep no history); the certifications
        counted are those passed up to that day.
        """
        return SQL("""
            WITH passed AS (%(passed)s),
            rows AS (
                SELECT person.id AS partner_id, dealer.id AS dealer_id, dealer.dealer_grade_id,
                       person.dealer_staff_position_id AS position_id, req.id AS requirement_id,
                       req.survey_id, passed.certified_on,
                       CASE WHEN passed.certified_on IS NOT NULL AND req.validity_months > 0
                            THEN (passed.certified_on + req.validity_months * INTERVAL '1 month')::date
                       END AS valid_until
                  FROM res_partner person
                  JOIN res_partner dealer ON dealer.id = person.commercial_partner_id AND dealer.is_dealer
                  JOIN dealer_staff_position position ON position.id = person.dealer_staff_position_id
                                                     AND position.active
                  JOIN dealer_staff_requirement req ON req.position_id = position.id
             LEFT JOIN passed ON passed.partner_id = person.id AND passed.survey_id = req.survey_id
                 WHERE person.active
                   AND (NOT EXISTS (SELECT 1 FROM dealer_staff_requirement_grade_rel rel
                                     WHERE rel.requirement_id = req.id)
                        OR EXISTS (SELECT 1 FROM dealer_staff_requirement_grade_rel rel
                                    WHERE rel.requirement_id = req.id AND rel.grade_id = dealer.dealer_grade_id))
            )
            SELECT partner_id::bigint * 100000 + requirement_id AS id, rows.*,
                   CASE WHEN certified_on IS NULL THEN 'missing'
                        WHEN valid_until IS NULL THEN 'qualified'
                        WHEN valid_until < %(on_date)s THEN 'expired'
                        WHEN valid_until < %(on_date)s + %(expiring_days)s THEN 'expiring'
                        ELSE 'qualified'
                   END AS state
              FROM rows
        """, passed=self._passed_certifications_query(on_date), on_date=on_date, expiring_days=self._expiring_days)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table),
                                self._qualification_query()))

    # ------------------------------------------------------------------ figures for assessments
    @api.model
    def _dealer_qualification_counts(self, dealers, on_date=None):
        """(held, required) per dealer with staff to certify: its required staff certifications, and those held
        and valid on `on_date` (default: today)."""
        for model_name, field_names in self._depends.items():  # what the query reads, written to the database first
            self.env[model_name].flush_model(field_names)
        on_date = SQL("%s::date", on_date) if on_date else TODAY
        self.env.cr.execute(SQL("""
            SELECT dealer_id, COUNT(*) FILTER (WHERE state IN ('qualified', 'expiring')), COUNT(*)
              FROM (%(rows)s) qualification
             WHERE dealer_id = ANY(%(dealers)s)
          GROUP BY dealer_id
        """, rows=self._qualification_query(on_date), dealers=dealers.ids))
        return {dealer_id: (held, required) for dealer_id, held, required in self.env.cr.fetchall()}

    @api.model
    def _dealer_qualification_rate(self, dealers):
        """Share (0-100) of each dealer's required staff certifications held and valid today; none required, no key."""
        return {dealer_id: round(100.0 * held / required, 2)
                for dealer_id, (held, required) in self._dealer_qualification_counts(dealers).items()}

    @api.model
    def _dealer_certifications_passed(self, dealers, date_from, date_to):
        """Number of certification attempts passed in the period by each dealer's staff (any certification survey)."""
        start, end = dealer_period_bounds(date_from, date_to)
        self.env.cr.execute(SQL("""
            SELECT person.commercial_partner_id, COUNT(*)
              FROM survey_user_input ui
              JOIN survey_survey survey ON survey.id = ui.survey_id AND survey.certification
              JOIN res_partner person ON person.id = ui.partner_id
             WHERE person.commercial_partner_id = ANY(%(dealers)s)
               AND ui.state = 'done' AND ui.scoring_success AND NOT COALESCE(ui.test_entry, FALSE)
               AND ui.end_datetime >= %(start)s AND ui.end_datetime < %(end)s
          GROUP BY person.commercial_partner_id
        """, dealers=dealers.ids, start=start, end=end))
        counts = dict(self.env.cr.fetchall())
        return {dealer.id: counts.get(dealer.id, 0) for dealer in dealers}
