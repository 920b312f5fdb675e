from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestDealerMeetingRace(DealerRaceCase):
    """Two managers click Invite Dealers on one meeting at the same moment: the second waits for the first, runs
    again and finds every dealer invited; each dealer gets one invitation."""

    @classmethod
    def _create_race_data(cls, env):
        grade = cls._race_grade(env, "RACE-MEET")
        dealers = cls._race_dealers(env, ["Race Meeting Dealer 1", "Race Meeting Dealer 2"], dealer_grade_id=grade.id)
        begin = datetime.now() + timedelta(days=20)
        meeting = env["event.event"].create({
            "name": "Race dealer conference", "date_begin": begin, "date_end": begin + timedelta(hours=6),
            "event_type_id": env.ref("dealer_meeting.event_type_dealer_meeting").id,
            "dealer_invite_grade_ids": [(6, 0, grade.ids)],
        })
        return {"grade": grade.id, "dealers": dealers.ids, "meeting": meeting.id}

    @classmethod
    def _remove_race_data(cls, env, ids):
        env["mail.message"].search([("model", "=", "event.event"), ("res_id", "=", ids["meeting"])]).unlink()
        env["event.event"].browse(ids["meeting"]).unlink()
        env["res.partner"].browse(ids["dealers"]).unlink()
        env["dealer.grade"].browse(ids["grade"]).unlink()

    def test_two_invitations_at_once(self):
        meeting_id = self.race_ids["meeting"]
        outcome = self._race_calls("event.event", meeting_id, meeting_id, "action_dealer_invite")
        self.assertTrue(outcome["retried"], "The second invitation was not run again after the first.")
        self.assertRaceRefused(outcome, UserError, "already invited")
        self.assertEqual(self._count("mail.message", [
            ("model", "=", "event.event"), ("res_id", "=", meeting_id), ("partner_ids", "!=", False),
        ]), 1)
        with self._committed_env() as env:
            self.assertEqual(len(env["event.event"].browse(meeting_id).dealer_invited_ids), 2)
