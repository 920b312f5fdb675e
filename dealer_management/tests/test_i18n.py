from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDealerTranslations(TransactionCase):
    """The zh_CN translation of the addon loads and is used."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["dealer_management"], ["zh_CN"], overwrite=True)

    def test_field_label_translated(self):
        field = self.env["ir.model.fields"]._get("res.partner", "dealer_code")
        self.assertEqual(field.with_context(lang="zh_CN").field_description, "经销商编码")

    def test_selection_translated(self):
        labels = dict(
            self.env["res.partner"].with_context(lang="zh_CN")._fields["dealer_state"]._description_selection(
                self.env(context={"lang": "zh_CN"})
            )
        )
        self.assertEqual(labels["terminated"], "已终止")

    def test_error_message_translated(self):
        dealer = self.env["res.partner"].create({"name": "Translation Test Co.", "is_company": True, "is_dealer": True})
        with self.assertRaisesRegex(UserError, "无法变更为"):
            dealer.with_context(lang="zh_CN").action_dealer_suspend()
