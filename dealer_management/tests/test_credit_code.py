from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DealerTestCommon


@tagged("post_install", "-at_install")
class TestCreditCode(DealerTestCommon):
    """统一社会信用代码 (GB 32100-2015) validation on dealer applications."""

    run_as_superuser = True  # the set-up and the checks act as the administrator (TransactionCase's user)
    mail_tracking = True

    def _create(self, code):
        return self.env["dealer.application"].create({"company_name": "Credit Code Test Co.", "credit_code": code})

    def test_valid_code_accepted(self):
        application = self._create("91110000600037341L")
        self.assertEqual(application.credit_code, "91110000600037341L")

    def test_code_stored_normalised(self):
        application = self._create(" 9111 0000 6000 37341l ")
        self.assertEqual(application.credit_code, "91110000600037341L")

    def test_wrong_check_character_refused(self):
        with self.assertRaisesRegex(ValidationError, "check character.*business licence"):
            self._create("91110000600037341A")

    def test_wrong_length_refused(self):
        with self.assertRaisesRegex(ValidationError, "18 characters.*business licence"):
            self._create("9111000060003734")

    def test_invalid_characters_refused(self):
        with self.assertRaisesRegex(ValidationError, "not valid"):
            self._create("9111000060003734IO")

    def test_invalid_code_refused_on_write(self):
        application = self._create("91110000600037341L")
        with self.assertRaisesRegex(ValidationError, "91110000600037342L"):
            application.credit_code = "91110000600037342L"
