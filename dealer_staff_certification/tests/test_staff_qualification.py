from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import DealerStaffCertificationCommon


@tagged("post_install", "-at_install")
class TestStaffQualification(DealerStaffCertificationCommon):
    """Who holds which required certification, until when: qualified / expiring / expired / missing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer = cls._create_dealer("Staff Dealer", state="active", grade=cls.grade_core)
        cls.other_dealer = cls._create_dealer("Other Staff Dealer", state="active", grade=cls.grade_regular)

        def staff(name, dealer=cls.dealer, **vals):
            return cls.Partner.create({"name": name, "parent_id": dealer.id,
                                       "dealer_staff_position_id": cls.position_sales.id, **vals})

        cls.fresh = staff("Fresh Adviser")          # passed 2 months ago
        cls.expiring = staff("Expiring Adviser")    # passed 12 months less 10 days ago
        cls.expired = staff("Expired Adviser")      # passed 13 months ago
        cls.failing = staff("Failing Adviser")      # failed, and passed only in a test entry
        cls.other = staff("Other Adviser", dealer=cls.other_dealer)
        cls._take_certification(cls.fresh, cls._months_ago(2))
        cls._take_certification(cls.fresh, cls._months_ago(14))  # an older pass does not count
        cls._take_certification(cls.expiring, cls._months_ago(12) + timedelta(days=10))
        cls._take_certification(cls.expired, cls._months_ago(13))
        cls._take_certification(cls.failing, cls._months_ago(1), passed=False)
        cls._take_certification(cls.failing, cls._months_ago(1), test_entry=True)
        cls.Qualification = cls.env["dealer.staff.qualification"]

    def _states(self, dealer):
        rows = self.Qualification.search([("dealer_id", "=", dealer.id)])
        return {row.partner_id: (row.state, row.certified_on, row.valid_until) for row in rows}

    def test_states_per_person(self):
        states = self._states(self.dealer)
        certified_on = self._months_ago(2)
        self.assertEqual(states[self.fresh], ("qualified", certified_on, certified_on + relativedelta(months=12)))
        self.assertEqual(states[self.expiring][0], "expiring")
        self.assertEqual(states[self.expired][0], "expired")
        self.assertEqual(states[self.failing], ("missing", False, False))
        self.assertEqual(len(states), 4, "a row per staff member of the dealer and required certification")

    def test_validity_zero_never_expires(self):
        self.requirement.validity_months = 0
        self.assertEqual(self._states(self.dealer)[self.expired], ("qualified", self._months_ago(13), False))

    def test_requirement_limited_to_grades(self):
        self.requirement.grade_ids = self.grade_core
        self.assertFalse(self._states(self.other_dealer), "the regular dealer's advisers need not hold it")
        self.assertEqual(len(self._states(self.dealer)), 4)

    def test_archived_person_or_position_not_counted(self):
        self.expired.active = False
        self.assertNotIn(self.expired, self._states(self.dealer))
        self.position_sales.active = False
        self.assertFalse(self._states(self.dealer))

    def test_counts_on_the_dealer(self):
        self.assertEqual(self.dealer.dealer_staff_qualified_count, 2)  # fresh and expiring
        self.assertEqual(self.dealer.dealer_staff_missing_count, 2)    # expired and failing
        action = self.dealer.action_view_dealer_staff_qualification()
        self.assertEqual(self.Qualification.search(action["domain"]).partner_id,
                         self.fresh | self.expiring | self.expired | self.failing)

    def test_figures_for_assessments(self):
        dealers = self.dealer | self.other_dealer
        self.assertEqual(self.Qualification._dealer_qualification_rate(dealers),
                         {self.dealer.id: 50.0, self.other_dealer.id: 0.0})
        # a year ago: the expired pass (13 months ago) and the fresh adviser's older pass (14 months ago) were
        # valid; the expiring adviser had not passed yet
        self.assertEqual(self.Qualification._dealer_qualification_counts(dealers, self._months_ago(12)),
                         {self.dealer.id: (2, 4), self.other_dealer.id: (0, 1)})
        passed = self.Qualification._dealer_certifications_passed(
            dealers, self._months_ago(3), self.today)
        self.assertEqual(passed, {self.dealer.id: 1, self.other_dealer.id: 0},
                         "the fresh pass only: the failed attempt and the test entry do not count")

    def test_position_only_on_a_dealer_contact(self):
        customer = self.Partner.create({"name": "Plain Customer Person"})
        with self.assertRefused(ValidationError, "Only a contact person of a dealer"):
            customer.dealer_staff_position_id = self.position_sales
        self.assertFalse(customer.dealer_staff_position_id)
        with self.assertRefused(ValidationError, "Only a contact person of a dealer"):
            self.dealer.dealer_staff_position_id = self.position_sales
        self.assertFalse(self.dealer.dealer_staff_position_id)

    def test_requirement_needs_a_certification_survey(self):
        survey = self.env["survey.survey"].create({"title": "Plain Survey", "scoring_type": "no_scoring"})
        with self.assertRefused(ValidationError, "must be a survey marked as certification"):
            self.env["dealer.staff.requirement"].create({"position_id": self.position_sales.id,
                                                         "survey_id": survey.id})
        self.assertFalse(self.env["dealer.staff.requirement"].search([("survey_id", "=", survey.id)]))

    def test_dealer_user_reads_but_does_not_configure(self):
        Requirement = self.env["dealer.staff.requirement"].with_user(self.dealer_user)
        self.assertEqual(self.Qualification.with_user(self.dealer_user).search_count(
            [("dealer_id", "=", self.dealer.id)]), 4)
        with self.assertRefused(AccessError, "not allowed to create"):
            Requirement.create({"position_id": self.position_sales.id, "survey_id": self.certification.id,
                                "validity_months": 99})
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.requirement.with_user(self.dealer_user).validity_months = 0
        self.assertEqual(self.requirement.validity_months, 12)
        self.assertEqual(self.env["dealer.staff.requirement"].search_count(
            [("position_id", "=", self.position_sales.id)]), 1)
        # a manager configures
        self.requirement.with_user(self.dealer_manager).validity_months = 24
        self.assertEqual(self.requirement.validity_months, 24)

    def test_portal_user_reads_nothing(self):
        portal = self._create_portal_user(self.dealer, "staff_portal_t")
        with self.assertRefused(AccessError, "not allowed to access"):
            self.Qualification.with_user(portal).search([])
        with self.assertRefused(AccessError, "not allowed to modify"):
            self.requirement.with_user(portal).validity_months = 0
        self.assertEqual(self.requirement.validity_months, 12)
