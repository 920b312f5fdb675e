from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common import DealerTestCommon


class DealerTrainingCommon(DealerTestCommon):
    """Q1 2025: four trainings required for the core grade, one optional, one after Q1; dealer A attended three of
    the four required ones, B none; C's grade requires nothing."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training_type = cls.env.ref("dealer_training.event_type_dealer_training")
        cls.grade_plain = cls.grade_regular
        cls.dealer_a = cls._create_dealer("Training Dealer A", grade=cls.grade_core)
        cls.dealer_b = cls._create_dealer("Training Dealer B", grade=cls.grade_core)
        cls.dealer_c = cls._create_dealer("Training Dealer C", grade=cls.grade_plain)
        Partner = cls.Partner
        cls.dealers = cls.dealer_a | cls.dealer_b | cls.dealer_c
        cls.person_a1 = Partner.create({"name": "A1 Sales", "parent_id": cls.dealer_a.id})
        cls.person_a2 = Partner.create({"name": "A2 Sales", "parent_id": cls.dealer_a.id})
        cls.person_b1 = Partner.create({"name": "B1 Sales", "parent_id": cls.dealer_b.id})
        cls.person_c1 = Partner.create({"name": "C1 Sales", "parent_id": cls.dealer_c.id})
        cls.outsider = Partner.create({"name": "Not a dealer's person"})

        # period Q1 2025: four trainings required for the core grade, one optional, one required after Q1
        required = [(4, cls.grade_core.id)]
        cls.t1 = cls._training("Product knowledge Jan", 1, 15, "product", required)
        cls.t2 = cls._training("Sales skills Feb", 2, 12, "sales", required)
        cls.t3 = cls._training("Market analysis Mar", 3, 5, "market", required)
        cls.t4 = cls._training("Company culture Mar", 3, 31, "culture", required)
        cls.t_optional = cls._training("Optional product update", 2, 20, "product", [])
        cls.t_after = cls._training("Product knowledge Apr", 4, 1, "product", required)

        cls._register(cls.t1, cls.person_a1, "done")
        cls._register(cls.t1, cls.person_a2, "done")  # two people, still one training
        cls._register(cls.t2, cls.person_a1, "done")
        cls._register(cls.t3, cls.person_a2, "done")
        cls._register(cls.t4, cls.person_a1, "open")  # registered, did not attend
        cls._register(cls.t_optional, cls.person_a1, "done")
        cls._register(cls.t_after, cls.person_a1, "done")  # outside the period
        cls._register(cls.t1, cls.person_b1, "open")
        cls._register(cls.t2, cls.person_b1, "cancel")
        cls._register(cls.t1, cls.person_c1, "done")
        cls.date_from, cls.date_to = date(2025, 1, 1), date(2025, 3, 31)

    @classmethod
    def _training(cls, name, month, day, topic, grades):
        return cls.env["event.event"].create({
            "name": name,
            "event_type_id": cls.training_type.id,
            "date_begin": datetime(2025, month, day, 9, 0),
            "date_end": datetime(2025, month, day, 17, 0),
            "dealer_training_topic": topic,
            "dealer_required_grade_ids": grades,
        })

    @classmethod
    def _register(cls, event, person, state):
        return cls.env["event.registration"].create({"event_id": event.id, "partner_id": person.id, "state": state})


@tagged("post_install", "-at_install")
class TestDealerTraining(DealerTrainingCommon):
    """Dealer trainings as events: attendance and completion per dealer, capacity."""

    def test_event_type_marks_dealer_training(self):
        self.assertTrue(self.t1.is_dealer_training)
        other = self.env["event.event"].create({
            "name": "Public fair", "date_begin": datetime(2025, 5, 1, 9), "date_end": datetime(2025, 5, 1, 18),
        })
        self.assertFalse(other.is_dealer_training)

    def test_registration_dealer_is_commercial_partner(self):
        registration = self._register(self.t3, self.person_b1, "open")
        self.assertEqual(registration.dealer_partner_id, self.dealer_b)
        registration_outsider = self._register(self.t3, self.outsider, "open")
        self.assertFalse(registration_outsider.dealer_partner_id)

    def test_registering_past_capacity_fails(self):
        event = self.env["event.event"].create({
            "name": "Small sales skills workshop", "event_type_id": self.training_type.id,
            "date_begin": datetime(2025, 6, 2, 9), "date_end": datetime(2025, 6, 2, 17),
            "seats_limited": True, "seats_max": 2,
        })
        self._register(event, self.person_a1, "open")
        self._register(event, self.person_a2, "open")
        with self.assertRaises(ValidationError) as caught:
            self._register(event, self.person_b1, "open")
        self.assertIn("not enough seats", str(caught.exception))
        self.assertEqual(event.seats_taken, 2)
        self.assertEqual(self.env["event.registration"].search_count([("event_id", "=", event.id)]), 2)

    def test_trainings_attended(self):
        attended = self.env["event.event"]._dealer_trainings_attended(self.dealers, self.date_from, self.date_to)
        # A: t1, t2, t3 and the optional one (t4 not attended, April outside); B: none; C: t1
        self.assertEqual(attended, {self.dealer_a.id: 4, self.dealer_b.id: 0, self.dealer_c.id: 1})

    def test_training_completion(self):
        completion = self.env["event.event"]._dealer_training_completion(self.dealers, self.date_from, self.date_to)
        # core grade requires t1..t4 in Q1: A attended 3 of 4, B none; C's grade requires nothing
        self.assertEqual(completion, {self.dealer_a.id: 75.0, self.dealer_b.id: 0.0, self.dealer_c.id: 100.0})

    def test_dealer_user_reads_figures(self):
        user = self.dealer_user
        Event = self.env["event.event"].with_user(user)
        self.assertEqual(Event._dealer_trainings_attended(self.dealer_a, self.date_from, self.date_to),
                         {self.dealer_a.id: 4})
        self.assertEqual(Event._dealer_training_completion(self.dealer_a, self.date_from, self.date_to),
                         {self.dealer_a.id: 75.0})
        self.assertEqual(self.dealer_a.with_user(user).dealer_training_count, 7)

    def test_smart_button_lists_dealer_registrations(self):
        self.assertEqual(self.dealer_b.dealer_training_count, 1)  # the cancelled one is not counted
        action = self.dealer_a.action_view_dealer_trainings()
        registrations = self.env["event.registration"].search(action["domain"])
        self.assertEqual(registrations.dealer_partner_id, self.dealer_a)
        self.assertEqual(len(registrations), 7)
