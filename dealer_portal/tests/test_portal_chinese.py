"""The portal in Chinese (issue 15): Odoo's own terms a dealer meets on our pages are Chinese too."""
import json
import re

from odoo.tests import tagged

from .common_pages import DealerPagesCase

# Pages of dealer_portal a dealer owner opens, and Odoo's own pages it links to.
PAGES = [
    "/my", "/my/dealer", "/my/catalog", "/my/cart", "/my/orders", "/my/invoices", "/my/announcements",
    "/my/complaints", "/my/complaints/new", "/my/feedback", "/my/feedback/new", "/my/contracts", "/my/rebates",
    "/my/scorecards", "/my/statement", "/my/stock_reports", "/my/stock_reports/new", "/my/targets",
    "/my/correction-plans", "/my/dealer/exit",
]
# Odoo's modules whose templates and scripts make up those pages
ODOO_PORTAL_MODULES = {"base", "web", "portal", "mail", "account", "account_payment", "payment", "sale", "sale_stock",
                       "stock", "product", "website", "http_routing", "auth_signup"}
# what stays Latin in a Chinese page: the test's own data, units, formats and brand names
LATIN_OK = {
    "Dealer", "Alpha", "Beta", "Alice", "Pump", "PR", "Quality", "Spring", "price", "list", "Gold", "promotion",
    "pricelist", "txt", "PDF", "CSV", "XLSX", "Odoo", "SO", "INV", "VIN", "CNY", "KB", "MB", "Email", "YourCompany",
    "My", "Company", "Excel", "ID", "English", "DLR", "CTR", "REB", "KPI", "Core", "ABC", "Test",
    "jpg", "jpeg", "png", "docx", "xlsx", "csv", "pdf", "com", "example",
}


@tagged("post_install", "-at_install")
class TestPortalChinese(DealerPagesCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # as installing the language does: every module's terms, ours (i18n and i18n_extra) after Odoo's
        installed = cls.env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
        # Odoo's first, ours after: where Odoo's zh_CN leaves a term in English, our i18n_extra gives it
        cls.env["ir.module.module"]._load_module_terms(
            [name for name in installed if name in ODOO_PORTAL_MODULES]
            + [name for name in installed if name.startswith("dealer_")], ["zh_CN"])
        (cls.portal_a | cls.owner_a).lang = "zh_CN"
        # names a Chinese dealer would have: the test's own Latin names would hide nothing but clutter the check
        cls.owner_a.name = "欧经理"
        cls.env.company.name = "华东机电有限公司"
        cls.env["product.category"].search([]).name = "机电产品"
        for template in cls.env["product.template"].search([]):
            template.name = f"测试产品 {template.id}"
        for assessment in cls.env["dealer.assessment"].search([]):
            assessment.name = assessment.name.replace("All Active Dealers", "全部合作经销商")

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


    def _latin_words(self, html):
        body = re.sub(r"(?s)<(script|style|template|svg)\b.*?</\1>|<!--.*?-->", " ", html)
        body = re.sub(r"(?s)<[^>]+>", " ", body)
        body = re.sub(r"&[a-z#0-9]+;", " ", body)
        return {word for word in re.findall(r"[A-Za-z][A-Za-z']{2,}", body) if word not in LATIN_OK}

    def test_portal_pages_have_no_english(self):
        """Every page of the portal an owner opens, in Chinese, shows no English word (data and brands aside)."""
        self.authenticate("pg_owner_a", "pg_owner_a")
        leftovers = {}
        for page in PAGES:
            response = self.url_open(page)
            self.assertEqual(response.status_code, 200, page)
            words = self._latin_words(response.text)
            if words:
                leftovers[page] = sorted(words)
        self.assertFalse(leftovers, f"English left on Chinese pages: {leftovers}")
