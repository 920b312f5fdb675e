from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .test_training import DealerTrainingCommon


@tagged("post_install", "-at_install")
class TestDealerTrainer(DealerTrainingCommon):
    """Trainers on dealer trainings: one training at a time, managed by Dealer Managers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trainer = cls.env["dealer.trainer"].create({
            "partner_id": cls.Partner.create({"name": "Trainer Teng"}).id, "speciality": "Inverter air conditioners",
        })
        cls.t1.dealer_trainer_ids = cls.trainer

    def test_trainer_lists_the_trainings(self):
        self.assertEqual(self.trainer.name, "Trainer Teng")
        self.assertEqual(self.trainer.event_ids, self.t1)
        self.assertEqual(self.trainer.event_count, 1)

    def test_double_booking_refused(self):
        overlapping = self._training("Same day other room", 1, 15, "sales", [])
        with self.assertRefused(ValidationError, "Trainer Teng already gives the training"):
            overlapping.dealer_trainer_ids = self.trainer
        self.assertFalse(overlapping.dealer_trainer_ids)
        # moving a training onto the trainer's busy day is refused as well
        with self.assertRefused(ValidationError, "already gives the training"):
            self.t2.write({"dealer_trainer_ids": [Command.link(self.trainer.id)],
                           "date_begin": datetime(2025, 1, 15, 13), "date_end": datetime(2025, 1, 15, 18)})
        self.assertFalse(self.t2.dealer_trainer_ids)
        self.assertEqual(self.t2.date_begin, datetime(2025, 2, 12, 9))
        # another day is fine
        self.t2.dealer_trainer_ids = self.trainer
        self.assertEqual(self.trainer.event_ids, self.t1 | self.t2)

    def test_cancelled_training_frees_the_trainer(self):
        self.t1.stage_id = self.env.ref("event.event_stage_cancelled")
        overlapping = self._training("Replacement session", 1, 15, "sales", [])
        overlapping.dealer_trainer_ids = self.trainer
        self.assertEqual(overlapping.dealer_trainer_ids, self.trainer)

    def test_dealer_user_reads_but_does_not_manage(self):
        trainer = self.trainer.with_user(self.dealer_user)
        self.assertEqual(trainer.speciality, "Inverter air conditioners")
        with self.assertRefused(AccessError, "not allowed to modify"):
            trainer.speciality = "Forged"
        with self.assertRefused(AccessError, "not allowed to create"):
            self.env["dealer.trainer"].with_user(self.dealer_user).create({"partner_id": self.person_a1.id})
        self.assertEqual(self.trainer.speciality, "Inverter air conditioners")
        self.assertFalse(self.env["dealer.trainer"].search([("partner_id", "=", self.person_a1.id)]))
