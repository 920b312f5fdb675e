from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.dealer_portal_assessment import MOVED_PATTERNS, MOVED_XMLIDS, pre_init_hook

RELATION = "dealer_correction_line_attachment_rel"


@tagged("post_install", "-at_install")
class TestPreInitHook(TransactionCase):

    def _relation_module(self):
        self.env.cr.execute(SQL(
            "SELECT module.name FROM ir_model_relation relation"
            " JOIN ir_module_module module ON module.id = relation.module WHERE relation.name = %s", RELATION,
        ))
        return {name for (name,) in self.env.cr.fetchall()}

    def test_pre_init_hook_takes_over_the_records_of_an_older_database(self):
        """A database created while dealer_portal shipped the scorecard and correction plan pages: the hook hands
        their xml ids (access rights, rules, the answer fields and their many2many table, the views) over to this
        module, whose data then updates the same records; dealer_portal's own records stay with it."""
        Data = self.env["ir.model.data"]
        data = Data.search([("module", "=", "dealer_portal_assessment"), "|", ("name", "in", MOVED_XMLIDS),
                            ("name", "=like", MOVED_PATTERNS[0])])
        self.assertEqual(len(data), len(MOVED_XMLIDS) + 4, "the xml ids listed and the four answer fields")
        records = {(row.model, row.res_id) for row in data}
        # as such a database has them
        data.module = "dealer_portal"
        self.env.cr.execute(SQL(
            "UPDATE ir_model_relation SET module = (SELECT id FROM ir_module_module WHERE name = 'dealer_portal')"
            " WHERE name = %s", RELATION,
        ))
        own = Data.search([("module", "=", "dealer_portal")]) - data
        pre_init_hook(self.env)
        data.invalidate_recordset()
        self.assertEqual(set(data.mapped("module")), {"dealer_portal_assessment"})
        self.assertEqual({(row.model, row.res_id) for row in data}, records, "the same records")
        self.assertEqual(self._relation_module(), {"dealer_portal_assessment"})
        own.invalidate_recordset()
        self.assertEqual(set(own.mapped("module")), {"dealer_portal"}, "dealer_portal's own records stay")
        self.assertEqual(self.env.ref("dealer_portal_assessment.portal_my_scorecards")._name, "ir.ui.view")

    def test_pre_init_hook_on_a_fresh_database_moves_nothing(self):
        """Installed on a database that never had the pages in dealer_portal, the hook changes nothing."""
        before = self.env["ir.model.data"].search_count([("module", "=", "dealer_portal_assessment")])
        pre_init_hook(self.env)
        self.assertEqual(
            self.env["ir.model.data"].search_count([("module", "=", "dealer_portal_assessment")]), before)
        self.assertEqual(self._relation_module(), {"dealer_portal_assessment"})
