"""Dealer A's portal in Chinese: the base of the Chinese page tests of dealer_portal and its link modules."""
import re

from .common_pages import DealerPagesCase

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


class DealerChineseCase(DealerPagesCase):
    """Dealer A's users read the portal in Chinese, with every module's terms loaded as installing the language
    does; the link modules' Chinese tests build on it."""

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

    def _latin_words(self, html):
        body = re.sub(r"(?s)<(script|style|template|svg)\b.*?</\1>|<!--.*?-->", " ", html)
        body = re.sub(r"(?s)<[^>]+>", " ", body)
        body = re.sub(r"&[a-z#0-9]+;", " ", body)
        return {word for word in re.findall(r"[A-Za-z][A-Za-z']{2,}", body) if word not in LATIN_OK}

    def _assert_pages_chinese(self, pages):
        """Each of `pages`, opened by dealer A's owner in Chinese, shows no English word (data and brands aside)."""
        self.authenticate("pg_owner_a", "pg_owner_a")
        leftovers = {}
        for page in pages:
            response = self.url_open(page)
            self.assertEqual(response.status_code, 200, page)
            words = self._latin_words(response.text)
            if words:
                leftovers[page] = sorted(words)
        self.assertFalse(leftovers, f"English left on Chinese pages: {leftovers}")
