"""The portal in Chinese (issue 15): Odoo's own terms a dealer meets on our pages are Chinese too."""
import json

from odoo.tests import tagged

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestPortalChinese(DealerPortalCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # as installing the language does: every module's terms, ours (i18n and i18n_extra) after Odoo's
        cls.env["ir.module.module"]._load_module_terms(
            ["portal", "mail", "account", "account_payment", "dealer_portal"], ["zh_CN"])
        cls.portal_a.lang = "zh_CN"

    def test_invoices_breadcrumb_is_chinese(self):
        """Odoo's zh_CN leaves "Invoices & Bills" in English; dealer_portal's i18n_extra gives it."""
        self.authenticate("pr_portal_a", "pr_portal_a")
        html = self.url_open("/my/invoices").text
        self.assertIn("发票与账单", html)
        self.assertNotIn("Invoices &amp; Bills", html)

    def test_frontend_scripts_load_mail_terms(self):
        """The chatter of a portal page is mail's script: its terms reach the frontend in Chinese."""
        self.authenticate("pr_portal_a", "pr_portal_a")
        response = self.url_open("/website/translations/any?lang=zh_CN")
        self.assertEqual(response.status_code, 200)
        modules = json.loads(response.text)["modules"]
        self.assertIn("mail", modules)
        messages = {m["id"]: m["string"] for m in modules["mail"]["messages"]}
        self.assertEqual(messages.get("The conversation is empty."), "对话内容为空")
