"""The go-live import (上线导入): a whole network loaded from one workbook through the back office's code paths,
refused as a whole with errors per row, updated (not duplicated) when loaded again, Dealer Managers only."""
import base64
import io
from datetime import date

import openpyxl
from stdnum.cn import uscc

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_management.wizard.dealer_import_cells import COLUMNS, SHEETS

from .common import CallKwMixin, DealerTestCommon


def credit_code(number):
    base17 = f"91330100MA2BMP{number:03d}"
    return base17 + uscc.calc_check_digit(base17)


def workbook(tables):
    """An XLSX file (bytes) with one sheet per table; the headers are the column keys, which the import reads
    as well as the labels."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for key, rows in tables.items():
        sheet = book.create_sheet(key)
        columns = [column for column, _label in COLUMNS[key]]
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


class DealerImportCommon(DealerTestCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhejiang.is_exclusive = True
        cls.term_30 = cls.env["account.payment.term"].create({"name": "Import 30 Days"})
        cls.stock_product = cls._create_product(name="Import Product", default_code="IMP-P1", type="consu")
        cls.year = date.today().year

    def network(self, **changes):
        """The tables of a small network: a distributor and its sub-dealer, two contacts, a contract with 12
        monthly targets and two rebate tiers, an opening stock count."""
        year = self.year
        tables = {
            "dealers": [
                {"code": "IMP-D1", "name": "导入总经销", "credit_code": credit_code(1), "city": "杭州市",
                 "province": "浙江", "grade": "Core", "territories": "T-ZJ", "status": "active",
                 "dealer_since": "2019-03-01", "credit_limit": 800000, "payment_terms": "Import 30 Days"},
                {"code": "IMP-D2", "name": "导入二级经销", "credit_code": credit_code(2), "grade": "T-REG",
                 "territories": "T-SZ", "parent_code": "IMP-D1", "status": "suspended"},
            ],
            "contacts": [
                {"dealer_code": "IMP-D1", "name": "王老板", "function": "总经理", "email": "boss@imp-d1.example.com",
                 "portal_access": "是"},
                {"dealer_code": "IMP-D1", "name": "李会计", "phone": "0571-1"},
            ],
            "contracts": [
                {"reference": "IMP-HT-1", "dealer_code": "IMP-D1", "date_start": f"{year}-01-01",
                 "date_end": f"{year}-12-31", "deposit_amount": 50000, "deposit_received": "yes",
                 "status": "active"},
            ],
            "targets": [
                {"contract_reference": "IMP-HT-1", "period": "month", "date_start": f"{year}-{month:02d}-01",
                 "amount": 10000 * month}
                for month in range(1, 13)
            ],
            "rebate_tiers": [
                {"contract_reference": "IMP-HT-1", "achievement_min": 80, "rebate_percent": 1},
                {"contract_reference": "IMP-HT-1", "achievement_min": 100, "rebate_percent": 2, "fixed_bonus": 5000},
            ],
            "stock": [{"dealer_code": "IMP-D1", "date": f"{year}-01-01", "product_code": "IMP-P1", "quantity": 7}],
        }
        for key, rows in changes.items():
            tables[key] = rows
        return tables

    def run_import(self, tables=None, user=None, content=None, filename="network.xlsx", **vals):
        env = self.env(user=user or self.dealer_manager, context=dict(self.env.context, lang="en_US"))
        wizard = env["dealer.import.wizard"].create({
            "file": base64.b64encode(content or workbook(tables or self.network())), "filename": filename, **vals,
        })
        wizard.action_import()
        return wizard

    def dealers(self, *codes):
        return self.Partner.with_context(active_test=False).search([("dealer_code", "in", codes)])


@tagged("post_install", "-at_install")
class TestImport(DealerImportCommon):

    def test_network_loaded_through_the_wizards_paths(self):
        wizard = self.run_import()
        self.assertEqual(wizard.state, "done", wizard.error_ids.mapped("message"))
        distributor, sub = self.dealers("IMP-D1"), self.dealers("IMP-D2")
        self.assertEqual((distributor.dealer_state, sub.dealer_state), ("active", "suspended"))
        self.assertEqual(distributor.vat, credit_code(1))
        self.assertEqual(distributor.dealer_grade_id, self.grade_core)
        self.assertEqual(distributor.dealer_since, date(2019, 3, 1))
        self.assertEqual(distributor.credit_limit, 800000)
        self.assertEqual(distributor.property_payment_term_id, self.term_30)
        self.assertEqual(distributor.state_id, self.state_zj)
        self.assertEqual(sub.parent_dealer_id, distributor)
        self.assertEqual(sub.dealer_territory_ids, self.suzhou)
        # the same history as the grade change and territory assignment wizards, with the import's reason
        self.assertEqual(distributor.dealer_grade_history_ids.reason, "Initial import")
        self.assertIn("Reason: Initial import", " ".join(distributor.message_ids.mapped("body")))
        self.assertIn("Parent distributor", " ".join(sub.message_ids.mapped("body")))
        boss = distributor.child_ids.filtered(lambda c: c.name == "王老板")
        self.assertTrue(boss.user_ids._is_portal())
        self.assertFalse(distributor.child_ids.filtered(lambda c: c.name == "李会计").user_ids)
        contract = self.env["dealer.contract"].search([("name", "=", "IMP-HT-1")])
        self.assertEqual((contract.state, contract.deposit_state), ("active", "received"))
        self.assertEqual(len(contract.target_ids), 12)
        self.assertEqual(contract.target_total, sum(10000 * month for month in range(1, 13)))
        self.assertEqual(contract.rebate_tier_ids.mapped("achievement_min"), [80, 100])
        report = self.env["dealer.stock.report"].search([("partner_id", "=", distributor.id)])
        self.assertEqual((report.state, report.line_ids.quantity), ("validated", 7))

    def test_contacts_get_what_odoos_own_sync_gives(self):
        """The import creates the contact persons in one batch without Odoo's per-contact sync: they hold what that
        sync gives a contact created under the dealer (commercial fields, the dealer's address, its language)."""
        wizard = self.run_import()
        self.assertEqual(wizard.state, "done", wizard.error_ids.mapped("message"))
        distributor = self.dealers("IMP-D1")
        imported = distributor.child_ids.filtered(lambda c: c.name == "李会计")
        through_odoo = self.Partner.create({"name": "Created by hand", "parent_id": distributor.id})
        fnames = [*self.Partner._commercial_fields(), *self.Partner._address_fields(), "lang",
                  "commercial_partner_id", "specific_property_product_pricelist"]
        self.assertEqual(imported.read(fnames)[0] | {"id": 0}, through_odoo.read(fnames)[0] | {"id": 0})
        self.assertEqual((imported.vat, imported.city, imported.property_payment_term_id),
                         (credit_code(1), "杭州市", self.term_30))

    def test_import_leaves_the_wizards_history_only(self):
        """No tracking values or creation logs for the records of a go-live file: the dealer's chatter holds the
        territory note, the contract's the deposit note, next to the grade history."""
        self.run_import()
        distributor = self.dealers("IMP-D1")
        self.assertEqual(len(distributor.message_ids), 1)
        self.assertIn("Reason: Initial import", distributor.message_ids.body)
        self.assertFalse(distributor.message_ids.tracking_value_ids)
        contract = self.env["dealer.contract"].search([("name", "=", "IMP-HT-1")])
        self.assertEqual(len(contract.message_ids), 1, contract.message_ids.mapped(
            lambda message: (message.body, message.tracking_value_ids.field_id.mapped("name"))))
        self.assertIn("Deposit payment", contract.message_ids.body)
        self.assertEqual(len(distributor.dealer_grade_history_ids), 1)

    def test_sub_dealer_of_a_refused_distributor_refused(self):
        """Dealers are loaded in batches; a batch with a refused row is loaded again row by row, so that the
        sub-dealer of a refused distributor names that refusal."""
        tables = self.network()
        tables["dealers"][0]["grade"] = "Platinum"
        wizard = self.run_import(tables)
        self.assertEqual(wizard.state, "refused")
        errors = {(error.row, error.column): error.message for error in wizard.error_ids.filtered(
            lambda error: error.sheet == "Dealers")}
        self.assertRegex(errors[(2, "Grade")], "No grade .* Platinum")
        self.assertRegex(errors[(3, "Parent distributor code")], "IMP-D1 is refused on the Dealers sheet")
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2"))
        self.assertFalse(self.env["dealer.grade.history"].search([("partner_id.name", "like", "导入")]))

    def test_second_import_updates_instead_of_duplicating(self):
        self.run_import()
        counts = self._counts()
        tables = self.network()
        tables["dealers"][0]["name"] = "导入总经销（更名）"
        tables["dealers"][1]["grade"] = "Core"
        wizard = self.run_import(tables)
        self.assertEqual(wizard.state, "done", wizard.error_ids.mapped("message"))
        self.assertEqual(self._counts(), counts)
        self.assertEqual(self.dealers("IMP-D1").name, "导入总经销（更名）")
        sub = self.dealers("IMP-D2")
        self.assertEqual(sub.dealer_grade_id, self.grade_core)
        self.assertEqual(sub.dealer_grade_history_ids.sorted("id")[-1].reason, "Initial import")

    def _counts(self):
        return (
            self.Partner.search_count([("dealer_code", "in", ("IMP-D1", "IMP-D2"))]),
            self.Partner.search_count([("parent_id.dealer_code", "=", "IMP-D1")]),
            self.env["res.users"].search_count([("partner_id.parent_id.dealer_code", "=", "IMP-D1")]),
            self.env["dealer.contract"].search_count([("name", "like", "IMP-HT-")]),
            self.env["dealer.contract.target"].search_count([("contract_id.name", "like", "IMP-HT-")]),
            self.env["dealer.stock.report"].search_count([("partner_id.dealer_code", "=", "IMP-D1")]),
        )

    def test_changed_terms_of_an_active_contract_refused(self):
        self.run_import()
        tables = self.network()
        tables["targets"][0]["amount"] = 1
        wizard = self.run_import(tables)
        self.assertEqual(wizard.state, "refused")
        self.assertRegex(wizard.error_ids.message, "IMP-HT-1 is Active.*Amend it")
        self.assertEqual(self.env["dealer.contract"].search([("name", "=", "IMP-HT-1")]).target_ids[0].amount, 10000)

    def test_bad_rows_refuse_the_whole_file_with_errors_per_row(self):
        tables = self.network()
        tables["dealers"].append({"code": "IMP-D3", "name": "Bad code", "credit_code": "91330100MA2BMP003A"})
        tables["dealers"].append({"code": "IMP-D4", "name": "Bad grade", "credit_code": credit_code(4),
                                  "grade": "Platinum", "dealer_since": "someday"})
        tables["targets"].append({"contract_reference": "IMP-HT-9", "date_start": f"{self.year}-01-15",
                                  "amount": "many"})
        wizard = self.run_import(tables)
        self.assertEqual(wizard.state, "refused")
        errors = {(error.sheet, error.row, error.column): error.message for error in wizard.error_ids}
        self.assertRegex(errors[("Dealers", 4, "Unified social credit code")], "not valid.*check character")
        self.assertRegex(errors[("Dealers", 5, "Grade")], "No grade .* Platinum")
        self.assertIn(("Targets", 14, "Period start"), errors)
        # nothing of the file stays written, not even the rows that were right
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2", "IMP-D3", "IMP-D4"))
        self.assertFalse(self.env["dealer.contract"].search([("name", "=", "IMP-HT-1")]))
        self.assertFalse(self.Partner.search([("email", "=", "boss@imp-d1.example.com")]))
        self.assertFalse(self.env["dealer.grade.history"].search([("partner_id.name", "like", "导入")]))

    def test_exclusive_territory_held_twice_refused(self):
        holder = self._create_dealer("Holder of Zhejiang", state="active", territories=self.zhejiang)
        wizard = self.run_import()
        self.assertEqual(wizard.state, "refused")
        self.assertRegex(" ".join(wizard.error_ids.mapped("message")), "exclusive and already held")
        self.assertEqual(self.zhejiang.dealer_ids, holder)
        self.assertFalse(self.dealers("IMP-D1"))

    def test_csv_table_with_chinese_headers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        env = self.env(user=self.dealer_manager, context=dict(self.env.context, lang="zh_CN"))
        wizard = env["dealer.import.wizard"].create({"csv_sheet": "dealers"})
        action = wizard.with_context(dealer_import_csv=True).action_download_template()
        self.assertIn("/template_file/", action["url"])
        header = base64.b64decode(wizard.template_file).decode("utf-8-sig").splitlines()[0]
        rows = [header, f"IMP-D1,CSV 经销商,{credit_code(1)}" + "," * (header.count(",") - 2)]
        wizard.write({"file": base64.b64encode("\n".join(rows).encode()), "filename": "dealers.csv"})
        wizard.action_import()
        self.assertEqual(wizard.state, "done", wizard.error_ids.mapped("message"))
        self.assertEqual(self.dealers("IMP-D1").dealer_state, "active")

    def test_xlsx_template_has_a_sheet_per_table(self):
        wizard = self.env(user=self.dealer_manager)["dealer.import.wizard"].with_context(lang="en_US").create({})
        wizard.action_download_template()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)), read_only=True)
        self.assertEqual(book.sheetnames, [str(label._source) for _key, label in SHEETS])
        self.assertEqual(next(book["Dealers"].iter_rows(values_only=True))[:3],
                         ("Dealer code", "Company name", "Unified social credit code"))


@tagged("post_install", "-at_install")
class TestImportSecurity(DealerImportCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Import Other Co"})
        cls.other_territory = cls.Territory.create({
            "name": "Other", "code": "T-OTHER", "level": "province", "company_id": cls.other_company.id,
        })
        cls.other_dealer = cls.Partner.sudo().create({
            "name": "Other company's dealer", "is_company": True, "is_dealer": True, "dealer_code": "IMP-D1",
            "company_id": cls.other_company.id,
        })

    def test_salesperson_cannot_import(self):
        for user in (self.salesman, self.dealer_user, self.contact_creator):
            with self.assertRaises(AccessError):
                self.run_import(user=user)
        self.assertEqual(self.dealers("IMP-D1", "IMP-D2"), self.other_dealer)
        self.assertFalse(self.env["dealer.contract"].search([("name", "=", "IMP-HT-1")]))

    def test_salesperson_cannot_run_a_managers_wizard(self):
        wizard = self.env(user=self.dealer_manager)["dealer.import.wizard"].create({
            "file": base64.b64encode(workbook(self.network())), "filename": "network.xlsx"})
        with self.assertRaises(AccessError):
            wizard.with_user(self.salesman).action_import()
        self.assertEqual(self.dealers("IMP-D1", "IMP-D2"), self.other_dealer)

    def test_result_fields_not_forged(self):
        env = self.env(user=self.dealer_manager)
        wizard = env["dealer.import.wizard"].with_context(default_state="done").create({"state": "done"})
        self.assertEqual(wizard.state, "draft")
        with self.assertRaises(AccessError):
            wizard.write({"state": "done"})

    def test_another_companys_dealer_not_touched(self):
        tables = self.network()
        wizard = self.run_import(tables)
        self.assertEqual(wizard.state, "refused")
        messages = " ".join(wizard.error_ids.mapped("message"))
        self.assertIn("Dealer code IMP-D1 belongs to a dealer of another company", messages)
        other = self.other_dealer.sudo()
        self.assertEqual((other.name, other.dealer_grade_id, other.dealer_state, other.dealer_territory_ids),
                         ("Other company's dealer", self.Grade, "prospect", self.Territory))

    def test_another_companys_territory_refused(self):
        self.other_dealer.sudo().write({"dealer_code": "IMP-OTHER"})
        tables = self.network()
        tables["dealers"][1]["territories"] = "T-SZ, T-OTHER"
        wizard = self.run_import(tables)
        self.assertEqual(wizard.state, "refused")
        error = wizard.error_ids
        self.assertEqual((error.sheet, error.row, error.column), ("Dealers", 3, "Territory codes"))
        self.assertIn("Territory T-OTHER belongs to another company", error.message)
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2"))
        self.assertFalse(self.other_territory.sudo().dealer_ids)

    def test_portal_user_refused(self):
        dealer = self._create_dealer("Portal import dealer", state="active")
        portal = self._create_portal_user(dealer, "imp_portal")
        with self.assertRaises(AccessError):
            self.run_import(user=portal)
        self.assertFalse(self.dealers("IMP-D2"))

    def test_wizard_tables_command_not_accepted_from_rpc(self):
        env = self.env(user=self.dealer_manager)
        wizard = env["dealer.import.wizard"].create({
            "error_ids": [Command.create({"message": "forged", "row": 1})]})
        self.assertFalse(wizard.error_ids)


@tagged("post_install", "-at_install")
class TestImportRpc(CallKwMixin, HttpCase, DealerImportCommon):
    """What a salesperson's or a dealer's browser can send to /web/dataset/call_kw."""

    def test_rpc_create_and_import_refused(self):
        dealer = self._create_dealer("RPC import dealer", state="active")
        self._create_portal_user(dealer, "imp_rpc_portal")
        file_vals = {"file": base64.b64encode(workbook(self.network())).decode(), "filename": "network.xlsx"}
        manager_wizard = self.env(user=self.dealer_manager)["dealer.import.wizard"].create(file_vals)
        self.env.flush_all()
        for login in (self.salesman.login, "imp_rpc_portal"):
            self.authenticate(login, login)
            _result, error = self._call_kw("dealer.import.wizard", "create", [file_vals])
            self.assertEqual(error["name"], "odoo.exceptions.AccessError", login)
            _result, error = self._call_kw("dealer.import.wizard", "action_import", [manager_wizard.ids])
            self.assertEqual(error["name"], "odoo.exceptions.AccessError", login)
            _result, error = self._call_kw("dealer.import.wizard", "_dealer_import_run", [manager_wizard.ids, {}])
            self.assertTrue(error, login)
        self.assertFalse(self.dealers("IMP-D1", "IMP-D2"))
        self.assertEqual(manager_wizard.state, "draft")
