"""The portal in Chinese (issue 15): Odoo's own terms a dealer meets on our pages are Chinese too."""
import json

from odoo.tests import tagged

from .common_chinese import DealerChineseCase

# Pages of dealer_portal a dealer owner opens, and Odoo's own pages it links to.
PAGES = [
    "/my", "/my/dealer", "/my/catalog", "/my/cart", "/my/orders", "/my/invoices", "/my/announcements",
    "/my/complaints", "/my/complaints/new", "/my/feedback", "/my/feedback/new", "/my/contracts", "/my/rebates",
    "/my/statement", "/my/stock_reports", "/my/stock_reports/new", "/my/targets", "/my/dealer/exit",
]


@tagged("post_install", "-at_install")
class TestPortalChinese(DealerChineseCase):

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

    def test_portal_pages_have_no_english(self):
        """Every page of the portal an owner opens, in Chinese, shows no English word (data and brands aside)."""
        self._assert_pages_chinese(PAGES)
